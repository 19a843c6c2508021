package org.metaj.tau2;

import org.metaj.kernel.FitWorkspace;

/**
 * Fisher scoring for the likelihood-type estimators, with step halving that keeps {@code tau^2 >= 0}
 * (Viechtbauer 2005, J Educ Behav Stat 30:261, section 2; the same scheme as metafor): a step that would make
 * {@code tau^2} negative is halved until it does not. The default start is the Hedges (HE, method-of-moments with
 * unit weights) estimate, metafor's documented default {@code tau2.init}; {@code ws.start} (a warm start from a
 * full-data fit) overrides it. It stops when the absolute change in {@code tau^2} falls below
 * {@code ws.tolerance * min(1, mean v)} (metafor's absolute {@code threshold} for data on the usual scales, shrunk
 * with the variances below 1 so that fits scale with the data), or, for very large {@code tau^2} where that is
 * below the floating-point resolution, below 64 ulps of {@code tau^2}. While the iterates are being pulled to the
 * boundary (the step was halved), the threshold is metafor's absolute {@code ws.tolerance} for mean variances
 * down to 1e-8 ({@code ws.tolerance * min(1, mean v / 1e-8)}). When the iteration limit is reached first,
 * {@code ws.converged} is false and the last iterate is returned. Start and stopping rule matter when the
 * maximum lies on the boundary {@code tau^2 = 0}: the halving steps then approach 0 geometrically and the
 * reported value is the iterate at which the change first drops below the threshold (e.g. REML
 * {@code tau^2 = 1.33e-13} on a k = 4 incidence-rate-difference set, whose I2 of 1.3e-7 % would otherwise
 * differ from metafor 3.8-1 by more than the tolerance). After convergence at an interior {@code tau^2} above the
 * threshold, the likelihood at 0 is compared as metafor's {@code ll0check} does: a near-flat likelihood may have a
 * stationary point below its maximum at the boundary (seen in permutation refits of an eight-study
 * meta-regression), and then 0 is returned.
 *
 * <p>Every setting is read from the workspace, where {@code org.metaj.fit.FitControl} writes it: start
 * ({@code ws.start}), threshold ({@code ws.tolerance}, scaled or absolute: {@code ws.scaledThreshold}), iteration
 * limit, REML's Newton steps and the boundary check ({@code ws.ll0Check}, {@code ws.ll0Tolerance}). With
 * {@code FitControl.metaforDefaults()} (absolute threshold 1e-5, 100 iterations, ll0 tolerance
 * {@code eps^(1/4)}) this is the scoring of metafor's {@code rma.uni()} under its default control, as its
 * {@code trimfill()} uses it.
 */
abstract class FisherScoring implements Tau2Estimator {

    /**
     * @param ws   workspace, on which {@code ws.wls(tau2)} has just been called
     * @param tau2 current iterate
     * @return the scoring step {@code score / information}
     */
    abstract double step(FitWorkspace ws, double tau2);

    /**
     * The term the ML and REML log-likelihoods share (see {@link MaximumLikelihood} and
     * {@link RestrictedMaximumLikelihood}).
     *
     * @return {@code sum_i log(v_i + tau^2)} over the {@code ws.k()} loaded studies
     */
    static double sumLogTotalVariance(FitWorkspace ws, double tau2) {
        double s = 0;
        for (int i = 0; i < ws.k(); i++) {
            s += Math.log(ws.v[i] + tau2);
        }
        return s;
    }

    /**
     * The weighted solve each iteration needs before {@link #step}: the full {@code ws.wls(tau2)} unless the
     * estimator's step needs less.
     */
    void prepare(FitWorkspace ws, double tau2) {
        ws.wls(tau2);
    }

    /**
     * @param ws   workspace
     * @param tau2 value
     * @return the log-likelihood (up to a constant), or NaN if the estimator has none to compare
     */
    abstract double logLikelihood(FitWorkspace ws, double tau2);

    /**
     * Half the binary exponent of the typical sampling variance beyond which the data are rescaled before
     * iterating: 32, i.e. variances beyond about 2^&plusmn;64 (1e&plusmn;19).
     */
    static final int RESCALE_FROM = 32;

    /**
     * The estimate, on rescaled data when the variances are far from 1. ML, REML and EB are scale-equivariant
     * ({@code y c, v c^2} gives {@code tau^2 c^2}, Viechtbauer 2005), but their Fisher scoring steps use
     * {@code sum w^2} and {@code sum w^3}, which overflow for variances below about 1e-102 (REML) or 1e-154 (ML;
     * issue 19: an ordinary data set rescaled by 1e-100 ended in "did not converge" or in the start value). So the
     * data are multiplied by {@code c = 2^-m} ({@code v} by {@code 2^-2m}), {@code 2m} the mean binary exponent of
     * the variances rounded to even, when {@code |m| > RESCALE_FROM}: a power of two, so the scaling itself is
     * exact, the iterates are those of the data on the usual scale, and the estimate is scaled back by
     * {@code 2^2m}. Data on ordinary scales are not touched (their iterates, and the agreement with metafor,
     * stay exactly as they were). The workspace's data are restored before returning, and its last solve is
     * invalidated (the caller must solve again at the returned tau^2).
     */
    @Override
    public final double estimate(FitWorkspace ws) {
        final int k = ws.k();
        long exponents = 0;
        for (int i = 0; i < k; i++) {
            exponents += Math.getExponent(ws.v[i]);
        }
        int m = (int) Math.round(exponents / (2.0 * k));
        if (Math.abs(m) <= RESCALE_FROM) {
            return iterate(ws);
        }
        double start = ws.start;
        rescale(ws, -m);
        ws.start = Math.scalb(start, -2 * m);
        double t;
        try {
            t = iterate(ws);
        } finally {
            rescale(ws, m);
            ws.start = start;
            ws.setSize(k, ws.p()); // the arrays hold a solve of the rescaled data
        }
        return Math.scalb(t, 2 * m);
    }

