package org.metaj.sensitivity;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The per-refit summaries of a series of {@link SubsetFitter} fits (one entry per refit), shared by
 * {@link LeaveOneOut} and {@link Cumulative}: the arrays, filling them from the fitter, and the contract figures
 * ({@code <prefix>_estimate _se _pval _ci_lb _ci_ub _tau2 _I2 _H2 _Q _Q_pval}). Filled once by its owner, then read only.
 */
final class RefitSeries {
    final double[] estimate;
    final double[] se;
    final double[] statistic;
    final double[] pval;
    final double[] ciLb;
    final double[] ciUb;
    final double[] tau2;
    final double[] i2;
    final double[] h2;
    final double[] q;
    final double[] qPval;

    RefitSeries(int n) {
        estimate = new double[n];
        se = new double[n];
        statistic = new double[n];
        pval = new double[n];
        ciLb = new double[n];
        ciUb = new double[n];
        tau2 = new double[n];
        i2 = new double[n];
        h2 = new double[n];
        q = new double[n];
        qPval = new double[n];
    }

    /** @return the number of refits */
    int size() {
        return estimate.length;
    }

    /** Stores the fitter's current fit as entry {@code j}. */
    void record(int j, SubsetFitter f) {
        estimate[j] = f.estimate;
        se[j] = f.se;
        statistic[j] = f.statistic;
        pval[j] = f.pval;
        ciLb[j] = f.ciLb;
        ciUb[j] = f.ciUb;
        tau2[j] = f.tau2;
        i2[j] = f.i2;
        h2[j] = f.h2;
        q[j] = f.q;
        qPval[j] = f.qPval;
    }

    /** @return the contract figures (copies of the arrays) under keys {@code prefix + "_estimate"} etc. */
    Map<String, Object> figures(String prefix) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put(prefix + "_estimate", estimate.clone());
        f.put(prefix + "_se", se.clone());
        f.put(prefix + "_pval", pval.clone());
        f.put(prefix + "_ci_lb", ciLb.clone());
        f.put(prefix + "_ci_ub", ciUb.clone());
        f.put(prefix + "_tau2", tau2.clone());
        f.put(prefix + "_I2", i2.clone());
        f.put(prefix + "_H2", h2.clone());
        f.put(prefix + "_Q", q.clone());
        f.put(prefix + "_Q_pval", qPval.clone());
        return f;
    }
}
