package org.metaj.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every {@code notebooks/*.jsh} (after {@code notebooks/_prelude.jsh}) through the JDK's {@code jdk.jshell} API,
 * one dynamic test per notebook. A notebook fails on a rejected snippet (compile error), on any exception thrown
 * by a snippet (including the {@code AssertionError} of {@code check}), on unresolved references, on input left
 * incomplete at the end of the file, or when it does not reach its final {@code report(...)} line.
 */
class NotebooksTest {
    private static final Path DIR = Paths.get("notebooks");
    private static final Path PRELUDE = DIR.resolve("_prelude.jsh");

    @TestFactory
    Stream<DynamicTest> notebooks() throws IOException {
        List<Path> books;
        try (Stream<Path> s = Files.list(DIR)) {
            books = s.filter(p -> p.getFileName().toString().endsWith(".jsh"))
                    .filter(p -> !p.getFileName().toString().startsWith("_"))
                    .sorted()
                    .collect(Collectors.toList());
        }
        assertTrue(books.size() >= 12, "expected at least 12 notebooks in " + DIR.toAbsolutePath() + ", found "
                + books.size());
        return books.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> run(p)));
    }

    private static void run(Path notebook) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        try (JShell js = JShell.builder().executionEngine("local").out(out).err(out).build()) {
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                if (!entry.isEmpty()) {
                    js.addToClasspath(entry);
                }
            }
            evalFile(js, PRELUDE, buf);
            evalFile(js, notebook, buf);
        } finally {
            System.out.print(buf.toString(StandardCharsets.UTF_8));
        }
        String text = buf.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("NOTEBOOK OK:"), notebook + " did not reach report(...); output:\n" + text);
    }

    /** Splits the file into complete snippets with analyzeCompletion and evaluates each, failing on any problem. */
    private static void evalFile(JShell js, Path file, ByteArrayOutputStream buf) throws IOException {
        String remaining = Files.readString(file, StandardCharsets.UTF_8);
        SourceCodeAnalysis sca = js.sourceCodeAnalysis();
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo ci = sca.analyzeCompletion(remaining);
            switch (ci.completeness()) {
                case EMPTY:
                    return;
                case DEFINITELY_INCOMPLETE:
                case CONSIDERED_INCOMPLETE:
                    fail(file + ": input ends inside an incomplete snippet:\n" + remaining);
                    return;
                default:
                    break;
            }
            String source = ci.source();
            remaining = ci.remaining();
            if (source == null || source.isBlank()) {
                continue;
            }
            for (SnippetEvent e : js.eval(source)) {
                Snippet sn = e.snippet();
                if (e.status() == Snippet.Status.REJECTED) {
                    String diags = js.diagnostics(sn).map(d -> d.getMessage(null)).collect(Collectors.joining("; "));
                    fail(file + ": snippet rejected: " + diags + "\n" + sn.source());
                }
                if (e.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED
                        || e.status() == Snippet.Status.RECOVERABLE_DEFINED) {
                    List<String> unresolved = new ArrayList<>();
                    if (sn instanceof jdk.jshell.DeclarationSnippet) {
                        js.unresolvedDependencies((jdk.jshell.DeclarationSnippet) sn).forEach(unresolved::add);
                    }
                    fail(file + ": snippet has unresolved references " + unresolved + ":\n" + sn.source());
                }
                JShellException ex = e.exception();
                if (ex != null) {
                    String cls = ex instanceof EvalException ? ((EvalException) ex).getExceptionClassName()
                            : ex.getClass().getName();
                    fail(file + ": " + cls + ": " + ex.getMessage() + "\nin snippet:\n" + sn.source()
                            + "\noutput so far:\n" + buf.toString(StandardCharsets.UTF_8));
                }
            }
        }
    }
}
