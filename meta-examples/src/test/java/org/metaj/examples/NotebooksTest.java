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
                    .filter(p -> p.getFileName().toString().contains(System.getProperty("notebooks", "")))
                    .sorted()
                    .collect(Collectors.toList());
        }
        // -Dnotebooks=NAME runs only the notebooks whose file name contains NAME.
        assertTrue(books.size() >= 12 || !System.getProperty("notebooks", "").isEmpty(),
                "expected at least 12 notebooks in " + DIR.toAbsolutePath() + ", found " + books.size());
        return books.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> run(p)));
    }

    private static void run(Path notebook) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        // Default (remote) execution engine: snippets run in a fresh JVM whose System.out/err are forwarded to `out`.
        List<String> cp = classpath();
        // JShell's compiler and its remote JVM would also see this JVM's java.class.path (the shared repository's
        // jars): point both at the private copies instead.
        String joined = String.join(File.pathSeparator, cp);
        String original = System.getProperty("java.class.path");
        System.setProperty("java.class.path", joined);
        try (JShell js = JShell.builder().out(out).err(out).remoteVMOptions("--class-path", joined).build()) {
            for (String entry : cp) {
                js.addToClasspath(entry);
            }
            evalFile(js, PRELUDE, buf);
            evalFile(js, notebook, buf);
            String reported = js.eval("REPORTED").stream().map(SnippetEvent::value).filter(v -> v != null)
                    .findFirst().orElse("(no value)");
            assertTrue("true".equals(reported), notebook + " did not reach report(...); output:\n"
                    + buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setProperty("java.class.path", original);
            System.out.print(buf.toString(StandardCharsets.UTF_8));
        }
    }

    private static List<String> snapshot;

    /**
     * The test classpath ({@code java.class.path}), with each jar copied once to {@code target/notebook-classpath/}
     * and the metaj modules taken from this checkout's {@code target/classes} when present. Other builds on the
     * machine may reinstall the metaj snapshot jars in the local Maven repository while the notebooks run (JShell
     * opens classes lazily), so the notebooks read a private copy taken, and checked, at the start.
     */
    private static synchronized List<String> classpath() throws IOException {
        if (snapshot != null) {
            return snapshot;
        }
        Path dir = Paths.get("target", "notebook-classpath");
        Files.createDirectories(dir);
        List<String> out = new ArrayList<>();
        int n = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.isEmpty() || entry.contains("surefire")) {
                continue;
            }
            Path p = Paths.get(entry);
            Path sibling = siblingModuleClasses(p);
            if (sibling != null) {
                out.add(sibling.toAbsolutePath().toString());
            } else if (Files.isRegularFile(p) && entry.endsWith(".jar")) {
                Path copy = dir.resolve((n++) + "-" + p.getFileName());
                copyChecked(p, copy);
                out.add(copy.toAbsolutePath().toString());
            } else {
                out.add(entry);
            }
        }
        snapshot = out;
        return out;
    }

    /**
     * For a metaj jar from the local repository ({@code .../org/metaj/MODULE/...}), this checkout's compiled module
     * ({@code ../MODULE/target/classes}) if it exists: the shared repository may hold another checkout's build.
     */
    private static Path siblingModuleClasses(Path jar) {
        String s = jar.toString().replace(File.separatorChar, '/');
        int at = s.indexOf("/org/metaj/");
        if (at < 0 || !s.endsWith(".jar")) {
            return null;
        }
        String module = s.substring(at + "/org/metaj/".length()).split("/")[0];
        Path classes = Paths.get("..", module, "target", "classes");
        return Files.isDirectory(classes) ? classes : null;
    }

    /** Copies a jar and verifies that every entry can be read, retrying while it is being rewritten. */
    private static void copyChecked(Path from, Path to) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            Files.copy(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(to.toFile())) {
                byte[] sink = new byte[8192];
                for (java.util.Enumeration<? extends java.util.zip.ZipEntry> e = z.entries(); e.hasMoreElements();) {
                    try (java.io.InputStream in = z.getInputStream(e.nextElement())) {
                        while (in.read(sink) >= 0) {
                            // read to verify the entry's checksum
                        }
                    }
                }
                return;
            } catch (IOException ex) {
                last = ex;
                try {
                    Thread.sleep(500);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while copying " + from, ie);
                }
            }
        }
        throw new IOException("could not take a readable copy of " + from, last);
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
