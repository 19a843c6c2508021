package org.metaj.model;

import static org.metaj.model.PrintFormat.fixed2;
import static org.metaj.model.PrintFormat.fixed4;
import static org.metaj.model.PrintFormat.pValue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.metaj.data.StudyData;
import org.metaj.effect.Transform;

/**
 * The immutable result of {@link MetaAnalysis#fit}: every figure of a pooled model, the per-study weights, the
 * warnings raised while fitting, the convergence status and the specification and data that produced it (so that
 * leave-one-out, permutation and bootstrap analyses can refit it). Undefined figures are {@code NaN}
 * (e.g. tau^2 of a common-effect model is 0, its interval NaN; the typical variance of a single study is NaN).
 */
public final class MetaResult implements FittedModel {
    private final MetaAnalysis spec;
    private final StudyData data;
    private final int k;
    private final double estimate;
    private final double se;
    private final double statistic;
    private final double pval;
    private final double ciLb;
    private final double ciUb;
    private final double piLb;
    private final double piUb;
    private final double tau2;
    private final double tau2Se;
    private final double q;
    private final int qDf;
    private final double qPval;
    private final double i2;
    private final double h2;
    private final double typicalV;
    private final double df;
    private final double logLik;
    private final double[] weights;
    private final Tau2Interval tau2Interval;
    private final boolean converged;
    private final int iterations;
    private final List<String> warnings;
    private final MhTests mhTests;

    MetaResult(Builder b) {
        this.spec = b.spec;
        this.data = b.data;
        this.k = b.k;
        this.estimate = b.estimate;
        this.se = b.se;
        this.statistic = b.statistic;
        this.pval = b.pval;
        this.ciLb = b.ciLb;
        this.ciUb = b.ciUb;
        this.piLb = b.piLb;
        this.piUb = b.piUb;
        this.tau2 = b.tau2;
        this.tau2Se = b.tau2Se;
        this.q = b.q;
        this.qDf = b.qDf;
        this.qPval = b.qPval;
        this.i2 = b.i2;
        this.h2 = b.h2;
        this.typicalV = b.typicalV;
        this.df = b.df;
        this.logLik = b.logLik;
        this.weights = b.weights.clone();
        this.tau2Interval = b.tau2Interval;
        this.converged = b.converged;
        this.iterations = b.iterations;
        this.warnings = Collections.unmodifiableList(new ArrayList<>(b.warnings));
        this.mhTests = b.mhTests;
    }

    /**
     * @return the Cochran-Mantel-Haenszel, Breslow-Day and Tarone tests of a Mantel-Haenszel fit (metafor's
     *         {@code rma.mh} fields {@code MH, MHp, BD, BDp, TA, TAp}); null for every other method
     */
    public MhTests mhTests() {
        return mhTests;
    }

    @Override
    public Kind kind() {
        return switch (spec.method()) {
            case MH -> Kind.MANTEL_HAENSZEL;
            case PETO -> Kind.PETO;
            default -> Kind.UNIVARIATE;
        };
    }

    @Override
    public String methodLabel() {
        return spec.method().label();
    }

    /** @return the one coefficient, {@code intrcpt}: the pooled estimate with its test and interval */
    @Override
    public List<Coefficient> coefficients() {
        return List.of(new Coefficient("intrcpt", estimate, se, statistic, pval, ciLb, ciUb));
    }

    /** @return {@code {tau2}} for a random-effects model, empty for common-effect, Mantel-Haenszel and Peto */
    @Override
    public double[] varianceComponents() {
        return spec.method().isRandomEffects() ? new double[] {tau2} : new double[0];
    }

    @Override
    public double qe() {
        return q;
    }

    @Override
    public int qeDf() {
        return qDf;
    }

    @Override
    public double qePval() {
        return qPval;
    }

    /**
     * @return the log-likelihood at the estimate as metafor's {@code logLik()}: restricted for REML, ML for the
     *         other inverse-variance methods; NaN for Mantel-Haenszel and Peto
     */
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

    /** @return the configuration that produced this result */
    public MetaAnalysis spec() {
        return spec;
    }

    /** @return the data fitted */
    public StudyData data() {
        return data;
    }

    /** @return the method */
    public Method method() {
        return spec.method();
    }

    /** @return the test */
    public TestType test() {
        return spec.test();
    }

    /** @return number of studies */
    @Override
    public int k() {
        return k;
    }

    /** @return the pooled estimate (on the analysis scale, e.g. log odds ratio) */
    public double estimate() {
        return estimate;
    }

    /** @return its standard error (Knapp-Hartung adjusted under that test) */
    public double se() {
        return se;
    }

    /** @return the z or t statistic */
    public double statistic() {
        return statistic;
    }

