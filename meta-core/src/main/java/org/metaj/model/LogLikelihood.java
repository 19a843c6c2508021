package org.metaj.model;

import org.metaj.kernel.FitWorkspace;

/**
 * The log-likelihood of a fitted univariate model at its τ², as metafor's {@code logLik()} reports it
 * (Viechtbauer 2005, J Educ Behav Stat 30:261, eq. 11 and 14; Harville 1977, J Am Stat Assoc 72:320):
 * <ul>
 * <li>ML (and every method but REML): {@code -1/2 [k log(2 pi) + sum log(v_i + tau2) + sum w_i r_i^2]};</li>
 * <li>REML: {@code -1/2 [(k-p) log(2 pi) - log det(X'X) + sum log(v_i + tau2) + log det(X'WX) + y'Py]},
 * {@code y'Py = sum w_i r_i^2} at the GLS coefficients.</li>
 * </ul>
 */
public final class LogLikelihood {
    private LogLikelihood() {
    }

    /**
     * @param ws   workspace with the data loaded (scratch modified: ends solved at tau2)
     * @param tau2 the estimate
     * @param reml the restricted likelihood
     * @return the log-likelihood; NaN if a variance is not positive
     */
    public static double of(FitWorkspace ws, double tau2, boolean reml) {
        int k = ws.k();
        int p = ws.p();
        double logDetXtX = 0;
        if (reml) {
            for (int i = 0; i < k; i++) {
                ws.w[i] = 1.0;
            }
            ws.weighted();
            logDetXtX = ws.logDetXtWX();
        }
        double rss = ws.wls(tau2);
        double s = 0;
        for (int i = 0; i < k; i++) {
            double t = ws.v[i] + tau2;
            if (!(t > 0)) {
                return Double.NaN;
            }
            s += Math.log(t);
        }
        double log2pi = Math.log(2 * Math.PI);
        if (reml) {
            return -0.5 * ((k - p) * log2pi - logDetXtX + s + ws.logDetXtWX() + rss);
        }
        return -0.5 * (k * log2pi + s + rss);
    }
}
