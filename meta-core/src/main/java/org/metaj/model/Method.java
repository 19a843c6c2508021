package org.metaj.model;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.metaj.tau2.CommonEffect;
import org.metaj.tau2.DerSimonianLaird;
import org.metaj.tau2.DerSimonianLairdIterative;
import org.metaj.tau2.EmpiricalBayes;
import org.metaj.tau2.GeneralizedQ;
import org.metaj.tau2.Hedges;
import org.metaj.tau2.HunterSchmidt;
import org.metaj.tau2.HunterSchmidtSmallSample;
import org.metaj.tau2.MaximumLikelihood;
import org.metaj.tau2.PauleMandel;
import org.metaj.tau2.PauleMandelMedian;
import org.metaj.tau2.RestrictedMaximumLikelihood;
import org.metaj.tau2.SidikJonkman;
import org.metaj.tau2.SidikJonkmanIterative;
import org.metaj.tau2.Tau2Estimator;
import org.metaj.tau2.Truncation;

/**
 * The registry of pooling methods: the common-effect model, the random-effects tau^2 estimators, Mantel-Haenszel
 * and Peto. Each line carries metafor's name, a description (name and source), the estimator (for the
 * inverse-variance methods), its truncation rule and its citation; every list of methods (parsing and its message,
 * the CLI's completion candidates and help, the report's citations, the tests' parameter lists) derives from
 * {@link #values()}. A new tau^2 estimator is its class in {@code org.metaj.tau2} plus one line here.
 */
public enum Method {
    /** Common (fixed) effect, inverse-variance weights. */
    FE("FE", "common-effect model (inverse variance)", CommonEffect.INSTANCE, Truncation.ALWAYS,
            "Hedges LV, Olkin I. Statistical Methods for Meta-Analysis. Orlando: Academic Press; 1985."),
    /** DerSimonian-Laird. */
    DL("DL", "DerSimonian-Laird (1986)", DerSimonianLaird.INSTANCE, Truncation.AT_DF,
            "DerSimonian R, Laird N. Meta-analysis in clinical trials. Control Clin Trials. 1986;7:177-188."),
    /** Iterative DerSimonian-Laird. */
    DLIT("DLIT", "iterative DerSimonian-Laird (DerSimonian & Kacker 2007)", DerSimonianLairdIterative.INSTANCE,
            Truncation.AT_DF, "DerSimonian R, Kacker R. Random-effects model for meta-analysis of clinical trials: "
                    + "an update. Contemp Clin Trials. 2007;28:105-114."),
    /** Generalised Q-statistic estimator, two-step weights. */
    GENQ("GENQ", "generalised Q-statistic estimator, two-step weights (DerSimonian & Kacker 2007)",
            GeneralizedQ.INSTANCE, Truncation.NONE, "DerSimonian R, Kacker R. Random-effects model for "
                    + "meta-analysis of clinical trials: an update. Contemp Clin Trials. 2007;28:105-114."),
    /** Hedges. */
    HE("HE", "Hedges (1983)", Hedges.INSTANCE, Truncation.NONE,
            "Hedges LV. A random effects model for effect sizes. Psychol Bull. 1983;93:388-395."),
    /** Hunter-Schmidt. */
    HS("HS", "Hunter-Schmidt (2004)", HunterSchmidt.INSTANCE, Truncation.AT_K,
            "Hunter JE, Schmidt FL. Methods of Meta-Analysis: Correcting Error and Bias in Research Findings. 2nd "
                    + "ed. Thousand Oaks: Sage; 2004."),
    /** Hunter-Schmidt, small-sample corrected. */
    HSK("HSk", "Hunter-Schmidt with small-sample correction (Brannick et al. 2019)",
            HunterSchmidtSmallSample.INSTANCE, Truncation.NONE, "Brannick MT, Potter SM, Benitez B, Morris SB. Bias "
                    + "and precision of alternate estimators in meta-analysis: benefits of blending Schmidt-Hunter "
                    + "and Hedges approaches. Organ Res Methods. 2019;22:490-514."),
    /** Sidik-Jonkman. */
    SJ("SJ", "Sidik-Jonkman (2005)", SidikJonkman.INSTANCE, Truncation.NONE,
            "Sidik K, Jonkman JN. Simple heterogeneity variance estimation for meta-analysis. J R Stat Soc Ser C. "
                    + "2005;54:367-384."),
    /** Iterative Sidik-Jonkman. */
    SJIT("SJIT", "iterative Sidik-Jonkman (Sidik & Jonkman 2007)", SidikJonkmanIterative.INSTANCE,
            Truncation.TOWARDS_DF, "Sidik K, Jonkman JN. A comparison of heterogeneity variance estimators in "
                    + "combining results of studies. Stat Med. 2007;26:1964-1981."),
    /** Maximum likelihood. */
    ML("ML", "maximum likelihood (Hardy & Thompson 1996)", MaximumLikelihood.INSTANCE, Truncation.NONE,
            "Hardy RJ, Thompson SG. A likelihood approach to meta-analysis with random effects. Stat Med. "
                    + "1996;15:619-629."),
    /** Restricted maximum likelihood. */
    REML("REML", "restricted maximum likelihood (Viechtbauer 2005)", RestrictedMaximumLikelihood.INSTANCE,
            Truncation.NONE, "Viechtbauer W. Bias and efficiency of meta-analytic variance estimators in the "
                    + "random-effects model. J Educ Behav Stat. 2005;30:261-293."),
    /** Empirical Bayes. */
    EB("EB", "empirical Bayes (Morris 1983; Berkey et al. 1995)", EmpiricalBayes.INSTANCE, Truncation.TOWARDS_DF,
            "Morris CN. Parametric empirical Bayes inference: theory and applications. J Am Stat Assoc. "
                    + "1983;78:47-55."),
    /** Paule-Mandel. */
    PM("PM", "Paule-Mandel (1982)", PauleMandel.INSTANCE, Truncation.AT_DF,
            "Paule RC, Mandel J. Consensus values and weighting factors. J Res Natl Bur Stand. 1982;87:377-385."),
    /** Median-unbiased Paule-Mandel. */
    PMM("PMM", "median-unbiased Paule-Mandel (Viechtbauer 2021)", PauleMandelMedian.INSTANCE,
            Truncation.AT_CHISQ_MEDIAN, "Viechtbauer W. Median-unbiased estimators for the amount of heterogeneity "
                    + "in meta-analysis. European Congress of Methodology; 2021."),
    /** Mantel-Haenszel (OR, RR, RD; IRR, IRD). */
    MH("MH", "Mantel-Haenszel (1959), variance of Robins, Breslow & Greenland (1986) / Greenland & Robins (1985)",
            null, Truncation.ALWAYS, "Mantel N, Haenszel W. Statistical aspects of the analysis of data from "
                    + "retrospective studies of disease. J Natl Cancer Inst. 1959;22:719-748."),
    /** Peto's one-step odds ratio. */
    PETO("PETO", "Peto's one-step odds ratio (Yusuf et al. 1985)", null, Truncation.ALWAYS,
            "Yusuf S, Peto R, Lewis J, Collins R, Sleight P. Beta blockade during and after myocardial infarction: "
                    + "an overview of the randomized trials. Prog Cardiovasc Dis. 1985;27:335-371.");

