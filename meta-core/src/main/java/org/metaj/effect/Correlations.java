package org.metaj.effect;

import static org.metaj.effect.EffectSizes.num;
import org.metaj.data.EffectMeasure;

/**
 * Correlation measures added to COR and ZCOR: the bias-corrected correlation from {@code ri, ni}, and the partial
 * and semi-partial correlations of a regression from its t statistic {@code ti}, sample size {@code ni}, number of
 * predictors {@code mi} (besides the one of interest) and, for the semi-partial correlation, the model's
 * {@code r2i}. Single-study functions: {@code x} holds {@code r, n} (UCOR) or {@code t, n, m, R^2} (NaN where
 * not taken), {@code out} receives {@code yi, vi}. {@code 2F1} is Gauss's hypergeometric function
 * ({@link #hypergeometric2F1(double, double, double, double)}).
 *
 * <ul>
 * <li><b>UCOR</b>: {@code yi = r 2F1(1/2, 1/2; (n-2)/2; 1 - r^2)} (defined for {@code n > 4}: a study with
 * {@code n <= 4} is left out with a note, as metafor gives it a missing value); LS
 * {@code vi = (1 - yi^2)^2/(n - 1)}; UB {@code vi = yi^2 - (1 - (n-3)/(n-2) (1 - r^2) 2F1(1, 1; n/2; 1 - r^2))}.
 * AV {@code vi = (1 - ybar^2)^2/(n - 1)} with {@code ybar} the mean of the {@code yi} weighted by {@code n} (so
 * for PCOR and SPCOR: {@code ybar} in place of {@code yi} in the LS variance).
 * Olkin &amp; Pratt (1958), Ann. Math. Stat. 29:201-211, eq. 2.3 and 3.2 (the unique minimum-variance unbiased
 * estimator of rho and of its variance).</li>
 * <li><b>PCOR</b>: {@code df = n - m - 1}, {@code yi = t/sqrt(t^2 + df)}, LS {@code vi = (1 - yi^2)^2/df};
 * <b>ZPCOR</b>: {@code yi = atanh(t/sqrt(t^2 + df))}, {@code vi = 1/df}. Aloe &amp; Becker (2012), J. Educ.
 * Behav. Stat. 37:278-297; Aloe &amp; Thompson (2013), J. Soc. Soc. Work Res. 4:390-405.</li>
 * <li><b>SPCOR</b>: {@code yi = t sqrt(1 - R^2)/sqrt(df)},
 * LS {@code vi = (R^4 - 2R^2 + (R^2 - yi^2) + 1 - (R^2 - yi^2)^2)/n}. Aloe &amp; Becker (2012), eq. 8 and 12.</li>
 * </ul>
 */
final class Correlations {
    /** The input order of {@code x} for UCOR. */
    static final String[] CORRELATION = {"ri", "ni"};
    /** The input order of {@code x} for the partial correlations. */
    static final String[] PARTIAL = {"ti", "ni", "mi", "r2i"};
    private static final int MAX_TERMS = 10_000_000;

    private Correlations() {
    }

    /** @return the first problem with the inputs of one study, or {@code null} */
    static Invalid check(EffectMeasure m, double[] x) {
        if (m == EffectMeasure.UCOR) {
            if (x[0] < -1 || x[0] > 1) {
                return new Invalid("ri", "correlation must lie in [-1, 1], got " + num(x[0]));
            }
            if (!(x[1] > 0)) {
                return new Invalid("ni", "sample size must be > 0, got " + num(x[1]));
            }
            return null;
        }
        if (!(x[1] > 0)) {
            return new Invalid("ni", "sample size must be > 0, got " + num(x[1]));
        }
        if (x[2] < 0) {
            return new Invalid("mi", "number of predictors must be >= 0, got " + num(x[2]));
        }
        if (!(x[1] - x[2] - 1 > 0)) {
            return new Invalid("mi", "degrees of freedom ni - mi - 1 must be > 0, got " + num(x[1] - x[2] - 1));
        }
        if (m == EffectMeasure.SPCOR && (x[3] < 0 || x[3] > 1)) {
            return new Invalid("r2i", "R^2 must lie in [0, 1], got " + num(x[3]));
        }
        return null;
    }

    static void ucor(double[] x, VarianceType vt, double avg, double[] out) {
        double r = x[0], n = x[1];
        double z = 1 - r * r;
        double y = r * hypergeometric2F1(0.5, 0.5, (n - 2) / 2, z);
        out[0] = y;
        out[2] = y;
        out[3] = n;
        if (vt == VarianceType.UB) {
            out[1] = y * y - (1 - (n - 3) / (n - 2) * z * hypergeometric2F1(1, 1, n / 2, z));
        } else if (vt == VarianceType.AV) {
            out[1] = (1 - avg * avg) * (1 - avg * avg) / (n - 1);
        } else {
            out[1] = (1 - y * y) * (1 - y * y) / (n - 1);
        }
    }

    private static double partial(double[] x) {
        double t = x[0], df = x[1] - x[2] - 1;
        return t / Math.sqrt(t * t + df);
    }

    static void pcor(double[] x, VarianceType vt, double avg, double[] out) {
        double y = partial(x);
        double s = vt == VarianceType.AV ? avg : y;
        out[0] = y;
        out[1] = (1 - s * s) * (1 - s * s) / (x[1] - x[2] - 1);
        out[2] = y;
        out[3] = x[1];
    }

    static void zpcor(double[] x, VarianceType vt, double avg, double[] out) {
        double y = partial(x);
        out[0] = 0.5 * Math.log((1 + y) / (1 - y));
        out[1] = 1 / (x[1] - x[2] - 1);
    }

    static void spcor(double[] x, VarianceType vt, double avg, double[] out) {
        double t = x[0], n = x[1], r2 = x[3];
        double y = t * Math.sqrt(1 - r2) / Math.sqrt(n - x[2] - 1);
        double u = r2 - (vt == VarianceType.AV ? avg * avg : y * y);
        out[0] = y;
        out[1] = (r2 * r2 - 2 * r2 + u + 1 - u * u) / n;
        out[2] = y;
        out[3] = n;
    }

    /**
     * Gauss's hypergeometric function {@code 2F1(a, b; c; z) = sum_k (a)_k (b)_k / ((c)_k k!) z^k} by its power
     * series, for {@code 0 <= z <= 1} with {@code a, b > 0} and {@code c > a + b} (the series then converges at
     * {@code z = 1} too, Gauss's theorem; Abramowitz &amp; Stegun 15.1.1 and 15.1.20). Summed until a term no longer
     * changes the sum. The terms are positive, so there is no cancellation; near {@code z = 1} with {@code c} close
     * to {@code a + b} the series converges slowly (the term count is capped at ten million).
     *
     * @return the function value, NaN outside that domain
     */
    static double hypergeometric2F1(double a, double b, double c, double z) {
        if (!(z >= 0 && z <= 1 && a > 0 && b > 0 && c > a + b)) {
            return Double.NaN;
        }
        double sum = 1;
        double term = 1;
        for (int k = 0; k < MAX_TERMS; k++) {
            term *= (a + k) * (b + k) / ((c + k) * (k + 1)) * z;
            double next = sum + term;
            if (next == sum) {
                return sum;
            }
            sum = next;
        }
        return sum;
    }
}
