package org.metaj.sensitivity;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.metaj.model.MetaResult;

/**
 * Leave-one-out sensitivity analysis: the model of a {@link MetaResult} refitted k times, each time without one
 * study, with the same specification (method, test, level), as metafor's {@code leave1out()}. Refits go through
 * {@link SubsetFitter} (one kernel workspace for all k fits). Immutable.
 *
 * <p>Figures ({@link #figures()}): {@code leave1out_estimate leave1out_se leave1out_pval leave1out_ci_lb
 * leave1out_ci_ub leave1out_tau2 leave1out_I2 leave1out_H2 leave1out_Q leave1out_Q_pval}, arrays with one entry
 * per left-out study, in the order of the data.
 */
public final class LeaveOneOut {
    private final String[] labels;
    private final RefitSeries s;
    private final List<String> warnings;

    private LeaveOneOut(int k, String[] labels) {
        this.labels = labels;
        s = new RefitSeries(k);
        warnings = new ArrayList<>();
    }

    /**
     * @param model a fitted intercept-only model with k >= 2 studies
     * @return the k leave-one-out fits
     */
    public static LeaveOneOut of(MetaResult model) {
        int k = model.k();
        if (k < 2) {
            throw new IllegalArgumentException("leave-one-out needs at least 2 studies, got k = " + k);
        }
        SubsetFitter f = new SubsetFitter(model);
        LeaveOneOut r = new LeaveOneOut(k, model.data().labels());
        int[] idx = new int[k];
        for (int i = 0; i < k; i++) {
            int n = 0;
            for (int j = 0; j < k; j++) {
                if (j != i) {
                    idx[n++] = j;
                }
            }
            f.fit(idx, n, "without study " + (i + 1));
            r.s.record(i, f);
        }
        r.warnings.addAll(f.warnings());
        return r;
    }

    /** @return number of studies (fits) */
    public int k() {
        return s.size();
    }

    /** @return the estimates without each study */
    public double[] estimate() {
        return s.estimate.clone();
    }

    /** @return their standard errors */
    public double[] se() {
        return s.se.clone();
    }

    /** @return the z or t statistics */
    public double[] statistic() {
        return s.statistic.clone();
    }

    /** @return the p-values */
    public double[] pval() {
        return s.pval.clone();
    }

    /** @return lower confidence bounds */
    public double[] ciLb() {
        return s.ciLb.clone();
    }

    /** @return upper confidence bounds */
    public double[] ciUb() {
        return s.ciUb.clone();
    }

    /** @return tau^2 without each study */
    public double[] tau2() {
        return s.tau2.clone();
    }

    /** @return I^2 (percent) without each study */
    public double[] i2() {
        return s.i2.clone();
    }

    /** @return H^2 without each study */
    public double[] h2() {
        return s.h2.clone();
    }

    /** @return Q without each study */
    public double[] q() {
        return s.q.clone();
    }

    /** @return p-values of Q */
    public double[] qPval() {
        return s.qPval.clone();
    }

    /** @return warnings of the refits */
    public List<String> warnings() {
        return Collections.unmodifiableList(warnings);
    }

    /** @return the contract figures (double[] arrays) */
    public Map<String, Object> figures() {
        return s.figures("leave1out");
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Leave-one-out analysis\n\n");
        sb.append(String.format(Locale.ROOT, "%-24s %10s %9s %9s %9s %9s %9s %8s %9s%n", "omitted", "estimate",
                "se", "pval", "ci.lb", "ci.ub", "tau2", "I2", "Q"));
        for (int i = 0; i < k(); i++) {
            sb.append(String.format(Locale.ROOT, "%-24s %10.4f %9.4f %9.4f %9.4f %9.4f %9.4f %8.2f %9.4f%n",
                    Text.clip(labels[i], 24), s.estimate[i], s.se[i], s.pval[i], s.ciLb[i], s.ciUb[i], s.tau2[i],
                    s.i2[i], s.q[i]));
        }
        for (String w : warnings) {
            sb.append("Warning: ").append(w).append('\n');
        }
        return sb.toString();
    }
}
