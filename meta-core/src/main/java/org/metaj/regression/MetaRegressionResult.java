package org.metaj.regression;

import static org.metaj.model.PrintFormat.fixed2;
import static org.metaj.model.PrintFormat.fixed4;
import static org.metaj.model.PrintFormat.pValue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.metaj.data.StudyData;
import org.metaj.model.Method;
import org.metaj.model.TestType;
import org.metaj.model.Coefficient;
import org.metaj.model.FittedModel;

/**
 * The immutable result of {@link MetaRegression#fit}: coefficients, their covariance, the omnibus test of the
 * moderators (QM), the test for residual heterogeneity (QE), residual tau^2, I^2, H^2 and the pseudo-R^2, with the
 * specification, data and design that produced it (so that a permutation test can refit it).
 */
public final class MetaRegressionResult implements FittedModel {
    private final MetaRegression spec;
    private final StudyData data;
    private final DesignMatrix design;
    private final int k;
    private final int p;
    private final List<Coefficient> coefficients;
    private final double[] beta;
    private final double[] vb;
    private final double qm;
    private final int qmDf;
    private final double qmDf2;
    private final double qmPval;
    private final double qe;
    private final int qeDf;
    private final double qePval;
    private final double tau2;
    private final double i2;
    private final double h2;
    private final double r2;
    private final double logLik;
    private final double crit;
    private final boolean converged;
    private final int iterations;
    private final List<String> warnings;

    private MetaRegressionResult(Builder b) {
        spec = b.spec;
        data = b.data;
        design = b.design;
        k = b.k;
        p = b.p;
        coefficients = Collections.unmodifiableList(new ArrayList<>(b.coefficients));
        beta = b.beta.clone();
        vb = b.vb.clone();
        qm = b.qm;
        qmDf = b.qmDf;
        qmDf2 = b.qmDf2;
        qmPval = b.qmPval;
        qe = b.qe;
        qeDf = b.qeDf;
        qePval = b.qePval;
        tau2 = b.tau2;
        i2 = b.i2;
        h2 = b.h2;
        r2 = b.r2;
        logLik = b.logLik;
        crit = b.crit;
        converged = b.converged;
        iterations = b.iterations;
        warnings = Collections.unmodifiableList(new ArrayList<>(b.warnings));
    }

    @Override
    public Kind kind() {
        return Kind.UNIVARIATE;
    }

    @Override
    public String methodLabel() {
        return spec.method().label();
    }

    @Override
    public double level() {
        return spec.level();
    }

    /** @return {@code {tau2}} (residual) for a mixed-effects model, empty for the common-effect model */
    @Override
    public double[] varianceComponents() {
        return spec.method().isRandomEffects() ? new double[] {tau2} : new double[0];
    }

    /** @return the (restricted, for REML) log-likelihood at the estimate, as metafor's {@code logLik()} */
    @Override
    public double logLik() {
        return logLik;
    }

    @Override
    public List<String> labels() {
        return List.of(data.labels());
    }

    @Override
    public double[] yi() {
        return data.yi();
    }

    @Override
    public double[] vi() {
        return data.vi();
    }

    /** @return each study's weight {@code 1/(v_i + tau^2)} in percent of the total (metafor's {@code weights()}) */
    @Override
    public double[] weights() {
        double[] v = data.vi();
        double[] w = new double[k];
        double sw = 0;
        for (int i = 0; i < k; i++) {
            w[i] = 1.0 / (v[i] + tau2);
            sw += w[i];
        }
        for (int i = 0; i < k; i++) {
            w[i] = 100.0 * w[i] / sw;
        }
        return w;
    }

    /** @return the configuration (a view of the one model specification: {@code spec().model()}) */
    public MetaRegression spec() {
        return spec;
    }

    /** @return the studies fitted (after leaving out those with a missing moderator) */
    public StudyData data() {
        return data;
    }

    /** @return the design matrix */
    public DesignMatrix design() {
        return design;
    }

    /** @return number of studies */
    @Override
    public int k() {
        return k;
    }

    /** @return number of coefficients */
    public int p() {
        return p;
    }

    /** @return the coefficients, in design order ({@code intrcpt} first) */
    @Override
    public List<Coefficient> coefficients() {
        return coefficients;
    }

