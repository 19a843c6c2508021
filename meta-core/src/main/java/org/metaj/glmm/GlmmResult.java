package org.metaj.glmm;

import java.util.List;

import org.metaj.model.Coefficient;
import org.metaj.model.FittedModel;

/**
 * A fitted count model (metafor's {@code rma.glmm}): the coefficients with Wald-type z tests, tau^2 (and sigma^2 of
 * {@link GlmmModel#UM_RS}), I^2 and H^2 from the typical within-study variance, and the Wald-type and
 * likelihood-ratio tests for heterogeneity. Immutable.
 *
 * @param spec         the specification that produced it
 * @param labels       the labels of the studies used
 * @param coefficients the coefficients (intercept first)
 * @param tau2         the between-study variance of the effects (0 under FE)
 * @param sigma2       the variance of the random study intercepts of UM.RS (NaN otherwise)
 * @param i2           I^2 in percent
 * @param h2           H^2
 * @param qeWld        Wald-type test of heterogeneity (metafor {@code QE.Wld})
 * @param qeWldPval    its p-value
 * @param qeLrt        likelihood-ratio test of heterogeneity (metafor {@code QE.LRT})
 * @param qeLrtPval    its p-value
 * @param qeDf         degrees of freedom of both, k - p
 * @param logLik       the maximised log-likelihood (of the quadrature approximation where one is used), with the
 *                     families' constants
 * @param converged    false if an optimiser stopped before its criterion
 * @param warnings     left-out studies, boundary estimates, non-convergence
 */
public record GlmmResult(Glmm spec, List<String> labels, List<Coefficient> coefficients, double tau2, double sigma2,
        double i2, double h2, double qeWld, double qeWldPval, double qeLrt, double qeLrtPval, int qeDf,
        double logLik, boolean converged, List<String> warnings) implements FittedModel {

    /** Defensive copies. */
    public GlmmResult {
        labels = List.copyOf(labels);
        coefficients = List.copyOf(coefficients);
        warnings = List.copyOf(warnings);
    }

    /**
     * The figures under the command-line contract's names (CONTRACT-2.md part C): {@code k}, with one coefficient
     * {@code estimate se zval pval ci_lb ci_ub}, with moderators {@code coef_<name>_estimate|se|zval|pval|ci_lb|ci_ub},
     * then {@code tau2} ({@code sigma2} for UM.RS) {@code I2 H2 QE_Wld QE_Wld_pval QE_LRT QE_LRT_pval QE_df logLik}.
     *
     * @return an insertion-ordered map of name to Number
     */
    public java.util.Map<String, Number> figures() {
        java.util.Map<String, Number> f = new java.util.LinkedHashMap<>();
        f.put("k", k());
        if (coefficients.size() == 1) {
            Coefficient c = coefficients.get(0);
            f.put("estimate", c.estimate());
            f.put("se", c.se());
            f.put("zval", c.statistic());
            f.put("pval", c.pval());
            f.put("ci_lb", c.ciLb());
            f.put("ci_ub", c.ciUb());
        } else {
            for (Coefficient c : coefficients) {
                String n = "coef_" + c.name() + "_";
                f.put(n + "estimate", c.estimate());
                f.put(n + "se", c.se());
                f.put(n + "zval", c.statistic());
                f.put(n + "pval", c.pval());
                f.put(n + "ci_lb", c.ciLb());
                f.put(n + "ci_ub", c.ciUb());
            }
        }
        f.put("tau2", tau2);
        if (spec.model() == GlmmModel.UM_RS) {
            f.put("sigma2", sigma2);
        }
        f.put("I2", i2);
        f.put("H2", h2);
        f.put("QE_Wld", qeWld);
        f.put("QE_Wld_pval", qeWldPval);
        f.put("QE_LRT", qeLrt);
        f.put("QE_LRT_pval", qeLrtPval);
        f.put("QE_df", qeDf);
        f.put("logLik", logLik);
        return f;
    }

    @Override
    public Kind kind() {
        return Kind.GLMM;
    }

    @Override
    public int k() {
        return labels.size();
    }

    @Override
    public String methodLabel() {
        return spec.random() ? "ML" : "FE";
    }

    @Override
    public double level() {
        return spec.level();
    }

    @Override
    public double[] varianceComponents() {
        if (!spec.random()) {
            return new double[0];
        }
        return spec.model() == GlmmModel.UM_RS ? new double[] {sigma2, tau2} : new double[] {tau2};
    }

    /** @return metafor's {@code QE.Wld} */
    @Override
    public double qe() {
        return qeWld;
    }

    @Override
    public double qePval() {
        return qeWldPval;
    }

    @Override
    public double[] yi() {
        double[] r = new double[k()];
        java.util.Arrays.fill(r, Double.NaN);
        return r;
    }

    @Override
    public double[] vi() {
        return yi();
    }

    @Override
    public double[] weights() {
        return yi();
    }
}
