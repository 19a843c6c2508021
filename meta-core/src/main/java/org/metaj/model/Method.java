package org.metaj.model;

import java.util.Locale;

import org.metaj.tau2.Tau2Estimator;

/** How studies are pooled: the common-effect model, a random-effects tau^2 estimator, Mantel-Haenszel or Peto. */
public enum Method {
    /** Common (fixed) effect, inverse-variance weights. */
    FE("FE", "common-effect model (inverse variance)"),
    /** DerSimonian-Laird. */
    DL("DL", "DerSimonian-Laird (1986)"),
    /** Hedges. */
    HE("HE", "Hedges (1983)"),
    /** Hunter-Schmidt. */
    HS("HS", "Hunter-Schmidt (2004)"),
    /** Hunter-Schmidt, small-sample corrected. */
    HSK("HSk", "Hunter-Schmidt with small-sample correction (Brannick et al. 2019)"),
    /** Sidik-Jonkman. */
    SJ("SJ", "Sidik-Jonkman (2005)"),
    /** Maximum likelihood. */
    ML("ML", "maximum likelihood (Hardy & Thompson 1996)"),
    /** Restricted maximum likelihood. */
    REML("REML", "restricted maximum likelihood (Viechtbauer 2005)"),
    /** Empirical Bayes. */
    EB("EB", "empirical Bayes (Morris 1983; Berkey et al. 1995)"),
    /** Paule-Mandel. */
    PM("PM", "Paule-Mandel (1982)"),
    /** Median-unbiased Paule-Mandel. */
    PMM("PMM", "median-unbiased Paule-Mandel (Viechtbauer 2021)"),
    /** Mantel-Haenszel (OR, RR, RD; IRR, IRD). */
    MH("MH", "Mantel-Haenszel (1959), variance of Robins, Breslow & Greenland (1986) / Greenland & Robins (1985)"),
    /** Peto's one-step odds ratio. */
    PETO("PETO", "Peto's one-step odds ratio (Yusuf et al. 1985)");

    private final String label;
    private final String description;

    Method(String label, String description) {
        this.label = label;
        this.description = description;
    }

    /** @return metafor's name, e.g. "HSk" */
    public String label() {
        return label;
    }

    /** @return a description with the source */
    public String description() {
        return description;
    }

    /** @return true if the method has a tau^2 (random-effects estimators) */
    public boolean isRandomEffects() {
        return this != FE && this != MH && this != PETO;
    }

    /** @return the tau^2 estimator of an inverse-variance method; FE gives the zero estimator */
    public Tau2Estimator estimator() {
        if (this == MH || this == PETO) {
            throw new IllegalStateException(label + " is not an inverse-variance method");
        }
        return Tau2Estimator.forName(label);
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
        throw new IllegalArgumentException("unknown method '" + name
                + "'; expected one of FE, DL, HE, HS, HSk, SJ, ML, REML, EB, PM, PMM, MH, PETO");
    }
}
