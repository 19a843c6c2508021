package org.metaj.multilevel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.metaj.model.Coefficient;
import org.metaj.model.FittedModel;
import org.metaj.model.PrintFormat;
import org.metaj.stats.Probabilities;

/**
 * A fitted {@link MultilevelModel} (metafor's {@code rma.mv} object): variance components, fixed effects with z or
 * t tests, the heterogeneity test QE (from V alone), the omnibus test QM, and the fit statistics of metafor's
 * {@code fitstats}: logLik, deviance, AIC, BIC, AICc. Under REML the deviance is {@code -2 ll_REML}, BIC uses
 * {@code log(k - p)} and AICc {@code k - p}; under ML the deviance is {@code -2 (ll_ML - ll_saturated)} with
 * {@code ll_saturated = -k/2 log(2 pi) - 1/2 log|V|} (when every sampling variance is positive). The number of
 * parameters is p plus every variance and correlation estimated. Immutable.
 */
public final class MultilevelFit implements FittedModel {
    private final MultilevelModel model;
    private final MultilevelControl control;
    private final double[] sigma2;
    private final double[] tau2;
    private final double[] rho;
    private final double[] beta;
    private final double[] vb;
    private final List<Coefficient> coefficients;
    private final double qe;
    private final int qeDf;
    private final double qePval;
    private final double qm;
    private final int qmDf;
    private final double qmDdf;
    private final double qmPval;
    private final double logLik;
    private final double deviance;
    private final double aic;
    private final double bic;
    private final double aicc;
    private final double llMl;
    private final double llReml;
    private final int parameters;
    private final boolean converged;
    private final int iterations;
    private final boolean[] atBoundary;
    private final List<String> warnings;
    private final double[] wx;
    private final double[] resid;
    private final double crit;

    MultilevelFit(MultilevelModel model, MultilevelControl control, double[] sigma2, double[] tau2, double[] rho,
            double[] beta, double[] vb, List<Coefficient> coefficients, double qe, int qeDf, double qePval,
            double qm, int qmDf, double qmDdf, double qmPval, double logLik, double deviance, double aic,
            double bic, double aicc, double llMl, double llReml, int parameters, boolean converged, int iterations,
            boolean[] atBoundary, List<String> warnings, double[] wx, double[] resid, double crit) {
        this.model = model;
        this.control = control;
        this.sigma2 = sigma2;
        this.tau2 = tau2;
        this.rho = rho;
        this.beta = beta;
        this.vb = vb;
        this.coefficients = List.copyOf(coefficients);
        this.qe = qe;
        this.qeDf = qeDf;
        this.qePval = qePval;
        this.qm = qm;
        this.qmDf = qmDf;
        this.qmDdf = qmDdf;
        this.qmPval = qmPval;
        this.logLik = logLik;
        this.deviance = deviance;
        this.aic = aic;
        this.bic = bic;
        this.aicc = aicc;
        this.llMl = llMl;
        this.llReml = llReml;
        this.parameters = parameters;
        this.converged = converged;
        this.iterations = iterations;
        this.atBoundary = atBoundary;
        this.warnings = List.copyOf(warnings);
        this.wx = wx;
        this.resid = resid;
        this.crit = crit;
    }

    @Override
    public Kind kind() {
        return Kind.MULTIVARIATE;
    }

    @Override
    public int k() {
        return model.k();
    }

    @Override
    public String methodLabel() {
        return control.method().name();
    }

    @Override
    public double level() {
        return control.level();
    }

    @Override
    public List<Coefficient> coefficients() {
        return coefficients;
    }

    @Override
    public double[] varianceComponents() {
        double[] v = new double[sigma2.length + tau2.length];
        System.arraycopy(sigma2, 0, v, 0, sigma2.length);
        System.arraycopy(tau2, 0, v, sigma2.length, tau2.length);
        return v;
    }

    /** @return the sigma2 of the random intercepts, in order (a copy) */
    public double[] sigma2() {
        return sigma2.clone();
    }

