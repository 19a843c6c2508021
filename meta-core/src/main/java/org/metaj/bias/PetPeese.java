package org.metaj.bias;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.metaj.data.StudyData;
import org.metaj.model.MetaResult;
import org.metaj.stats.Probabilities;

/**
 * PET-PEESE (Stanley &amp; Doucouliagos 2014, Res Synth Methods 5:60): two weighted least-squares regressions with
 * weights {@code 1/v_i} and estimated multiplicative dispersion: PET, {@code y_i = b0 + b1 se_i}, and PEESE,
 * {@code y_i = b0 + b1 v_i}. Their intercepts estimate the effect of an infinitely precise study. Conditional
 * rule: if PET's intercept differs from 0 (two-sided t test on k-2 df, p &lt; alpha, alpha = 0.05 by default, as
 * Carter, Schönbrodt, Gervais &amp; Hilgard 2019, Adv Methods Pract Psychol Sci 2:115, apply it), the PEESE
 * intercept is the estimate, otherwise the PET intercept. Immutable.
 */
public final class PetPeese {
    private final double alpha;
    private final double[] pet;
    private final double[] peese;
    private final boolean usePeese;
    private final double level;

    private PetPeese(double alpha, double level, double[] pet, double[] peese) {
        this.alpha = alpha;
        this.level = level;
        this.pet = pet;
        this.peese = peese;
        this.usePeese = pet[3] < alpha;
    }

    /** @param model a fitted model @return PET-PEESE at alpha = 0.05 with the model's level */
    public static PetPeese of(MetaResult model) {
        return of(model.data(), 0.05, model.level());
    }

    /**
     * @param data  effects and variances, k >= 3
     * @param alpha level of PET's intercept test
     * @param level confidence level of the intervals
     * @return the analysis
     */
    public static PetPeese of(StudyData data, double alpha, double level) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
        }
        int k = data.k();
        double[] y = data.yi();
        double[] v = data.vi();
        double[] se = new double[k];
        for (int i = 0; i < k; i++) {
            se[i] = Math.sqrt(v[i]);
        }
        return new PetPeese(alpha, level, row(Regression.lm(y, v, se), level),
                row(Regression.lm(y, v, v), level));
    }

    /** estimate, se, t, p, ci.lb, ci.ub of the intercept; slope, its p. */
    private static double[] row(Regression r, double level) {
        double t = r.beta[0] / r.se[0];
        double c = Probabilities.tQuantile(1 - (1 - level) / 2, r.df);
        return new double[] {r.beta[0], r.se[0], t, Probabilities.tTwoSided(t, r.df), r.beta[0] - c * r.se[0],
            r.beta[0] + c * r.se[0], r.beta[1], Probabilities.tTwoSided(r.beta[1] / r.se[1], r.df)};
    }

    /** @return PET's intercept */
    public double petEstimate() {
        return pet[0];
    }

    /** @return p-value of PET's intercept */
    public double petPval() {
        return pet[3];
    }

    /** @return PEESE's intercept */
    public double peeseEstimate() {
        return peese[0];
    }

    /** @return whether the conditional rule picks PEESE */
    public boolean usesPeese() {
        return usePeese;
    }

    /** @return the conditional estimate */
    public double estimate() {
        return usePeese ? peese[0] : pet[0];
    }

    /** @return the figures {@code petpeese_pet_* petpeese_peese_* petpeese_estimate petpeese_model} */
    public Map<String, Object> figures() {
        Map<String, Object> f = new LinkedHashMap<>();
        put(f, "petpeese_pet_", pet);
        put(f, "petpeese_peese_", peese);
        f.put("petpeese_estimate", estimate());
        f.put("petpeese_ci_lb", usePeese ? peese[4] : pet[4]);
        f.put("petpeese_ci_ub", usePeese ? peese[5] : pet[5]);
        f.put("petpeese_model", usePeese ? "PEESE" : "PET");
        return f;
    }

    private static void put(Map<String, Object> f, String p, double[] r) {
        f.put(p + "estimate", r[0]);
        f.put(p + "se", r[1]);
        f.put(p + "tval", r[2]);
        f.put(p + "pval", r[3]);
        f.put(p + "ci_lb", r[4]);
        f.put(p + "ci_ub", r[5]);
        f.put(p + "slope", r[6]);
        f.put(p + "slope_pval", r[7]);
    }

    @Override
    public String toString() {
        String lv = String.format(Locale.ROOT, "%.4g", 100 * level).replaceAll("\\.?0+$", "");
        StringBuilder sb = new StringBuilder("PET-PEESE\n\n");
        sb.append(String.format(Locale.ROOT, "%-6s %10s %9s %9s %9s %9s %9s%n", "", "intercept", "se", "tval", "pval",
                "ci.lb", "ci.ub"));
        sb.append(String.format(Locale.ROOT, "%-6s %10.4f %9.4f %9.4f %9.4f %9.4f %9.4f%n", "PET", pet[0], pet[1],
                pet[2], pet[3], pet[4], pet[5]));
        sb.append(String.format(Locale.ROOT, "%-6s %10.4f %9.4f %9.4f %9.4f %9.4f %9.4f%n", "PEESE", peese[0],
                peese[1], peese[2], peese[3], peese[4], peese[5]));
        sb.append(String.format(Locale.ROOT, "%nConditional estimate (%s, PET intercept p %s %s): %.4f [%s%% CI %.4f,"
                + " %.4f]%n", usePeese ? "PEESE" : "PET", usePeese ? "<" : ">=", alpha, estimate(), lv,
                usePeese ? peese[4] : pet[4], usePeese ? peese[5] : pet[5]));
        return sb.toString();
    }
}
