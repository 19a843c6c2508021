package org.metaj.glmm;

import java.util.Locale;

/**
 * The count models of metafor's {@code rma.glmm} (Stijnen, Hamza &amp; Özdemir 2010, Stat Med 29:3046; Jackson et al.
 * 2018, Stat Med 37:1059), by metafor's names. Two-group models need {@link CountMeasure#OR} or
 * {@link CountMeasure#IRR}; {@link #ONE_GROUP} is the model of {@link CountMeasure#PLO} and {@link CountMeasure#IRLN}.
 */
public enum GlmmModel {
    /**
     * Unconditional model with fixed study effects: per arm {@code logit p (or log rate) = alpha_i + x_i beta g +
     * u_i (g - 1/2)}, g = 1 treated, 0 control, {@code alpha_i} fixed, {@code u_i ~ N(0, tau^2)} (metafor's coding 1/2;
     * glmer with 7-node adaptive quadrature).
     */
    UM_FS("UM.FS"),
    /**
     * Unconditional model with random study effects: as {@link #UM_FS} with {@code alpha_i = alpha + v_i},
     * {@code v_i ~ N(0, sigma^2)} independent of {@code u_i} (glmer, Laplace approximation: two random effects per
     * study).
     */
    UM_RS("UM.RS"),
    /**
     * Conditional model, exact likelihood: for odds ratios the non-central hypergeometric distribution of a given the
     * margins; for rate ratios the binomial distribution of x1 given x1 + x2 (exact for Poisson counts).
     */
    CM_EL("CM.EL"),
    /** Conditional model, approximate likelihood for odds ratios: a given a + c binomial (rare events). */
    CM_AL("CM.AL"),
    /** The one-group model of proportions (logit) or rates (log): a random-effects logistic / Poisson regression. */
    ONE_GROUP("");

    private final String label;

    GlmmModel(String label) {
        this.label = label;
    }

    /** @return metafor's name, e.g. {@code "UM.FS"}; empty for the one-group model */
    public String label() {
        return label;
    }

    /**
     * @param name metafor's name (case-insensitive)
     * @return the model
     * @throws IllegalArgumentException naming the accepted values
     */
    public static GlmmModel parse(String name) {
        if (name != null) {
            for (GlmmModel m : values()) {
                if (m != ONE_GROUP && m.label.equalsIgnoreCase(name.trim())) {
                    return m;
                }
            }
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT,
                "unknown GLMM model '%s'; expected one of UM.FS, UM.RS, CM.EL, CM.AL", name));
    }
}
