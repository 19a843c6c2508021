package org.metaj.data;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The effect measures of metafor's {@code escalc}, with the input columns each one takes (metafor's names).
 * The formulas and their sources are documented in package {@code org.metaj.effect}: on {@code EffectSizes} (the
 * first fifteen) and on the class of each family of measures added since ({@code TwoGroupMeans},
 * {@code ChangeScores}, {@code SingleGroup}, {@code Correlations}, {@code TableAssociations}, {@code Reliability});
 * {@code MeasureRegistry} says which function computes which measure. The measure lives with the data it
 * describes, so that {@code data} does not depend on {@code effect}.
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
    IRD("incidence rate difference", false, List.of(List.of("x1i", "t1i", "x2i", "t2i"))),

    // ---- two groups, continuous outcome ({@link TwoGroupMeans})
    /** Standardised mean difference without assuming equal variances (Bonett 2009). */
    SMDH("standardised mean difference, heteroscedastic (Bonett)", false, List.of(Cols.MEANS)),
    /** Mean difference standardised by the SD of group 2 only (Glass's delta, bias-corrected). */
    SMD1("mean difference standardised by the control-group SD (Glass)", false,
            List.of(List.of("m1i", "n1i", "m2i", "sd2i", "n2i"))),
    /** Log coefficient-of-variation ratio (Nakagawa et al. 2015). */
    CVR("log coefficient-of-variation ratio", true, List.of(Cols.MEANS)),
    /** Log variability (SD) ratio (Nakagawa et al. 2015). */
    VR("log variability ratio", true, List.of(List.of("sd1i", "n1i", "sd2i", "n2i"))),
    /** Point-biserial correlation from two group means. */
    RPB("point-biserial correlation", false, List.of(Cols.MEANS)),
    /** Biserial correlation from two group means. */
    RBIS("biserial correlation", false, List.of(Cols.MEANS)),
    /** Standardised mean difference converted to a log odds ratio (normal distribution, factor 1.65). */
    D2ORN("log odds ratio from the SMD (normal-distribution method)", true, List.of(Cols.MEANS)),
    /** Standardised mean difference converted to a log odds ratio (logistic distribution, factor pi/sqrt(3)). */
    D2ORL("log odds ratio from the SMD (logistic-distribution method)", true, List.of(Cols.MEANS)),

    // ---- one group, pre-post (change scores; {@link ChangeScores})
    /** Raw mean change. */
    MC("raw mean change", false, List.of(Cols.CHANGE)),
    /** Standardised mean change with change-score standardisation. */
    SMCC("standardised mean change (change-score SD)", false, List.of(Cols.CHANGE)),
    /** Standardised mean change with raw-score standardisation. */
    SMCR("standardised mean change (raw-score SD)", false, List.of(List.of("m1i", "m2i", "sd1i", "ni", "ri"))),
    /** Standardised mean change with raw-score standardisation, heteroscedastic (Bonett 2008). */
    SMCRH("standardised mean change (raw-score SD, heteroscedastic)", false, List.of(Cols.CHANGE)),
    /** Log ratio of means of paired (pre-post) measurements. */
    ROMC("log ratio of means (paired)", true, List.of(Cols.CHANGE)),

    // ---- one group, single measurement ({@link SingleGroup})
    /** Raw mean. */
    MN("mean", false, List.of(List.of("mi", "sdi", "ni"))),
    /** Log mean. */
    MNLN("log mean", false, List.of(List.of("mi", "sdi", "ni"))),
    /** Log coefficient of variation. */
    CVLN("log coefficient of variation", false, List.of(List.of("mi", "sdi", "ni"))),
    /** Log standard deviation. */
    SDLN("log standard deviation", false, List.of(List.of("sdi", "ni"))),
    /** Log proportion. */
    PLN("log proportion", false, List.of(List.of("xi", "ni"))),
    /** Log incidence rate. */
    IRLN("log incidence rate", false, List.of(List.of("xi", "ti"))),
    /** Square-root transformed incidence rate. */
    IRS("square-root incidence rate", false, List.of(List.of("xi", "ti"))),
    /** Freeman-Tukey transformed incidence rate. */
    IRFT("Freeman-Tukey incidence rate", false, List.of(List.of("xi", "ti"))),

    // ---- correlations ({@link Correlations})
    /** Correlation coefficient corrected for its small-sample bias (Olkin and Pratt 1958). */
    UCOR("unbiased correlation coefficient (Olkin-Pratt)", false, List.of(List.of("ri", "ni"))),
    /** Partial correlation from a regression t statistic with mi predictors. */
    PCOR("partial correlation", false, List.of(List.of("ti", "ni", "mi"))),
    /** Fisher's z-transformed partial correlation. */
    ZPCOR("Fisher's z-transformed partial correlation", false, List.of(List.of("ti", "ni", "mi"))),
    /** Semi-partial correlation from a regression t statistic, mi predictors and the model's R^2. */
    SPCOR("semi-partial correlation", false, List.of(List.of("ti", "ni", "mi", "r2i"))),

    // ---- measures of association from 2x2 tables ({@link TableAssociations})
    /** Difference of arcsine square-root transformed risks. */
    AS("arcsine square-root risk difference", false, Cols.TABLES),
    /** Phi coefficient of the 2x2 table. */
    PHI("phi coefficient", false, Cols.TABLES),
    /** Yule's Q. */
    YUQ("Yule's Q", false, Cols.TABLES),
    /** Yule's Y. */
    YUY("Yule's Y", false, Cols.TABLES),
    /** Tetrachoric correlation. */
    RTET("tetrachoric correlation", false, Cols.TABLES),
    /** Log odds ratio converted to a standardised mean difference (normal-distribution method, factor 1.65). */
    OR2DN("SMD from the log odds ratio (normal-distribution method)", false, Cols.TABLES),
    /** Log odds ratio converted to a standardised mean difference (logistic-distribution method). */
    OR2DL("SMD from the log odds ratio (logistic-distribution method)", false, Cols.TABLES),

    // ---- reliability ({@link Reliability})
    /** Cronbach's alpha, Hakstian-Whalen cube-root transformed. */
    AHW("transformed Cronbach's alpha (Hakstian-Whalen)", false, List.of(List.of("ai", "mi", "ni"))),
    /** Cronbach's alpha, Bonett's log transformation. */
    ABT("transformed Cronbach's alpha (Bonett)", false, List.of(List.of("ai", "mi", "ni")));

    /** Column sets shared by several measures (a holder: enum constants cannot refer to the enum's own statics). */
    private static final class Cols {
        static final List<String> MEANS = List.of("m1i", "sd1i", "n1i", "m2i", "sd2i", "n2i");
        static final List<String> CHANGE = List.of("m1i", "m2i", "sd1i", "sd2i", "ni", "ri");
        static final List<List<String>> TABLES = List.of(List.of("ai", "bi", "ci", "di"),
                List.of("ai", "n1i", "ci", "n2i"));
    }

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
     * @return every input column name some measure takes (metafor's names), sorted; readers use it to know which
     *         columns must be numeric
     */
    public static java.util.SortedSet<String> inputColumns() {
        java.util.SortedSet<String> all = new java.util.TreeSet<>();
        for (EffectMeasure m : values()) {
            for (List<String> set : m.columnSets) {
                all.addAll(set);
            }
        }
        return java.util.Collections.unmodifiableSortedSet(all);
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
