package org.metaj.tau2;

import org.metaj.kernel.FitWorkspace;

/**
 * Empirical Bayes estimator (Morris 1983, J Am Stat Assoc 78:47; Berkey et al. 1995, Stat Med 14:395): the
 * fixed point of {@code tau^2 <- tau^2 + (Q(tau^2) k/(k-p) - k) / sum w}, i.e. the root of
 * {@code Q(tau^2) = k - p}; it therefore coincides with the Paule-Mandel estimate (Viechtbauer et al. 2015,
 * Res Synth Methods 6:195), reached here by its own iteration. Matches metafor {@code rma(method = "EB")}.
 */
public final class EmpiricalBayes extends FisherScoring {
    /** The instance. */
    public static final EmpiricalBayes INSTANCE = new EmpiricalBayes();

    private EmpiricalBayes() {
    }

    @Override
    double step(FitWorkspace ws, double tau2) {
        int k = ws.k();
        return (ws.q() * k / (k - ws.p()) - k) / ws.sumW();
    }

    @Override
    double logLikelihood(FitWorkspace ws, double tau2) {
        // no likelihood: the estimating equation has a single root, so no boundary check is needed
        return Double.NaN;
    }

    @Override
    public String name() {
        return "EB";
    }
}
