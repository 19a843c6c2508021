package org.metaj.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;


/**
 * The method registry is the one list: parsing, the message, completion candidates, citations and the docs agree
 * with it, for every line (a new estimator is checked here without touching this class).
 */
class MethodRegistryTest {

    @ParameterizedTest
    @EnumSource(Method.class)
    void everyLineIsComplete(Method m) {
        assertSame(m, Method.parse(m.label()));
        assertSame(m, Method.parse(m.label().toLowerCase(java.util.Locale.ROOT)));
        assertTrue(m.citation() != null && m.citation().matches(".*\\b(19|20)\\d\\d\\b.*"), m + " citation");
        assertEquals(m.citation(), Citations.of(m));
        // the report strips a trailing "(source)" from the description: every description names its source so
        assertTrue(m.description().matches(".*\\(.*\\d{4}.*\\)$") || m == Method.FE, m + " description");
        if (m.isInverseVariance()) {
            assertEquals(m.label(), m.estimator().name(), "the estimator answers to metafor's name");
            assertEquals(m.isIterative(), m.estimator().iterative());
            assertEquals(m.isRandomEffects(), !m.estimator().commonEffect());
        } else {
            assertThrows(IllegalStateException.class, m::estimator);
            assertTrue(!m.isRandomEffects() && !m.isIterative());
        }
    }

    @Test
    void messageAndCompletionCandidatesListTheRegistry() {
        List<String> labels = new ArrayList<>();
        for (Method m : Method.values()) {
            labels.add(m.label());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Method.parse("XYZ"));
        assertEquals("unknown method 'XYZ'; expected one of " + String.join(", ", labels), e.getMessage());
        assertEquals(labels, StreamSupport.stream(new Method.Names().spliterator(), false).toList());
        assertSame(Method.FE, Method.parse("EE"));
        assertSame(Method.FE, Method.parse(" ce "));
    }

    /** docs/errors.md quotes the message; README.md and the reference README list every method. */
    @Test
    void docsListTheRegistry() throws IOException {
        String message = assertThrows(IllegalArgumentException.class, () -> Method.parse("XYZ")).getMessage();
        assertTrue(Files.readString(Path.of("../docs/errors.md")).contains("'--method': " + message + " (see 'meta analyze --help')`"),
                "docs/errors.md quotes the current message: " + message);
        String readme = Files.readString(Path.of("../README.md"));
        String refReadme = Files.readString(Path.of("src/test/resources/reference/README.md"));
        String methodRow = refReadme.lines().filter(l -> l.startsWith("| `--method X`")).findFirst().orElse("");
        for (Method m : Method.values()) {
            String label = m.label();
            assertTrue(readme.lines().anyMatch(l -> l.matches("\\| ([A-Za-z]+, )*" + label + "(, [A-Za-z]+)* \\|.*")),
                    "README.md's method table lists " + label);
            assertTrue(methodRow.matches(".*\\b" + label + "\\b.*"), "reference/README.md's --method row lists "
                    + label);
        }
    }
}
