package org.metaj.cli;

import java.io.PrintWriter;
import java.util.Locale;

import org.metaj.data.DataException;
import org.metaj.model.NonConvergenceException;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code meta} command. Exit codes: 0 success; 1 internal error (a bug: please report it); 2 usage error
 * (unknown option, measure or method, an option that does not fit the data, a missing file); 3 data error (the
 * file's content: a missing column, a non-number, a negative variance, ...); 4 an estimator did not converge under
 * {@code --on-nonconvergence fail}.
 */
@Command(name = "meta", mixinStandardHelpOptions = true, version = "metaj 0.1.0",
        description = "Meta-analysis held to R metafor's numbers.",
        subcommands = {AnalyzeCommand.class, BatchCommand.class, BootstrapCommand.class, ReportCommand.class,
                NetworkCommand.class})
public final class Main {
    /** Exit code: usage error. */
    public static final int USAGE = 2;
    /** Exit code: data error. */
    public static final int DATA = 3;
    /** Exit code: non-convergence under --on-nonconvergence fail. */
    public static final int NONCONVERGENCE = 4;
    /** Exit code: internal error. */
    public static final int INTERNAL = 1;

    /** @param args command-line arguments */
    public static void main(String[] args) {
        Locale.setDefault(Locale.ROOT);
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs the command line without exiting (for tests and batch).
     *
     * @return the exit code
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine(out, err);
        return cl.execute(args);
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, a) -> {
            String msg = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
            err.println("meta: " + msg.replace('\n', ' ').trim() + " (see 'meta "
                    + (ex.getCommandLine().getCommandName().equals("meta") ? ""
                    : ex.getCommandLine().getCommandName() + " ") + "--help')");
            err.flush();
            return USAGE;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            boolean debug = parsed.hasMatchedOption("--debug");
            if (debug) {
                ex.printStackTrace(err);
            }
            err.println("meta: " + message(ex).replace('\n', ' '));
            err.flush();
            return exitCode(ex);
        });
        return cl;
    }

    /** @return the one-line message of an error */
    static String message(Throwable ex) {
        if (ex instanceof DataException || ex instanceof UsageException || ex instanceof NonConvergenceException) {
            return ex.getMessage();
        }
        if (ex instanceof IllegalArgumentException) {
            return ex.getMessage();
        }
        if (ex instanceof OutOfMemoryError) {
            return "out of memory (" + ex.getMessage() + ")";
        }
        return "internal error: " + ex.getClass().getSimpleName() + (ex.getMessage() == null ? ""
                : ": " + ex.getMessage()) + " (run with --debug for details; please report this)";
    }

    /** @return the exit code of an error */
    static int exitCode(Throwable ex) {
        if (ex instanceof DataException) {
            return DATA;
        }
        if (ex instanceof UsageException) {
            return USAGE;
        }
        if (ex instanceof NonConvergenceException) {
            return NONCONVERGENCE;
        }
        if (ex instanceof IllegalArgumentException) {
            return USAGE;
        }
        return INTERNAL;
    }
}
