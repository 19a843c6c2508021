package org.metaj.model;

/** References for the methods a report describes, in Vancouver style. */
public final class Citations {
    private Citations() {
    }

    /** Cochran's Q. */
    public static final String COCHRAN_Q = "Cochran WG. The combination of estimates from different experiments. "
            + "Biometrics. 1954;10:101-129.";
    /** I^2 and H^2. */
    public static final String I2 = "Higgins JPT, Thompson SG. Quantifying heterogeneity in a meta-analysis. "
            + "Stat Med. 2002;21:1539-1558.";
    /** The Q-profile interval for tau^2. */
    public static final String Q_PROFILE = "Viechtbauer W. Confidence intervals for the amount of heterogeneity in "
            + "meta-analysis. Stat Med. 2007;26:37-52.";
    /** The prediction interval. */
    public static final String PREDICTION = "Higgins JPT, Thompson SG, Spiegelhalter DJ. A re-evaluation of "
            + "random-effects meta-analysis. J R Stat Soc Ser A. 2009;172:137-159.";
    /** Knapp-Hartung. */
    public static final String KNHA = "Knapp G, Hartung J. Improved tests for a random effects meta-regression with "
            + "a single covariate. Stat Med. 2003;22:2693-2710.";
    /** Inverse-variance weighting. */
    public static final String INVERSE_VARIANCE = Method.FE.citation();
    /** Contour-enhanced funnel plots. */
    public static final String CONTOUR_FUNNEL = "Peters JL, Sutton AJ, Jones DR, Abrams KR, Rushton L. "
            + "Contour-enhanced meta-analysis funnel plots help distinguish publication bias from other causes of "
            + "asymmetry. J Clin Epidemiol. 2008;61:991-996.";

    /** Egger's regression test. */
    public static final String EGGER = "Egger M, Davey Smith G, Schneider M, Minder C. Bias in meta-analysis detected "
            + "by a simple, graphical test. BMJ. 1997;315:629-634.";
    /** Begg's rank correlation test. */
    public static final String BEGG = "Begg CB, Mazumdar M. Operating characteristics of a rank correlation test for "
            + "publication bias. Biometrics. 1994;50:1088-1101.";
    /** Trim and fill. */
    public static final String TRIM_AND_FILL = "Duval S, Tweedie R. Trim and fill: a simple funnel-plot-based method "
            + "of testing and adjusting for publication bias in meta-analysis. Biometrics. 2000;56:455-463.";
    /** Baujat plots. */
    public static final String BAUJAT = "Baujat B, Mah\u00e9 C, Pignon JP, Hill C. A graphical method for exploring "
            + "heterogeneity in meta-analyses: application to a meta-analysis of 65 trials. Stat Med. "
            + "2002;21:2641-2652.";
    /** Radial (Galbraith) plots. */
    public static final String GALBRAITH = "Galbraith RF. A note on graphical presentation of estimated odds ratios "
            + "from several clinical trials. Stat Med. 1988;7:889-894.";
    /** L'Abbe plots. */
    public static final String LABBE = "L'Abb\u00e9 KA, Detsky AS, O'Rourke K. Meta-analysis in clinical research. "
            + "Ann Intern Med. 1987;107:224-233.";

    /**
     * @param m a method
     * @return the reference for its estimator (or pooling method), from the method registry
     */
    public static String of(Method m) {
        return m.citation();
    }

    /** @return the reference for the test, or null for the Wald z test (no citation needed) */
    public static String of(TestType t) {
        return t == TestType.KNHA ? KNHA : null;
    }
}
