package org.metaj.tau2;

import org.metaj.kernel.FitWorkspace;

/**
 * Hunter-Schmidt estimator (Hunter &amp; Schmidt 2004, Methods of Meta-Analysis; Viechtbauer 2005, J Educ Behav
 * Stat 30:261, eq. 9): {@code tau^2 = max(0, (Q_E - k) / sum w)} with common-effect weights {@code w = 1/v}.
 * Matches metafor {@code rma(method = "HS")}.
 */
public final class HunterSchmidt implements Tau2Estimator {
    /** The instance. */
    public static final HunterSchmidt INSTANCE = new HunterSchmidt();

    private HunterSchmidt() {
    }

    @Override
    public double estimate(FitWorkspace ws) {
        ws.iterations = 0;
        ws.converged = true;
        double q = ws.wls(0.0);
        double t = (q - ws.k()) / ws.sumW();
        return t > 0 ? t : 0.0;
    }

    @Override
    public String name() {
        return "HS";
    }

    @Override
    public boolean iterative() {
        return false;
    }
}
