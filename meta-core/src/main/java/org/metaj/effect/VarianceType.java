package org.metaj.effect;

import java.util.Arrays;
import java.util.Locale;

/**
 * The kinds of sampling variance metafor's {@code escalc} offers through {@code vtype}. Which ones a measure takes is
 * registered in {@link MeasureRegistry}; each family's Javadoc gives the formula of each kind.
 */
public enum VarianceType {
    /** Large-sample approximation (the default of every measure). */
    LS("large-sample approximation"),
    /** A second large-sample approximation (e.g. the estimate before its bias correction inside the variance). */
    LS2("second large-sample approximation"),
    /** Unbiased estimate. */
    UB("unbiased estimate"),
    /** Homoscedastic: equal variances in the two groups assumed. */
    HO("homoscedastic (equal variances assumed)"),
    /** Stratified sampling: group sizes fixed by design. */
    ST("stratified sampling (group sizes fixed)"),
    /** Cross-sectional sampling: only the total sample size fixed. */
    CS("cross-sectional sampling (total fixed)"),
    /** Computed from the sample-size weighted average of the estimates over the studies. */
    AV("from the sample-size weighted average effect"),
    /** Homoscedastic and averaged. */
    AVHO("homoscedastic, from the averaged coefficients of variation");

    private final String description;

    VarianceType(String description) {
        this.description = description;
    }

    /** @return a short description */
    public String description() {
        return description;
    }

    /**
     * @param name a variance type name, case-insensitive
     * @return the type
     * @throws IllegalArgumentException naming the accepted values
     */
    public static VarianceType parse(String name) {
        if (name != null) {
            for (VarianceType v : values()) {
                if (v.name().equalsIgnoreCase(name.trim())) {
                    return v;
                }
            }
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT, "unknown vtype '%s'; expected one of %s", name,
                Arrays.toString(values())));
    }
}
