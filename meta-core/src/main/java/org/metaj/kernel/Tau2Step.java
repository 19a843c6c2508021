package org.metaj.kernel;

/**
 * What {@link FitKernel#fit} needs from a tau^2 estimator: the estimate from the data loaded in a workspace, and
 * whether the model is the common-effect one (then I^2 and H^2 come from Q rather than from tau^2). The estimators
 * ({@code org.metaj.tau2}) implement it, so that the kernel depends on no estimator.
 */
public interface Tau2Step {
    /**
     * @param ws workspace holding {@code k, p, y, v, x}; its scratch arrays are modified
     * @return the estimate of tau^2 (NaN, with {@code ws.converged = false}, when none could be formed)
     */
    double estimate(FitWorkspace ws);

    /** @return true for the common-effect model ({@code tau^2 = 0} by assumption) */
    default boolean commonEffect() {
        return false;
    }
}
