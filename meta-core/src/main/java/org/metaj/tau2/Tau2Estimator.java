package org.metaj.tau2;

import org.metaj.kernel.FitWorkspace;
import org.metaj.kernel.Tau2Step;

/**
 * An estimator of the between-study variance {@code tau^2} of the random-effects (or mixed-effects) model
 * {@code y_i = x_i'beta + u_i + e_i}, {@code u_i ~ N(0, tau^2)}, {@code e_i ~ N(0, v_i)}.
 *
 * <p>Implementations are stateless singletons and allocate nothing: they read the data loaded in a caller-owned
 * {@link FitWorkspace} and record iterations and convergence there. They work for any design matrix
 * (intercept-only or meta-regression). Contract (tested for every implementation): the result is finite and
 * {@code >= 0} (or NaN with {@code ws.converged = false}), invariant to the order of the studies, unchanged by a
 * shift of all {@code y_i} (intercept models), and scales with {@code c^2} when {@code y} scales with {@code c} and
 * {@code v} with {@code c^2}.
 */
public interface Tau2Estimator extends Tau2Step {
    /**
     * @param ws workspace holding {@code k, p, y, v, x}; its scratch arrays are modified
     * @return the estimate of tau^2
     */
    @Override
    double estimate(FitWorkspace ws);

    /** @return metafor's name of the method, e.g. "REML" */
    String name();

    /** @return true if the estimator iterates (and may fail to converge) */
    boolean iterative();
}
