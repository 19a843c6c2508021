package org.metaj.tau2;

import org.metaj.kernel.FitWorkspace;

/**
 * Iterative DerSimonian-Laird estimator, as metafor 3.8-1 defines {@code rma(method = "DLIT")}: the DerSimonian-Laird
 * moment step (DerSimonian &amp; Laird 1986, Control Clin Trials 7:177) repeated with the random-effects weights of
 * the previous iterate (the iterated moment estimators of DerSimonian &amp; Kacker 2007, Contemp Clin Trials
 * 28:105):
 * <pre>
 *   tau_0^2 = 0 (or the caller's warm start),
 *   tau_{n+1}^2 = max(0, (Q(tau_n^2) - (k - p)) / tr P(tau_n^2)),
 * </pre>
 * with {@code Q(t) = sum w_i r_i^2}, {@code P(t) = W - WX(X'WX)^-1X'W}, {@code w_i = 1/(v_i + t)}. The first step is
 * DL itself, so the estimate is zero exactly when {@code Q(0) <= k - p}. A fixed point solves
 * {@code Q(t) - (k - p) = t tr P(t)}, which is not the Paule-Mandel equation {@code Q(t) = k - p}.
 *
 * <p>The iteration stops when the change falls to {@code ws.tolerance * min(1, mean v)} (metafor's absolute
 * {@code threshold} on the usual scales, shrunk with the variances so that the estimate scales with the data) or to
 * 64 ulps of the iterate; after {@code ws.maxIterations} steps without that, {@code ws.converged} is false and the
 * last iterate is returned. The iterates may oscillate and converge slowly: on the BCG data (log risk ratios) they
 * alternate between about 0.01 and 0.30 at first and need several hundred steps (metafor's default
 * {@code maxiter = 100} stops with "Iterative DL estimator did not converge").
 */
public final class DerSimonianLairdIterative implements Tau2Estimator {
    /** The instance. */
    public static final DerSimonianLairdIterative INSTANCE = new DerSimonianLairdIterative();

    private DerSimonianLairdIterative() {
    }

    @Override
    public double estimate(FitWorkspace ws) {
        int k = ws.k();
        int df = k - ws.p();
        double meanV = 0;
        for (int i = 0; i < k; i++) {
            meanV += ws.v[i];
        }
        double threshold = ws.tolerance * Math.min(1.0, meanV / k);
        double t = ws.start >= 0 && !Double.isInfinite(ws.start) ? ws.start : 0.0;
        ws.converged = false;
        int it = 0;
        while (it < ws.maxIterations) {
            it++;
            double q = ws.wls(t);
            if (ws.singular()) {
                break;
            }
            double next = (q - df) / ws.trP();
            if (!Double.isFinite(next)) {
                ws.iterations = it;
                return Double.NaN;
            }
            next = next > 0 ? next : 0.0;
            double change = Math.abs(next - t);
            t = next;
            if (change <= threshold || change <= 64 * Math.ulp(t)) {
                ws.converged = true;
                break;
            }
        }
        ws.iterations = it;
        return ws.singular() ? Double.NaN : t;
    }

    @Override
    public String name() {
        return "DLIT";
    }

    @Override
    public boolean iterative() {
        return true;
    }
}