    /** @return the tau2 of the correlated term (empty without one; a copy) */
    public double[] tau2() {
        return tau2.clone();
    }

    /** @return the correlations of the correlated term (empty for ID, DIAG or none; a copy) */
    public double[] rho() {
        return rho.clone();
    }

    /** @return the variance-covariance matrix of the coefficients, row-major p x p (a copy) */
    public double[] vcov() {
        return vb.clone();
    }

    @Override
    public double qe() {
        return qe;
    }

    @Override
    public int qeDf() {
        return qeDf;
    }

    @Override
    public double qePval() {
        return qePval;
    }

    /** @return the omnibus test of the coefficients (all but the intercept; F under t tests) */
    public double qm() {
        return qm;
    }

    /** @return QM's (numerator) degrees of freedom */
    public int qmDf() {
        return qmDf;
    }

    /** @return QM's denominator degrees of freedom under t tests (k - p), NaN under z */
    public double qmDdf() {
        return qmDdf;
    }

    /** @return the p-value of QM */
    public double qmPval() {
        return qmPval;
    }

    @Override
    public double logLik() {
        return logLik;
    }

    /** @return the ML log-likelihood at the estimates */
    public double logLikMl() {
        return llMl;
    }

    /** @return the REML log-likelihood at the estimates */
    public double logLikReml() {
        return llReml;
    }

    /** @return the deviance (metafor's fitstats) */
    public double deviance() {
        return deviance;
    }

    /** @return AIC */
    public double aic() {
        return aic;
    }

    /** @return BIC */
    public double bic() {
        return bic;
    }

    /** @return AICc */
    public double aicc() {
        return aicc;
    }

    /** @return the number of parameters counted by the fit statistics */
    public int parameters() {
        return parameters;
    }

    @Override
    public boolean converged() {
        return converged;
    }

    /** @return optimiser iterations used */
    public int iterations() {
        return iterations;
    }

    /** @return which parameters (sigma2, tau2, rho in order) were held at a boundary or fixed */
    public boolean[] atBoundary() {
        return atBoundary.clone();
    }

    @Override
    public List<String> warnings() {
        return warnings;
    }

    @Override
    public List<String> labels() {
        return model.labels();
    }

    @Override
    public double[] yi() {
        return model.yi();
    }

    @Override
    public double[] vi() {
        return model.samplingCovariance().variances();
    }

    @Override
    public double[] weights() {
        // metafor's weights.rma.mv: the diagonal of M^-1 as percentages; not computed here
        double[] w = new double[k()];
        java.util.Arrays.fill(w, Double.NaN);
        return w;
    }

    /** @return the model fitted */
    public MultilevelModel model() {
        return model;
    }

    /** @return the control used */
    public MultilevelControl control() {
        return control;
    }

    double[] wx() {
        return wx;
    }

    double[] residuals() {
        return resid.clone();
    }

    /** @return the coefficients (a copy) */
    public double[] beta() {
        return beta.clone();
    }

    /** @return whether the model has random intercepts only, or one variance in its correlated term */
    public boolean hasPredictionInterval() {
        return tau2.length <= 1;
    }

    /**
     * The prediction interval of an intercept-only model (metafor's {@code predict}): estimate -+ crit sqrt(se^2 +
     * sum sigma2 + tau2), crit normal or t(k - p).
     *
     * @return {lower, upper}, or NaNs where metafor gives none (several tau2)
     */
    public double[] predictionInterval() {
        if (!hasPredictionInterval()) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double v = vb[0];
        for (double s : sigma2) {
            v += s;
        }
        for (double t : tau2) {
            v += t;
        }
        double h = crit * Math.sqrt(v);
        return new double[] {beta[0] - h, beta[0] + h};
    }

    /** @return whether the model is intercept-only */
    public boolean interceptOnly() {
        return model.design().p() == 1 && model.design().hasIntercept();
    }

