package org.metaj.resample;

/**
 * Bootstrap confidence interval types (Efron &amp; Tibshirani 1993, An Introduction to the Bootstrap, ch. 12-14;
 * Davison &amp; Hinkley 1997, Bootstrap Methods and their Application, section 5.2-5.3). With {@code theta} the
 * observed value, {@code theta*} the replicates, {@code q(p)} their sample quantile and {@code alpha = 1 - level}:
 */
public enum IntervalType {
    /** {@code [q(alpha/2), q(1 - alpha/2)]} (Efron &amp; Tibshirani 1993, eq. 13.5). */
    PERCENTILE,
    /** basic (reverse percentile): {@code [2 theta - q(1 - alpha/2), 2 theta - q(alpha/2)]} (Davison &amp; Hinkley
     * 1997, eq. 5.6). */
    BASIC,
    /** bias-corrected normal: {@code theta - bias -/+ z_{1-alpha/2} se*} (Davison &amp; Hinkley 1997, eq. 5.5). */
    NORMAL,
    /** bias-corrected and accelerated, acceleration from the jackknife (Efron 1987, J Am Stat Assoc 82:171;
     * Efron &amp; Tibshirani 1993, eq. 14.9-14.15). */
    BCA;

    /**
     * @param name "percentile", "basic", "normal" or "bca" (case-insensitive)
     * @return the type
     */
    public static IntervalType parse(String name) {
        if (name != null) {
            switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "percentile":
                case "perc":
                    return PERCENTILE;
                case "basic":
                    return BASIC;
                case "normal":
                case "norm":
                    return NORMAL;
                case "bca":
                    return BCA;
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("unknown bootstrap interval type '" + name
                + "'; expected one of percentile, basic, normal, bca");
    }
}
