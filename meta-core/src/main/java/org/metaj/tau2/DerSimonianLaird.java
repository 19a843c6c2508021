package org.metaj.tau2;

import org.metaj.kernel.FitWorkspace;

/**
 * DerSimonian-Laird method-of-moments estimator (DerSimonian &amp; Laird 1986, Control Clin Trials 7:177; with
 * moderators Raudenbush 2009, eq. 16.43):
 * {@code tau^2 = max(0, (Q_E - (k - p)) / tr(P))}, where {@code Q_E} and {@code P} use the common-effect weights
 * {@code 1/v_i}. For an intercept-only model {@code tr(P) = sum w - sum w^2 / sum w}. Matches metafor
 * {@code rma(method = "DL")}.
 */
public final class DerSimonianLaird implements Tau2Estimator {
    /** The instance. */
    public static final DerSimonianLaird INSTANCE = new DerSimonianLaird();

    private DerSimonianLaird() {
    }

    @Override
    public double estimate(FitWorkspace ws) {
        ws.iterations = 0;
        ws.converged = true;
        double q = ws.wls(0.0);
        double tr = ws.trP();
        double t = (q - (ws.k() - ws.p())) / tr;
        return t > 0 ? t : 0.0;
    }

    @Override
    public String name() {
        return "DL";
    }

    @Override
    public boolean iterative() {
        return false;
    }
}
