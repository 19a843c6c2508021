package org.metaj.fit;

/** An iterative estimator did not converge and the caller asked for failure rather than a report. */
public class NonConvergenceException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** @param message what did not converge */
    public NonConvergenceException(String message) {
        super(message);
    }
}
