package org.metaj.data;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The effect measures of metafor's {@code escalc}, with the input columns each one takes (metafor's names).
 * The variance formulas and their sources are documented on {@code org.metaj.effect.EffectSizes} (escalc); the measure lives with the data it describes, so that {@code data} depends on no other package.
 */
public enum EffectMeasure {
    /** Raw mean difference {@code m1i - m2i}. */
    MD("mean difference", false, List.of(List.of("m1i", "sd1i", "n1i", "m2i", "sd2i", "n2i"))),
    /** Standardised mean difference, Hedges' g with the exact small-sample correction. */
    SMD("standardised mean difference (Hedges' g)", false,
            List.of(List.of("m1i", "sd1i", "n1i", "m2i", "sd2i", "n2i"))),
    /** Log ratio of means. */
    ROM("log ratio of means", true, List.of(List.of("m1i", "sd1i", "n1i", "m2i", "sd2i", "n2i"))),
    /** Log odds ratio. */
    OR("log odds ratio", true, List.of(List.of("ai", "bi", "ci", "di"), List.of("ai", "n1i", "ci", "n2i"))),
    /** Log risk ratio. */
    RR("log risk ratio", true, List.of(List.of("ai", "bi", "ci", "di"), List.of("ai", "n1i", "ci", "n2i"))),
    /** Risk difference. */
    RD("risk difference", false, List.of(List.of("ai", "bi", "ci", "di"), List.of("ai", "n1i", "ci", "n2i"))),
    /** Log odds ratio by Peto's one-step method. */
    PETO("log Peto odds ratio", true,
            List.of(List.of("ai", "bi", "ci", "di"), List.of("ai", "n1i", "ci", "n2i"))),
    /** Raw correlation coefficient. */
    COR("correlation coefficient", false, List.of(List.of("ri", "ni"))),
    /** Fisher's r-to-z transformed correlation. */
    ZCOR("Fisher's z-transformed correlation", false, List.of(List.of("ri", "ni"))),
    /** Raw proportion. */
    PR("proportion", false, List.of(List.of("xi", "ni"))),
    /** Logit transformed proportion. */
    PLO("log odds (logit proportion)", false, List.of(List.of("xi", "ni"))),
    /** Arcsine square-root transformed proportion. */
    PAS("arcsine square-root proportion", false, List.of(List.of("xi", "ni"))),
    /** Freeman-Tukey double arcsine transformed proportion. */
    PFT("Freeman-Tukey double arcsine proportion", false, List.of(List.of("xi", "ni"))),
    /** Log incidence rate ratio. */
    IRR("log incidence rate ratio", true, List.of(List.of("x1i", "t1i", "x2i", "t2i"))),
    /** Incidence rate difference. */
    IRD("incidence rate difference", false, List.of(List.of("x1i", "t1i", "x2i", "t2i")));

    private final String description;
    private final boolean logScale;
    private final List<List<String>> columnSets;

    EffectMeasure(String description, boolean logScale, List<List<String>> columnSets) {
        this.description = description;
        this.logScale = logScale;
        this.columnSets = columnSets;
    }

    /** @return a short human description, e.g. "log odds ratio" */
    public String description() {
        return description;
    }

    /** @return true if the measure is a log ratio, to be shown exponentiated (OR, RR, PETO, ROM, IRR) */
    public boolean isLogScale() {
        return logScale;
    }

    /** @return true for the measures computed from 2x2 tables (OR, RR, RD, PETO) */
    public boolean isTwoByTwo() {
        return this == OR || this == RR || this == RD || this == PETO;
    }

    /** @return the accepted input column sets; any one of them suffices */
    public List<List<String>> columnSets() {
        return columnSets;
    }

    /**
     * @param name a measure name, case-insensitive
     * @return the measure
     * @throws IllegalArgumentException naming the accepted values
     */
    public static EffectMeasure parse(String name) {
        if (name != null) {
            for (EffectMeasure m : values()) {
                if (m.name().equalsIgnoreCase(name.trim())) {
                    return m;
                }
            }
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT, "unknown measure '%s'; expected one of %s",
                name, Arrays.toString(values())));
    }
}
