package org.metaj.fit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.metaj.kernel.FitKernel;
import org.metaj.kernel.FitWorkspace;
import org.metaj.kernel.KernelFit;
import org.metaj.tau2.DerSimonianLaird;
import org.metaj.tau2.Tau2Estimator;

/**
 * The one fitting and refitting path of the univariate model: the model fit itself and every refit of a fitted
 * model (leave-one-out, cumulative, influence, Baujat, jackknife, bootstrap, permutation tests, trim and fill,
 * Egger's test in its rma form, subgroups) load data into this object's {@link FitWorkspace}, and
 * {@link #fit} runs the kernel ({@link FitKernel}) under the specification's {@link FitControl}, applies the
 * non-convergence policy and computes the post-fit inference of the first coefficient through {@link Inference}
 * (estimate, SE, statistic, p-value, confidence and prediction interval, Q, I², H²; the k = 1 case). Refits take
 * the fitted model's own {@link FitSpec} (metafor: refits reuse {@code x$method} and {@code x$control}).
 *
 * <p>Allocation-free after construction ({@link #fit} allocates only a warning string when a fit does not
 * converge or ends at a boundary the data argue against); one workspace and one {@link KernelFit} serve every
 * refit. Not thread-safe: one per thread.
 */
public final class Refitter {
    private final FitSpec spec;
    private final double fittedTau2;
    private final FitWorkspace ws;
    private final KernelFit out;
    private final double zCrit;
    private final boolean iterative;
    private final List<String> warnings = new ArrayList<>();
    private double crit;

    /** number of studies and coefficients of the last fit. */
    public int k;
    /** number of coefficients of the last fit. */
    public int p;
    /** the first coefficient (the pooled estimate of an intercept-only model) of the last fit. */
    public double estimate;
    /** its standard error. */
    public double se;
    /** z or t statistic. */
    public double statistic;
    /** two-sided p-value. */
    public double pval;
    /** lower confidence bound. */
    public double ciLb;
    /** upper confidence bound. */
    public double ciUb;
    /** lower prediction bound. */
    public double piLb;
    /** upper prediction bound. */
    public double piUb;
    /** τ². */
    public double tau2;
    /** Cochran's Q (QE) with common-effect weights. */
    public double q;
    /** its p-value on k - p df. */
    public double qPval;
    /** I² in percent. */
    public double i2;
    /** H². */
    public double h2;
    /** the typical within-study variance. */
    public double typicalV;
    /** Knapp-Hartung scale (1 under the z test). */
    public double scale;
    /** sum of the random-effects weights. */
    public double sumW;
    /** degrees of freedom of the t test (k - p), infinite under the z test. */
    public double df;
    /** whether the estimator converged (false also after a DL fallback, which reports the original state). */
    public boolean converged;
    /** iterations of the τ² estimator. */
    public int iterations;
    /** whether the last fit was refitted with DerSimonian-Laird under {@link OnNonConvergence#DL}. */
    public boolean fellBackToDl;

    /**
     * @param spec       the specification of the fitted model (estimator, test, level, control, policy)
     * @param fittedTau2 τ² of the model being refitted (the start under {@link FitControl.Start#WARM}); NaN for a
     *                   first fit
     * @param maxK       the largest number of studies of a fit
     * @param maxP       the largest number of coefficients of a fit
     */
    public Refitter(FitSpec spec, double fittedTau2, int maxK, int maxP) {
        this.spec = spec;
        this.fittedTau2 = fittedTau2;
        this.ws = new FitWorkspace(Math.max(1, maxK), Math.max(1, maxP));
        this.out = new KernelFit(Math.max(1, maxP));
        this.zCrit = Inference.critical(false, spec.level(), Double.POSITIVE_INFINITY);
        this.iterative = spec.estimator().iterative();
    }

    /** @return the specification refitted */
    public FitSpec spec() {
        return spec;
    }

    /** @return the workspace: callers write {@code y}, {@code v}, {@code x} directly and then call {@link #fit} */
    public FitWorkspace workspace() {
        return ws;
    }

