package org.metaj.cli;

import java.io.PrintWriter;
import java.util.Locale;

import org.metaj.data.DataException;
import org.metaj.data.Printable;
import org.metaj.fit.NonConvergenceException;

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
        try {
            return commandLine(out, err).execute(args);
        } catch (Throwable t) { // an Error that picocli does not catch (out of memory, stack overflow): one line
            err.println("meta: " + message(t));
            err.flush();
            return exitCode(t);
        }
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return configure(new CommandLine(new Main()), out, err);
    }

    /** Sets the outputs and the one-line error handlers of a command line (the command or one of its parts). */
    static CommandLine configure(CommandLine cl, PrintWriter out, PrintWriter err) {
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, a) -> {
            String msg = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
            err.println("meta: " + Printable.oneLine(Messages.shorten(msg).trim()) + " (see 'meta "
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
            err.println("meta: " + Printable.oneLine(message(ex, inputFile(parsed)).replace('\n', ' ')));
            err.flush();
            return exitCode(ex);
        });
        return cl;
    }

    /** @return the one-line message of an error */
    static String message(Throwable ex) {
        if (ex instanceof DataException || ex instanceof UsageException || ex instanceof NonConvergenceException) {
            return Messages.shorten(ex.getMessage());
        }
        if (ex instanceof IllegalArgumentException) {
            return Messages.shorten(ex.getMessage());
        }
        if (ex instanceof OutOfMemoryError) {
            return String.format(Locale.ROOT, "out of memory (%s): the Java heap holds at most %,d MiB; ask for "
                    + "less (fewer replicates, draws or studies) or give Java more memory, e.g. "
                    + "JAVA_TOOL_OPTIONS=-Xmx8g", ex.getMessage(), Runtime.getRuntime().maxMemory() >> 20);
        }
        if (ex instanceof StackOverflowError) {
            return "stack overflow: the input is nested too deeply (run with --debug for details; please report this)";
        }
        return "internal error: " + ex.getClass().getSimpleName() + (ex.getMessage() == null ? ""
                : ": " + Messages.shorten(ex.getMessage())) + " (run with --debug for details; please report this)";
    }

    /**
     * The one-line message of an error, naming the input file: a refusal from the library (a method that does not
     * fit the data, too few studies for a test) does not know the file, and every data error must name it.
     *
     * @param file the input file as given, or {@code null}
     */
    static String message(Throwable ex, String file) {
        String m = message(ex);
        if (file == null || ex instanceof UsageException || m.startsWith(file + ":") || m.startsWith("internal")) {
            return m;
        }
        if (ex instanceof DataException && ((DataException) ex).source() != null) {
            return m;
        }
        return file + ": " + m;
    }

    /** @return the first positional parameter (the CSV file) of the innermost subcommand, or {@code null} */
    private static String inputFile(CommandLine.ParseResult parsed) {
        CommandLine.ParseResult p = parsed;
        while (p != null && p.hasSubcommand()) {
            p = p.subcommand();
        }
        if (p == null || p.matchedPositionals().isEmpty()) {
            return null;
        }
        Object v = p.matchedPositionals().get(0).getValue();
        return v == null ? null : v.toString();
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
