package org.metaj.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.metaj.data.StudyData;
import org.metaj.fit.FitControl;
import org.metaj.fit.FitSpec;
import org.metaj.fit.Inference;
import org.metaj.fit.Refitter;
import org.metaj.kernel.FitWorkspace;

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
    /** What to do when an iterative tau^2 estimator does not converge (see {@link org.metaj.fit.OnNonConvergence}). */
    public enum OnNonConvergence {
        /** Return the result with {@code converged() == false} and a warning (default). */
        REPORT,
        /** Throw {@link org.metaj.fit.NonConvergenceException}. */
        FAIL,
        /** Refit with DerSimonian-Laird and say so in a warning. */
        DL;

        /** @return the policy of the fitting path */
        org.metaj.fit.OnNonConvergence policy() {
            return switch (this) {
                case REPORT -> org.metaj.fit.OnNonConvergence.REPORT;
                case FAIL -> org.metaj.fit.OnNonConvergence.FAIL;
                case DL -> org.metaj.fit.OnNonConvergence.DL;
            };
        }
    }

    /** The default iteration limit of the iterative tau^2 estimators (Fisher scoring). */
    public static final int DEFAULT_MAX_ITERATIONS = FitControl.DEFAULT_MAX_ITERATIONS;

    private static final MetaAnalysis DEFAULTS = new MetaAnalysis(Method.REML, TestType.Z, 0.95,
            OnNonConvergence.REPORT, true, FitControl.defaults(), List.of());

    private final Method method;
    private final TestType test;
    private final double level;
    private final OnNonConvergence onNonConvergence;
    private final boolean tau2Interval;
    private final FitControl control;
    private final List<String> moderators;

    private MetaAnalysis(Method method, TestType test, double level, OnNonConvergence onNonConvergence,
            boolean tau2Interval, FitControl control, List<String> moderators) {
        this.method = method;
        this.test = test;
        this.level = level;
        this.onNonConvergence = onNonConvergence;
        this.tau2Interval = tau2Interval;
        this.control = control;
        this.moderators = moderators;
    }

    /** @return REML, z test, 95% level (metafor's defaults) */
    public static MetaAnalysis withDefaults() {
        return DEFAULTS;
    }

    /** @return a copy with the method */
    public MetaAnalysis with(Method m) {
        if (!moderators.isEmpty() && (m == Method.MH || m == Method.PETO)) {
            throw new IllegalArgumentException("a model with moderators needs an inverse-variance method (FE or a"
                    + " tau^2 estimator), got " + m.label());
        }
        return new MetaAnalysis(m, test, level, onNonConvergence, tau2Interval, control, moderators);
    }

    /** @return a copy with the test */
    public MetaAnalysis with(TestType t) {
        return new MetaAnalysis(method, t, level, onNonConvergence, tau2Interval, control, moderators);
    }

    /** @return a copy with the non-convergence policy */
    public MetaAnalysis with(OnNonConvergence policy) {
        return new MetaAnalysis(method, test, level, policy, tau2Interval, control, moderators);
    }

    /**
     * @param c the convergence control of the iterative tau^2 estimators (start, steps, threshold, iteration
     *          limit, boundary check); every refit of the fitted model uses it too
     * @return a copy with the control
     */
    public MetaAnalysis with(FitControl c) {
        if (c == null) {
            throw new IllegalArgumentException("control must be given (got null)");
        }
        return new MetaAnalysis(method, test, level, onNonConvergence, tau2Interval, c, moderators);
    }

    /**
     * The moderators of the model, as metafor's {@code rma(yi, vi, mods = ~ A + B)}: column names of the data
     * (text columns dummy-coded). A specification with moderators is fitted by
     * {@code org.metaj.regression.MetaRegression.of(spec).fit(data)}; one without by {@link #fit}.
     *
     * @param names column names, none for the model without moderators
     * @return a copy with the moderators
     */
    public MetaAnalysis withModerators(String... names) {
        List<String> m = new ArrayList<>();
        for (String n : names) {
            if (n == null || n.isBlank()) {
                throw new IllegalArgumentException("a moderator name must not be blank");
            }
            m.add(n.trim());
        }
        if (!m.isEmpty() && (method == Method.MH || method == Method.PETO)) {
            throw new IllegalArgumentException("a model with moderators needs an inverse-variance method (FE or a"
                    + " tau^2 estimator), got " + method.label());
        }
        return new MetaAnalysis(method, test, level, onNonConvergence, tau2Interval, control, List.copyOf(m));
    }

    /** @return the moderators (column names), empty for the model without moderators */
    public List<String> moderators() {
        return moderators;
    }

    /** @return the convergence control */
    public FitControl control() {
        return control;
    }

    /**
     * @return what the one fitting path ({@link org.metaj.fit.Refitter}) needs of this specification: estimator,
     *         test, level, control, non-convergence policy
     * @throws IllegalStateException for Mantel-Haenszel and Peto (no inverse-variance fit)
     */
    public FitSpec fitSpec() {
        return new FitSpec(method.estimator(), test == TestType.KNHA, level, control, onNonConvergence.policy());
    }

    /**
     * @param lvl confidence level in (0, 1), e.g. 0.95; values in (1, 100) are read as percent
     * @return a copy with the level
     */
    public MetaAnalysis withLevel(double lvl) {
        return new MetaAnalysis(method, test, confidenceLevel(lvl), onNonConvergence, tau2Interval, control,
                moderators);
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
        return new MetaAnalysis(method, test, level, onNonConvergence, compute, control, moderators);
    }

    /**
     * @param n the iteration limit of the iterative tau^2 estimators (ML, REML, EB), at least 1
     * @return a copy with the limit (in the {@link #control()}); a fit that reaches it is handled by the
     *         {@link OnNonConvergence} policy
     */
    public MetaAnalysis withMaxIterations(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("the iteration limit must be >= 1, got " + n);
        }
        return with(control.withMaxIterations(n));
    }

    /** @return the iteration limit of the iterative tau^2 estimators */
    public int maxIterations() {
        return control.maxIterations();
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
        checkVariances(data, method);
        if (!moderators.isEmpty()) {
            throw new IllegalStateException("this specification has moderators " + moderators
                    + ": fit it with org.metaj.regression.MetaRegression.of(spec).fit(data)");
        }
        MetaResult.Builder b = new MetaResult.Builder();
        b.spec = this;
        b.data = data;
        b.k = k;
        if (k == 1) {
            return single(b, data);
        }
        Refitter r = new Refitter(fitSpec(), Double.NaN, k, 1);
        FitWorkspace ws = r.workspace();
        ws.load(data.yi(), data.vi(), k);
        String spread = org.metaj.kernel.VarianceSpread.warning(ws.v, k);
        if (spread != null) {
            b.warnings.add(spread);
        }
        boolean ok;
        try {
            ok = r.fit(k, 1, "");
        } catch (org.metaj.fit.NonConvergenceException e) {
            throw e;
        }
        if (!ok && !Double.isFinite(ws.wls(0.0))) {
            throw overflow(data);
        }
        b.warnings.addAll(r.warnings());
        if (!ok) {
            throw new org.metaj.fit.NonConvergenceException(String.format(Locale.ROOT,
                    "the %s estimator of tau^2 did not converge (%d iterations) and no estimate could be formed",
                    method.label(), r.iterations));
        }
        MetaAnalysis used = r.fellBackToDl ? with(Method.DL) : this;
        b.converged = r.converged;
        b.iterations = r.iterations;
        fill(b, r, ws, used, k, 1);
        if (method.isRandomEffects() && tau2Interval) {
            b.tau2Interval = QProfile.interval(ws, r.tau2, r.typicalV, level, b.warnings);
        }
        // the SE of tau^2 from the Fisher information of the estimator actually used (not after a DL fallback)
        Method fitted = used.method;
        if (fitted == Method.ML || fitted == Method.REML) {
            ws.wls(r.tau2);
            double info = fitted == Method.ML ? sumSq(ws.w, k) : ws.trPP();
            b.tau2Se = Math.sqrt(2.0 / info);
        }
        b.logLik = LogLikelihood.of(ws, r.tau2, fitted == Method.REML);
        return b.build();
    }

    /**
     * The check every inverse-variance fit makes, with or without moderators: each sampling variance is positive
     * and its weight {@code 1/v} finite. metafor 3.8-1 refuses a zero variance for FE ("Division by zero when
     * computing the inverse variance weights") and for the moment estimators, with and without {@code mods}; this
     * library refuses it for every method (a likelihood fit would report QE = NaN), naming the study, row and
     * column.
     *
     * @param data   the studies
     * @param method the method (for the message)
     * @throws org.metaj.data.DataException naming the first offending study
     */
    public static void checkVariances(StudyData data, Method method) {
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

    /** Fills the estimate, test, intervals, heterogeneity and weights from the fit (one inference routine). */
    private void fill(MetaResult.Builder b, Refitter out, FitWorkspace ws, MetaAnalysis used, int k, int p) {
        b.tau2 = out.tau2;
        b.estimate = out.estimate;
        b.se = out.se;
        b.statistic = out.statistic;
        b.pval = out.pval;
        b.df = out.df;
        b.ciLb = out.ciLb;
        b.ciUb = out.ciUb;
        b.piLb = out.piLb;
        b.piUb = out.piUb;
        b.q = out.q;
        b.qDf = k - p;
        b.qPval = out.qPval;
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
        b.pval = Inference.pValue(false, b.statistic, Double.POSITIVE_INFINITY);
        double crit = Inference.critical(false, level, Double.POSITIVE_INFINITY);
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
