package org.metaj.cli;

/** A command-line usage error: exit code 2, one line, no stack trace. */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong and what was expected */
    public UsageException(String message) {
        super(message);
    }
}