    /** @return the kernel output of the last fit (reused; copy what you keep) */
    public KernelFit kernelFit() {
        return out;
    }

    /** @return warnings raised by the fits so far (non-convergence, boundary), in order */
    public List<String> warnings() {
        return Collections.unmodifiableList(warnings);
    }

    /**
     * The bare kernel fit of the data written into the workspace, under the specification's control: no policy,
     * no inference beyond {@link KernelFit}. The resampling loops use it (a replicate that does not converge is
     * left out of the resampling distribution). Allocation-free.
     *
     * @param kk            number of studies written into the workspace
     * @param pp            number of coefficients
     * @param heterogeneity also compute Q, I², H²
     * @return true if the fit succeeded and the estimator converged
     */
    public boolean fitKernel(int kk, int pp, boolean heterogeneity) {
        ws.setSize(kk, pp);
        spec.control().applyTo(ws, fittedTau2);
        return FitKernel.fit(ws, spec.estimator(), spec.knha(), heterogeneity, out) && out.converged;
    }

    /**
     * Loads the studies {@code idx[0..n-1]} of an intercept-only model and {@linkplain #fit fits} them.
     *
     * @param y    effects of all studies (not modified)
     * @param v    sampling variances (not modified)
     * @param idx  indices of the studies to fit (not modified)
     * @param n    how many
     * @param what a description for warnings, e.g. "without study 3"
     * @return see {@link #fit}
     */
    public boolean fitSubset(double[] y, double[] v, int[] idx, int n, String what) {
        for (int j = 0; j < n; j++) {
            ws.y[j] = y[idx[j]];
            ws.v[j] = v[idx[j]];
            ws.x[j] = 1.0;
        }
        return fit(n, 1, what);
    }

    /**
     * Loads the rows {@code idx[0..n-1]} of a model with design {@code x} (row-major, {@code pp} columns) and
     * {@linkplain #fit fits} them.
     *
     * @return see {@link #fit}
     */
    public boolean fitSubset(double[] y, double[] v, double[] x, int pp, int[] idx, int n, String what) {
        for (int j = 0; j < n; j++) {
            int i = idx[j];
            ws.y[j] = y[i];
            ws.v[j] = v[i];
            System.arraycopy(x, i * pp, ws.x, j * pp, pp);
        }
        return fit(n, pp, what);
    }

    /**
     * Fits the data written into the workspace: kernel fit under the control, the non-convergence policy of the
     * specification (report with a warning, fail with {@link NonConvergenceException}, or refit with
     * DerSimonian-Laird), then the inference of the first coefficient. An intercept-only fit of one study reports
     * that study: τ² = 0, the z test, Q = 0 on 0 df (p = 1), I² = 0, H² = 1. A likelihood fit that ends at
     * τ² = 0 while the Q-profile lower bound is above 0 adds a warning (see {@link FitControl}).
     *
     * @param kk   number of studies
     * @param pp   number of coefficients
     * @param what a description for warnings ("" for the model fit itself)
     * @return true if an estimate was formed; false leaves every figure NaN
     * @throws NonConvergenceException under {@link OnNonConvergence#FAIL}
     */
    public boolean fit(int kk, int pp, String what) {
        k = kk;
        p = pp;
        fellBackToDl = false;
        if (kk == 1 && pp == 1) {
            ws.setSize(1, 1);
            single(ws.y[0], ws.v[0]);
            return true;
        }
        boolean ok = fitKernelRaw(kk, pp, spec.estimator());
        if (!ok || !out.converged) {
            String msg = String.format(Locale.ROOT, "the %s estimator of tau^2 did not converge%s (%d iterations)",
                    spec.estimator().name(), what.isEmpty() ? "" : " " + what, out.iterations);
            switch (spec.onNonConvergence()) {
                case FAIL -> throw new NonConvergenceException(msg);
                case DL -> {
                    warnings.add(msg + "; refitted with DerSimonian-Laird as asked (--on-nonconvergence DL)");
                    ok = fitKernelRaw(kk, pp, DerSimonianLaird.INSTANCE);
                    fellBackToDl = true;
                }
                case REPORT -> warnings.add(msg + "; the last iterate is reported");
            }
            if (!ok) {
                converged = false;
                iterations = out.iterations;
                clear();
                return false;
            }
        }
        converged = out.converged;
        iterations = out.iterations;
        tau2 = out.tau2;
        estimate = out.beta[0];
        se = Math.sqrt(out.vb[0]);
        scale = out.knhaScale;
        sumW = out.sumW;
        df = spec.knha() ? kk - pp : Double.POSITIVE_INFINITY;
        crit = spec.knha() ? Inference.critical(true, spec.level(), df) : zCrit;
        statistic = estimate / se;
        pval = Inference.pValue(spec.knha(), statistic, df);
        ciLb = estimate - crit * se;
        ciUb = estimate + crit * se;
        double sp = Math.sqrt(se * se + tau2);
        piLb = estimate - crit * sp;
        piUb = estimate + crit * sp;
        q = out.qe;
        qPval = org.metaj.stats.Probabilities.chiSquareUpper(q, kk - pp);
        i2 = out.i2;
        h2 = out.h2;
        typicalV = out.typicalV;
        if (iterative && !fellBackToDl && tau2 == 0 && Inference.qProfileLowerAboveZero(q, kk - pp, spec.level())) {
            warnings.add(String.format(Locale.ROOT, "the %s estimate of tau^2 is 0%s although the Q-profile lower"
                    + " bound is above 0 (QE = %.4f on %d df): the likelihood has a maximum on the boundary, from"
                    + " the start %s; a fit started elsewhere may find a larger interior maximum",
                    spec.estimator().name(), what.isEmpty() ? "" : " " + what, q, kk - pp,
                    startDescription()));
        }
        return true;
    }

