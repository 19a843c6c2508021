package org.metaj.resample;

import java.util.EnumMap;
import java.util.Map;

/**
 * Leave-one-out values of each {@link Statistic} with their jackknife SE and bias (see {@link Jackknife}).
 * Immutable.
 */
public final class JackknifeResult {
    private final Map<Statistic, double[]> values = new EnumMap<>(Statistic.class);
    private final Map<Statistic, double[]> summary = new EnumMap<>(Statistic.class);
    private final int failed;
    private final int k;

    JackknifeResult(Spec s, double[][] loo) {
        this.k = s.k;
        int f = 0;
        for (int i = 0; i < k; i++) {
            if (Double.isNaN(loo[Statistic.ESTIMATE.ordinal()][i])) {
                f++;
            }
        }
        this.failed = f;
        for (Statistic st : Statistic.values()) {
            double[] t = loo[st.ordinal()];
            values.put(st, t.clone());
            double mean = 0;
            int n = 0;
            for (double x : t) {
                if (!Double.isNaN(x)) {
                    mean += x;
                    n++;
                }
            }
            mean = n > 0 ? mean / n : Double.NaN;
            double ss = 0;
            for (double x : t) {
                if (!Double.isNaN(x)) {
                    ss += (x - mean) * (x - mean);
                }
            }
            double se = n > 1 ? Math.sqrt((n - 1.0) / n * ss) : Double.NaN;
            double bias = (n - 1.0) * (mean - s.observed[st.ordinal()]);
            summary.put(st, new double[] {s.observed[st.ordinal()], mean, se, bias});
        }
    }

    /** @return number of studies (leave-one-out fits) */
    public int k() {
        return k;
    }

    /** @return number of leave-one-out fits that failed or did not converge (their values are NaN) */
    public int failed() {
        return failed;
    }

    /** @return a copy of the k leave-one-out values; NaN where the fit failed */
    public double[] values(Statistic s) {
        return values.get(s).clone();
    }

    /** @return the full-data value */
    public double observed(Statistic s) {
        return summary.get(s)[0];
    }

    /** @return the mean of the successful leave-one-out values */
    public double mean(Statistic s) {
        return summary.get(s)[1];
    }

    /** @return the jackknife standard error */
    public double se(Statistic s) {
        return summary.get(s)[2];
    }

    /** @return the jackknife estimate of bias */
    public double bias(Statistic s) {
        return summary.get(s)[3];
    }
}
