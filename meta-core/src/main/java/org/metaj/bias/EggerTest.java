package org.metaj.bias;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.metaj.data.StudyData;
import org.metaj.model.MetaResult;
import org.metaj.model.Method;
import org.metaj.model.TestType;
import org.metaj.fit.Inference;

/**
 * Regression test for funnel-plot asymmetry (Egger, Davey Smith, Schneider &amp; Minder 1997, BMJ 315:629), as
 * metafor's {@code regtest()}. The effects are regressed on a measure of precision, {@code y_i = b0 + b1 x_i}, and
 * the test is that of {@code b1 = 0}:
 * <ul>
 * <li>{@link Model#LM} (the classic form): weighted least squares with weights {@code 1/v_i} and an estimated
 * multiplicative residual variance; t test on {@code k-2} degrees of freedom. With {@code x = sqrt(v)} this is
 * Egger's regression of {@code y/se} on {@code 1/se} rewritten (Sterne &amp; Egger 2005).</li>
 * <li>{@link Model#RMA} (default in metafor): the mixed-effects meta-regression with the model's tau^2 estimator
 * and test (z, or t on k-2 df under Knapp-Hartung) (Sterne &amp; Egger 2005; Viechtbauer 2010).</li>
 * </ul>
 * Predictors: standard error (Egger), variance (Moreno et al. 2009, BMC Med Res Methodol 9:2), {@code 1/n} and
 * {@code 1/sqrt(n)} (Peters et al. 2006, JAMA 295:676). For these the intercept {@code b0} is the estimate at
 * {@code x = 0}, the "limit estimate" of an infinitely precise study (Stanley &amp; Doucouliagos 2014).
 *
 * <p>Immutable configuration; {@link #test(MetaResult)} returns an immutable {@link Result}.
 */
public final class EggerTest {
    /** The regression model. */
    public enum Model {
        /** weighted least squares with weights 1/v (multiplicative dispersion). */
        LM,
        /** mixed-effects meta-regression with the model's tau^2 estimator and test. */
        RMA
    }

    /** The precision measure regressed on. */
    public enum Predictor {
        /** standard error sqrt(v). */
        SEI,
        /** sampling variance v. */
        VI,
        /** inverse total sample size 1/n. */
        NINV,
        /** inverse square root of the total sample size 1/sqrt(n). */
        SQRTNINV;

        /** @return metafor's name */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * @param s name, case-insensitive (sei, vi, ninv, sqrtninv)
         * @return the predictor
         */
        public static Predictor parse(String s) {
            for (Predictor p : values()) {
                if (p.name().equalsIgnoreCase(s == null ? "" : s.trim())) {
                    return p;
                }
            }
            throw new IllegalArgumentException("unknown predictor '" + s + "'; use sei, vi, ninv or sqrtninv");
        }
    }

    private static final EggerTest CLASSIC = new EggerTest(Model.LM, Predictor.SEI);

    private final Model model;
    private final Predictor predictor;

    private EggerTest(Model model, Predictor predictor) {
        this.model = model;
        this.predictor = predictor;
    }

    /** @return the classic test: weighted least squares on the standard error */
    public static EggerTest classic() {
        return CLASSIC;
    }

    /** @return a copy with the model */
    public EggerTest with(Model m) {
        return new EggerTest(m, predictor);
    }

    /** @return a copy with the predictor */
    public EggerTest with(Predictor p) {
        return new EggerTest(model, p);
    }

    /** @return the model */
    public Model model() {
        return model;
    }

    /** @return the predictor */
    public Predictor predictor() {
        return predictor;
    }

