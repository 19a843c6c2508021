package org.metaj.model;

/** An iterative estimator did not converge and the caller asked for failure rather than a report. */
public final class NonConvergenceException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** @param message what did not converge */
    public NonConvergenceException(String message) {
        super(message);
    }
}
