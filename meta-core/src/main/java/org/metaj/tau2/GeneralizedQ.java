package org.metaj.tau2;

import org.metaj.kernel.FitWorkspace;

/**
 * Generalised Q-statistic (method-of-moments) estimator with DerSimonian and Kacker's two-step weights (DerSimonian
 * &amp; Kacker 2007, Contemp Clin Trials 28:105, sections 2.2 and 3; Jackson et al. 2014, Stat Med 33:4863). For
 * weights {@code a_i}, {@code A = diag(a)}, {@code P_A = A - AX(X'AX)^-1X'A} and {@code Q_A = y'P_A y}, the moment
 * equation {@code E[Q_A] = tr(P_A V) + tau^2 tr(P_A)} gives
 * <pre>
 *   tau^2 = max(0, (Q_A - tr(P_A V)) / tr(P_A)).
 * </pre>
 * metafor 3.8-1 ({@code rma(method = "GENQ")}) requires the weights ({@code "Must specify 'weights' when
 * method='GENQ'"}: there is no default); here they are DerSimonian and Kacker's two-step choice
 * {@code a_i = 1/(v_i + tau_DL^2)} with the DerSimonian-Laird estimate (their "DL2"). With these weights
 * {@code V = A^-1 - tau_DL^2 I} and {@code tr(P_A A^-1) = k - p}, so the estimate is one moment step from DL:
 * <pre>
 *   tau^2 = max(0, tau_DL^2 + (Q(tau_DL^2) - (k - p)) / tr P(tau_DL^2)),
 * </pre>
 * with the weighted statistics of {@link FitWorkspace#wls}. It is zero when {@code Q(0) <= k - p} (then
 * {@code tau_DL^2 = 0} and the step is DL's). Only tau^2 is estimated this way: the model is then pooled with the
 * inverse-variance weights {@code 1/(v_i + tau^2)} as for every other estimator (metafor would also pool with the
 * weights {@code a_i}). Matches metafor {@code rma(method = "GENQ", weights = 1/(vi + tau2_DL))} in tau^2.
 */
public final class GeneralizedQ implements Tau2Estimator {
    /** The instance. */
    public static final GeneralizedQ INSTANCE = new GeneralizedQ();

    private GeneralizedQ() {
    }

    @Override
    public double estimate(FitWorkspace ws) {
        ws.iterations = 0;
        ws.converged = true;
        int df = ws.k() - ws.p();
        double dl = (ws.wls(0.0) - df) / ws.trP();
        if (!(dl > 0)) {
            return dl == dl ? 0.0 : Double.NaN;
        }
        double q = ws.wls(dl);
        double t = dl + (q - df) / ws.trP();
        return t > 0 ? t : t == t ? 0.0 : Double.NaN;
    }

    @Override
    public String name() {
        return "GENQ";
    }

    @Override
    public boolean iterative() {
        return false;
    }
}
