package org.metaj.model;

/**
 * An iterative estimator did not converge and the caller asked for failure rather than a report.
 *
 * @deprecated the exception moved to {@link org.metaj.fit.NonConvergenceException}, which the one fitting path
 *             ({@link org.metaj.fit.Refitter}) throws; catch that one
 */
@Deprecated
public final class NonConvergenceException extends org.metaj.fit.NonConvergenceException {
    private static final long serialVersionUID = 1L;

    /** @param message what did not converge */
    public NonConvergenceException(String message) {
        super(message);
    }
}
