package org.metaj.tau2;

import org.metaj.kernel.FitWorkspace;

/**
 * Iterative Sidik-Jonkman estimator, as metafor 3.8-1 defines {@code rma(method = "SJIT")}: the Sidik-Jonkman step
 * (Sidik &amp; Jonkman 2005, J Biopharm Stat 15:823; 2007, Stat Med 26:1964) repeated from its own result,
 * <pre>
 *   tau_0^2 = sum (y_i - ybar)^2 / k (or the caller's warm start),
 *   tau_{n+1}^2 = tau_n^2 Q(tau_n^2) / (k - p),
 * </pre>
 * with {@code Q(t) = sum w_i r_i^2} the weighted residual sum of squares, {@code w_i = 1/(v_i + t)}. A positive fixed
 * point solves {@code Q(t) = k - p}, the Paule-Mandel equation (Paule &amp; Mandel 1982), so the converged estimate
 * is the PM estimate; when {@code Q(0) <= k - p} the iterates fall geometrically towards 0 and stop within the
 * convergence threshold of it. Zero when the effects are all equal.
 *
 * <p>The iteration stops when the change falls to {@code ws.tolerance * min(1, mean v)} (metafor's absolute
 * {@code threshold} on the usual scales, shrunk with the variances so that the estimate scales with the data) or to
 * 64 ulps of the iterate; when {@code Q(0) <= k - p} (the limit is 0), to {@code ws.tolerance * min(1, mean v/1e-8)},
 * metafor's absolute threshold for all but minute variances, so that the tiny positive iterate metafor reports is
 * reproduced (risk differences of Hine 1989: tau^2 about 1e-13, I^2 about 1e-8 %); after {@code ws.maxIterations} steps without that, {@code ws.converged} is false and the
 * last iterate is returned.
 */
public final class SidikJonkmanIterative implements Tau2Estimator {
    /** The instance. */
    public static final SidikJonkmanIterative INSTANCE = new SidikJonkmanIterative();

    private SidikJonkmanIterative() {
    }

    @Override
    public double estimate(FitWorkspace ws) {
        int k = ws.k();
        int df = k - ws.p();
        double mean = 0;
        double meanV = 0;
        for (int i = 0; i < k; i++) {
            mean += ws.y[i];
            meanV += ws.v[i];
        }
        mean /= k;
        double threshold = ws.tolerance * Math.min(1.0, meanV / k);
        double t = ws.start;
        if (!(t > 0) || Double.isInfinite(t)) {
            double ss = 0;
            for (int i = 0; i < k; i++) {
                double d = ws.y[i] - mean;
                ss += d * d;
            }
            t = ss / k;
        }
        ws.iterations = 0;
        ws.converged = true;
        if (!(t > 0)) {
            return 0.0;
        }
        if (ws.wls(0.0) <= df) {
            // the limit is the boundary: the iterates fall geometrically and where they stop is the stopping rule's
            // artefact, so metafor's absolute threshold is kept (as in FisherScoring) for mean variances >= 1e-8
            threshold = ws.tolerance * Math.min(1.0, meanV / k / 1e-8);
        }
        ws.converged = false;
        int it = 0;
        while (it < ws.maxIterations) {
            it++;
            double q = ws.wls(t);
            if (ws.singular() || !Double.isFinite(q)) {
                ws.iterations = it;
                return Double.NaN;
            }
            double next = t * q / df;
            double change = Math.abs(next - t);
            t = next;
            if (change <= threshold || change <= 64 * Math.ulp(t)) {
                ws.converged = true;
                break;
            }
        }
        ws.iterations = it;
        return t;
    }

    @Override
    public String name() {
        return "SJIT";
    }

    @Override
    public boolean iterative() {
        return true;
    }
}
