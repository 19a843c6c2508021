package org.metaj.sensitivity;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.metaj.data.StudyData;
import org.metaj.fit.Refitter;
import org.metaj.model.MetaAnalysis;
import org.metaj.model.MetaResult;
import org.metaj.model.Method;

/**
 * Refits the intercept-only model of a {@link MetaResult} on subsets of its studies, with the same specification
 * (method, test, level, control, non-convergence policy), through the one refit path {@link Refitter}: one
 * workspace is reused for every refit; the data are neither re-parsed nor re-validated. The
 * Mantel-Haenszel and Peto methods have no kernel path; their subsets are refitted through
 * {@link MetaAnalysis#fit} (which recomputes the pooled tables of the subset).
 *
 * <p>Every refit computes the figures of {@link MetaAnalysis}: the estimate {@code b = sum w y / sum w},
 * {@code w = 1/(v + tau^2)}, its variance {@code 1/sum w} (times {@code Q(tau^2)/(k-1)} under Knapp-Hartung,
 * Knapp &amp; Hartung 2003), the z or t(k-1) test and interval, Cochran's Q, I^2 and H^2 (Higgins &amp; Thompson
 * 2002). A subset of one study reports that study with tau^2 = 0, Q = 0, I^2 = 0 and H^2 = 1.
 *
 * <p>Not thread-safe (it owns the workspace); create one per thread.
 */
public final class SubsetFitter {
    private final MetaResult model;
    private final MetaAnalysis spec;
    private final StudyData data;
    private final boolean kernelPath;
    private final Refitter refitter;
    private final double[] yi;
    private final double[] vi;
    private final List<String> warnings = new ArrayList<>();

    /** Figures of the last refit (plain fields, overwritten by each call). */
    public double estimate;
    /** standard error of the last refit. */
    public double se;
    /** z or t statistic. */
    public double statistic;
    /** two-sided p-value. */
    public double pval;
    /** confidence bounds. */
    public double ciLb;
    /** upper confidence bound. */
    public double ciUb;
    /** tau^2. */
    public double tau2;
    /** Cochran's Q (common-effect weights). */
    public double q;
    /** p-value of Q. */
    public double qPval;
    /** I^2 in percent. */
    public double i2;
    /** H^2. */
    public double h2;
    /** Knapp-Hartung scale {@code Q(tau^2)/(k-1)} (1 under the z test). */
    public double scale;
    /** sum of the random-effects weights of the subset. */
    public double sumW;
    /** number of studies of the last refit. */
    public int k;

    /**
     * @param model the fitted model whose specification (method, test, level, control, non-convergence policy)
     *              and data are refitted
     */
    public SubsetFitter(MetaResult model) {
        this.model = model;
        this.spec = model.spec();
        this.data = model.data();
        Method m = spec.method();
        this.kernelPath = m != Method.MH && m != Method.PETO;
        this.yi = data.yi();
        this.vi = data.vi();
        this.refitter = kernelPath ? new Refitter(spec.fitSpec(), model.tau2(), Math.max(1, data.k()), 1) : null;
    }

    /** @return the model refitted */
    public MetaResult model() {
        return model;
    }

    /** @return whether refits go through the kernel (false for Mantel-Haenszel and Peto) */
    public boolean kernelPath() {
        return kernelPath;
    }

    /** @return warnings raised by the refits so far (non-convergence), in order */
    public List<String> warnings() {
        if (refitter != null) {
            List<String> all = new ArrayList<>(refitter.warnings());
            all.addAll(warnings);
            return Collections.unmodifiableList(all);
        }
        return Collections.unmodifiableList(warnings);
    }

    /**
     * Refits on the studies {@code idx[0..n-1]} (indices into the model's data).
     *
     * @param idx study indices (not modified)
     * @param n   how many to take
     * @param what a description for warnings, e.g. "without study 3"
     * @return true if the fit succeeded; false leaves every figure NaN
     */
    public boolean fit(int[] idx, int n, String what) {
        if (n < 1) {
            throw new IllegalArgumentException("a refit needs at least one study, got " + n);
        }
        k = n;
        if (!kernelPath) {
            return fitFriendly(idx, n, what);
        }
        boolean ok = refitter.fitSubset(yi, vi, idx, n, what);
        Refitter r = refitter;
        tau2 = r.tau2;
        estimate = r.estimate;
        se = r.se;
        scale = r.scale;
        sumW = r.sumW;
        statistic = r.statistic;
        pval = r.pval;
        ciLb = r.ciLb;
        ciUb = r.ciUb;
        q = r.q;
        qPval = r.qPval;
        i2 = r.i2;
        h2 = r.h2;
        return ok;
    }

    private boolean fitFriendly(int[] idx, int n, String what) {
        int[] keep = java.util.Arrays.copyOf(idx, n);
        MetaResult r;
        try {
            r = spec.fit(data.subset(keep));
        } catch (IllegalArgumentException e) {
            warnings.add("refit " + what + " failed: " + e.getMessage());
            clear();
            return false;
        }
        estimate = r.estimate();
        se = r.se();
        statistic = r.statistic();
        pval = r.pval();
        ciLb = r.ciLb();
        ciUb = r.ciUb();
        tau2 = r.tau2();
        q = r.q();
        qPval = r.qPval();
        i2 = r.i2();
        h2 = r.h2();
        scale = 1;
        sumW = Double.NaN;
        return true;
    }

    private void clear() {
        estimate = se = statistic = pval = ciLb = ciUb = tau2 = q = qPval = i2 = h2 = scale = sumW = Double.NaN;
    }
}
