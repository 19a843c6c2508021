package org.metaj.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The tolerance is written once ({@link Tolerance}): no test source spells out its own copy of
 * {@code 1e-9 + 1e-6 |want|} (a private copy drifts, e.g. to 1e-5, without anyone deciding it).
 */
class ToleranceUsageTest {
    /** a copy of the formula in code: {@code 1e-9 + 1e-6 * ...} or {@code 1e-6 * Math.abs(...)} */
    private static final Pattern COPY = Pattern.compile("1e-9\\s*\\+\\s*1e-6\\s*\\*|1e-6\\s*\\*\\s*Math\\.abs");

    @Test
    void noPrivateCopiesOfTheTolerance() throws IOException {
        Path root = Path.of("src/test/java");
        List<String> copies = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(f -> f.toString().endsWith(".java") && !f.endsWith("Tolerance.java")
                    && !f.endsWith("ToleranceUsageTest.java")).forEach(f -> {
                        try {
                            List<String> lines = Files.readAllLines(f);
                            for (int i = 0; i < lines.size(); i++) {
                                String code = lines.get(i).replaceAll("//.*", "");
                                if (!code.trim().startsWith("*") && COPY.matcher(code).find()) {
                                    copies.add(root.relativize(f) + ":" + (i + 1) + ": " + lines.get(i).trim());
                                }
                            }
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        }
        assertTrue(copies.isEmpty(), () -> "use org.metaj.conformance.Tolerance instead of a copy:\n"
                + String.join("\n", copies));
    }
}
