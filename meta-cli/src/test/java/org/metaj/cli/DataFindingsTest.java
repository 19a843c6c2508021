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

    /** Finding 3: NA and n/a in a text moderator are missing values, not levels (nor the reference level). */
    @Test
    void missingTokensInATextModeratorLeaveTheStudyOut() throws IOException {
        String csv = "study,yi,vi,region\nA,0.1,0.01,NA\nB,0.3,0.02,north\nC,0.2,0.03,south\nD,0.5,0.02,n/a\n"
                + "E,0.4,0.01,north\nF,0.1,0.02,south\n";
        JsonNode j = json(analyze("na.csv", csv, "--mods", "region", "--format", "json"));
        String all = j.toString();
        assertFalse(all.contains("regionNA") || all.contains("regionn/a"), all);
        assertTrue(all.contains("regionsouth"), all);
        assertTrue(all.contains("2 studies left out for a missing value in region: A (row 2); D (row 5)"), all);
    }

    /** Finding 4: a thousands separator in a decimal-comma file is refused, naming row and column. */
    @Test
    void thousandsSeparatorsAreRefused() throws IOException {
        BadInputTest.oneLine(analyze("dc.csv", "study;m1i;sd1i;n1i;m2i;sd2i;n2i\nA;10,5;2,1;1.200;9,1;2,4;1.150\n"
                + "B;11,5;3,0;35;10,0;2,8;30\n", "--measure", "SMD"), 3, "dc.csv", 2, "n1i", "'1.200' is ambiguous");
    }

    /** Finding 5: a numeric moderator with one malformed cell is an error naming the cell. */
    @Test
    void aMalformedCellInANumericModeratorIsAnError() throws IOException {
        for (String bad : new String[] {"2O", "Inf"}) {
            BadInputTest.oneLine(analyze("mod.csv", "study,yi,vi,dose\nA,0.1,0.01,10\nB,0.3,0.02," + bad
                    + "\nC,0.2,0.03,30\nD,0.5,0.02,40\nE,0.4,0.01,50\n", "--mods", "dose"), 3, "mod.csv", 3, "dose",
                    "holds numbers in 4 rows but not in 1", bad);
        }
    }

    /** Finding 9: a cell of 100,000 digits followed by a letter is refused at once, naming row and column. */
    @Test
    void aHugeCellIsRefusedQuickly() throws IOException {
        long t0 = System.nanoTime();
        BadInputTest.oneLine(analyze("big.csv", "study,yi,vi\nA," + "1".repeat(100_000) + "x,0.01\nB,0.1,0.02\n"),
                3, "big.csv", 2, "yi", "at most 10000");
        BadInputTest.oneLine(analyze("big2.csv", "study,yi,vi\nA," + "1".repeat(9_990) + "x,0.01\nB,0.1,0.02\n"),
                3, "big2.csv", 2, "yi", "expected a number");
        // not a timing assertion: the regex took 49 s here; a linear parser takes milliseconds, so 20 s is generous
        assertTrue(System.nanoTime() - t0 < 20e9);
    }

    /** Messages: trim and fill with k = 2 names itself and k; library refusals name the file. */
    @Test
    void refusalsNameTheAnalysisAndTheFile() throws IOException {
        String two = "study,yi,vi\nA,0.1,0.01\nB,0.3,0.02\n";
        BadInputTest.oneLine(analyze("k2.csv", two, "--trimfill"), 2, "k2.csv", 0, null,
                "trim and fill with k = 2 studies", "give the side");
        BadInputTest.oneLine(analyze("e2.csv", two, "--egger"), 2, "e2.csv", 0, null, "at least 3 studies");
        StringBuilder lab = new StringBuilder("study,yi,vi,tag\n");
        for (int i = 0; i < 40; i++) {
            lab.append(String.format(java.util.Locale.ROOT, "S%d,%.2f,0.0%d,lab%d%n", i, i / 10.0, 1 + i % 5, i));
        }
        BadInputTest.oneLine(analyze("lab.csv", lab.toString(), "--mods", "tag"), 3, "lab.csv", 0, "tag",
                "40 distinct values among 40 studies");
    }

    /** Messages: metafor's names in upper case are read, with a note. */
    @Test
    void upperCaseMetaforNamesAreRead() throws IOException {
        BadInputTest.Outcome o = analyze("up.csv", "Study,YI,VI\nA,0.1,0.01\nB,0.3,0.02\n", "--format", "json");
        JsonNode j = json(o);
        assertEquals(2, j.get("k").asInt());
        assertTrue(j.get("warnings").toString().contains("read column 'YI' as yi"), j.toString());
    }

    /** Messages: terminal control sequences and bidi overrides in labels are escaped in text output. */
    @Test
    void hostileLabelsAreEscapedInTextOutput() throws IOException {
        String csv = "study,yi,vi\n\"A\u001b[2J\u001b]0;x\u0007\",0.1,0.01\n\u202eB,0.3,0.02\nC\u009b1m,0.2,0.03\n";
        BadInputTest.Outcome o = analyze("hostile.csv", csv, "--leave1out");
        assertEquals(0, o.code(), o::err);
        for (String raw : new String[] {"\u001b", "\u0007", "\u202e", "\u009b"}) {
            assertFalse(o.out().contains(raw) || o.err().contains(raw), "raw control in output");
        }
        assertTrue(o.out().contains("A\\x1B[2J\\x1B]0;x"), o.out());
        assertTrue(o.out().contains("\\u202EB"), o.out());
        // JSON keeps the labels exactly (escaped by the JSON writer)
        JsonNode j = json(analyze("hostile.csv", csv, "--format", "json"));
        assertEquals("\u202eB", j.get("studies").get("label").get(1).asText());
    }
}
