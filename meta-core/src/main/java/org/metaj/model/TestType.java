package org.metaj.model;

import java.util.Locale;

/** The test and interval of the pooled estimate. */
public enum TestType {
    /** Wald-type test against the standard normal distribution. */
    Z,
    /**
     * Knapp-Hartung: the variance scaled by {@code Q(tau^2)/(k-p)} and a t distribution with {@code k-p} degrees
     * of freedom (Hartung &amp; Knapp 2001, Stat Med 20:3875; Sidik &amp; Jonkman 2002, Stat Med 21:3153).
     */
    KNHA;

    /**
     * @param name "z", "knha" (also "t", "hksj"), case-insensitive
     * @return the test
     */
    public static TestType parse(String name) {
        if (name != null) {
            switch (name.trim().toLowerCase(Locale.ROOT)) {
                case "z":
                    return Z;
                case "knha":
                case "t":
                case "hksj":
                    return KNHA;
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("unknown test '" + name + "'; expected z or knha");
    }
}
