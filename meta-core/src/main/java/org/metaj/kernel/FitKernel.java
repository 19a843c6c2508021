package org.metaj.kernel;

/**
 * The allocation-free fitting path shared by the friendly API ({@code MetaAnalysis}), meta-regression,
 * resampling and permutation tests: one implementation of each formula.
 *
 * <p>Given the data loaded in a {@link FitWorkspace}, {@link #fit} estimates {@code tau^2}, then the weighted
 * least-squares coefficients with weights {@code 1/(v_i + tau^2)} and their covariance {@code (X'WX)^-1}
 * (multiplied by {@code Q(tau^2)/(k-p)} for the Knapp-Hartung test: Knapp &amp; Hartung 2003, Stat Med
 * 22:2693; Hartung &amp; Knapp 2001), Cochran's Q with common-effect weights, and
 * {@code I^2 = 100 tau^2/(tau^2 + s^2)}, {@code H^2 = (tau^2 + s^2)/s^2} with the typical within-study variance
 * {@code s^2 = (k-p)/tr(P_FE)} (Higgins &amp; Thompson 2002, Stat Med 21:1539). For the common-effect model
 * {@code I^2 = 100 max(0, (Q - (k-p))/Q)} and {@code H^2 = Q/(k-p)}, as metafor reports them.
 */
public final class FitKernel {
    private FitKernel() {
    }

    /**
     * @param ws            workspace with the data loaded (scratch arrays modified)
     * @param estimator     the tau^2 estimator
     * @param knha          Knapp-Hartung scaling of the covariance
     * @param heterogeneity also compute Q, I^2 and H^2 (one more weighted solve)
     * @param out           receives the figures (modified)
     * @return true if the fit succeeded (tau^2 finite, design of full rank)
     */
    public static boolean fit(FitWorkspace ws, Tau2Step estimator, boolean knha, boolean heterogeneity,
            KernelFit out) {
        final int k = ws.k;
        final int p = ws.p;
        out.k = k;
        out.p = p;
        ws.solvedAt = Double.NaN; // only solves made during this call may be reused below
        double tau2 = estimator.estimate(ws);
        out.tau2 = tau2;
        out.iterations = ws.iterations;
        out.converged = ws.converged;
        if (!(tau2 >= 0)) {
            return false;
        }
        boolean fe = estimator.commonEffect();
        if (heterogeneity) {
            // the likelihood estimators' boundary check ends with the tau2 = 0 solve: reuse it
            double q0 = ws.solvedAt == 0.0 ? ws.q : ws.wls(0.0);
            out.qe = q0;
            int df = k - p;
            if (fe) {
                out.i2 = df > 0 ? (q0 > df ? 100.0 * (q0 - df) / q0 : 0.0) : Double.NaN;
                out.h2 = df > 0 ? q0 / df : Double.NaN;
                out.typicalV = df > 0 ? df / ws.trP() : Double.NaN;
            } else {
                double s2 = df / ws.trP();
                out.typicalV = s2;
                out.i2 = 100.0 * tau2 / (tau2 + s2);
                out.h2 = (tau2 + s2) / s2;
            }
        }
        double q = ws.solvedAt == tau2 ? ws.q : ws.wls(tau2);
        if (ws.singular) {
            return false;
        }
        out.sumW = ws.sumW;
        double scale = 1.0;
        if (knha) {
            scale = q / (k - p);
        }
        out.knhaScale = scale;
        for (int j = 0; j < p; j++) {
            out.beta[j] = ws.beta[j];
        }
        for (int j = 0; j < p * p; j++) {
            out.vb[j] = ws.ainv[j] * scale;
        }
        return true;
    }
}
