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
     * @param ws   workspace
     * @param tau2 value
     * @return the log-likelihood (up to a constant), or NaN if the estimator has none to compare
     */
    abstract double logLikelihood(FitWorkspace ws, double tau2);

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
            ws.wls(t);
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
            double llT = logLikelihood(ws, t);
            double ll0 = logLikelihood(ws, 0.0);
            if (ll0 > llT) {
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
