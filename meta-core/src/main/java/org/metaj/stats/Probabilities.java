package org.metaj.stats;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.distribution.FDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Erf;
import org.apache.commons.math3.special.Gamma;

/**
 * Tail probabilities and quantiles from commons-math, computed so that small p-values keep their relative
 * precision: upper tails come from {@code erfc}, the regularised incomplete gamma {@code Q} and the regularised
 * incomplete beta function directly, never as {@code 1 - cdf}. Quantiles are solved to 1e-14.
 */
public final class Probabilities {
    private static final double ACCURACY = 1e-14;
    private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1, ACCURACY);

    private Probabilities() {
    }

    /** @return two-sided p-value {@code 2 P(Z > |z|)} of a standard normal statistic */
    public static double normalTwoSided(double z) {
        if (Double.isNaN(z)) {
            return Double.NaN;
        }
        return Erf.erfc(Math.abs(z) / Math.sqrt(2.0));
    }

    /** @return two-sided p-value {@code 2 P(T > |t|)} for t with {@code df} degrees of freedom */
    public static double tTwoSided(double t, double df) {
        if (Double.isNaN(t) || !(df > 0)) {
            return Double.NaN;
        }
        if (Double.isInfinite(t)) {
            return 0.0;
        }
        return Beta.regularizedBeta(df / (df + t * t), df / 2.0, 0.5);
    }

    /** @return upper tail {@code P(X > x)} of the chi-square distribution with {@code df} degrees of freedom */
    public static double chiSquareUpper(double x, double df) {
        if (Double.isNaN(x) || !(df > 0)) {
            return Double.NaN;
        }
        if (x <= 0) {
            return 1.0;
        }
        return Gamma.regularizedGammaQ(df / 2.0, x / 2.0);
    }

    /** @return upper tail {@code P(F > f)} of the F distribution */
    public static double fUpper(double f, double df1, double df2) {
        if (Double.isNaN(f) || !(df1 > 0) || !(df2 > 0)) {
            return Double.NaN;
        }
        if (f <= 0) {
            return 1.0;
        }
        return Beta.regularizedBeta(df2 / (df2 + df1 * f), df2 / 2.0, df1 / 2.0);
    }

    /** @return the standard normal quantile */
    public static double normalQuantile(double p) {
        return NORMAL.inverseCumulativeProbability(p);
    }

    /** @return the quantile of the t distribution */
    public static double tQuantile(double p, double df) {
        return new TDistribution(null, df, ACCURACY).inverseCumulativeProbability(p);
    }

    /** @return the quantile of the chi-square distribution */
    public static double chiSquareQuantile(double p, double df) {
        return new ChiSquaredDistribution(null, df, ACCURACY).inverseCumulativeProbability(p);
    }

    /** @return the quantile of the F distribution */
    public static double fQuantile(double p, double df1, double df2) {
        return new FDistribution(null, df1, df2, ACCURACY).inverseCumulativeProbability(p);
    }

    /** @return the standard normal distribution function */
    public static double normalCdf(double z) {
        return z < 0 ? 0.5 * Erf.erfc(-z / Math.sqrt(2.0)) : 1 - 0.5 * Erf.erfc(z / Math.sqrt(2.0));
    }
}