    /** @return the two-sided p-value */
    public double pval() {
        return pval;
    }

    /** @return lower confidence bound */
    public double ciLb() {
        return ciLb;
    }

    /** @return upper confidence bound */
    public double ciUb() {
        return ciUb;
    }

    /** @return lower prediction bound (the confidence bound for a common-effect model) */
    public double piLb() {
        return piLb;
    }

    /** @return upper prediction bound */
    public double piUb() {
        return piUb;
    }

    /** @return tau^2 (0 for common-effect, Mantel-Haenszel and Peto models) */
    public double tau2() {
        return tau2;
    }

    /** @return tau */
    public double tau() {
        return Math.sqrt(tau2);
    }

    /** @return the standard error of tau^2 where defined (ML, REML from the Fisher information), else NaN */
    public double tau2Se() {
        return tau2Se;
    }

    /** @return Cochran's Q */
    public double q() {
        return q;
    }

    /** @return degrees of freedom of Q */
    public int qDf() {
        return qDf;
    }

    /** @return p-value of Q */
    public double qPval() {
        return qPval;
    }

    /** @return I^2 in percent */
    public double i2() {
        return i2;
    }

    /** @return H^2 */
    public double h2() {
        return h2;
    }

    /** @return the typical within-study variance used for I^2 and H^2 */
    public double typicalVariance() {
        return typicalV;
    }

    /** @return degrees of freedom of the t distribution (Knapp-Hartung), or infinity under the z test */
    public double df() {
        return df;
    }

    /** @return a copy of the per-study weights in percent (summing to 100) */
    @Override
    public double[] weights() {
        return weights.clone();
    }

