package org.metaj.tau2;

import org.metaj.kernel.FitWorkspace;

/**
 * Restricted (residual) maximum-likelihood estimator (Viechtbauer 2005, J Educ Behav Stat 30:261, eq. 15;
 * Raudenbush 2009). Restricted log likelihood
 * {@code l_R(tau^2) = -1/2 sum log(v_i + tau^2) - 1/2 log det(X'WX) - 1/2 y'Py}; Fisher scoring step
 * {@code (y'PPy - tr P) / tr(PP)}; a Newton-Raphson step
 * {@code (y'PPy - tr P) / (2 y'PPPy - tr PP)} (observed information; Harville 1977, J Am Stat Assoc 72:320) is
 * taken, when {@code ws.newtonSteps} is set (the resampling engines set it; the default is metafor's pure Fisher
 * scoring path, whose iterates matter for maxima on the boundary), where the observed information is positive and the step within four Fisher steps or half the current
 * tau^2, which reaches the same root in about half the iterations. Matches metafor
 * {@code rma(method = "REML")}, the default method.
 */
public final class RestrictedMaximumLikelihood extends FisherScoring {
    /** The instance. */
    public static final RestrictedMaximumLikelihood INSTANCE = new RestrictedMaximumLikelihood();

    private RestrictedMaximumLikelihood() {
    }

    /** Intercept-only models: the step forms the residuals itself, so only the coefficients are needed. */
    @Override
    void prepare(FitWorkspace ws, double tau2) {
        ws.wlsCoefficients(tau2);
    }

    @Override
    double step(FitWorkspace ws, double tau2) {
        if (ws.p() == 1) {
            // intercept-only fast path, with u = Py = W r (the weighted residuals):
            // tr P = S1 - S2/S1, tr PP = S2 - 2 S3/S1 + S2^2/S1^2, y'PPy = u'u, y'PPPy = u'Pu = sum w u^2 - (sum w u)^2/S1
            int k = ws.k();
            // the residuals r_i = y_i - x_i b are formed here (prepare() computed only w and b)
            double b = ws.beta[0];
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            double ypy = 0;
            double swu = 0;
            double swu2 = 0;
            for (int i = 0; i < k; i++) {
                double w = ws.w[i];
                double w2 = w * w;
                double u = w * (ws.y[i] - ws.x[i] * b);
                double wu = w * u;
                s1 += w;
                s2 += w2;
                s3 += w2 * w;
                ypy += u * u;
                swu += wu;
                swu2 += wu * u;
            }
            double trP = s1 - s2 / s1;
            double trPP = s2 - 2 * s3 / s1 + (s2 / s1) * (s2 / s1);
            double score2 = ypy - trP;
            return newtonOrFisher(ws, score2, 2 * (swu2 - swu * swu / s1) - trPP, trPP, tau2);
        }
        double trPP = ws.trPP();
        double score2 = ws.yPPy() - ws.trP();
        return newtonOrFisher(ws, score2, 2 * ws.yPPPy() - trPP, trPP, tau2);
    }

    /**
     * Newton-Raphson with the observed information {@code 2 y'PPPy - tr PP} (twice -d score/d tau2, as
     * {@code dP/dtau2 = -PP}) where it is positive and the step is at most 4 Fisher steps or half the current tau2
     * (near a root where the likelihood is nearly flat, Fisher scoring contracts by only
     * {@code 1 - observed/expected information} per step); the Fisher scoring step {@code score/tr PP} otherwise.
     * Both have the same fixed point (score = 0); Newton converges quadratically near it.
     */
    private static double newtonOrFisher(FitWorkspace ws, double score2, double observed, double trPP, double tau2) {
        double fisher = score2 / trPP;
        if (ws.newtonSteps && observed > 0) {
            double newton = score2 / observed;
            if (Math.abs(newton) <= Math.max(4 * Math.abs(fisher), 0.5 * tau2)) {
                return newton;
            }
        }
        return fisher;
    }

    @Override
    double logLikelihood(FitWorkspace ws, double tau2) {
        double q = ws.wls(tau2);
        double s = sumLogTotalVariance(ws, tau2);
        return -0.5 * s - 0.5 * ws.logDetXtWX() - 0.5 * q;
    }

    /** {@code l_R(0) - l_R(t) = 1/2 sum log(1 + t/v_i) - 1/2 [log det(X'W_0X) - log det(X'W_tX)] - 1/2 [Q(0) - Q(t)]}. */
    @Override
    double gainAtZero(FitWorkspace ws, double tau2) {
        double qt = ws.wls(tau2);
        double ainvT = ws.ainv[0];
        double logDetT = ws.p() == 1 ? 0 : ws.logDetXtWX();
        double q0 = ws.wls(0.0);
        // p = 1: det(X'WX) = 1/ainv, so the difference of the log determinants is one logarithm
        double logDet = ws.p() == 1 ? Math.log(ainvT / ws.ainv[0]) : ws.logDetXtWX() - logDetT;
        return 0.5 * sumLogRatio(ws, tau2) - 0.5 * logDet - 0.5 * (q0 - qt);
    }

    @Override
    public String name() {
        return "REML";
    }
}
