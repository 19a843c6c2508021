package org.metaj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every {@code ./meta ...} command written in README.md and docs/*.md, in-process through the picocli entry
 * point ({@link Main#run}), with inputs read from the checkout and outputs written to a temporary folder; fails if
 * one exits non-zero. Commands are taken from indented code lines and from inline code spans (which may wrap
 * across lines); synopses of the usage are written {@code meta ...} without {@code ./} and are not run.
 */
class DocumentedCommandsTest {
    /** Options whose value is a file the command writes. */
    private static final Set<String> OUTPUTS = Set.of("-o", "--output", "--forest", "--funnel", "--baujat-plot",
            "--radial", "--labbe");

    @TempDir
    static Path out;

    /** The checkout: the tests run in meta-cli/. */
    private static Path root() {
        Path here = Path.of("").toAbsolutePath();
        return Files.exists(here.resolve("README.md")) && Files.isDirectory(here.resolve("meta-cli")) ? here
                : here.getParent();
    }

    /** A command and where it is written. */
    record Documented(String where, String command) {
    }

    static List<Documented> commands() throws Exception {
        Path root = root();
        List<Path> files = new ArrayList<>();
        files.add(root.resolve("README.md"));
        try (Stream<Path> s = Files.list(root.resolve("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        List<Documented> found = new ArrayList<>();
        Pattern block = Pattern.compile("(?m)^ {4,}\\./meta (.*)$");
        Pattern inline = Pattern.compile("`(\\./meta [^`]+)`");
        for (Path f : files) {
            String text = Files.readString(f);
            Matcher m = block.matcher(text);
            while (m.find()) {
                String c = m.group(1).replaceAll("\\s+#.*$", "").trim();
                found.add(new Documented(root.relativize(f) + ": " + c, c));
            }
            m = inline.matcher(text);
            while (m.find()) {
                String c = m.group(1).substring("./meta ".length()).replaceAll("\\s+", " ").trim();
                found.add(new Documented(root.relativize(f) + ": " + c, c));
            }
        }
        return found;
    }

    @TestFactory
    Stream<DynamicTest> everyDocumentedCommandRuns() throws Exception {
        List<Documented> all = commands();
        assertTrue(all.size() >= 8, "found only " + all.size() + " documented commands: " + all);
        return all.stream().map(d -> DynamicTest.dynamicTest(d.where(), () -> {
            List<String> args = new ArrayList<>();
            InputStream stdin = null;
            List<String> words = words(d.command());
            for (int i = 0; i < words.size(); i++) {
                String w = words.get(i);
                if (w.equals("<") && i + 1 < words.size()) {
                    stdin = Files.newInputStream(resolve(words.get(++i)));
                } else if (i > 0 && OUTPUTS.contains(words.get(i - 1))) {
                    args.add(out.resolve(w).toString());
                } else {
                    args.add(Files.exists(root().resolve(w)) ? root().resolve(w).toString() : w);
                }
            }
            StringWriter o = new StringWriter();
            StringWriter e = new StringWriter();
            // no redirection: an empty standard input, as `< /dev/null` (batch then answers nothing)
            BatchCommand.INPUT.set(stdin != null ? stdin : InputStream.nullInputStream());
            int code;
            try {
                code = Main.run(args.toArray(new String[0]), new PrintWriter(o), new PrintWriter(e));
            } finally {
                BatchCommand.INPUT.remove();
            }
            assertEquals(0, code, d.where() + " exited " + code + ": " + e);
        }));
    }

    private static Path resolve(String w) {
        return root().resolve(w);
    }

    /** Splits a command line as a POSIX shell does for the simple quoting documentation uses ('...' and "..."). */
    static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        boolean any = false;
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    b.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                any = true;
            } else if (Character.isWhitespace(c)) {
                if (any || b.length() > 0) {
                    out.add(b.toString());
                    b.setLength(0);
                    any = false;
                }
            } else {
                b.append(c);
            }
        }
        if (any || b.length() > 0) {
            out.add(b.toString());
        }
        return out;
    }
}
