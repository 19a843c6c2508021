package org.metaj.fit;

import org.metaj.stats.Probabilities;

/**
 * The inference of a fitted coefficient, written once: for an estimate {@code b} with standard error {@code se}
 * (from {@code (X'WX)^-1}, Knapp-Hartung scaled by {@code Q(tau^2)/(k-p)} under that test: Knapp &amp; Hartung
 * 2003, Stat Med 22:2693), the statistic {@code b/se}, its two-sided p-value from the normal or from the t
 * distribution on {@code k - p} degrees of freedom, the confidence interval {@code b +/- c se} and the
 * prediction interval {@code b +/- c sqrt(se^2 + tau^2)} with the same critical value {@code c} (Higgins,
 * Thompson &amp; Spiegelhalter 2009, J R Stat Soc A 172:137, as metafor computes it). Every analysis reads its
 * intervals from here (or from a result built here); none recomputes a critical value. Allocation-free.
 */
public final class Inference {
    private Inference() {
    }

    /**
     * @param knha  t (true) or normal
     * @param level confidence level in (0, 1)
     * @param df    degrees of freedom of the t distribution (ignored for the normal)
     * @return the two-sided critical value {@code q(1 - (1 - level)/2)}
     */
    public static double critical(boolean knha, double level, double df) {
        double a = 1 - (1 - level) / 2;
        return knha ? Probabilities.tQuantile(a, df) : Probabilities.normalQuantile(a);
    }

    /**
     * @param knha t (true) or normal
     * @param stat the statistic
     * @param df   degrees of freedom of the t distribution (ignored for the normal)
     * @return the two-sided p-value
     */
    public static double pValue(boolean knha, double stat, double df) {
        return knha ? Probabilities.tTwoSided(stat, df) : Probabilities.normalTwoSided(stat);
    }

    /**
     * Whether the Q-profile lower bound of τ² (Viechtbauer 2007, Stat Med 26:37) is above 0: the generalised Q at
     * τ² = 0, which is Cochran's {@code QE}, exceeds the {@code 1 - alpha/2} chi-square quantile on {@code df}.
     * A likelihood fit that ends at τ² = 0 while this holds sits at a boundary maximum that the data's
     * heterogeneity argues against; it is reported in a warning.
     *
     * @param qe    Cochran's QE (common-effect weights)
     * @param df    its degrees of freedom, k - p
     * @param level confidence level in (0, 1)
     * @return true if the lower bound is above 0
     */
    public static boolean qProfileLowerAboveZero(double qe, int df, double level) {
        return df >= 1 && qe > Probabilities.chiSquareQuantile(1 - (1 - level) / 2, df);
    }
}