    private final String label;
    private final String description;
    private final Tau2Estimator estimator;
    private final Truncation truncation;
    private final String citation;

    Method(String label, String description, Tau2Estimator estimator, Truncation truncation, String citation) {
        this.label = label;
        this.description = description;
        this.estimator = estimator;
        this.truncation = truncation;
        this.citation = citation;
    }

    /** @return metafor's name, e.g. "HSk" */
    public String label() {
        return label;
    }

    /** @return a description with the source, e.g. "Paule-Mandel (1982)" */
    public String description() {
        return description;
    }

    /** @return the reference for the estimator (or pooling method), in Vancouver style */
    public String citation() {
        return citation;
    }

    /** @return when the estimate is zero, in terms of Cochran's Q alone (the tests' truncation law) */
    public Truncation truncation() {
        return truncation;
    }

    /** @return true for the inverse-variance methods (FE and the tau^2 estimators; not MH, PETO) */
    public boolean isInverseVariance() {
        return estimator != null;
    }

    /** @return true if the method has a tau^2 (random-effects estimators) */
    public boolean isRandomEffects() {
        return estimator != null && !estimator.commonEffect();
    }

    /** @return true if the estimator iterates (and may fail to converge) */
    public boolean isIterative() {
        return estimator != null && estimator.iterative();
    }

    /**
     * @return the tau^2 estimator of an inverse-variance method; FE gives the zero estimator
     * @throws IllegalStateException for MH and PETO
     */
    public Tau2Estimator estimator() {
        if (estimator == null) {
            throw new IllegalStateException(label + " is not an inverse-variance method");
        }
        return estimator;
    }

    /**
     * @param which a filter, e.g. {@code Method::isRandomEffects}
     * @return the methods that pass, in registry order
     */
    public static List<Method> where(Predicate<Method> which) {
        return Arrays.stream(values()).filter(which).collect(Collectors.toUnmodifiableList());
    }

    /**
     * @param which a filter, e.g. {@code Method::isInverseVariance}
     * @return metafor's names of the methods that pass, comma-separated, e.g. "FE, DL, ..." (for messages)
     */
    public static String labels(Predicate<Method> which) {
        return where(which).stream().map(Method::label).collect(Collectors.joining(", "));
    }

    /**
     * @param name metafor's method name, case-insensitive; EE and CE are accepted for FE
     * @return the method
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Method parse(String name) {
        if (name != null) {
            String n = name.trim().toUpperCase(Locale.ROOT);
            if (n.equals("EE") || n.equals("CE")) {
                return FE;
            }
            for (Method m : values()) {
                if (m.name().equals(n)) {
                    return m;
                }
            }
        }
        throw new IllegalArgumentException("unknown method '" + name + "'; expected one of " + labels(m -> true));
    }

    /**
     * metafor's names of all methods, in registry order: the CLI's completion candidates (picocli's
     * {@code completionCandidates} takes an {@code Iterable<String>} class with a no-argument constructor).
     */
    public static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return where(m -> true).stream().map(Method::label).iterator();
        }
    }
}
