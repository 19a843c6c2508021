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
    public static final String INVERSE_VARIANCE = "Hedges LV, Olkin I. Statistical Methods for Meta-Analysis. "
            + "Orlando: Academic Press; 1985.";
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
     * @return the reference for its estimator (or pooling method)
     */
    public static String of(Method m) {
        switch (m) {
            case FE: return INVERSE_VARIANCE;
            case DL: return "DerSimonian R, Laird N. Meta-analysis in clinical trials. Control Clin Trials. "
                    + "1986;7:177-188.";
            case HE: return "Hedges LV. A random effects model for effect sizes. Psychol Bull. 1983;93:388-395.";
            case HS: return "Hunter JE, Schmidt FL. Methods of Meta-Analysis: Correcting Error and Bias in Research "
                    + "Findings. 2nd ed. Thousand Oaks: Sage; 2004.";
            case HSK: return "Brannick MT, Potter SM, Benitez B, Morris SB. Bias and precision of alternate "
                    + "estimators in meta-analysis: benefits of blending Schmidt-Hunter and Hedges approaches. "
                    + "Organ Res Methods. 2019;22:490-514.";
            case SJ: return "Sidik K, Jonkman JN. Simple heterogeneity variance estimation for meta-analysis. "
                    + "J R Stat Soc Ser C. 2005;54:367-384.";
            case ML: return "Hardy RJ, Thompson SG. A likelihood approach to meta-analysis with random effects. "
                    + "Stat Med. 1996;15:619-629.";
            case REML: return "Viechtbauer W. Bias and efficiency of meta-analytic variance estimators in the "
                    + "random-effects model. J Educ Behav Stat. 2005;30:261-293.";
            case EB: return "Morris CN. Parametric empirical Bayes inference: theory and applications. J Am Stat "
                    + "Assoc. 1983;78:47-55.";
            case PM: return "Paule RC, Mandel J. Consensus values and weighting factors. J Res Natl Bur Stand. "
                    + "1982;87:377-385.";
            case PMM: return "Viechtbauer W. Median-unbiased estimators for the amount of heterogeneity in "
                    + "meta-analysis. European Congress of Methodology; 2021.";
            case MH: return "Mantel N, Haenszel W. Statistical aspects of the analysis of data from retrospective "
                    + "studies of disease. J Natl Cancer Inst. 1959;22:719-748.";
            case PETO: return "Yusuf S, Peto R, Lewis J, Collins R, Sleight P. Beta blockade during and after "
                    + "myocardial infarction: an overview of the randomized trials. Prog Cardiovasc Dis. "
                    + "1985;27:335-371.";
            default: throw new IllegalArgumentException("no citation for method " + m);
        }
    }

    /** @return the reference for the test, or null for the Wald z test (no citation needed) */
    public static String of(TestType t) {
        return t == TestType.KNHA ? KNHA : null;
    }
}