    /** {@code y <- y 2^e}, {@code v <- v 2^2e} (exact, barring underflow to subnormals). */
    private static void rescale(FitWorkspace ws, int e) {
        for (int i = 0; i < ws.k(); i++) {
            ws.y[i] = Math.scalb(ws.y[i], e);
            ws.v[i] = Math.scalb(ws.v[i], 2 * e);
        }
    }

    private double iterate(FitWorkspace ws) {
        double meanV = 0;
        for (int i = 0; i < ws.k(); i++) {
            meanV += ws.v[i];
        }
        meanV /= ws.k();
        // the threshold is absolute (metafor's) for data on the usual scales; for variances far below 1 it shrinks
        // with them, so that y * c, v * c^2 gives tau^2 * c^2 also at c = 1e-6 (variances of 1e-12)
        double threshold = ws.scaledThreshold ? ws.tolerance * Math.min(1.0, meanV) : ws.tolerance;
        // When the iterates are being pulled to the boundary (a step had to be halved to keep tau^2 >= 0), the
        // maximum is at 0 and where the iteration stops is an artefact of the stopping rule: there metafor's
        // absolute threshold is kept for all but minute variances, so that the tiny positive tau^2 (and I^2)
        // metafor reports at the boundary is reproduced (e.g. incidence-rate differences, variances ~1e-5).
        double boundaryThreshold = ws.scaledThreshold ? ws.tolerance * Math.min(1.0, meanV / 1e-8) : ws.tolerance;
        double t = ws.start;
        if (!(t >= 0) || Double.isInfinite(t)) {
            t = Math.max(0.0, Hedges.INSTANCE.estimate(ws));
        }
        ws.converged = false;
        double used = threshold;
        int it = 0;
        while (it < ws.maxIterations) {
            it++;
            prepare(ws, t);
            if (ws.singular()) {
                ws.iterations = it;
                return Double.NaN;
            }
            double adj = step(ws, t);
            if (!Double.isFinite(adj)) {
                ws.iterations = it;
                return Double.NaN;
            }
            double next = t + adj;
            int halvings = 0;
            while (next < 0 && halvings < 200) {
                adj *= 0.5;
                next = t + adj;
                halvings++;
            }
            if (next < 0) {
                next = 0;
            }
            double change = Math.abs(next - t);
            t = next;
            used = halvings > 0 ? boundaryThreshold : threshold;
            if (change < used || change <= 64 * Math.ulp(t) || (!ws.scaledThreshold && change <= used)) {
                ws.converged = true;
                break;
            }
        }
        ws.iterations = it;
        if (ws.ll0Check && ws.converged && t > used && positiveVariances(ws)) {
            // metafor's ll0check (rma.uni, on by default for ML and REML): Fisher scoring may stop at a stationary
            // point of a likelihood whose maximum is at the boundary; if l(0) exceeds l(t) by more than the
            // tolerance, tau^2 = 0 is reported instead (EB has no likelihood: NaN, no check)
            if (gainAtZero(ws, t) > ws.ll0Tolerance) {
                t = 0.0;
            }
        }
        return t;
    }

    /**
     * @return {@code l(0) - l(tau2)}, the gain in log likelihood of moving to the boundary; NaN where the estimator
     *         has no likelihood. Subclasses compute it without the {@code 2k} logarithms of two full likelihoods.
     */
    double gainAtZero(FitWorkspace ws, double tau2) {
        return logLikelihood(ws, 0.0) - logLikelihood(ws, tau2);
    }

    /**
     * @return {@code sum log(1 + tau2 / v_i) = sum log(v_i + tau2) - sum log(v_i)}, as the logarithm of a running
     *         product (rescaled before it could overflow), so one logarithm serves k studies
     */
    static double sumLogRatio(FitWorkspace ws, double tau2) {
        double acc = 0;
        double prod = 1;
        for (int i = 0; i < ws.k(); i++) {
            prod *= 1 + tau2 / ws.v[i];
            if (prod > 1e250) {
                acc += Math.log(prod);
                prod = 1;
            }
        }
        return acc + Math.log(prod);
    }

    private static boolean positiveVariances(FitWorkspace ws) {
        for (int i = 0; i < ws.k(); i++) {
            if (!(ws.v[i] > 0)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public final boolean iterative() {
        return true;
    }
}
