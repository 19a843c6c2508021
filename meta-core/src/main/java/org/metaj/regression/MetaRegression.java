package org.metaj.regression;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.metaj.data.StudyColumns;
import org.metaj.data.StudyData;
import org.metaj.fit.FitControl;
import org.metaj.fit.FitSpec;
import org.metaj.fit.Inference;
import org.metaj.fit.Refitter;
import org.metaj.kernel.FitWorkspace;
import org.metaj.kernel.KernelFit;
import org.metaj.model.Coefficient;
import org.metaj.model.MetaAnalysis;
import org.metaj.model.Method;
import org.metaj.model.TestType;
import org.metaj.stats.Probabilities;

/**
 * A configured mixed-effects meta-regression {@code y_i = x_i'beta + u_i + e_i}, {@code u_i ~ N(0, tau^2)},
 * {@code e_i ~ N(0, v_i)} (Thompson &amp; Higgins 2002, Stat Med 21:1559; Raudenbush 2009, in The Handbook of
 * Research Synthesis and Meta-Analysis, 2nd ed., ch. 16), fitted through the allocation-free kernel
 * through the one fit path ({@link Refitter}) that also fits the intercept-only models. A thin view of the one
 * model specification {@link MetaAnalysis} (moderators, control, policy included: {@link #of(MetaAnalysis)},
 * {@link #model()}). Immutable and thread-safe.
 *
 * <ul>
 * <li>coefficients {@code b = (X'WX)^-1 X'Wy}, {@code W = diag(1/(v_i + tau^2))}, covariance {@code (X'WX)^-1}
 * (times {@code Q(tau^2)/(k-p)} under Knapp-Hartung, Knapp &amp; Hartung 2003, Stat Med 22:2693);</li>
 * <li>the omnibus test of the moderators {@code QM = b_S' V_SS^-1 b_S} over all coefficients but the intercept,
 * chi-square on {@code m = |S|} df, or under Knapp-Hartung {@code F = QM/m} on {@code (m, k-p)} df;</li>
 * <li>the test for residual heterogeneity {@code QE = sum (y_i - x_i'b_FE)^2 / v_i}, chi-square on k-p df;</li>
 * <li>I^2 and H^2 of the residual heterogeneity from the typical variance {@code (k-p)/tr(P_FE)};</li>
 * <li>the pseudo-R^2 {@code max(0, 100 (tau^2_RE - tau^2_ME)/tau^2_RE)}, the proportion of tau^2 explained,
 * with {@code tau^2_RE} the same estimator without moderators (Raudenbush 2009, eq. 16.22) and 0 when
 * {@code tau^2_RE = 0}; for the common-effect model the adjusted R^2 of the weighted least-squares fit,
 * {@code max(0, 100 (1 - (QE/(k-p)) / (Q_0/(k-1))))} with {@code Q_0} Cochran's Q of the intercept-only model.</li>
 * </ul>
 */
public final class MetaRegression {
    private static final MetaRegression DEFAULTS = new MetaRegression(MetaAnalysis.withDefaults());

    private final MetaAnalysis spec;

    private MetaRegression(MetaAnalysis spec) {
        this.spec = spec;
    }

    /**
     * The meta-regression view of a model specification: the one specification of the univariate model
     * ({@link MetaAnalysis}: method, test, level, {@link FitControl}, non-convergence policy and moderators), as
     * metafor's {@code rma(yi, vi, mods = ...)} is one function.
     *
     * @param spec the specification (its moderators are used by {@link #fit(StudyData)})
     * @return the view
     * @throws IllegalArgumentException for Mantel-Haenszel or Peto
     */
    public static MetaRegression of(MetaAnalysis spec) {
        Method m = spec.method();
        if (m == Method.MH || m == Method.PETO) {
            throw new IllegalArgumentException("meta-regression needs an inverse-variance method (FE, DL, HE, HS,"
                    + " HSk, SJ, ML, REML, EB, PM, PMM), got " + m.label());
        }
        return new MetaRegression(spec);
    }

    /** @return REML, z test, 95% level (metafor's defaults) */
    public static MetaRegression withDefaults() {
        return DEFAULTS;
    }

    /**
     * @param m an inverse-variance method: FE or a tau^2 estimator ({@link Method#isInverseVariance})
     * @return a copy with the method
     */
    public MetaRegression with(Method m) {
        if (!m.isInverseVariance()) {
            throw new IllegalArgumentException("meta-regression needs an inverse-variance method ("
                    + Method.labels(Method::isInverseVariance) + "), got " + m.label());
        }
        return new MetaRegression(spec.with(m));
    }