    /** @return the Q-profile interval for tau^2, or {@code null} when the model has no tau^2 */
    public Tau2Interval tau2Interval() {
        return tau2Interval;
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

    /** @return warnings raised while fitting (never hidden) */
    @Override
    public List<String> warnings() {
        return warnings;
    }

    /** @return the confidence level, e.g. 0.95 */
    @Override
    public double level() {
        return spec.level();
    }

    /**
     * The figures under the names of the command-line contract ({@code k estimate se pval ci_lb ci_ub tau2 I2 H2
     * Q Q_pval pi_lb pi_ub tau2_ci_lb tau2_ci_ub}, plus {@code zval}/{@code tval}, {@code Q_df}, {@code tau},
     * {@code tau2_se}, {@code I2_ci_*}, {@code H2_ci_*}, {@code df}). Undefined values are NaN.
     *
     * @return an insertion-ordered map of name to Number
     */
    public java.util.Map<String, Number> figures() {
        java.util.Map<String, Number> f = new java.util.LinkedHashMap<>();
        f.put("k", k);
        f.put("estimate", estimate);
        f.put("se", se);
        f.put(spec.test() == TestType.KNHA ? "tval" : "zval", statistic);
        f.put("pval", pval);
        f.put("ci_lb", ciLb);
        f.put("ci_ub", ciUb);
        f.put("pi_lb", piLb);
        f.put("pi_ub", piUb);
        f.put("tau2", tau2);
        f.put("tau", Math.sqrt(tau2));
        f.put("tau2_se", tau2Se);
        f.put("I2", i2);
        f.put("H2", h2);
        f.put("Q", q);
        f.put("Q_df", qDf);
        f.put("Q_pval", qPval);
        if (spec.test() == TestType.KNHA) {
            f.put("df", df);
        }
        if (tau2Interval != null) {
            f.put("tau2_ci_lb", tau2Interval.tau2Lb());
            f.put("tau2_ci_ub", tau2Interval.tau2Ub());
            f.put("tau_ci_lb", tau2Interval.tauLb());
            f.put("tau_ci_ub", tau2Interval.tauUb());
            f.put("I2_ci_lb", tau2Interval.i2Lb());
            f.put("I2_ci_ub", tau2Interval.i2Ub());
            f.put("H2_ci_lb", tau2Interval.h2Lb());
            f.put("H2_ci_ub", tau2Interval.h2Ub());
        }
        f.put("iterations", iterations);
        if (mhTests != null) {
            f.put("CMH", mhTests.cmh());
            f.put("CMH_pval", mhTests.cmhPval());
            f.put("BD", mhTests.breslowDay());
            f.put("BD_pval", mhTests.breslowDayPval());
            f.put("TA", mhTests.tarone());
            f.put("TA_pval", mhTests.taronePval());
        }
        return f;
    }

    /**
     * A summary in the manner of metafor's {@code print.rma}, numbers formatted with {@link Locale#ROOT}, with the
     * estimate and intervals back-transformed as {@link Transform#forMeasure} chooses for the measure.
     */
    @Override
    public String toString() {
        return toString(Transform.forMeasure(data.measure()));
    }

    /**
     * The back-transformed pooled figures, as metafor's {@code predict(fit, transf = ...)} gives them:
     * {@code estimate_bt, ci_lb_bt, ci_ub_bt, pi_lb_bt, pi_ub_bt} (for a common-effect model the prediction
     * interval is the confidence interval), with {@code transf} the transformation's metafor name.
     *
     * @param transform the back-transformation ({@link Transform#NONE} gives an empty map)
     * @return the figures, in that order
     * @throws IllegalArgumentException when the transformation needs a column the data lack
     */
    public java.util.Map<String, Object> backTransformed(Transform transform) {
        java.util.Map<String, Object> f = new java.util.LinkedHashMap<>();
        Transform.Bound b = bound(transform);
        if (b == null) {
            return f;
        }
        f.put("transf", transform.metaforName());
        f.put("estimate_bt", b.apply(estimate));
        f.put("ci_lb_bt", b.apply(ciLb));
        f.put("ci_ub_bt", b.apply(ciUb));
        f.put("pi_lb_bt", b.apply(piLb));
        f.put("pi_ub_bt", b.apply(piUb));
        if (!Double.isNaN(b.parameter())) {
            f.put("transf_parameter", b.parameter());
        }
        return f;
    }

    private Transform.Bound bound(Transform transform) {
        return transform == null || transform == Transform.NONE ? null : transform.bind(data);
    }

    /**
     * @param transform the back-transformation shown below the model results ({@link Transform#NONE}: none)
     * @return the summary of {@link #toString()} with that back-transformation
     */
    public String toString(Transform transform) {
        StringBuilder sb = new StringBuilder();
        Method m = spec.method();
        String model = m.isRandomEffects() ? "Random-Effects Model" : (m == Method.FE ? "Common-Effect Model"
                : m == Method.MH ? "Common-Effect Model (Mantel-Haenszel)" : "Common-Effect Model (Peto)");
        sb.append(String.format(Locale.ROOT, "%s (k = %d; tau^2 estimator: %s)%n", model, k,
                m.isRandomEffects() ? m.label() : "none"));
        if (data.measure() != null) {
            sb.append(String.format(Locale.ROOT, "Measure: %s (%s)%n", data.measure(), data.measure().description()));
        }
        sb.append('\n');
        if (m.isRandomEffects()) {
            sb.append(String.format(Locale.ROOT, "tau^2 (estimated amount of total heterogeneity): %s%s%n",
                    fixed4(tau2), Double.isNaN(tau2Se) ? "" : " (SE = " + fixed4(tau2Se) + ")"));
            sb.append(String.format(Locale.ROOT, "tau (square root of estimated tau^2 value):      %s%n",
                    fixed4(Math.sqrt(tau2))));
        }
        sb.append(String.format(Locale.ROOT, "I^2 (total heterogeneity / total variability):   %s%%%n", fixed2(i2)));
        sb.append(String.format(Locale.ROOT, "H^2 (total variability / sampling variability):  %s%n", fixed2(h2)));
        if (tau2Interval != null) {
            sb.append(String.format(Locale.ROOT, "tau^2 %s%% CI (Q-profile): [%s, %s]; I^2: [%s%%, %s%%]%n",
                    fmtLevel(), fixed4(tau2Interval.tau2Lb()), fixed4(tau2Interval.tau2Ub()),
                    fixed2(tau2Interval.i2Lb()), fixed2(tau2Interval.i2Ub())));
        }
        sb.append(String.format(Locale.ROOT, "%nTest for Heterogeneity:%nQ(df = %d) = %s, p-val %s%n%n", qDf,
                fixed4(q), pValue(qPval)));
        sb.append("Model Results:\n\n");
        String stat = spec.test() == TestType.KNHA ? "tval" : "zval";
        sb.append(String.format(Locale.ROOT, "%10s %9s %9s %9s %9s %9s%n", "estimate", "se", stat, "pval", "ci.lb",
                "ci.ub"));
        sb.append(String.format(Locale.ROOT, "%10s %9s %9s %9s %9s %9s%n", fixed4(estimate), fixed4(se),
                fixed4(statistic), pValue(pval), fixed4(ciLb), fixed4(ciUb)));
        if (m.isRandomEffects()) {
            sb.append(String.format(Locale.ROOT, "%nPrediction interval: [%s, %s]%n", fixed4(piLb), fixed4(piUb)));
        }
        Transform.Bound bt = bound(transform);
        if (bt != null) {
            sb.append(String.format(Locale.ROOT, "%nBack-transformed (%s): %s [%s, %s]", bt.label(),
                    fixed4(bt.apply(estimate)), fixed4(bt.apply(ciLb)), fixed4(bt.apply(ciUb))));
            if (m.isRandomEffects()) {
                sb.append(String.format(Locale.ROOT, "; prediction interval [%s, %s]", fixed4(bt.apply(piLb)),
                        fixed4(bt.apply(piUb))));
            }
            sb.append('\n');
        }
        sb.append('\n').append(summaryLine()).append('\n');
        for (String w : warnings) {
            sb.append("Warning: ").append(w).append('\n');
        }
        return sb.toString();
    }

    /**
     * One line as a review reports it, two decimals (more when the interval is narrower, see {@link #decimals}),
     * back-transformed for log-scale measures, e.g.
     * {@code Pooled (FE): MD 0.80 (95% CI -0.27 to 1.88), p = 0.144; Q = 0.18 (df = 1, p = 0.667), I2 = 0%}.
     *
     * @return the summary line
     */
    public String summaryLine() {
        boolean log = data.measure() != null && data.measure().isLogScale();
        String name = data.measure() == null ? "estimate"
                : log ? data.measure().name().replace("PETO", "OR (Peto)") : data.measure().name();
        double e = log ? Math.exp(estimate) : estimate;
        double lo = log ? Math.exp(ciLb) : ciLb;
        double hi = log ? Math.exp(ciUb) : ciUb;
        String p = Double.isNaN(pval) ? "NA" : pval < 0.001 ? "< 0.001" : String.format(Locale.ROOT, "%.3f", pval);
        String qp = Double.isNaN(qPval) ? "NA" : qPval < 0.001 ? "< 0.001" : String.format(Locale.ROOT, "%.3f", qPval);
        String het = Double.isNaN(q) ? "heterogeneity undefined (k = 1)" : String.format(Locale.ROOT,
                "Q = %.2f (df = %d, p %s%s), I2 = %.0f%%", q, qDf, qp.startsWith("<") ? "" : "= ", qp, i2);
        if (spec.method().isRandomEffects()) {
            het += String.format(Locale.ROOT, ", tau2 = %.4f", tau2);
        }
        int d = decimals(e, lo, hi);
        return String.format(Locale.ROOT, "Pooled (%s): %s %s (%s%% CI %s to %s), p %s%s; %s",
                spec.method().label(), name, fixed(e, d), fmtLevel(), fixed(lo, d), fixed(hi, d),
                p.startsWith("<") ? "" : "= ", p, het);
    }

    /**
     * Decimals of the summary line: two, or as many as show the confidence interval's width to two significant
     * digits (at most 6), so that a risk difference of -0.002 [-0.011, 0.007] is not printed as -0.00 [-0.01, 0.01].
     */
    static int decimals(double e, double lo, double hi) {
        double scale = hi - lo;
        if (!(scale > 0) || Double.isInfinite(scale)) {
            scale = Math.abs(e);
        }
        if (!(scale > 0) || Double.isInfinite(scale)) {
            return 2;
        }
        int d = 1 - (int) Math.floor(Math.log10(scale));
        return Math.max(2, Math.min(6, d));
    }

    /** @return {@code x} with {@code d} decimals, without the sign of a value that rounds to zero */
    static String fixed(double x, int d) {
        String s = String.format(Locale.ROOT, "%." + d + "f", x);
        if (s.startsWith("-") && s.chars().skip(1).allMatch(c -> c == '0' || c == '.')) {
            return s.substring(1);
        }
        return s;
    }

    private String fmtLevel() {
        return String.format(Locale.ROOT, "%.4g", 100 * spec.level()).replaceAll("\\.?0+$", "");
    }

    /** Mutable assembly of a result, used by the model classes of this package. */
    static final class Builder {
        MetaAnalysis spec;
        StudyData data;
        int k;
        double estimate = Double.NaN;
        double se = Double.NaN;
        double statistic = Double.NaN;
        double pval = Double.NaN;
        double ciLb = Double.NaN;
        double ciUb = Double.NaN;
        double piLb = Double.NaN;
        double piUb = Double.NaN;
        double tau2;
        double tau2Se = Double.NaN;
        double q = Double.NaN;
        int qDf;
        double qPval = Double.NaN;
        double i2 = Double.NaN;
        double h2 = Double.NaN;
        double typicalV = Double.NaN;
        double logLik = Double.NaN;
        double df = Double.POSITIVE_INFINITY;
        double[] weights = new double[0];
        Tau2Interval tau2Interval;
        boolean converged = true;
        int iterations;
        final List<String> warnings = new ArrayList<>();
        MhTests mhTests;

        MetaResult build() {
            return new MetaResult(this);
        }
    }
}