    /**
     * @param name coefficient name
     * @return the coefficient
     * @throws IllegalArgumentException naming the coefficients present
     */
    public Coefficient coefficient(String name) {
        for (Coefficient c : coefficients) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no coefficient '" + name + "'; coefficients: " + design.names());
    }

    /** @return a copy of the coefficient estimates */
    public double[] beta() {
        return beta.clone();
    }

    /** @return a copy of the covariance matrix of the coefficients, row-major p x p */
    public double[] vb() {
        return vb.clone();
    }

    /** @return QM: chi-square statistic (z test) or F statistic (Knapp-Hartung) of the moderators */
    public double qm() {
        return qm;
    }

    /** @return numerator degrees of freedom of QM (number of coefficients tested) */
    public int qmDf() {
        return qmDf;
    }

    /** @return denominator degrees of freedom of the F test (k - p) under Knapp-Hartung, NaN under z */
    public double qmDf2() {
        return qmDf2;
    }

    /** @return p-value of QM */
    public double qmPval() {
        return qmPval;
    }

    /** @return QE, the test statistic for residual heterogeneity */
    @Override
    public double qe() {
        return qe;
    }

    /** @return degrees of freedom of QE (k - p) */
    @Override
    public int qeDf() {
        return qeDf;
    }

    /** @return p-value of QE */
    @Override
    public double qePval() {
        return qePval;
    }

    /** @return residual tau^2 */
    public double tau2() {
        return tau2;
    }

    /** @return residual I^2 in percent */
    public double i2() {
        return i2;
    }

    /** @return residual H^2 */
    public double h2() {
        return h2;
    }

    /** @return pseudo-R^2 in percent (NaN for a model without intercept or without moderators) */
    public double r2() {
        return r2;
    }

    /** @return whether the tau^2 estimator converged */
    @Override
    public boolean converged() {
        return converged;
    }

    /** @return iterations of the tau^2 estimator */
    public int iterations() {
        return iterations;
    }

    /** @return warnings raised while fitting */
    @Override
    public List<String> warnings() {
        return warnings;
    }