    /** @return a copy with the test */
    public MetaRegression with(TestType t) {
        return new MetaRegression(spec.with(t));
    }

    /** @return a copy with the convergence control */
    public MetaRegression with(FitControl c) {
        return new MetaRegression(spec.with(c));
    }

    /** @return a copy with the non-convergence policy */
    public MetaRegression with(MetaAnalysis.OnNonConvergence policy) {
        return new MetaRegression(spec.with(policy));
    }

    /**
     * @param lvl confidence level in (0, 1); values in (1, 100) are read as percent
     * @return a copy with the level
     */
    public MetaRegression withLevel(double lvl) {
        return new MetaRegression(spec.withLevel(lvl));
    }

    /** @return the model specification this view fits (method, test, level, control, policy, moderators) */
    public MetaAnalysis model() {
        return spec;
    }

    /** @return the method */
    public Method method() {
        return spec.method();
    }

    /** @return the test */
    public TestType test() {
        return spec.test();
    }

    /** @return the confidence level */
    public double level() {
        return spec.level();
    }

    /** @return the convergence control */
    public FitControl control() {
        return spec.control();
    }

    /**
     * Fits the moderators of the specification ({@link MetaAnalysis#moderators()}).
     *
     * @param data the studies
     * @return the result
     * @throws IllegalStateException if the specification has no moderators
     */
    public MetaRegressionResult fit(StudyData data) {
        if (spec.moderators().isEmpty()) {
            throw new IllegalStateException("the specification has no moderators: give them with "
                    + "MetaAnalysis.withModerators(...) or fit(data, moderators...)");
        }
        return fit(data, spec.moderators().toArray(new String[0]));
    }

    /**
     * Fits {@code ~ moderators} built from the data's columns (see {@link DesignMatrix#fromColumns}). Studies with
     * a missing value in a moderator are left out, with a warning.
     *
     * @param data       the studies
     * @param moderators column names
     * @return the result
     */
    public MetaRegressionResult fit(StudyData data, String... moderators) {
        StudyColumns cols = data.columns();
        List<String> warnings = new ArrayList<>();
        int[] keep = complete(cols, moderators, warnings);
        StudyData used = keep.length == data.k() ? data : data.subset(keep);
        MetaRegression withMods = new MetaRegression(spec.withModerators(moderators));
        return withMods.fit(used, DesignMatrix.fromColumns(used.columns(), moderators), warnings);
    }

    /**
     * @param data the studies
     * @param x    the design, one row per study
     * @return the result
     * @throws IllegalArgumentException if the design is rank deficient or has as many coefficients as studies
     */
    public MetaRegressionResult fit(StudyData data, DesignMatrix x) {
        return fit(data, x, new ArrayList<>());
    }

