package org.metaj.bias;

import org.metaj.kernel.FitWorkspace;
import org.metaj.model.Method;
import org.metaj.tau2.Tau2Estimator;

/**
 * Fisher scoring for the ML, REML and EB estimators under the default control of metafor's {@code rma.uni()}
 * (the convergence settings its {@code trimfill()} uses for every internal fit, whatever control the model was
 * fitted with): start at {@code max(0, HE)} (the Hedges estimate), scoring steps
 * (Viechtbauer 2005, J Educ Behav Stat 30:261; Morris 1983 for EB)
 * <ul>
 * <li>REML {@code (y'PPy - tr P) / tr(PP)}, ML {@code (y'PPy - sum w) / sum w^2},
 * EB {@code (y'Py k/(k-p) - k) / sum w},</li>
 * </ul>
 * halved while they would make {@code tau^2 < 0}, stopping as soon as the absolute change is at most
 * {@code 1e-5} (at most 100 steps); for ML and REML the boundary {@code tau^2 = 0} is taken when its
 * log-likelihood exceeds that of the estimate by more than {@code 2^-13} (about 1.22e-4) and the estimate exceeds
 * {@code 1e-5}. The estimate is therefore only converged to about {@code 1e-5}: it exists to reproduce metafor's
 * trim-and-fill figures; the library's own estimators converge far tighter.
 */
final class MetaforDefaultScoring implements Tau2Estimator {
    static final double THRESHOLD = 1e-5;
    static final double LL_TOL = Math.pow(2.220446049250313e-16, 0.25);
    static final int MAX_ITER = 100;

    private final Method method;

    private MetaforDefaultScoring(Method method) {
        this.method = method;
    }

    /** @return the metafor-default scoring for ML/REML/EB, else the method's own (closed-form or root) estimator */
    static Tau2Estimator forMethod(Method m) {
        if (m == Method.ML || m == Method.REML || m == Method.EB) {
            return new MetaforDefaultScoring(m);
        }
        return m.estimator();
    }

    @Override
    public double estimate(FitWorkspace ws) {
        int k = ws.k();
        int p = ws.p();
        double t = Math.max(0, Method.HE.estimator().estimate(ws));
        double change = THRESHOLD + 1;
        int iter = 0;
        ws.converged = true;
        while (change > THRESHOLD) {
            iter++;
            double q = ws.wls(t);
            if (ws.singular()) {
                ws.iterations = iter;
                return Double.NaN;
            }
            double adj;
            if (method == Method.REML) {
                adj = (ws.yPPy() - ws.trP()) / ws.trPP();
            } else if (method == Method.ML) {
                double s2 = 0;
                for (int i = 0; i < k; i++) {
                    s2 += ws.w[i] * ws.w[i];
                }
                adj = (ws.yPPy() - ws.sumW()) / s2;
            } else {
                adj = (q * k / (k - p) - k) / ws.sumW();
            }
            if (Double.isNaN(adj)) {
                adj = 0;
            }
            while (t + adj < 0) {
                adj /= 2;
            }
            double old = t;
            t = t + adj;
            change = Math.abs(old - t);
            if (iter > MAX_ITER) {
                ws.converged = false;
                break;
            }
        }
        ws.iterations = iter;
        if (ws.converged && method != Method.EB && allPositive(ws)) {
            double ll0 = logLik(ws, 0);
            double ll = logLik(ws, t);
            if (ll0 - ll > LL_TOL && t > THRESHOLD) {
                t = 0;
            }
        }
        return t;
    }

    private static boolean allPositive(FitWorkspace ws) {
        for (int i = 0; i < ws.k(); i++) {
            if (!(ws.v[i] > 0)) {
                return false;
            }
        }
        return true;
    }

    /** log-likelihood up to a constant common to both arguments. */
    private double logLik(FitWorkspace ws, double tau2) {
        double rss = ws.wls(tau2);
        double s = 0;
        for (int i = 0; i < ws.k(); i++) {
            s += Math.log(ws.v[i] + tau2);
        }
        double ll = -0.5 * s - 0.5 * rss;
        if (method == Method.REML) {
            ll -= 0.5 * ws.logDetXtWX();
        }
        return ll;
    }

    @Override
    public String name() {
        return method.label() + " (metafor default control)";
    }

    @Override
    public boolean iterative() {
        return true;
    }
}
