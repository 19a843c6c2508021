package org.metaj.tau2;

import org.metaj.kernel.FitWorkspace;

/**
 * Sidik-Jonkman estimator (Sidik &amp; Jonkman 2005, J Biopharm Stat 15:823; 2007, Stat Med 26:1964): with the
 * crude start {@code tau0^2 = sum (y_i - ybar)^2 / k} (the raw variance of the effects with divisor k, also under
 * moderators, as metafor takes it), weights {@code 1/(v_i + tau0^2)} and the residuals of that weighted fit,
 * {@code tau^2 = tau0^2 Q(tau0^2) / (k - p)}. Positive whenever the effects are not all equal.
 * Matches metafor {@code rma(method = "SJ")}.
 */
public final class SidikJonkman implements Tau2Estimator {
    /** The instance. */
    public static final SidikJonkman INSTANCE = new SidikJonkman();

    private SidikJonkman() {
    }

    @Override
    public double estimate(FitWorkspace ws) {
        ws.iterations = 0;
        ws.converged = true;
        int k = ws.k();
        double mean = 0;
        for (int i = 0; i < k; i++) {
            mean += ws.y[i];
        }
        mean /= k;
        double ss = 0;
        for (int i = 0; i < k; i++) {
            double d = ws.y[i] - mean;
            ss += d * d;
        }
        double t0 = ss / k;
        if (!(t0 > 0)) {
            return 0.0;
        }
        double q = ws.wls(t0);
        return t0 * q / (k - ws.p());
    }

    @Override
    public String name() {
        return "SJ";
    }

    @Override
    public boolean iterative() {
        return false;
    }
}
