package org.metaj.tau2;

import org.metaj.kernel.FitWorkspace;

/**
 * Restricted (residual) maximum-likelihood estimator (Viechtbauer 2005, J Educ Behav Stat 30:261, eq. 15;
 * Raudenbush 2009). Restricted log likelihood
 * {@code l_R(tau^2) = -1/2 sum log(v_i + tau^2) - 1/2 log det(X'WX) - 1/2 y'Py}; Fisher scoring step
 * {@code (y'PPy - tr P) / tr(PP)}. Matches metafor {@code rma(method = "REML")}, the default method.
 */
public final class RestrictedMaximumLikelihood extends FisherScoring {
    /** The instance. */
    public static final RestrictedMaximumLikelihood INSTANCE = new RestrictedMaximumLikelihood();

    private RestrictedMaximumLikelihood() {
    }

    @Override
    double step(FitWorkspace ws, double tau2) {
        if (ws.p() == 1) {
            // intercept-only fast path: tr P = S1 - S2/S1, tr PP = S2 - 2 S3/S1 + S2^2/S1^2
            int k = ws.k();
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            double ypy = 0;
            for (int i = 0; i < k; i++) {
                double w = ws.w[i];
                double w2 = w * w;
                double wr = w * ws.r[i];
                s1 += w;
                s2 += w2;
                s3 += w2 * w;
                ypy += wr * wr;
            }
            double trP = s1 - s2 / s1;
            double trPP = s2 - 2 * s3 / s1 + (s2 / s1) * (s2 / s1);
            return (ypy - trP) / trPP;
        }
        return (ws.yPPy() - ws.trP()) / ws.trPP();
    }

    @Override
    double logLikelihood(FitWorkspace ws, double tau2) {
        double q = ws.wls(tau2);
        double s = 0;
        for (int i = 0; i < ws.k(); i++) {
            s += Math.log(ws.v[i] + tau2);
        }
        return -0.5 * s - 0.5 * ws.logDetXtWX() - 0.5 * q;
    }

    @Override
    public String name() {
        return "REML";
    }
}
