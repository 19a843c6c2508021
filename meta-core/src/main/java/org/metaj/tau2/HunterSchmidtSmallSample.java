package org.metaj.tau2;

import org.metaj.kernel.FitWorkspace;

/**
 * Hunter-Schmidt estimator with the small-sample correction {@code k/(k - p)} of Q (Brannick et al. 2019,
 * Res Synth Methods 10:1; metafor's "HSk"): {@code tau^2 = max(0, (Q_E k/(k-p) - k) / sum w)}, {@code w = 1/v}.
 * Matches metafor {@code rma(method = "HSk")}.
 */
public final class HunterSchmidtSmallSample implements Tau2Estimator {
    /** The instance. */
    public static final HunterSchmidtSmallSample INSTANCE = new HunterSchmidtSmallSample();

    private HunterSchmidtSmallSample() {
    }

    @Override
    public double estimate(FitWorkspace ws) {
        ws.iterations = 0;
        ws.converged = true;
        int k = ws.k();
        double q = ws.wls(0.0);
        double t = (q * k / (k - ws.p()) - k) / ws.sumW();
        return t > 0 ? t : 0.0;
    }

    @Override
    public String name() {
        return "HSk";
    }

    @Override
    public boolean iterative() {
        return false;
    }
}
