package org.metaj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Every bad input gets one line on stderr naming the file, the spreadsheet row (header = row 1) and the column
 * where they apply, and exit code 2 (usage) or 3 (data); never a stack trace. Runs {@link Main#run} in-process on
 * files written to a temporary directory.
 */
class BadInputTest {
    @TempDir
    Path dir;

    record Outcome(int code, String out, String err) {
    }

    private Path write(String name, String content) throws IOException {
        return write(name, content.getBytes(StandardCharsets.UTF_8));
    }

    private Path write(String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return p;
    }

    static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(code, out.toString(), err.toString());
    }

    private Outcome analyze(String name, String content, String... options) throws IOException {
        Path p = write(name, content);
        List<String> a = new ArrayList<>(List.of("analyze", p.toString()));
        a.addAll(List.of(options));
        return run(a.toArray(new String[0]));
    }

    /**
     * Asserts the outcome is one clear error line.
     *
     * @param row    expected "row N", or 0 when the problem is not tied to a row
     * @param column expected "column X", or null
     * @return the line
     */
    static String oneLine(Outcome o, int code, String file, int row, String column, String... contains) {
        assertEquals(code, o.code(), () -> "exit code; stderr: " + o.err());
        String e = o.err().endsWith("\n") ? o.err().substring(0, o.err().length() - 1) : o.err();
        assertFalse(e.isEmpty(), "no message");
        assertFalse(e.contains("\n"), () -> "more than one line:\n" + o.err());
        assertFalse(e.contains("Exception") || e.contains("at org.") || e.contains("at java."), e);
        assertTrue(e.startsWith("meta: "), e);
        if (file != null) {
            assertTrue(e.contains(file), () -> "file name " + file + " missing: " + e);
        }
        if (row > 0) {
            assertTrue(e.contains("row " + row), () -> "row " + row + " missing: " + e);
        }
        if (column != null) {
            assertTrue(e.contains("column " + column), () -> "column " + column + " missing: " + e);
        }
        for (String c : contains) {
            assertTrue(e.contains(c), () -> "'" + c + "' missing: " + e);
        }
        assertEquals("", o.out(), "nothing on stdout");
        return e;
    }

    private static final String MEANS = "study,m1i,sd1i,n1i,m2i,sd2i,n2i\nA,1,1,10,2,1,10\n";

    // ---- columns ----

    @Test
    void missingColumn() throws IOException {
        oneLine(analyze("m.csv", "study,yi\nA,0.1\n"), 3, "m.csv", 0, null, "no --measure", "yi,vi");
    }

    @Test
    void misspelledColumnWithoutMeasure() throws IOException {
        oneLine(analyze("vj.csv", "study,yi,vj\nA,0.1,0.01\n"), 3, "vj.csv", 0, null, "did you mean 'vi'?");
    }

    @Test
    void misspelledColumnWithMeasure() throws IOException {
        oneLine(analyze("sd1.csv", "study,m1i,sd1,n1i,m2i,sd2i,n2i\nA,1,1,10,2,1,10\n", "--measure", "SMD"), 3,
                "sd1.csv", 0, null, "needs columns", "did you mean 'sd1i'?");
    }

    @Test
    void duplicatedColumn() throws IOException {
        oneLine(analyze("dup.csv", "study,yi,yi,vi\nA,0.1,0.1,0.01\n"), 3, "dup.csv", 1, "yi", "twice");
    }

    @Test
    void emptyHeaderField() throws IOException {
        oneLine(analyze("eh.csv", "study,,vi\nA,0.1,0.01\n"), 3, "eh.csv", 1, null, "header field 2 is empty");
    }

    @Test
    void measureThatDoesNotFitTheColumns() throws IOException {
        oneLine(analyze("fit.csv", "study,ri,ni\nA,0.3,20\n", "--measure", "OR"), 3, "fit.csv", 0, null,
                "measure OR needs columns ai,bi,ci,di or ai,n1i,ci,n2i");
    }

    // ---- values ----

    @Test
    void nonNumber() throws IOException {
        oneLine(analyze("nn.csv", "study,yi,vi\nA,0.1,0.01\nB,abc,0.02\n"), 3, "nn.csv", 3, "yi",
                "expected a number, got 'abc'");
    }

    @Test
    void nanAndInfinity() throws IOException {
        oneLine(analyze("nan.csv", "study,yi,vi\nA,0.1,0.01\nB,NaN,0.02\n"), 3, "nan.csv", 3, "yi", "finite");
        oneLine(analyze("inf.csv", "study,yi,vi\nA,0.1,0.01\nB,0.2,Inf\n"), 3, "inf.csv", 3, "vi", "finite");
        oneLine(analyze("big.csv", "study,yi,vi\nA,0.1,0.01\nB,1e400,0.02\n"), 3, "big.csv", 3, "yi", "finite");
        oneLine(analyze("minf.csv", "study,yi,vi\nA,0.1,0.01\nB,-infinity,0.02\n"), 3, "minf.csv", 3, "yi");
    }

    @Test
    void negativeVarianceStandardErrorAndStandardDeviation() throws IOException {
        oneLine(analyze("nv.csv", "study,yi,vi\nA,0.1,0.01\nB,0.2,-0.02\n"), 3, "nv.csv", 3, "vi", ">= 0");
        oneLine(analyze("ns.csv", "study,yi,sei\nA,0.1,0.1\nB,0.2,-0.1\n"), 3, "ns.csv", 3, "sei", ">= 0");
        oneLine(analyze("nsd.csv", MEANS + "B,1,-1,10,2,1,10\n", "--measure", "SMD"), 3, "nsd.csv", 3, "sd1i",
                ">= 0");
    }

    @Test
    void zeroSamplingVariance() throws IOException {
        oneLine(analyze("zv.csv", "study,yi,vi\nA,0.1,0.01\nB,0.2,0\nC,0.3,0.02\n"), 3, "zv.csv", 3, "vi",
                "sampling variance 0");
    }

    @Test
    void valuesBeyondDoublePrecision() throws IOException {
        oneLine(analyze("ov.csv", "study,yi,vi\nA,0.1,0.01\nB,-1e308,0.02\nC,0.3,0.02\n"), 3, "ov.csv", 3, "yi",
                "too extreme");
        oneLine(analyze("sub.csv", "study,yi,vi\nA,0.1,0.01\nB,0.2,1e-320\nC,0.3,0.02\n"), 3, "sub.csv", 3, "vi",
                "overflows");
    }

    @Test
    void negativeCounts() throws IOException {
        oneLine(analyze("nc.csv", "study,ai,bi,ci,di\nA,3,10,4,10\nB,-1,10,4,10\n", "--measure", "RR"), 3,
                "nc.csv", 3, "ai", ">= 0");
    }

    @Test
    void zeroOrNegativeGroupSizes() throws IOException {
        oneLine(analyze("zn.csv", MEANS + "B,1,1,0,2,1,10\n", "--measure", "MD"), 3, "zn.csv", 3, "n1i", ">= 1");
        oneLine(analyze("negn.csv", MEANS + "B,1,1,10,2,1,-3\n", "--measure", "SMD"), 3, "negn.csv", 3, "n2i",
                ">= 1");
    }

    @Test
    void eventsAboveGroupSize() throws IOException {
        oneLine(analyze("ev.csv", "study,ai,n1i,ci,n2i\nA,3,10,4,10\nB,12,10,4,10\n", "--measure", "OR"), 3,
                "ev.csv", 3, "ai", "must not exceed the group size n1i = 10, got 12");
    }

    @Test
    void correlationOutsideMinusOneOne() throws IOException {
        oneLine(analyze("r.csv", "study,ri,ni\nA,0.3,20\nB,1.3,30\n", "--measure", "ZCOR"), 3, "r.csv", 3, "ri",
                "[-1, 1]");
    }

    @Test
    void proportionOutsideZeroOne() throws IOException {
        oneLine(analyze("p.csv", "study,xi,ni\nA,3,20\nB,31,30\n", "--measure", "PLO"), 3, "p.csv", 3, "xi",
                "must not exceed");
    }

    @Test
    void ratioOfMeansOnNonPositiveMean() throws IOException {
        oneLine(analyze("rom.csv", MEANS + "B,-1,1,10,2,1,10\n", "--measure", "ROM"), 3, "rom.csv", 3, "m1i",
                "positive mean");
        oneLine(analyze("rom0.csv", MEANS + "B,1,1,10,0,1,10\n", "--measure", "ROM"), 3, "rom0.csv", 3, "m2i",
                "positive mean");
    }

    // ---- files ----

    @Test
    void emptyFile() throws IOException {
        oneLine(analyze("empty.csv", ""), 3, "empty.csv", 0, null, "empty");
        oneLine(analyze("blank.csv", "\n \n"), 3, "blank.csv", 0, null, "empty");
    }

    @Test
    void headerOnly() throws IOException {
        oneLine(analyze("head.csv", "study,yi,vi\n"), 3, "head.csv", 0, null, "no data rows");
    }

    @Test
    void raggedRows() throws IOException {
        oneLine(analyze("rag.csv", "study,yi,vi\nA,0.1,0.01\nB,0.3\n"), 3, "rag.csv", 3, null,
                "has 2 fields but the header has 3");
        oneLine(analyze("rag2.csv", "study,yi,vi\nA,0.1,0.01\nSmith, 2001,0.3,0.02\n"), 3, "rag2.csv", 3, null,
                "has 4 fields", "quote labels");
    }

    @Test
    void unclosedQuote() throws IOException {
        oneLine(analyze("q.csv", "study,yi,vi\nA,0.1,0.01\n\"B,0.3,0.02\n"), 3, "q.csv", 3, null, "never closed");
    }

    @Test
    void binaryFile() throws IOException {
        byte[] b = new byte[512];
        new java.util.Random(7).nextBytes(b);
        b[10] = 0;
        Path p = write("bin.csv", b);
        oneLine(run("analyze", p.toString()), 3, "bin.csv", 0, null, "not a text CSV file");
        Path u16 = write("u16.csv", "study,yi,vi\nA,0.1,0.01\n".getBytes(StandardCharsets.UTF_16));
        oneLine(run("analyze", u16.toString()), 3, "u16.csv", 0, null, "UTF-16");
    }

    @Test
    void missingFileAndDirectory() throws IOException {
        oneLine(run("analyze", dir.resolve("nope.csv").toString()), 2, "nope.csv", 0, null, "file not found");
        Path d = Files.createDirectory(dir.resolve("folder.csv"));
        oneLine(run("analyze", d.toString()), 2, "folder.csv", 0, null, "is a directory");
    }

    // ---- options ----

    @Test
    void usageErrorsAreOneLineWithExitTwo() throws IOException {
        Path ok = write("ok.csv", "study,yi,vi\nA,0.1,0.01\nB,0.3,0.02\n");
        oneLine(run("analyze", ok.toString(), "--bogus"), 2, null, 0, null, "Unknown option: '--bogus'");
        oneLine(run("analyze"), 2, null, 0, null, "Missing required parameter");
        oneLine(run("analyze", ok.toString(), "--measure", "XYZ"), 2, null, 0, null, "unknown measure 'XYZ'");
        oneLine(run("analyze", ok.toString(), "--method", "XYZ"), 2, null, 0, null, "unknown method 'XYZ'");
        oneLine(run("analyze", ok.toString(), "--level", "120"), 2, null, 0, null, "--level");
        oneLine(run("analyze", ok.toString(), "--level", "abc"), 2, null, 0, null, "--level");
        oneLine(run("analyze", ok.toString(), "--format", "xml"), 2, null, 0, null, "--format");
        oneLine(run("analyze", ok.toString(), "--on-nonconvergence", "maybe"), 2, null, 0, null,
                "report, fail or DL");
        oneLine(run("analyze", ok.toString(), "--to", "sometimes"), 2, null, 0, null, "only0, all, if0all or none");
        oneLine(run("analyze", ok.toString(), "--delimiter", "ab"), 2, null, 0, null, "--delimiter");
        oneLine(run("analyze", ok.toString(), "--decimal", ";"), 2, null, 0, null, "--decimal");
        oneLine(run("analyze", ok.toString(), "--label", "name"), 2, "ok.csv", 0, null, "--label column 'name'");
        oneLine(run("analyze", ok.toString(), "--max-iterations", "0"), 2, null, 0, null, "--max-iterations");
        oneLine(run("analyze", ok.toString(), "--method", "MH"), 2, "ok.csv", 0, null, "Mantel-Haenszel");
        oneLine(run("nosuchcommand"), 2, null, 0, null, "nosuchcommand");
    }

    @Test
    void mantelHaenszelNotEstimable() throws IOException {
        oneLine(analyze("mh.csv", "study,ai,bi,ci,di\nA,0,10,3,10\nB,0,10,2,9\n", "--measure", "OR", "--method",
                "MH"), 3, "mh.csv", 0, null, "not estimable");
    }

    @Test
    void allRowsMissing() throws IOException {
        oneLine(analyze("na.csv", "study,yi,vi\nA,,0.01\nB,NA,0.02\n"), 3, "na.csv", 0, null, "no study left");
    }

    // ---- accepted variants ----

    private static JsonNode json(Outcome o) throws IOException {
        assertEquals(0, o.code(), o::err);
        return Json.MAPPER.readTree(o.out());
    }

    @Test
    void acceptedVariantsGiveTheSameAnswer() throws IOException {
        JsonNode plain = json(analyze("plain.csv", "study,yi,vi\n\"Smith, 2001\",0.1,0.01\nB,0.3,0.02\nC,-0.2,0.05\n",
                "--format", "json"));
        double want = plain.get("estimate").asDouble();
        byte[] bom = "\uFEFFstudy,yi,vi\r\n\"Smith, 2001\",0.1,0.01\r\nB,0.3,0.02\r\nC,-0.2,0.05\r\n"
                .getBytes(StandardCharsets.UTF_8);
        Path pb = write("bom.csv", bom);
        JsonNode b = json(run("analyze", pb.toString(), "--format", "json"));
        assertEquals(want, b.get("estimate").asDouble());
        assertEquals("Smith, 2001", b.get("studies").get("label").get(0).asText());
        JsonNode semi = json(analyze("semi.csv", "study;yi;vi\n\"Smith, 2001\";0,1;0,01\nB;0,3;0,02\nC;-0,2;0,05\n",
                "--format", "json"));
        assertEquals(want, semi.get("estimate").asDouble());
        JsonNode given = json(analyze("given.csv", "study;yi;vi\nA;0,1;0,01\nB;0,3;0,02\nC;-0,2;0,05\n",
                "--format", "json", "--delimiter", ";", "--decimal", ","));
        assertEquals(want, given.get("estimate").asDouble());
        JsonNode tab = json(analyze("tab.csv", "study\tyi\tvi\nA\t0.1\t0.01\nB\t0.3\t0.02\nC\t-0.2\t0.05\n",
                "--format", "json"));
        assertEquals(want, tab.get("estimate").asDouble());
        Path latin = write("latin.csv", "study,yi,vi\nM\u00fcller,0.1,0.01\nB,0.3,0.02\nC,-0.2,0.05\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        JsonNode l = json(run("analyze", latin.toString(), "--format", "json"));
        assertEquals(want, l.get("estimate").asDouble());
        assertEquals("M\u00fcller", l.get("studies").get("label").get(0).asText());
        assertTrue(l.get("warnings").toString().contains("Latin-1"));
    }

    @Test
    void missingValuesAreLeftOutWithAWarningNamingTheRows() throws IOException {
        JsonNode j = json(analyze("mv.csv", "study,yi,vi\nA,0.1,0.01\nB,,0.02\nC,0.3,0.02\nD,-0.2,NA\n",
                "--format", "json"));
        assertEquals(2, j.get("k").asInt());
        String w = j.get("warnings").toString();
        assertTrue(w.contains("row 3 (B)") && w.contains("row 5 (D)"), w);
    }

    @Test
    void singleStudyIsTheStudyWithMetaforsHeterogeneity() throws IOException {
        JsonNode j = json(analyze("one.csv", "study,yi,vi\nA,0.1,0.01\n", "--format", "json"));
        assertEquals(1, j.get("k").asInt());
        assertEquals(0.1, j.get("estimate").asDouble(), 1e-15);
        // R: rma(yi = 0.1, vi = 0.01): tau2 0, QE 0, I2 0 (main's decision: metafor's answers, not null)
        assertEquals(0.0, j.get("Q").asDouble());
        assertEquals(0.0, j.get("I2").asDouble());
        assertEquals(0.0, j.get("tau2").asDouble());
        assertTrue(j.get("warnings").toString().contains("only one study"));
    }

    // ---- non-convergence ----

    private static final String HET = "study,yi,vi\nA,0.1,0.01\nB,1.3,0.02\nC,-0.9,0.5\nD,0.5,0.01\n";

    @Test
    void nonConvergencePolicies() throws IOException {
        oneLine(analyze("nc.csv", HET, "--max-iterations", "1", "--on-nonconvergence", "fail"), 4, "nc.csv", 0, null,
                "the REML estimator of tau^2 did not converge");
        JsonNode report = json(analyze("nc.csv", HET, "--max-iterations", "1", "--format", "json"));
        assertFalse(report.get("converged").asBoolean());
        assertTrue(report.get("warnings").toString().contains("REML estimator of tau^2 did not converge"));
        JsonNode dl = json(analyze("nc.csv", HET, "--max-iterations", "1", "--on-nonconvergence", "DL",
                "--format", "json"));
        JsonNode direct = json(analyze("nc.csv", HET, "--method", "DL", "--format", "json"));
        assertEquals("DL", dl.get("method").asText());
        assertEquals(direct.get("tau2").asDouble(), dl.get("tau2").asDouble());
        assertEquals(direct.get("estimate").asDouble(), dl.get("estimate").asDouble());
        assertTrue(dl.get("warnings").toString().contains("refitted with DerSimonian-Laird"));
        JsonNode ok = json(analyze("nc.csv", HET, "--format", "json"));
        assertTrue(ok.get("converged").asBoolean());
    }
}
