package org.metaj.tau2;

import org.metaj.kernel.FitWorkspace;

/**
 * Maximum-likelihood estimator (Hardy &amp; Thompson 1996, Stat Med 15:619; Viechtbauer 2005, eq. 12). Log
 * likelihood {@code l(tau^2) = -1/2 sum log(v_i + tau^2) - 1/2 sum w_i r_i^2}; Fisher scoring step
 * {@code (sum w_i^2 r_i^2 - sum w_i) / sum w_i^2}. Matches metafor {@code rma(method = "ML")}.
 */
public final class MaximumLikelihood extends FisherScoring {
    /** The instance. */
    public static final MaximumLikelihood INSTANCE = new MaximumLikelihood();

    private MaximumLikelihood() {
    }

    @Override
    double step(FitWorkspace ws, double tau2) {
        int k = ws.k();
        double sw = 0;
        double sw2 = 0;
        double sw2r2 = 0;
        for (int i = 0; i < k; i++) {
            double w = ws.w[i];
            double wr = w * ws.r[i];
            sw += w;
            sw2 += w * w;
            sw2r2 += wr * wr;
        }
        return (sw2r2 - sw) / sw2;
    }

    @Override
    double logLikelihood(FitWorkspace ws, double tau2) {
        double q = ws.wls(tau2);
        double s = sumLogTotalVariance(ws, tau2);
        return -0.5 * s - 0.5 * q;
    }

    /** {@code l(0) - l(t) = 1/2 sum log(1 + t/v_i) - 1/2 [Q(0) - Q(t)]}. */
    @Override
    double gainAtZero(FitWorkspace ws, double tau2) {
        double qt = ws.wls(tau2);
        double q0 = ws.wls(0.0);
        return 0.5 * sumLogRatio(ws, tau2) - 0.5 * (q0 - qt);
    }

    @Override
    public String name() {
        return "ML";
    }
}
