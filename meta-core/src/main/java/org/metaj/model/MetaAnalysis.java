package org.metaj.model;

import java.util.Locale;

import org.metaj.data.StudyData;
import org.metaj.kernel.FitKernel;
import org.metaj.kernel.FitWorkspace;
import org.metaj.kernel.KernelFit;
import org.metaj.stats.Probabilities;
import org.metaj.tau2.Tau2Estimator;

/**
 * A configured meta-analysis: method (common effect, a tau^2 estimator, Mantel-Haenszel or Peto), test (z or
 * Knapp-Hartung) and confidence level. Immutable and thread-safe: one configuration may be fitted from many
 * threads at once. Matches metafor's {@code rma()}, {@code rma.mh()} and {@code rma.peto()} with their defaults.
 *
 * <pre>{@code
 * MetaResult r = MetaAnalysis.withDefaults().with(Method.DL).with(TestType.KNHA).fit(data);
 * }</pre>
 *
 * <p>Intervals: the confidence interval is {@code estimate +/- c se} with {@code c} the normal quantile (z) or the
 * t quantile on {@code k-1} degrees of freedom (Knapp-Hartung); the prediction interval is
 * {@code estimate +/- c sqrt(se^2 + tau^2)} with the same {@code c} (Higgins, Thompson &amp; Spiegelhalter 2009,
 * J R Stat Soc A 172:137, as metafor computes it); the tau^2 interval is the Q-profile interval (Viechtbauer 2007).
 */
public final class MetaAnalysis {
    /** What to do when an iterative tau^2 estimator does not converge. */
    public enum OnNonConvergence {
        /** Return the result with {@code converged() == false} and a warning (default). */
        REPORT,
        /** Throw {@link NonConvergenceException}. */
        FAIL,
        /** Refit with DerSimonian-Laird and say so in a warning. */
        DL
    }

    /** The default iteration limit of the iterative tau^2 estimators (Fisher scoring). */
    public static final int DEFAULT_MAX_ITERATIONS = 1000;

    private static final MetaAnalysis DEFAULTS = new MetaAnalysis(Method.REML, TestType.Z, 0.95,
            OnNonConvergence.REPORT, true, DEFAULT_MAX_ITERATIONS);

    private final Method method;
    private final TestType test;
    private final double level;
    private final OnNonConvergence onNonConvergence;
    private final boolean tau2Interval;
    private final int maxIterations;

    private MetaAnalysis(Method method, TestType test, double level, OnNonConvergence onNonConvergence,
            boolean tau2Interval, int maxIterations) {
        this.maxIterations = maxIterations;
        this.method = method;
        this.test = test;
        this.level = level;
        this.onNonConvergence = onNonConvergence;
        this.tau2Interval = tau2Interval;
    }

    /** @return REML, z test, 95% level (metafor's defaults) */
    public static MetaAnalysis withDefaults() {
        return DEFAULTS;
    }

    /** @return a copy with the method */
    public MetaAnalysis with(Method m) {
        return new MetaAnalysis(m, test, level, onNonConvergence, tau2Interval, maxIterations);
    }

    /** @return a copy with the test */
    public MetaAnalysis with(TestType t) {
        return new MetaAnalysis(method, t, level, onNonConvergence, tau2Interval, maxIterations);
    }

    /** @return a copy with the non-convergence policy */
    public MetaAnalysis with(OnNonConvergence policy) {
        return new MetaAnalysis(method, test, level, policy, tau2Interval, maxIterations);
    }

    /**
     * @param lvl confidence level in (0, 1), e.g. 0.95; values in (1, 100) are read as percent
     * @return a copy with the level
     */
    public MetaAnalysis withLevel(double lvl) {
        return new MetaAnalysis(method, test, confidenceLevel(lvl), onNonConvergence, tau2Interval, maxIterations);
    }

