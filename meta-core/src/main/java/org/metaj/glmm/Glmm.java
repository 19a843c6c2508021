package org.metaj.glmm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.apache.commons.math3.util.CombinatoricsUtils;
import org.metaj.data.StudyColumns;
import org.metaj.model.Coefficient;
import org.metaj.stats.Probabilities;

/**
 * A generalized linear (mixed) model of the counts of a meta-analysis, metafor's {@code rma.glmm} (Stijnen, Hamza
 * &amp; Özdemir 2010, Stat Med 29:3046): configuration with withers, immutable, shareable; {@link #fit} returns a
 * {@link GlmmResult}.
 *
 * <p><b>Estimation.</b> {@code FE}: the fixed-effects model (tau^2 = 0) by Newton's method on the exact
 * log-likelihood (a logistic or Poisson regression, or the conditional likelihood of CM.EL; score and information
 * in closed form, {@link RowFamily}). {@code ML}: maximum likelihood over the coefficients and the random-effect
 * standard deviations, the random effects integrated out per study ({@link MarginalLikelihood}) with the same
 * approximation metafor 3.8-1 asks of lme4:
 * <ul>
 * <li>UM.FS, CM.AL, IRR CM.EL, PLO, IRLN, and the FE part of UM.RS: one random effect per study, adaptive
 * Gauss-Hermite quadrature with 7 nodes ({@code rma.glmm(nAGQ = 7)}, metafor's default, passed to
 * {@code glmer(nAGQ = 7)});</li>
 * <li>UM.RS under ML: two random effects per study (intercept and group), for which glmer allows only the Laplace
 * approximation; metafor then sets {@code nAGQ = 1} for every glmer fit of that call;</li>
 * <li>CM.EL for odds ratios: metafor integrates the non-central hypergeometric likelihood over the normal random
 * effect with R's {@code integrate} (adaptive Gauss-Kronrod); here by adaptive Gauss-Hermite quadrature with
 * {@value #CM_EL_NODES} nodes around the conditional mode (the integrand is log-concave and smooth, so the rule is
 * exact to about 1e-13 relative; checked against 80 nodes in GlmmKernelTest).</li>
 * </ul>
 * The optimiser is Newton's method on numerically differentiated (Richardson-extrapolated) derivatives
 * ({@link NewtonMinimizer}); standard errors come from the inverse of that Hessian at the optimum (the coefficient
 * block of the inverse over coefficients and standard deviations, as lme4's {@code vcov} and metafor's CM.EL).
 * A standard deviation that converges to zero is set to zero exactly (the boundary estimate lme4 returns), the model
 * refitted without it.
 *
 * <p><b>Heterogeneity tests</b> (metafor's {@code QE.Wld}, {@code QE.LRT}, on k - p df): the model with fixed
 * effects against the saturated model with one effect per study. The likelihood-ratio statistic is twice the
 * difference of their maximised log-likelihoods. The Wald statistic of the saturated model's extra coefficients
 * equals the generalised least-squares residual {@code min_beta sum_i (theta_i - x_i beta)^2 / v_i} of the studies'
 * own estimates theta_i with their (inverse information) variances v_i; a study whose own estimate is infinite (a
 * zero cell) contributes nothing in the limit that metafor's glm iterations approach.
 *
 * <p><b>I^2, H^2</b> (as metafor): {@code I2 = 100 tau2 / (tau2 + s2)}, {@code H2 = (tau2 + s2) / s2}, with the
 * typical within-study variance {@code s2 = (k - p) / tr(P)}, {@code P = W - W X (X'WX)^-1 X'W}, W the inverse of
 * escalc's sampling variances ({@link CountStudies#escalcVariances()}; Higgins &amp; Thompson 2002).
 */
public final class Glmm {
    static final int AGQ_NODES = 7;
    static final int CM_EL_NODES = 40;
    private static final double BOUNDARY = 1e-5;

    private final CountMeasure measure;
    private final GlmmModel model;
    private final boolean random;
    private final double level;
    private final List<String> mods;

    private Glmm(CountMeasure measure, GlmmModel model, boolean random, double level, List<String> mods) {
        this.measure = measure;
        this.model = model;
        this.random = random;
        this.level = level;
        this.mods = List.copyOf(mods);
    }