    private MetaRegressionResult fit(StudyData data, DesignMatrix x, List<String> warnings) {
        int k = data.k();
        if (x.k() != k) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "design matrix has %d rows but there are %d studies", x.k(), k));
        }
        x.checkRank();
        MetaAnalysis.checkVariances(data, spec.method());
        int p = x.p();
        double[] y = data.yi();
        double[] v = data.vi();
        Method method = spec.method();
        boolean knha = spec.test() == TestType.KNHA;
        // the one fit path: kernel fit under the control, non-convergence policy, inference
        Refitter r = new Refitter(spec.fitSpec(), Double.NaN, k, p);
        FitWorkspace ws = r.workspace();
        ws.load(y, v, x.rowMajor(), k, p);
        String spread = org.metaj.kernel.VarianceSpread.warning(v, k);
        if (spread != null) {
            warnings.add(spread);
        }
        boolean ok = r.fit(k, p, "");
        warnings.addAll(r.warnings());
        KernelFit out = r.kernelFit();
        if (!ok) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "the %s estimator of tau^2 gave no estimate for this meta-regression (tau^2 = %s)",
                    method.label(), out.tau2));
        }
        Method used = r.fellBackToDl ? Method.DL : method;
        MetaRegressionResult.Builder b = new MetaRegressionResult.Builder();
        b.spec = r.fellBackToDl ? with(Method.DL) : this;
        b.data = data;
        b.design = x;
        b.k = k;
        b.p = p;
        b.tau2 = out.tau2;
        b.converged = r.converged;
        b.iterations = r.iterations;
        b.vb = java.util.Arrays.copyOf(out.vb, p * p);
        b.beta = java.util.Arrays.copyOf(out.beta, p);
        int dfRes = k - p;
        double crit = r.critical();
        b.crit = crit;
        for (int j = 0; j < p; j++) {
            double bj = out.beta[j];
            double se = r.se(j);
            b.coefficients.add(new Coefficient(x.name(j), bj, se, r.statistic(j), r.pval(j), bj - crit * se,
                    bj + crit * se));
        }
        int from = x.hasIntercept() && p > 1 ? 1 : 0;
        int m = p - from;
        double qm = Wald.statistic(out.beta, out.vb, p, from, new double[m * m], new double[m]);
        b.qmDf = m;
        if (knha) {
            b.qm = qm / m;
            b.qmDf2 = dfRes;
            b.qmPval = Probabilities.fUpper(b.qm, m, dfRes);
        } else {
            b.qm = qm;
            b.qmDf2 = Double.NaN;
            b.qmPval = Probabilities.chiSquareUpper(qm, m);
        }
        b.qe = out.qe;
        b.qeDf = dfRes;
        b.qePval = r.qPval;
        b.i2 = out.i2;
        b.h2 = out.h2;
        b.logLik = org.metaj.model.LogLikelihood.of(ws, out.tau2, used == Method.REML);
        b.r2 = x.hasIntercept() && p > 1 ? r2(y, v, k, out.qe, out.tau2, p, used) : Double.NaN;
        if (method == Method.FE && knha) {
            warnings.add("the Knapp-Hartung adjustment is meant for random- and mixed-effects models; with the"
                    + " common-effect model it scales the covariance by QE/(k-p)");
        }
        if (method.isRandomEffects() && out.tau2 == 0) {
            warnings.add(String.format(Locale.ROOT, "residual tau^2 estimated as 0 by %s", used.label()));
        }
        b.warnings.addAll(warnings);
        return b.build();
    }

    /** The pseudo-R^2 (see the class comment); fits the intercept-only model through the same path. */
    private double r2(double[] y, double[] v, int k, double qe, double tau2Me, int p, Method used) {
        if (used == Method.FE) {
            boolean constant = true;
            for (int i = 1; i < k; i++) {
                constant &= y[i] == y[0];
            }
            if (constant) {
                return 0;
            }
            FitWorkspace ws = new FitWorkspace(k, 1);
            ws.load(y, v, k);
            double q0 = ws.wls(0.0);
            double adj = 1 - (qe / (k - p)) / (q0 / (k - 1));
            return Math.max(0, 100 * adj);
        }
        FitSpec fs = spec.with(used).fitSpec();
        Refitter re = new Refitter(fs, Double.NaN, k, 1);
        re.workspace().load(y, v, k);
        re.fitKernel(k, 1, false);
        double t = re.kernelFit().tau2;
        if (!(t >= 0)) {
            return Double.NaN;
        }
        if (t == 0) {
            return 0;
        }
        return Math.max(0, 100 * (t - tau2Me) / t);
    }

    /** @return the two-sided critical value for the level: normal, or t on df under Knapp-Hartung */
    double critical(int df) {
        return Inference.critical(spec.test() == TestType.KNHA, spec.level(), df);
    }

    /** Indices of the studies with every moderator present; a warning names those left out. */
    static int[] complete(StudyColumns cols, String[] moderators, List<String> warnings) {
        int k = cols.size();
        boolean[] drop = new boolean[k];
        List<String> dropped = new ArrayList<>();
        for (String mod : moderators) {
            String m = mod.trim();
            if (cols.has(m)) {
                double[] v = cols.get(m);
                for (int i = 0; i < k; i++) {
                    drop[i] |= Double.isNaN(v[i]);
                }
            } else if (cols.hasText(m)) {
                String[] s = cols.getText(m);
                for (int i = 0; i < k; i++) {
                    drop[i] |= s[i] == null || s[i].isBlank();
                }
            }
        }
        int n = 0;
        for (int i = 0; i < k; i++) {
            if (!drop[i]) {
                n++;
            } else {
                dropped.add(cols.label(i) + " (row " + cols.row(i) + ")");
            }
        }
        if (!dropped.isEmpty()) {
            warnings.add(String.format(Locale.ROOT, "%d studies left out for a missing value in %s: %s",
                    dropped.size(), String.join(", ", moderators), String.join("; ", dropped)));
        }
        int[] keep = new int[n];
        n = 0;
        for (int i = 0; i < k; i++) {
            if (!drop[i]) {
                keep[n++] = i;
            }
        }
        return keep;
    }
}