    /**
     * @param fitted a fitted model: its effects, variances and (for {@link Model#RMA}) method, test and level
     * @return the test result
     */
    public Result test(MetaResult fitted) {
        StudyData d = fitted.data();
        int k = d.k();
        double[] y = d.yi();
        double[] v = d.vi();
        double[] x = new double[k];
        double[] n = predictor == Predictor.NINV || predictor == Predictor.SQRTNINV ? Regression.sampleSizes(d)
                : null;
        for (int i = 0; i < k; i++) {
            switch (predictor) {
                case SEI:
                    x[i] = Math.sqrt(v[i]);
                    break;
                case VI:
                    x[i] = v[i];
                    break;
                case NINV:
                    x[i] = 1 / n[i];
                    break;
                default:
                    x[i] = 1 / Math.sqrt(n[i]);
                    break;
            }
        }
        double level = fitted.level();
        Regression r;
        boolean t;
        if (model == Model.LM) {
            r = Regression.lm(y, v, x);
            t = true;
        } else {
            Method m = fitted.method();
            if (m == Method.MH || m == Method.PETO) {
                throw new IllegalArgumentException("the mixed-effects regression test needs an inverse-variance "
                        + "method, got " + m.label() + "; use the LM model");
            }
            t = fitted.test() == TestType.KNHA;
            r = Regression.rma(y, v, x, fitted.spec().fitSpec());
        }
        double stat = r.beta[1] / r.se[1];
        double p = Inference.pValue(t, stat, r.df);
        double crit = Inference.critical(t, level, r.df);
        double b0 = r.beta[0];
        return new Result(model, predictor, stat, p, t ? r.df : Double.NaN, b0, b0 - crit * r.se[0],
                b0 + crit * r.se[0], r.beta[1], r.tau2, t);
    }

    /** An immutable test result. */
    public static final class Result {
        private final Model model;
        private final Predictor predictor;
        private final double statistic;
        private final double pval;
        private final double df;
        private final double limit;
        private final double limitLb;
        private final double limitUb;
        private final double slope;
        private final double tau2;
        private final boolean t;

        Result(Model model, Predictor predictor, double statistic, double pval, double df, double limit,
                double limitLb, double limitUb, double slope, double tau2, boolean t) {
            this.model = model;
            this.predictor = predictor;
            this.statistic = statistic;
            this.pval = pval;
            this.df = df;
            this.limit = limit;
            this.limitLb = limitLb;
            this.limitUb = limitUb;
            this.slope = slope;
            this.tau2 = tau2;
            this.t = t;
        }

        /** @return the t or z statistic of the predictor's coefficient */
        public double statistic() {
            return statistic;
        }

        /** @return its two-sided p-value */
        public double pval() {
            return pval;
        }

        /** @return degrees of freedom of the t test (k-2), NaN for a z test */
        public double df() {
            return df;
        }

        /** @return the intercept: the limit estimate as the predictor goes to 0 */
        public double limitEstimate() {
            return limit;
        }

        /** @return lower confidence bound of the limit estimate */
        public double limitCiLb() {
            return limitLb;
        }

        /** @return upper confidence bound of the limit estimate */
        public double limitCiUb() {
            return limitUb;
        }

        /** @return the predictor's coefficient */
        public double slope() {
            return slope;
        }

        /** @return residual tau^2 of the mixed-effects model (NaN for LM) */
        public double tau2() {
            return tau2;
        }

        /** @return the figures {@code egger_stat egger_pval egger_df egger_limit egger_limit_ci_lb egger_limit_ci_ub} */
        public Map<String, Object> figures() {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("egger_stat", statistic);
            f.put("egger_pval", pval);
            f.put("egger_df", df);
            f.put("egger_limit", limit);
            f.put("egger_limit_ci_lb", limitLb);
            f.put("egger_limit_ci_ub", limitUb);
            f.put("egger_slope", slope);
            if (model == Model.RMA) {
                f.put("egger_tau2", tau2);
            }
            return f;
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "Regression test for funnel plot asymmetry%n%n"));
            sb.append(String.format(Locale.ROOT, "Model:     %s%n", model == Model.LM
                    ? "weighted regression with multiplicative dispersion" : "mixed-effects meta-regression model"));
            sb.append(String.format(Locale.ROOT, "Predictor: %s%n%n", predictor.label()));
            sb.append(String.format(Locale.ROOT, "Test for funnel plot asymmetry: %s = %.4f, %sp = %.4f%n",
                    t ? "t" : "z", statistic, t ? String.format(Locale.ROOT, "df = %.0f, ", df) : "", pval));
            sb.append(String.format(Locale.ROOT, "Limit estimate (as %s -> 0): b = %.4f (CI: %.4f, %.4f)%n",
                    predictor.label(), limit, limitLb, limitUb));
            return sb.toString();
        }
    }
}
