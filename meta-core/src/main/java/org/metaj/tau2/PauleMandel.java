package org.metaj.tau2;

import org.metaj.kernel.FitWorkspace;

/**
 * Paule-Mandel estimator (Paule &amp; Mandel 1982, J Res Natl Bur Stand 87:377; DerSimonian &amp; Kacker 2007):
 * the root of the generalised Q statistic {@code Q(tau^2) = sum w_i(tau^2) r_i^2 = k - p}, or 0 when
 * {@code Q(0) <= k - p}. Solved with commons-math's Brent solver. Matches metafor {@code rma(method = "PM")}.
 */
public final class PauleMandel implements Tau2Estimator {
    /** The instance. */
    public static final PauleMandel INSTANCE = new PauleMandel();

    /** The largest tau^2 searched. */
    static final double LIMIT = 1e300;

    private PauleMandel() {
    }

    @Override
    public double estimate(FitWorkspace ws) {
        return solve(ws, ws.k() - ws.p());
    }

    static double solve(FitWorkspace ws, double target) {
        ws.iterations = 0;
        double t = ws.qRoot.solve(target, LIMIT);
        ws.converged = !Double.isNaN(t) && !ws.qRoot.hitLimit();
        return t;
    }

    @Override
    public String name() {
        return "PM";
    }

    @Override
    public boolean iterative() {
        return true;
    }
}