    /**
     * @param measure the measure
     * @param model   the model; {@link GlmmModel#ONE_GROUP} (or null) for PLO and IRLN
     * @return the ML fit of that model, 95% intervals, no moderators
     * @throws IllegalArgumentException if the model does not fit the measure
     */
    public static Glmm of(CountMeasure measure, GlmmModel model) {
        Objects.requireNonNull(measure, "measure");
        GlmmModel m = model == null ? GlmmModel.ONE_GROUP : model;
        boolean ok;
        switch (measure) {
            case OR:
                ok = m != GlmmModel.ONE_GROUP;
                break;
            case IRR:
                ok = m == GlmmModel.UM_FS || m == GlmmModel.UM_RS || m == GlmmModel.CM_EL;
                break;
            case PLO:
            case IRLN:
                ok = m == GlmmModel.ONE_GROUP;
                break;
            default:
                throw new AssertionError(measure);
        }
        if (!ok) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "--glmm %s does not fit --measure %s: %s",
                    m == GlmmModel.ONE_GROUP ? "(one-group model)" : m.label(), measure,
                    measure == CountMeasure.OR ? "expected UM.FS, UM.RS, CM.EL or CM.AL"
                            : measure == CountMeasure.IRR ? "expected UM.FS, UM.RS or CM.EL"
                                    : "the one-group models take no model name"));
        }
        return new Glmm(measure, m, true, 0.95, List.of());
    }

    /** @param ml true for ML (random effects), false for FE; @return a copy */
    public Glmm withRandom(boolean ml) {
        return new Glmm(measure, model, ml, level, mods);
    }

    /** @param method "FE" (also EE, CE) or "ML"; @return a copy */
    public Glmm withMethod(String method) {
        String m = method == null ? "" : method.trim().toUpperCase(Locale.ROOT);
        switch (m) {
            case "FE":
            case "EE":
            case "CE":
                return withRandom(false);
            case "ML":
                return withRandom(true);
            default:
                throw new IllegalArgumentException("--glmm takes --method FE or ML, got '" + method + "'");
        }
    }

    /** @param l confidence level in (0, 1); @return a copy */
    public Glmm withLevel(double l) {
        if (!(l > 0 && l < 1)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "level must be in (0, 1), got %s", l));
        }
        return new Glmm(measure, model, random, l, mods);
    }

    /** @param moderators numeric moderator columns; @return a copy */
    public Glmm withMods(List<String> moderators) {
        return new Glmm(measure, model, random, level, moderators);
    }

    /** @return the measure */
    public CountMeasure measure() {
        return measure;
    }

    /** @return the model */
    public GlmmModel model() {
        return model;
    }

    /** @return true for ML, false for FE */
    public boolean random() {
        return random;
    }

    /** @return the confidence level */
    public double level() {
        return level;
    }

    /** @return the moderators */
    public List<String> mods() {
        return mods;
    }

    /**
     * Fits the model.
     *
     * @param cols the studies' columns (metafor's names)
     * @return the fit
     * @throws IllegalArgumentException        if columns are missing or the model needs more studies
     * @throws org.metaj.data.DataException     for impossible counts (naming row and column)
     */
    public GlmmResult fit(StudyColumns cols) {
        CountStudies s = CountStudies.of(cols, measure, mods);
        int k = s.k();
        int p = s.p();
        if (k == 0) {
            throw new IllegalArgumentException("no study left to fit: " + String.join("; ", s.warnings()));
        }
        if (p > k || (random && p + 1 > k)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "the %s %s model with %d coefficient(s)%s "
                    + "needs at least %d studies; %d given", random ? "ML" : "FE", label(), p,
                    random ? " and tau^2" : "", random ? p + 1 : p, k));
        }
        List<String> warnings = new ArrayList<>(s.warnings());
        boolean converged = true;
        int nodes = model == GlmmModel.CM_EL && measure == CountMeasure.OR ? CM_EL_NODES : AGQ_NODES;

        // ---- the FE model
        Fit fe;
        if (model == GlmmModel.UM_RS) {
            CountRows r = umRows(s, false, true);
            fe = maximise(r, randomInterceptStart(r), new double[] {0.5}, random ? 1 : AGQ_NODES);
        } else {
            fe = newtonFe(mainRows(s), 200);
        }
        converged &= fe.converged;

        Fit fit = fe;
        double tau2 = 0;
        double sigma2 = Double.NaN;
        if (model == GlmmModel.UM_RS) {
            sigma2 = fe.sd[0] * fe.sd[0];
        }
        if (random) {
            if (model == GlmmModel.UM_RS) {
                CountRows r = umRows(s, false, false);
                fit = maximise(r, fe.beta, new double[] {fe.sd[0], 0.3}, 1);
                sigma2 = fit.sd[0] * fit.sd[0];
                tau2 = fit.sd[1] * fit.sd[1];
            } else {
                CountRows r = mainRows(s);
                fit = maximise(r, fe.beta, new double[] {0.3}, nodes);
                tau2 = fit.sd[0] * fit.sd[0];
            }
            converged &= fit.converged;
        }
        if (!converged) {
            warnings.add("the optimiser did not converge; the estimates are not the maximum-likelihood estimates");
        }
        if (random && tau2 == 0) {
            warnings.add("tau^2 is estimated at its boundary 0");
        }

        // ---- coefficients
        double crit = Probabilities.normalQuantile(1 - (1 - level) / 2);
        List<Coefficient> coefs = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            double b = fit.beta[j];
            double se = Math.sqrt(fit.cov[j * fit.dim + j]);
            double z = b / se;
            coefs.add(new Coefficient(s.names().get(j), b, se, z, Probabilities.normalTwoSided(z), b - crit * se,
                    b + crit * se));
        }

        // ---- heterogeneity
        int df = k - p;
        double lrt;
        double wld;
        if (model == GlmmModel.UM_RS) {
            Fit sat = maximise(umSaturatedRows(s), saturatedStart(s, fe), new double[] {Math.max(fe.sd[0], 0.1)},
                    random ? 1 : AGQ_NODES);
            lrt = Math.max(0, 2 * (sat.logLik - fe.logLik));
            wld = saturatedWaldUmRs(s, sat);
        } else {
            lrt = Math.max(0, 2 * (saturatedLogLik(s) - fe.logLik));
            wld = wald(s);
        }
        double lrtP = df > 0 ? Probabilities.chiSquareUpper(lrt, df) : Double.NaN;
        double wldP = df > 0 ? Probabilities.chiSquareUpper(wld, df) : Double.NaN;

        double s2 = typicalVariance(s);
        double i2 = 100 * tau2 / (s2 + tau2);
        double h2 = tau2 / s2 + 1;
        return new GlmmResult(this, s.labels(), coefs, tau2, sigma2, i2, h2, wld, wldP, lrt, lrtP, df,
                fit.logLik + constant(s), converged, warnings);
    }

    private String label() {
        return model == GlmmModel.ONE_GROUP ? measure.name() : measure + " " + model.label();
    }

    // ------------------------------------------------------------------ rows of each model

    /** The rows of the model's own likelihood: UM.FS arms with study intercepts, or one row per study. */
    private CountRows mainRows(CountStudies s) {
        switch (model) {
            case UM_FS:
                return umRows(s, true, false);
            case UM_RS:
                return umRows(s, false, false);
            case CM_EL:
                return measure == CountMeasure.OR ? nchgRows(s) : conditionalRows(s);
            case CM_AL:
                return conditionalRows(s);
            case ONE_GROUP:
                return oneGroupRows(s);
            default:
                throw new AssertionError(model);
        }
    }

    /**
     * Two rows per study (treated, control). studyEffects: fixed study intercepts (UM.FS) or one common intercept
     * (UM.RS); interceptOnly: the random intercept alone (UM.RS's FE model) instead of (intercept, group) or group.
     */
    CountRows umRows(CountStudies s, boolean studyEffects, boolean interceptOnly) {
        int k = s.k();
        int p = s.p();
        int pt = p + (studyEffects ? k : 1);
        int q = studyEffects || interceptOnly ? 1 : 2;
        int n = 2 * k;
        RowFamily[] fam = new RowFamily[n];
        double[] y = new double[n];
        double[] size = new double[n];
        double[] off = new double[n];
        double[] x = new double[n * pt];
        double[] z = new double[n * q];
        int[] gs = new int[k + 1];
        boolean rate = measure == CountMeasure.IRR;
        for (int i = 0; i < k; i++) {
            gs[i] = 2 * i;
            for (int arm = 0; arm < 2; arm++) {
                int r = 2 * i + arm;
                fam[r] = rate ? RowFamily.POISSON : RowFamily.BINOMIAL;
                y[r] = arm == 0 ? s.c1()[i] : s.c2()[i];
                double sz = arm == 0 ? s.n1()[i] : s.n2()[i];
                size[r] = rate ? 0 : sz;
                off[r] = rate ? Math.log(sz) : 0;
                if (arm == 0) {
                    for (int j = 0; j < p; j++) {
                        x[r * pt + j] = s.x()[i * p + j];
                    }
                }
                x[r * pt + p + (studyEffects ? i : 0)] = 1;
                double g = arm == 0 ? 0.5 : -0.5;
                if (q == 1) {
                    z[r] = interceptOnly ? 1 : g;
                } else {
                    z[r * 2] = 1;
                    z[r * 2 + 1] = g;
                }
            }
        }
        gs[k] = n;
        return new CountRows(fam, y, size, off, x, pt, z, q, gs, null, null);
    }

    /**
     * Whether study i's own group effect in UM.RS's saturated model is finite: not when the treated arm has no events
     * (or, for odds ratios, only events). Such an arm's likelihood tends to 1 as the effect diverges, so the limit
     * of the saturated model leaves the arm and the effect out.
     */
    private boolean finiteOwnEffect(CountStudies s, int i) {
        return s.c1()[i] > 0 && (measure == CountMeasure.IRR || s.c1()[i] < s.n1()[i]);
    }

    /** UM.RS's saturated model: a common intercept, one group effect per study, a random study intercept. */
    private CountRows umSaturatedRows(CountStudies s) {
        int k = s.k();
        int free = 0;
        for (int i = 0; i < k; i++) {
            free += finiteOwnEffect(s, i) ? 1 : 0;
        }
        int pt = 1 + free;
        int n = k + free;
        RowFamily[] fam = new RowFamily[n];
        double[] y = new double[n];
        double[] size = new double[n];
        double[] off = new double[n];
        double[] x = new double[n * pt];
        double[] z = new double[n];
        int[] gs = new int[k + 1];
        boolean rate = measure == CountMeasure.IRR;
        int r = 0;
        int col = 1;
        for (int i = 0; i < k; i++) {
            gs[i] = r;
            boolean f = finiteOwnEffect(s, i);
            for (int arm = f ? 0 : 1; arm < 2; arm++) {
                fam[r] = rate ? RowFamily.POISSON : RowFamily.BINOMIAL;
                y[r] = arm == 0 ? s.c1()[i] : s.c2()[i];
                double sz = arm == 0 ? s.n1()[i] : s.n2()[i];
                size[r] = rate ? 0 : sz;
                off[r] = rate ? Math.log(sz) : 0;
                x[r * pt] = 1;
                if (arm == 0) {
                    x[r * pt + col] = 1;
                }
                z[r] = 1;
                r++;
            }
            if (f) {
                col++;
            }
        }
        gs[k] = n;
        return new CountRows(fam, y, size, off, x, pt, z, 1, gs, null, null);
    }

    /** CM.AL and IRR CM.EL: events of group 1 given both groups' events, binomial with offset log(n1/n2). */
    private CountRows conditionalRows(CountStudies s) {
        int k = s.k();
        int p = s.p();
        RowFamily[] fam = new RowFamily[k];
        double[] y = new double[k];
        double[] size = new double[k];
        double[] off = new double[k];
        double[] z = new double[k];
        int[] gs = new int[k + 1];
        for (int i = 0; i < k; i++) {
            fam[i] = RowFamily.BINOMIAL;
            y[i] = s.c1()[i];
            size[i] = s.c1()[i] + s.c2()[i];
            off[i] = Math.log(s.n1()[i] / s.n2()[i]);
            z[i] = 1;
            gs[i] = i;
        }
        gs[k] = k;
        return new CountRows(fam, y, size, off, s.x().clone(), p, z, 1, gs, null, null);
    }

    /** CM.EL for odds ratios: the non-central hypergeometric row of each table. */
    static CountRows nchgRows(CountStudies s) {
        int k = s.k();
        int p = s.p();
        RowFamily[] fam = new RowFamily[k];
        double[] y = new double[k];
        double[] z = new double[k];
        int[] gs = new int[k + 1];
        int[] lo = new int[k];
        double[][] coef = new double[k][];
        for (int i = 0; i < k; i++) {
            int n1 = (int) s.n1()[i];
            int n2 = (int) s.n2()[i];
            int m1 = (int) (s.c1()[i] + s.c2()[i]);
            int l = Math.max(0, m1 - n2);
            int h = Math.min(n1, m1);
            lo[i] = l;
            coef[i] = new double[h - l + 1];
            for (int u = l; u <= h; u++) {
                coef[i][u - l] = CombinatoricsUtils.binomialCoefficientLog(n1, u)
                        + CombinatoricsUtils.binomialCoefficientLog(n2, m1 - u);
            }
            fam[i] = RowFamily.NCHG;
            y[i] = s.c1()[i];
            z[i] = 1;
            gs[i] = i;
        }
        gs[k] = k;
        return new CountRows(fam, y, new double[k], new double[k], s.x().clone(), p, z, 1, gs, lo, coef);
    }

    private CountRows oneGroupRows(CountStudies s) {
        int k = s.k();
        RowFamily[] fam = new RowFamily[k];
        double[] y = new double[k];
        double[] size = new double[k];
        double[] off = new double[k];
        double[] z = new double[k];
        int[] gs = new int[k + 1];
        boolean rate = measure == CountMeasure.IRLN;
        for (int i = 0; i < k; i++) {
            fam[i] = rate ? RowFamily.POISSON : RowFamily.BINOMIAL;
            y[i] = s.c1()[i];
            size[i] = rate ? 0 : s.n1()[i];
            off[i] = rate ? Math.log(s.n1()[i]) : 0;
            z[i] = 1;
            gs[i] = i;
        }
        gs[k] = k;
        return new CountRows(fam, y, size, off, s.x().clone(), s.p(), z, 1, gs, null, null);
    }

    // ------------------------------------------------------------------ fitting

    /** A fit: coefficients (all fixed effects of the rows), standard deviations, covariance of the free parameters. */
    private record Fit(double[] beta, double[] sd, double[] cov, int dim, double logLik, boolean converged) {
    }

    /** The FE model by Newton's method with exact score and information (random effects held at 0). */
    static Fit newtonFe(CountRows r, int maxIter) {
        int p = r.p;
        double[] beta = new double[p];
        double[] out = new double[2];
        double[] g = new double[p];
        double[] h = new double[p * p];
        double[] step = new double[p];
        double ll = feLogLik(r, beta, out);
        boolean converged = false;
        for (int it = 0; it < maxIter; it++) {
            java.util.Arrays.fill(g, 0);
            java.util.Arrays.fill(h, 0);
            scoreInfo(r, beta, g, h, out);
            try {
                Linear.solveSpd(h, g, step, p);
            } catch (ArithmeticException e) {
                break;
            }
            double t = 1;
            double[] bn = new double[p];
            double lln;
            while (true) {
                for (int j = 0; j < p; j++) {
                    bn[j] = beta[j] + t * step[j];
                }
                lln = feLogLik(r, bn, out);
                if (lln >= ll - 1e-12 * Math.abs(ll) || t < 1e-10) {
                    break;
                }
                t /= 2;
            }
            double max = 0;
            for (int j = 0; j < p; j++) {
                max = Math.max(max, Math.abs(bn[j] - beta[j]));
            }
            beta = bn;
            ll = lln;
            if (max < 1e-12) {
                converged = true;
                break;
            }
        }
        java.util.Arrays.fill(g, 0);
        java.util.Arrays.fill(h, 0);
        scoreInfo(r, beta, g, h, out);
        double[] cov = Linear.inverseSpd(h, p);
        if (cov == null) {
            cov = new double[p * p];
            java.util.Arrays.fill(cov, Double.NaN);
            converged = false;
        }
        return new Fit(beta, new double[0], cov, p, ll, converged);
    }

    private static double feLogLik(CountRows r, double[] beta, double[] out) {
        double ll = 0;
        for (int i = 0; i < r.n; i++) {
            ll += r.logDensity(i, eta(r, i, beta), out);
        }
        return ll;
    }

    private static double eta(CountRows r, int i, double[] beta) {
        double e = r.offset[i];
        for (int j = 0; j < r.p; j++) {
            e += r.x[i * r.p + j] * beta[j];
        }
        return e;
    }

    private static void scoreInfo(CountRows r, double[] beta, double[] g, double[] h, double[] out) {
        int p = r.p;
        for (int i = 0; i < r.n; i++) {
            r.logDensity(i, eta(r, i, beta), out);
            for (int j = 0; j < p; j++) {
                double xj = r.x[i * p + j];
                if (xj == 0) {
                    continue;
                }
                g[j] += xj * out[0];
                for (int l = 0; l < p; l++) {
                    h[j * p + l] += xj * r.x[i * p + l] * out[1];
                }
            }
        }
    }

    /** Start for UM.RS's FE model: the common intercept at the pooled logit / log rate, group effects from Newton. */
    private static double[] randomInterceptStart(CountRows r) {
        Fit f = newtonFe(r, 200);
        return f.beta;
    }

    private double[] saturatedStart(CountStudies s, Fit fe) {
        List<Double> b = new ArrayList<>();
        b.add(fe.beta[s.p()]);
        for (int i = 0; i < s.k(); i++) {
            if (!finiteOwnEffect(s, i)) {
                continue;
            }
            double th = 0;
            for (int j = 0; j < s.p(); j++) {
                th += s.x()[i * s.p() + j] * fe.beta[j];
            }
            b.add(th);
        }
        return b.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * ML over (beta, sd) with the random effects integrated out; a standard deviation that goes to 0 is fixed at 0
     * and the rest refitted.
     */
    private static Fit maximise(CountRows r, double[] beta0, double[] sd0, int nodes) {
        MarginalLikelihood ml = new MarginalLikelihood(r, nodes);
        int p = r.p;
        int q = sd0.length;
        boolean[] zero = new boolean[q];
        double[] x0 = new double[p + q];
        System.arraycopy(beta0, 0, x0, 0, p);
        System.arraycopy(sd0, 0, x0, p, q);
        while (true) {
            final boolean[] z = zero.clone();
            int free = 0;
            for (boolean b : z) {
                free += b ? 0 : 1;
            }
            int dim = p + free;
            double[] start = new double[dim];
            System.arraycopy(x0, 0, start, 0, p);
            int c = p;
            for (int j = 0; j < q; j++) {
                if (!z[j]) {
                    start[c++] = x0[p + j];
                }
            }
            final int fdim = dim;
            int[][] local = new int[r.groups()][];
            for (int g = 0; g < r.groups(); g++) {
                List<Integer> loc = new ArrayList<>();
                for (int j = 0; j < p; j++) {
                    for (int row = r.groupStart[g]; row < r.groupStart[g + 1]; row++) {
                        if (r.x[row * p + j] != 0) {
                            loc.add(j);
                            break;
                        }
                    }
                }
                for (int j = p; j < fdim; j++) {
                    loc.add(j);
                }
                local[g] = loc.stream().mapToInt(Integer::intValue).toArray();
            }
            double[] sdw = new double[q];
            NewtonMinimizer.Grouped gf = new NewtonMinimizer.Grouped() {
                @Override
                public int groups() {
                    return r.groups();
                }

                @Override
                public int[] local(int g) {
                    return local[g];
                }

                @Override
                public double value(int g, double[] v) {
                    int cc = p;
                    for (int j = 0; j < q; j++) {
                        sdw[j] = z[j] ? 0 : Math.abs(v[cc++]);
                    }
                    double ll = ml.groupLogLik(g, v, sdw);
                    return Double.isNaN(ll) ? Double.POSITIVE_INFINITY : -ll;
                }
            };
            Objective f = NewtonMinimizer.total(gf);
            NewtonMinimizer.Result res = NewtonMinimizer.minimize(gf, start, 100);
            double[] sd = new double[q];
            c = p;
            boolean again = false;
            for (int j = 0; j < q; j++) {
                sd[j] = z[j] ? 0 : Math.abs(res.x()[c++]);
                if (!z[j] && sd[j] < BOUNDARY) {
                    zero[j] = true;
                    again = true;
                }
            }
            if (again) {
                System.arraycopy(res.x(), 0, x0, 0, p);
                continue;
            }
            double[] xs = res.x().clone();
            for (int j = p; j < dim; j++) {
                xs[j] = Math.abs(xs[j]);
            }
            double[] hess = NewtonMinimizer.gradHess(gf, xs, new double[dim]);
            double[] cov = Linear.inverseSpd(hess, dim);
            if (cov == null) {
                cov = new double[dim * dim];
                java.util.Arrays.fill(cov, Double.NaN);
            }
            return new Fit(java.util.Arrays.copyOf(xs, p), sd, cov, dim, -res.value(), res.converged());
        }
    }

    // ------------------------------------------------------------------ heterogeneity and I^2

    /** The log-likelihood of the saturated model (one free parameter per row, or per table for CM.EL). */
    private double saturatedLogLik(CountStudies s) {
        CountRows r = mainRows(s);
        double[] out = new double[2];
        double ll = 0;
        for (int i = 0; i < r.n; i++) {
            switch (r.family[i]) {
                case BINOMIAL: {
                    double y = r.y[i];
                    double n = r.size[i];
                    ll += (y > 0 ? y * Math.log(y / n) : 0) + (n - y > 0 ? (n - y) * Math.log((n - y) / n) : 0);
                    break;
                }
                case POISSON: {
                    double y = r.y[i];
                    // offsets do not matter: the saturated mean is y
                    ll += y > 0 ? y * Math.log(y) - y : 0;
                    ll -= 0;
                    break;
                }
                case NCHG: {
                    double[] th = conditionalMle(r, i, out);
                    ll += th[2];
                    break;
                }
                default:
                    throw new AssertionError(r.family[i]);
            }
        }
        // Poisson rows' densities carry eta = log mu; the saturated value is y log y - y with mu = y
        return ll;
    }

    /**
     * The conditional MLE of log psi of one table, its information and the maximised log-density; at a boundary
     * of the support the MLE is infinite, the information 0 and the maximum log 1 = 0.
     */
    static double[] conditionalMle(CountRows r, int i, double[] out) {
        int lo = r.lo[i];
        int hi = lo + r.logCoef[i].length - 1;
        double a = r.y[i];
        if (a == lo || a == hi) {
            return new double[] {a == lo ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY, 0, 0};
        }
        double th = 0;
        for (int it = 0; it < 200; it++) {
            r.logDensity(i, th, out);
            double step = out[0] / out[1];
            step = Math.max(-5, Math.min(5, step));
            th += step;
            if (Math.abs(step) < 1e-14 * (1 + Math.abs(th))) {
                break;
            }
        }
        double ll = r.logDensity(i, th, out);
        return new double[] {th, out[1], ll};
    }

    /** QE.Wld: the GLS residual of the studies' own estimates (see the class comment). */
    private double wald(CountStudies s) {
        int k = s.k();
        int p = s.p();
        double[] th = new double[k];
        double[] w = new double[k];
        CountRows r = model == GlmmModel.CM_EL && measure == CountMeasure.OR ? nchgRows(s) : null;
        double[] out = new double[2];
        for (int i = 0; i < k; i++) {
            double a = s.c1()[i];
            double n1 = s.n1()[i];
            double th1;
            double v;
            if (r != null) {
                double[] m = conditionalMle(r, i, out);
                th1 = m[0];
                v = m[1] > 0 ? 1 / m[1] : Double.POSITIVE_INFINITY;
            } else if (measure == CountMeasure.PLO) {
                th1 = Math.log(a / (n1 - a));
                v = 1 / a + 1 / (n1 - a);
            } else if (measure == CountMeasure.IRLN) {
                th1 = Math.log(a / n1);
                v = 1 / a;
            } else if (model == GlmmModel.UM_FS && measure == CountMeasure.OR) {
                double b = n1 - a, c = s.c2()[i], d = s.n2()[i] - c;
                th1 = Math.log(a * d / (b * c));
                v = 1 / a + 1 / b + 1 / c + 1 / d;
            } else {
                // IRR UM.FS, CM.AL, IRR CM.EL: log(c1 / c2) - log(n1 / n2), variance 1/c1 + 1/c2
                double c = s.c2()[i];
                th1 = Math.log(a / c) - Math.log(n1 / s.n2()[i]);
                v = 1 / a + 1 / c;
            }
            if (Double.isFinite(th1) && Double.isFinite(v) && v > 0) {
                th[i] = th1;
                w[i] = 1 / v;
            }
        }
        return glsResidual(s.x(), p, th, w);
    }

    /** min_beta sum w_i (t_i - x_i beta)^2 (rows with w = 0 drop out). */
    static double glsResidual(double[] x, int p, double[] t, double[] w) {
        int k = t.length;
        double[] a = new double[p * p];
        double[] b = new double[p];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < p; j++) {
                b[j] += w[i] * x[i * p + j] * t[i];
                for (int l = 0; l < p; l++) {
                    a[j * p + l] += w[i] * x[i * p + j] * x[i * p + l];
                }
            }
        }
        double[] beta = new double[p];
        try {
            Linear.solveSpd(a, b, beta, p);
        } catch (ArithmeticException e) {
            return Double.NaN;
        }
        double q = 0;
        for (int i = 0; i < k; i++) {
            double e = t[i];
            for (int j = 0; j < p; j++) {
                e -= x[i * p + j] * beta[j];
            }
            q += w[i] * e * e;
        }
        return Math.max(0, q);
    }

    /**
     * UM.RS: the Wald statistic of the saturated GLMM's per-study group effects (the covariance of those effects from
     * the inverse Hessian over all parameters), against the moderators' span.
     */
    private double saturatedWaldUmRs(CountStudies all, Fit sat) {
        int kAll = all.k();
        int p = all.p();
        int dim = sat.dim;
        int k = sat.beta.length - 1;
        double[] xs = new double[k * p];
        int c = 0;
        for (int i = 0; i < kAll; i++) {
            if (finiteOwnEffect(all, i)) {
                System.arraycopy(all.x(), i * p, xs, c * p, p);
                c++;
            }
        }
        if (k < p) {
            return Double.NaN;
        }
        CountStudies s = new CountStudies(all.measure(), all.labels(), all.c1(), all.n1(), all.c2(), all.n2(), xs,
                all.names(), all.warnings());
        // inverse of the (k x k) block of the per-study effects (indices 1..k)
        double[] v = new double[k * k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                v[i * k + j] = sat.cov[(1 + i) * dim + 1 + j];
            }
        }
        double[] vinv = Linear.inverseSpd(v, k);
        if (vinv == null) {
            return Double.NaN;
        }
        double[] t = java.util.Arrays.copyOfRange(sat.beta, 1, 1 + k);
        // min_beta (t - X beta)' V^-1 (t - X beta)
        double[] a = new double[p * p];
        double[] b = new double[p];
        double[] vx = new double[k * p];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < p; j++) {
                double sum = 0;
                for (int l = 0; l < k; l++) {
                    sum += vinv[i * k + l] * s.x()[l * p + j];
                }
                vx[i * p + j] = sum;
            }
        }
        for (int j = 0; j < p; j++) {
            for (int i = 0; i < k; i++) {
                b[j] += vx[i * p + j] * t[i];
                for (int l = 0; l < p; l++) {
                    a[j * p + l] += vx[i * p + j] * s.x()[i * p + l];
                }
            }
        }
        double[] beta = new double[p];
        Linear.solveSpd(a, b, beta, p);
        double[] e = new double[k];
        for (int i = 0; i < k; i++) {
            e[i] = t[i];
            for (int j = 0; j < p; j++) {
                e[i] -= s.x()[i * p + j] * beta[j];
            }
        }
        double q = 0;
        for (int i = 0; i < k; i++) {
            for (int l = 0; l < k; l++) {
                q += e[i] * vinv[i * k + l] * e[l];
            }
        }
        return Math.max(0, q);
    }

    /** s2 = (k - p) / tr(P), P = W - W X (X'WX)^-1 X'W. */
    private static double typicalVariance(CountStudies s) {
        double[] v = s.escalcVariances();
        int k = s.k();
        int p = s.p();
        double[] a = new double[p * p];
        double trW = 0;
        for (int i = 0; i < k; i++) {
            double w = 1 / v[i];
            trW += w;
            for (int j = 0; j < p; j++) {
                for (int l = 0; l < p; l++) {
                    a[j * p + l] += w * s.x()[i * p + j] * s.x()[i * p + l];
                }
            }
        }
        double[] ainv = Linear.inverseSpd(a, p);
        if (ainv == null) {
            return Double.NaN;
        }
        // tr(W X A^-1 X' W) = sum_i w_i^2 x_i' A^-1 x_i
        double tr2 = 0;
        for (int i = 0; i < k; i++) {
            double w = 1 / v[i];
            double quad = 0;
            for (int j = 0; j < p; j++) {
                for (int l = 0; l < p; l++) {
                    quad += s.x()[i * p + j] * ainv[j * p + l] * s.x()[i * p + l];
                }
            }
            tr2 += w * w * quad;
        }
        return (k - p) / (trW - tr2);
    }

    /** The families' constants left out of {@link CountRows#logDensity}: log C(n, y) and -log y!. */
    private double constant(CountStudies s) {
        CountRows r = model == GlmmModel.UM_RS ? umRows(s, false, false) : mainRows(s);
        double c = 0;
        for (int i = 0; i < r.n; i++) {
            switch (r.family[i]) {
                case BINOMIAL:
                    c += CombinatoricsUtils.binomialCoefficientLog((int) r.size[i], (int) r.y[i]);
                    break;
                case POISSON:
                    c -= CombinatoricsUtils.factorialLog((int) r.y[i]);
                    c += r.y[i] * 0;
                    break;
                case NCHG:
                    break;
                default:
                    throw new AssertionError(r.family[i]);
            }
        }
        return c;
    }
}