    /**
     * The fitted average effect at moderator values {@code xNew}: either a full design row (length p, with the
     * intercept's 1) or, for a model with an intercept, the moderator values alone (length p - 1).
     *
     * @param xNew design row
     * @return estimate, standard error, confidence and prediction intervals
     */
    public Prediction predict(double... xNew) {
        double[] xr;
        if (xNew.length == p) {
            xr = xNew;
        } else if (design.hasIntercept() && xNew.length == p - 1) {
            xr = new double[p];
            xr[0] = 1;
            System.arraycopy(xNew, 0, xr, 1, p - 1);
        } else {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "predict needs %d values (%s)%s, got %d", p, String.join(", ", design.names()),
                    design.hasIntercept() ? " or " + (p - 1) + " without the intercept" : "", xNew.length));
        }
        double mu = 0;
        double var = 0;
        for (int s = 0; s < p; s++) {
            mu += xr[s] * beta[s];
            for (int t = 0; t < p; t++) {
                var += xr[s] * vb[s * p + t] * xr[t];
            }
        }
        double se = Math.sqrt(var);
        double sp = Math.sqrt(var + tau2);
        return new Prediction(mu, se, mu - crit * se, mu + crit * se, mu - crit * sp, mu + crit * sp);
    }

    /**
     * The figures under the names of the command-line contract: {@code k tau2 QM QM_df QM_pval QE QE_df QE_pval
     * R2 I2 H2} and per coefficient {@code coef_<name>_estimate|se|zval (tval under Knapp-Hartung)|pval|ci_lb|ci_ub}.
     *
     * @return an insertion-ordered map of name to Number
     */
    public Map<String, Number> figures() {
        Map<String, Number> f = new LinkedHashMap<>();
        f.put("k", k);
        f.put("p", p);
        f.put("tau2", tau2);
        f.put("tau", Math.sqrt(tau2));
        f.put("QM", qm);
        f.put("QM_df", qmDf);
        if (spec.test() == TestType.KNHA) {
            f.put("QM_df2", qmDf2);
        }
        f.put("QM_pval", qmPval);
        f.put("QE", qe);
        f.put("QE_df", qeDf);
        f.put("QE_pval", qePval);
        f.put("R2", r2);
        f.put("I2", i2);
        f.put("H2", h2);
        String stat = spec.test() == TestType.KNHA ? "tval" : "zval";
        for (Coefficient c : coefficients) {
            String pre = "coef_" + c.name() + "_";
            f.put(pre + "estimate", c.estimate());
            f.put(pre + "se", c.se());
            f.put(pre + stat, c.statistic());
            f.put(pre + "pval", c.pval());
            f.put(pre + "ci_lb", c.ciLb());
            f.put(pre + "ci_ub", c.ciUb());
        }
        return f;
    }

    /** A summary in the manner of a mixed-effects model printout; numbers formatted with {@link Locale#ROOT}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        Method m = spec.method();
        boolean knha = spec.test() == TestType.KNHA;
        sb.append(String.format(Locale.ROOT, "%s Model (k = %d; tau^2 estimator: %s)%n",
                m.isRandomEffects() ? "Mixed-Effects" : "Fixed-Effects with Moderators", k,
                m.isRandomEffects() ? m.label() : "none"));
        if (m.isRandomEffects()) {
            sb.append(String.format(Locale.ROOT, "%ntau^2 (estimated amount of residual heterogeneity):     %s%n",
                    fixed4(tau2)));
            sb.append(String.format(Locale.ROOT, "tau (square root of estimated tau^2 value):             %s%n",
                    fixed4(Math.sqrt(tau2))));
        } else {
            sb.append('\n');
        }
        sb.append(String.format(Locale.ROOT, "I^2 (residual heterogeneity / unaccounted variability): %s%%%n",
                fixed2(i2)));
        sb.append(String.format(Locale.ROOT, "H^2 (unaccounted variability / sampling variability):   %s%n",
                fixed2(h2)));
        if (!Double.isNaN(r2)) {
            sb.append(String.format(Locale.ROOT, "R^2 (amount of heterogeneity accounted for):            %s%%%n",
                    fixed2(r2)));
        }
        sb.append(String.format(Locale.ROOT, "%nTest for Residual Heterogeneity:%nQE(df = %d) = %s, p-val %s%n",
                qeDf, fixed4(qe), pValue(qePval)));
        if (knha) {
            sb.append(String.format(Locale.ROOT, "%nTest of Moderators:%nF(df1 = %d, df2 = %d) = %s, p-val %s%n",
                    qmDf, (int) qmDf2, fixed4(qm), pValue(qmPval)));
        } else {
            sb.append(String.format(Locale.ROOT, "%nTest of Moderators:%nQM(df = %d) = %s, p-val %s%n", qmDf,
                    fixed4(qm), pValue(qmPval)));
        }
        sb.append("\nModel Results:\n\n");
        int w = 8;
        for (Coefficient c : coefficients) {
            w = Math.max(w, c.name().length());
        }
        sb.append(String.format(Locale.ROOT, "%-" + w + "s %10s %9s %9s %9s %9s %9s%n", "", "estimate", "se",
                knha ? "tval" : "zval", "pval", "ci.lb", "ci.ub"));
        for (Coefficient c : coefficients) {
            sb.append(String.format(Locale.ROOT, "%-" + w + "s %10s %9s %9s %9s %9s %9s%n", c.name(),
                    fixed4(c.estimate()), fixed4(c.se()), fixed4(c.statistic()), pValue(c.pval()), fixed4(c.ciLb()),
                    fixed4(c.ciUb())));
        }
        for (String s : warnings) {
            sb.append("Warning: ").append(s).append('\n');
        }
        return sb.toString();
    }

    /** Mutable assembly, used by {@link MetaRegression}. */
    static final class Builder {
        MetaRegression spec;
        StudyData data;
        DesignMatrix design;
        int k;
        int p;
        final List<Coefficient> coefficients = new ArrayList<>();
        double[] beta;
        double[] vb;
        double qm;
        int qmDf;
        double qmDf2 = Double.NaN;
        double qmPval;
        double qe;
        int qeDf;
        double qePval;
        double tau2;
        double i2;
        double h2;
        double r2 = Double.NaN;
        double logLik = Double.NaN;
        double crit;
        boolean converged;
        int iterations;
        final List<String> warnings = new ArrayList<>();

        MetaRegressionResult build() {
            return new MetaRegressionResult(this);
        }
    }
}