    private String startDescription() {
        FitControl c = spec.control();
        return switch (c.start()) {
            case DEFAULT -> "max(0, HE) (metafor's default)";
            case GIVEN -> String.format(Locale.ROOT, "%s (given)", c.startValue());
            case WARM -> Double.isNaN(fittedTau2) ? "max(0, HE) (metafor's default)"
                    : String.format(Locale.ROOT, "%s (the fitted model's tau^2)", fittedTau2);
        };
    }

    private boolean fitKernelRaw(int kk, int pp, Tau2Estimator est) {
        ws.setSize(kk, pp);
        spec.control().applyTo(ws, fittedTau2);
        return FitKernel.fit(ws, est, spec.knha(), true, out);
    }

    /** @return the critical value of the last fit's intervals */
    public double critical() {
        return crit;
    }

    /** @return the standard error of coefficient j of the last fit */
    public double se(int j) {
        return Math.sqrt(out.vb[j * p + j]);
    }

    /** @return the statistic of coefficient j of the last fit */
    public double statistic(int j) {
        return out.beta[j] / se(j);
    }

    /** @return the two-sided p-value of coefficient j of the last fit */
    public double pval(int j) {
        return Inference.pValue(spec.knha(), statistic(j), df);
    }

    private void single(double y, double v) {
        tau2 = 0;
        estimate = y;
        se = Math.sqrt(v);
        scale = 1;
        sumW = 1 / v;
        df = Double.POSITIVE_INFINITY;
        crit = zCrit;
        statistic = estimate / se;
        pval = Inference.pValue(false, statistic, df);
        ciLb = estimate - zCrit * se;
        ciUb = estimate + zCrit * se;
        piLb = ciLb;
        piUb = ciUb;
        q = 0;
        qPval = 1;
        i2 = 0;
        h2 = 1;
        typicalV = Double.NaN;
        converged = true;
        iterations = 0;
        out.k = 1;
        out.p = 1;
        out.tau2 = 0;
        out.beta[0] = y;
        out.vb[0] = v;
        out.qe = 0;
        out.i2 = 0;
        out.h2 = 1;
        out.knhaScale = 1;
        out.sumW = 1 / v;
        out.converged = true;
        out.iterations = 0;
    }

    private void clear() {
        estimate = se = statistic = pval = ciLb = ciUb = piLb = piUb = tau2 = q = qPval = i2 = h2 = scale = sumW =
                typicalV = Double.NaN;
    }
}