    /**
     * @return the figures under the names of CONTRACT-2.md part A (insertion-ordered): k, the coefficients
     *         ({@code estimate se pval ci_lb ci_ub} for an intercept-only model, else {@code coef_<name>_*}),
     *         {@code pi_lb pi_ub}, {@code sigma2 tau2 rho} (arrays), QE, QM, the fit statistics
     */
    public Map<String, Object> figures() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("k", k());
        if (interceptOnly()) {
            Coefficient c = coefficients.get(0);
            f.put("estimate", c.estimate());
            f.put("se", c.se());
            f.put("zval", c.statistic());
            f.put("pval", c.pval());
            f.put("ci_lb", c.ciLb());
            f.put("ci_ub", c.ciUb());
            if (hasPredictionInterval()) {
                double[] pi = predictionInterval();
                f.put("pi_lb", pi[0]);
                f.put("pi_ub", pi[1]);
            }
        } else {
            for (Coefficient c : coefficients) {
                String key = "coef_" + c.name() + "_";
                f.put(key + "estimate", c.estimate());
                f.put(key + "se", c.se());
                f.put(key + "zval", c.statistic());
                f.put(key + "pval", c.pval());
                f.put(key + "ci_lb", c.ciLb());
                f.put(key + "ci_ub", c.ciUb());
            }
        }
        if (model.interceptTerms().size() > 0) {
            f.put("sigma2", sigma2.clone());
        }
        if (model.correlatedTerm() != null) {
            f.put("tau2", tau2.clone());
            if (rho.length > 0) {
                f.put("rho", rho.clone());
            }
        }
        f.put("QE", qe);
        f.put("QE_df", qeDf);
        f.put("QE_pval", qePval);
        f.put("QM", qm);
        f.put("QM_df", qmDf);
        if (control.tTest()) {
            f.put("QM_ddf", qmDdf);
        }
        f.put("QM_pval", qmPval);
        f.put("logLik", logLik);
        f.put("deviance", deviance);
        f.put("AIC", aic);
        f.put("BIC", bic);
        f.put("AICc", aicc);
        f.put("parameters", parameters);
        return f;
    }

    /** A printout in the layout of metafor's {@code print.rma.mv}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%nMultivariate Meta-Analysis Model (k = %d; method: %s)%n%n", k(),
                control.method()));
        sb.append(String.format(Locale.ROOT, "  logLik  Deviance       AIC       BIC      AICc%n"));
        sb.append(String.format(Locale.ROOT, "%8.4f  %8.4f  %8.4f  %8.4f  %8.4f%n%n", logLik, deviance, aic, bic,
                aicc));
        sb.append("Variance Components:\n\n");
        if (!model.interceptTerms().isEmpty()) {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"", "estim", "sqrt", "nlvls", "fixed", "factor"});
            for (int s = 0; s < sigma2.length; s++) {
                RandomTerm.Intercept t = model.interceptTerms().get(s);
                rows.add(new String[] {"sigma^2." + (s + 1), PrintFormat.fixed4(sigma2[s]),
                        PrintFormat.fixed4(Math.sqrt(sigma2[s])), Integer.toString(t.levels()),
                        atBoundary[s] ? "bound" : "no", t.name()});
            }
            table(sb, rows);
            sb.append('\n');
        }
        RandomTerm.Correlated ct = model.correlatedTerm();
        if (ct != null) {
            sb.append(String.format(Locale.ROOT, "outer factor: %s (nlvls = %d)%n", ct.outer(), ct.outerLevels()));
            sb.append(String.format(Locale.ROOT, "inner factor: %s (nlvls = %d)%n%n", ct.inner(), ct.levels()));
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"", "estim", "sqrt", "fixed", "level"});
            int ns = sigma2.length;
            for (int j = 0; j < tau2.length; j++) {
                rows.add(new String[] {tau2.length == 1 ? "tau^2" : "tau^2." + (j + 1), PrintFormat.fixed4(tau2[j]),
                        PrintFormat.fixed4(Math.sqrt(tau2[j])), atBoundary[ns + j] ? "bound" : "no",
                        tau2.length == 1 ? "" : ct.innerLevels().get(j)});
            }
            for (int j = 0; j < rho.length; j++) {
                rows.add(new String[] {rho.length == 1 ? "rho" : "rho." + (j + 1), PrintFormat.fixed4(rho[j]), "",
                        atBoundary[ns + tau2.length + j] ? "yes" : "no", ""});
            }
            table(sb, rows);
            sb.append('\n');
        }
        if (Double.isNaN(qe)) {
            sb.append("Test for Heterogeneity: not available (V is not positive definite)\n\n");
        } else {
            sb.append(String.format(Locale.ROOT, "Test for %sHeterogeneity:%nQE(df = %d) = %s, p-val %s%n%n",
                    interceptOnly() ? "" : "Residual ", qeDf, PrintFormat.fixed4(qe), pText(qePval)));
        }
        if (!interceptOnly()) {
            String which = qmDf == 1 ? "coefficient 2" : "coefficients 2:" + (qmDf + 1);
            if (control.tTest()) {
                sb.append(String.format(Locale.ROOT, "Test of Moderators (%s):%nF(df1 = %d, df2 = %d) = %s, p-val %s"
                        + "%n%n", which, qmDf, (int) qmDdf, PrintFormat.fixed4(qm), pText(qmPval)));
            } else {
                sb.append(String.format(Locale.ROOT, "Test of Moderators (%s):%nQM(df = %d) = %s, p-val %s%n%n", which,
                        qmDf, PrintFormat.fixed4(qm), pText(qmPval)));
            }
        }
        sb.append("Model Results:\n\n");
        List<String[]> rows = new ArrayList<>();
        String stat = control.tTest() ? "tval" : "zval";
        rows.add(interceptOnly() ? new String[] {"estimate", "se", stat, "pval", "ci.lb", "ci.ub", ""}
                : new String[] {"", "estimate", "se", stat, "pval", "ci.lb", "ci.ub", ""});
        if (control.tTest()) {
            rows.get(0)[rows.get(0).length - 1] = "df=" + (k() - model.design().p());
        }
        for (Coefficient c : coefficients) {
            String[] r = {PrintFormat.fixed4(c.estimate()), PrintFormat.fixed4(c.se()),
                PrintFormat.fixed4(c.statistic()), PrintFormat.pValue(c.pval()), PrintFormat.fixed4(c.ciLb()),
                PrintFormat.fixed4(c.ciUb()), stars(c.pval())};
            if (!interceptOnly()) {
                String[] r2 = new String[r.length + 1];
                r2[0] = c.name();
                System.arraycopy(r, 0, r2, 1, r.length);
                r = r2;
            }
            rows.add(r);
        }
        table(sb, rows);
        sb.append("\n---\nSignif. codes:  0 '***' 0.001 '**' 0.01 '*' 0.05 '.' 0.1 ' ' 1\n");
        for (String w : warnings) {
            sb.append("warning: ").append(w).append('\n');
        }
        return sb.toString();
    }

    private static String pText(double p) {
        return p < 1e-4 ? "< .0001" : "= " + PrintFormat.pValue(p);
    }

    private static String stars(double p) {
        return p < 0.001 ? "***" : p < 0.01 ? "**" : p < 0.05 ? "*" : p < 0.1 ? "." : "";
    }

    static void table(StringBuilder sb, List<String[]> rows) {
        int nc = rows.get(0).length;
        int[] w = new int[nc];
        for (String[] r : rows) {
            for (int c = 0; c < nc; c++) {
                w[c] = Math.max(w[c], r[c].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < nc; c++) {
                if (c > 0) {
                    line.append("  ");
                }
                String cell = r[c];
                line.append(" ".repeat(w[c] - cell.length())).append(cell);
            }
            sb.append(line.toString().replaceAll("\\s+$", "")).append('\n');
        }
    }

    /** critical value of the intervals (normal or t) */
    double crit() {
        return crit;
    }

    static double pT(double stat, double df) {
        return Probabilities.tTwoSided(stat, df);
    }
}
