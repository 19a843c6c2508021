package org.metaj.tau2;

import org.metaj.kernel.FitWorkspace;

/**
 * Fisher scoring for the likelihood-type estimators, with step halving that keeps {@code tau^2 >= 0}
 * (Viechtbauer 2005, J Educ Behav Stat 30:261, section 2; the same scheme as metafor). It stops when the change
 * in {@code tau^2} falls below {@code ws.tolerance * max(tau^2, mean(v))}, which is invariant to the scale of the
 * data; when the iteration limit is reached first, {@code ws.converged} is false and the last iterate is returned.
 * The default start is the DerSimonian-Laird estimate; {@code ws.start} (a warm start from a full-data fit)
 * overrides it.
 */
abstract class FisherScoring implements Tau2Estimator {

    /**
     * @param ws   workspace, on which {@code ws.wls(tau2)} has just been called
     * @param tau2 current iterate
     * @return the scoring step {@code score / information}
     */
    abstract double step(FitWorkspace ws, double tau2);

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
     * @param ws   workspace
     * @param tau2 value
     * @return {@code l(tau2) - l(0)}, NaN if the estimator has no likelihood; overridden where the difference
     *         can be formed with fewer logarithms
     */
    double logLikelihoodGain(FitWorkspace ws, double tau2) {
        return logLikelihood(ws, tau2) - logLikelihood(ws, 0.0);
    }

    /**
     * {@code sum log((v_i + tau2)/v_i)} times {@code factor}, as logarithms of running products (one logarithm
     * per ~150 orders of magnitude instead of one per study; the factors are all {@code >= 1}).
     */
    static double sumLogRatio(FitWorkspace ws, double tau2, double factor) {
        int k = ws.k();
        double acc = 0;
        double prod = factor;
        for (int i = 0; i < k; i++) {
            double f = 1.0 + tau2 / ws.v[i];
            if (prod > 1e150 || f > 1e150) {
                acc += Math.log(prod);
                prod = f;
            } else {
                prod *= f;
            }
        }
        return acc + Math.log(prod);
    }

    @Override
    public final double estimate(FitWorkspace ws) {
        int k = ws.k();
        double meanV = 0;
        for (int i = 0; i < k; i++) {
            meanV += ws.v[i];
        }
        meanV /= k;
        double t = ws.start;
        if (!(t >= 0) || Double.isInfinite(t)) {
            t = DerSimonianLaird.INSTANCE.estimate(ws);
        }
        ws.converged = false;
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
            if (change <= ws.tolerance * Math.max(t, meanV)) {
                ws.converged = true;
                break;
            }
        }
        ws.iterations = it;
        if (ws.converged && t > 0) {
            // the likelihood may have a second, higher maximum at the boundary: take the global maximum
            if (logLikelihoodGain(ws, t) < 0) {
                t = 0.0;
            }
        }
        return t;
    }

    @Override
    public final boolean iterative() {
        return true;
    }
}
