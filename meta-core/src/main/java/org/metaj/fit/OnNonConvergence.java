package org.metaj.fit;

/** What a fit does when an iterative τ² estimator does not converge (CLI {@code --on-nonconvergence}). */
public enum OnNonConvergence {
    /** Return the last iterate with {@code converged() == false} and a warning (default). */
    REPORT,
    /** Throw {@link NonConvergenceException}. */
    FAIL,
    /** Refit with DerSimonian-Laird and say so in a warning. */
    DL
}
