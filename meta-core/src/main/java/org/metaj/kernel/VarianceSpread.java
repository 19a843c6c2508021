package org.metaj.kernel;

import java.util.Locale;

/**
 * The spread of the sampling variances of a fit, {@code max v / min v}, and the warning a user should see when it
 * is extreme. Weights {@code 1/v} that differ by more than about 1e7 make the weighted sums of a fit depend on
 * few studies; metaj's own sums are arranged to stay accurate there (e.g. the dominated-study form of Q in
 * {@link FitWorkspace}), but the user should know that one study carries (almost) all the weight, and other
 * software may not cope: metafor 3.8-1 warns from the same ratio ({@code 1 / evtol}, {@code evtol = 1e-7} in
 * {@code rma.uni}) and, on such data, reports e.g. Cochran's Q with a relative error of 0.7.
 */
public final class VarianceSpread {
    /** the ratio from which the warning is given (metafor's default {@code 1 / evtol}). */
    public static final double WARN_RATIO = 1e7;

    private VarianceSpread() {
    }

    /**
     * @param v sampling variances (not modified)
     * @param k number of studies to read from the front of {@code v}
     * @return {@code max v / min v}; NaN if a variance is not positive and finite (such data are refused elsewhere)
     */
    public static double ratio(double[] v, int k) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (int i = 0; i < k; i++) {
            double vi = v[i];
            if (!(vi > 0) || vi == Double.POSITIVE_INFINITY) {
                return Double.NaN;
            }
            lo = Math.min(lo, vi);
            hi = Math.max(hi, vi);
        }
        return hi / lo;
    }

    /**
     * @param v sampling variances (not modified)
     * @param k number of studies
     * @return a one-line warning when {@link #ratio} is at least {@link #WARN_RATIO}, otherwise null
     */
    public static String warning(double[] v, int k) {
        double r = ratio(v, k);
        if (!(r >= WARN_RATIO)) {
            return null;
        }
        return String.format(Locale.ROOT, "the largest sampling variance is %.3g times the smallest (above %.0e): "
                + "the studies with the smallest variances carry almost all the weight, and results are sensitive "
                + "to their values; check those variances", r, WARN_RATIO);
    }
}