    /**
     * Reads a confidence level as {@link #withLevel} and {@code MetaRegression.withLevel} take it.
     *
     * @param lvl a level in (0, 1), e.g. 0.95, or in percent in (1, 100), e.g. 95
     * @return the level as a fraction in (0, 1)
     * @throws IllegalArgumentException for anything else (NaN included)
     */
    public static double confidenceLevel(double lvl) {
        double l = lvl > 1 && lvl < 100 ? lvl / 100 : lvl;
        if (!(l > 0 && l < 1)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "confidence level must be in (0, 1) or (1, 100) percent, got %s", lvl));
        }
        return l;
    }

    /** @return a copy that does (or does not) compute the Q-profile interval for tau^2 */
    public MetaAnalysis withTau2Interval(boolean compute) {
        return new MetaAnalysis(method, test, level, onNonConvergence, compute, maxIterations);
    }

    /**
     * @param n the iteration limit of the iterative tau^2 estimators (ML, REML, EB), at least 1
     * @return a copy with the limit; a fit that reaches it is handled by the {@link OnNonConvergence} policy
     */
    public MetaAnalysis withMaxIterations(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("the iteration limit must be >= 1, got " + n);
        }
        return new MetaAnalysis(method, test, level, onNonConvergence, tau2Interval, n);
    }

    /** @return the iteration limit of the iterative tau^2 estimators */
    public int maxIterations() {
        return maxIterations;
    }

    /** @return the method */
    public Method method() {
        return method;
    }

    /** @return the test */
    public TestType test() {
        return test;
    }

    /** @return the confidence level in (0, 1) */
    public double level() {
        return level;
    }

    /** @return the non-convergence policy */
    public OnNonConvergence onNonConvergence() {
        return onNonConvergence;
    }

    /** @return whether the Q-profile interval is computed */
    public boolean computesTau2Interval() {
        return tau2Interval;
    }

    /**
     * Fits the model.
     *
     * @param data the studies
     * @return the result
     * @throws IllegalArgumentException if the data do not fit the method (e.g. Mantel-Haenszel without 2x2 counts)
     * @throws NonConvergenceException  under {@link OnNonConvergence#FAIL} when the estimator does not converge
     */
    public MetaResult fit(StudyData data) {
        if (data.k() < 1) {
            throw new IllegalArgumentException("no studies to pool");
        }
        if (method == Method.MH) {
            return MantelHaenszel.fit(this, data);
        }
        if (method == Method.PETO) {
            return Peto.fit(this, data);
        }
        int k = data.k();
        for (int i = 0; i < k; i++) {
            if (!(data.vi(i) > 0)) {
                // 1/v_i is infinite: no inverse-variance method is defined (metafor stops with "Division by zero
                // when computing the inverse variance weights" or refuses the estimator)
                throw data.columns().error(i, genericColumn(data), String.format(Locale.ROOT, "study '%s' has sampling variance 0: its "
                        + "inverse-variance weight is infinite, so %s cannot pool it; expected a variance > 0 "
                        + "(check the data, or leave the study out)", data.label(i), method.label()));
            }
            if (Double.isInfinite(1 / data.vi(i))) {
                throw data.columns().error(i, genericColumn(data), String.format(Locale.ROOT, "study '%s' has "
                        + "sampling variance %s: its weight 1/v overflows double precision; expected a variance "
                        + "above %s (rescale the data, e.g. change the unit)", data.label(i), data.vi(i),
                        Double.MIN_NORMAL));
            }
        }
        MetaResult.Builder b = new MetaResult.Builder();
        b.spec = this;
        b.data = data;
        b.k = k;
        if (k == 1) {
            return single(b, data);
        }
        FitWorkspace ws = new FitWorkspace(k, 1);
        ws.load(data.yi(), data.vi(), k);
        ws.maxIterations = maxIterations;
        String spread = org.metaj.kernel.VarianceSpread.warning(ws.v, k);
        if (spread != null) {
            b.warnings.add(spread);
        }
        KernelFit out = new KernelFit(1);
        Tau2Estimator est = method.estimator();
        boolean ok = FitKernel.fit(ws, est, test == TestType.KNHA, true, out);
        MetaAnalysis used = this;
        if (!ok && !Double.isFinite(ws.wls(0.0))) {
            throw overflow(data);
        }
        if (!ok || !out.converged) {
            String what = String.format(Locale.ROOT, "the %s estimator of tau^2 did not converge (%d iterations)",
                    method.label(), out.iterations);
            switch (onNonConvergence) {
                case FAIL:
                    throw new NonConvergenceException(what);
                case DL:
                    b.warnings.add(what + "; refitted with DerSimonian-Laird as asked (--on-nonconvergence DL)");
                    ws.load(data.yi(), data.vi(), k);
                    ok = FitKernel.fit(ws, Method.DL.estimator(), test == TestType.KNHA, true, out);
                    used = with(Method.DL);
                    break;
                default:
                    b.warnings.add(what + "; the last iterate is reported");
                    break;
            }
            if (!ok) {
                throw new NonConvergenceException(what + " and no estimate could be formed");
            }
        }
        b.converged = out.converged;
        b.iterations = out.iterations;
        fill(b, out, ws, used, k, 1);
        if (method.isRandomEffects() && tau2Interval) {
            b.tau2Interval = QProfile.interval(ws, out.tau2, out.typicalV, level, b.warnings);
        }
        // the SE of tau^2 from the Fisher information of the estimator actually used (not after a DL fallback)
        Method fitted = used.method;
        if (fitted == Method.ML || fitted == Method.REML) {
            ws.wls(out.tau2);
            double info = fitted == Method.ML ? sumSq(ws.w, k) : ws.trPP();
            b.tau2Se = Math.sqrt(2.0 / info);
        }
        return b.build();
    }

    private static String genericColumn(StudyData data) {
        org.metaj.data.StudyColumns c = data.columns();
        return data.measure() == null && c.has("vi") ? "vi" : data.measure() == null && c.has("sei") ? "sei" : null;
    }

    /** Q overflows: the effects are too far apart for their variances; names the most extreme study. */
    private static org.metaj.data.DataException overflow(StudyData data) {
        int worst = 0;
        double max = -1;
        for (int i = 0; i < data.k(); i++) {
            double z = Math.abs(data.yi(i)) / Math.sqrt(data.vi(i));
            if (!(z <= max)) {
                worst = i;
                max = z;
            }
        }
        return data.columns().error(worst, data.measure() == null && data.columns().has("yi") ? "yi" : null,
                String.format(Locale.ROOT, "study '%s' (yi = %s, vi = %s) is too extreme to pool in double "
                        + "precision: Cochran's Q overflows; check the value or rescale the data (e.g. change the "
                        + "unit)", data.label(worst), data.yi(worst), data.vi(worst)));
    }

    private static double sumSq(double[] a, int k) {
        double s = 0;
        for (int i = 0; i < k; i++) {
            s += a[i] * a[i];
        }
        return s;
    }

    /** Fills the estimate, test, intervals, heterogeneity and weights from a kernel fit. */
    private void fill(MetaResult.Builder b, KernelFit out, FitWorkspace ws, MetaAnalysis used, int k, int p) {
        b.tau2 = out.tau2;
        b.estimate = out.estimate();
        b.se = out.se();
        b.statistic = b.estimate / b.se;
        double crit;
        if (test == TestType.KNHA) {
            b.df = k - p;
            b.pval = Probabilities.tTwoSided(b.statistic, b.df);
            crit = Probabilities.tQuantile(1 - (1 - level) / 2, b.df);
        } else {
            b.pval = Probabilities.normalTwoSided(b.statistic);
            crit = Probabilities.normalQuantile(1 - (1 - level) / 2);
        }
        b.ciLb = b.estimate - crit * b.se;
        b.ciUb = b.estimate + crit * b.se;
        double sp = Math.sqrt(b.se * b.se + out.tau2);
        b.piLb = b.estimate - crit * sp;
        b.piUb = b.estimate + crit * sp;
        b.q = out.qe;
        b.qDf = k - p;
        b.qPval = Probabilities.chiSquareUpper(out.qe, k - p);
        b.i2 = out.i2;
        b.h2 = out.h2;
        b.typicalV = out.typicalV;
        double[] wts = new double[k];
        double sw = 0;
        for (int i = 0; i < k; i++) {
            wts[i] = 1.0 / (ws.v[i] + out.tau2);
            sw += wts[i];
        }
        for (int i = 0; i < k; i++) {
            wts[i] = 100.0 * wts[i] / sw;
        }
        b.weights = wts;
        if (used != this) {
            b.spec = used;
        }
        if (method.isRandomEffects() && out.tau2 == 0 && b.qDf > 0) {
            b.warnings.add(String.format(Locale.ROOT, "tau^2 estimated as 0 by %s: the random-effects model "
                    + "reduces to the common-effect model", used.method.label()));
        }
    }

    /**
     * k = 1: the study itself, tau^2 = 0. Heterogeneity takes its degenerate values rather than NaN, as metafor
     * 3.8-1 reports them (checked in reference/cases-extra.jsonl, {@code egger2001k1/*}): the residual sum of
     * squares about the study's own value is {@code Q = 0} on {@code df = 0}; its p-value is
     * {@code P(chi2_0 >= 0) = 1} (the chi-square with 0 degrees of freedom is a point mass at 0); and with
     * tau^2 = 0 the tau^2-based definitions of Higgins &amp; Thompson (2002, Stat Med 21:1539),
     * {@code I2 = 100 tau2 / (tau2 + s2)} and {@code H2 = (tau2 + s2) / s2}, give {@code I2 = 0}, {@code H2 = 1}.
     */
    private MetaResult single(MetaResult.Builder b, StudyData data) {
        b.tau2 = 0;
        b.estimate = data.yi(0);
        b.se = Math.sqrt(data.vi(0));
        b.statistic = b.estimate / b.se;
        b.pval = Probabilities.normalTwoSided(b.statistic);
        double crit = Probabilities.normalQuantile(1 - (1 - level) / 2);
        if (test == TestType.KNHA) {
            b.warnings.add("Knapp-Hartung needs k >= 2; the z test is used for a single study");
        }
        b.ciLb = b.estimate - crit * b.se;
        b.ciUb = b.estimate + crit * b.se;
        b.piLb = b.ciLb;
        b.piUb = b.ciUb;
        b.q = 0;
        b.qDf = 0;
        b.qPval = 1;
        b.i2 = 0;
        b.h2 = 1;
        b.weights = new double[] {100.0};
        b.warnings.add("only one study: the pooled result is that study; tau^2 is 0, Q = 0 on 0 df, I^2 = 0");
        return b.build();
    }
}
