package org.metaj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Issue 19's data findings through the command line: each provokes the case the red team found and checks that the
 * answer is either right or one line naming file, row and column, with the documented exit code.
 */
class DataFindingsTest {
    @TempDir
    Path dir;

    private static final String COUNTS = "study,ai,bi,ci,di\nA,4,119,11,128\nB,6,300,29,274\nC,3,228,11,209\n";

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content.getBytes(StandardCharsets.UTF_8));
        return p;
    }

    private BadInputTest.Outcome analyze(String name, String content, String... options) throws IOException {
        Path p = write(name, content);
        List<String> a = new ArrayList<>(List.of("analyze", p.toString()));
        a.addAll(List.of(options));
        return BadInputTest.run(a.toArray(new String[0]));
    }

    private static JsonNode json(BadInputTest.Outcome o) throws IOException {
        assertEquals(0, o.code(), o::err);
        return Json.MAPPER.readTree(o.out());
    }

    /** Finding 2: Peto is an odds-ratio method; RR and RD are refused, OR and PETO agree. */
    @Test
    void petoRefusesMeasuresOtherThanTheOddsRatio() throws IOException {
        for (String m : new String[] {"RR", "RD"}) {
            BadInputTest.oneLine(analyze("peto.csv", COUNTS, "--measure", m, "--method", "PETO"), 2, "peto.csv", 0,
                    null, "Peto's method pools odds ratios only", "got " + m);
        }
        JsonNode or = json(analyze("or.csv", COUNTS, "--measure", "OR", "--method", "PETO", "--format", "json"));
        JsonNode peto = json(analyze("p.csv", COUNTS, "--measure", "PETO", "--method", "PETO", "--format", "json"));
        assertEquals(or.get("estimate").asDouble(), peto.get("estimate").asDouble(), 0);
        assertFalse(or.get("estimate").isNull());
        assertTrue(Math.abs(or.get("estimate").asDouble() + 1.2373) < 1e-4); // rma.peto on these tables: -1.2373
    }
}
