package org.metaj.kernel;

/**
 * Caller-owned, reusable output of {@link FitKernel#fit}: plain fields, no allocation after construction.
 * Not thread-safe; one per thread, next to its {@link FitWorkspace}.
 */
public final class KernelFit {
    /** number of studies and coefficients of the last fit. */
    public int k;
    /** number of coefficients. */
    public int p;
    /** the estimate of tau^2 (0 for the common-effect model); NaN if the estimator failed. */
    public double tau2;
    /** the coefficients; {@code beta[0]} is the pooled estimate of an intercept-only model. */
    public final double[] beta;
    /** covariance matrix of the coefficients, row-major p x p (Knapp-Hartung scaled when asked). */
    public final double[] vb;
    /** Cochran's Q with common-effect weights (Q_E for a meta-regression), on k - p degrees of freedom. */
    public double qe;
    /** I^2 in percent. */
    public double i2;
    /** H^2. */
    public double h2;
    /** the "typical" within-study variance {@code (k - p) / tr(P_FE)} (Higgins &amp; Thompson 2002). */
    public double typicalV;
    /** Knapp-Hartung scale factor {@code Q(tau^2)/(k - p)} (1 under the z test). */
    public double knhaScale;
    /** sum of the random-effects weights {@code 1/(v_i + tau^2)}. */
    public double sumW;
    /** iterations of the tau^2 estimator. */
    public int iterations;
    /** whether the tau^2 estimator converged. */
    public boolean converged;

    /** @param maxP the largest number of coefficients */
    public KernelFit(int maxP) {
        beta = new double[maxP];
        vb = new double[maxP * maxP];
    }

    /** @return the pooled estimate (first coefficient) */
    public double estimate() {
        return beta[0];
    }

    /** @return the standard error of the first coefficient */
    public double se() {
        return Math.sqrt(vb[0]);
    }
}
