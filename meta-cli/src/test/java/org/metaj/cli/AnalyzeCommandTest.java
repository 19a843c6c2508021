package org.metaj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/** The {@code meta analyze} and {@code meta batch} commands, run in-process. */
class AnalyzeCommandTest {
    @TempDir
    Path dir;

    private static final String AHRQ = "study,m1i,sd1i,n1i,m2i,sd2i,n2i\n"
            + "Kwon 2007,5.16,4.9,24,4.92,4.8,23\n"
            + "Cherkin 2009,6.3,5.7,158,5.4,4.9,162\n";

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    private Path write(String name, String content) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    @Test
    void textOutputShowsThePooledMeanDifference() throws Exception {
        Path f = write("ahrq.csv", AHRQ);
        Run r = run("analyze", f.toString(), "--measure", "MD", "--method", "FE");
        assertEquals(0, r.code(), r.err());
        // AHRQ 2010 (Furlan et al.), acupuncture vs placebo, RMDQ: 0.80 (-0.27, 1.88) from these two trials
        assertTrue(r.out().contains("0.8009"), r.out());
        assertTrue(r.out().contains("-0.2739"), r.out());
        assertTrue(r.out().contains("1.8756"), r.out());
        assertTrue(r.out().contains("Q(df = 1) = 0.1849"), r.out());
    }

    @Test
    void jsonOutputForOneStudyGivesMetaforsAnswerWithAWarning() throws Exception {
        Path f = write("one.csv", "study,yi,vi\nA,0.5,0.04\n");
        Run r = run("analyze", f.toString(), "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode n = Json.MAPPER.readTree(r.out());
        assertEquals(1, n.get("k").asInt());
        assertEquals(0.5, n.get("estimate").asDouble(), 1e-15);
        assertEquals(0.2, n.get("se").asDouble(), 1e-15);
        // metafor 3.8-1, rma(yi = 0.5, vi = 0.04): tau2 = 0, QE = 0, QEp = 1, I2 = 0, H2 = 1 (by convention)
        assertEquals(0.0, n.get("Q").asDouble(), 0.0);
        assertEquals(1.0, n.get("Q_pval").asDouble(), 0.0);
        assertEquals(0.0, n.get("I2").asDouble(), 0.0);
        assertEquals(1.0, n.get("H2").asDouble(), 0.0);
        assertTrue(n.get("tau2_ci_lb") == null || n.get("tau2_ci_lb").isNull(), "no tau2 interval for k = 1");
        assertTrue(n.get("warnings").toString().contains("only one study"));
    }

    @Test
    void batchAnswersEachLineAndKeepsGoingAfterAnError() throws Exception {
        Path f = write("ahrq.csv", AHRQ);
        String ok = "{\"id\":\"a\",\"file\":\"" + f + "\",\"args\":[\"--measure\",\"MD\",\"--method\",\"FE\"]}";
        String bad = "{\"id\":\"b\",\"file\":\"" + f + "\",\"args\":[\"--measure\",\"XYZ\"]}";
        Map<String, Object> a = BatchCommand.answer(ok, 1);
        Map<String, Object> b = BatchCommand.answer(bad, 2);
        Map<String, Object> c = BatchCommand.answer("not json", 3);
        assertEquals("\"a\"", Json.write(a.get("id")));
        // inverse-variance FE by hand: (0.24 w1 + 0.9 w2)/(w1 + w2), w1 = 1/2.002156, w2 = 1/0.353843
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) a.get("result");
        assertEquals(0.8008759, (Double) result.get("estimate"), 1e-6);
        assertEquals("\"b\"", Json.write(b.get("id")));
        assertTrue(((String) b.get("error")).contains("unknown measure 'XYZ'"), b.toString());
        assertTrue(((String) c.get("error")).contains("not JSON"), c.toString());
    }

    @Test
    void unknownMethodIsAUsageError() throws Exception {
        Path f = write("ahrq.csv", AHRQ);
        Run r = run("analyze", f.toString(), "--measure", "MD", "--method", "XX");
        assertEquals(Main.USAGE, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("unknown method 'XX'"), r.err());
    }

    @Test
    void negativeSdNamesFileRowAndColumn() throws Exception {
        Path f = write("neg.csv", "study,m1i,sd1i,n1i,m2i,sd2i,n2i\nA,1,1,10,2,1,10\nB,1,-1,10,2,1,10\n");
        Run r = run("analyze", f.toString(), "--measure", "SMD");
        assertEquals(Main.DATA, r.code());
        assertTrue(r.err().contains("neg.csv") && r.err().contains("row 3") && r.err().contains("sd1i"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void semicolonFileWithDecimalCommasAndBomIsRead() throws Exception {
        Path f = dir.resolve("excel.csv");
        String content = "\uFEFFstudy;m1i;sd1i;n1i;m2i;sd2i;n2i\r\n\"Kwon; 2007\";5,16;4,9;24;4,92;4,8;23\r\n"
                + "Cherkin 2009;6,3;5,7;158;5,4;4,9;162\r\n";
        Files.writeString(f, content);
        Run r = run("analyze", f.toString(), "--measure", "MD", "--method", "FE", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode n = Json.MAPPER.readTree(r.out());
        assertEquals(0.8008759, n.get("estimate").asDouble(), 1e-6);
        assertEquals("Kwon; 2007", n.get("studies").get("label").get(0).asText());
    }

    @Test
    void normandPublishedResultsWithPooledSdVariances() throws Exception {
        Path f = Path.of("../datasets/normand1999.csv");
        // Normand 1999, Stat Med 18:321, Table IX (p. 352): DL -14.10 (-24.45, -3.75), tau2 218.72;
        // REML -15.12 (-32.67, 2.43), tau2 685.20. Variances from the pooled SD (Table VIII): --vtype HO.
        Run dl = run("analyze", f.toString(), "--measure", "MD", "--vtype", "HO", "--method", "DL", "--format",
                "json");
        assertEquals(0, dl.code(), dl.err());
        JsonNode d = Json.MAPPER.readTree(dl.out());
        assertEquals(-14.10, d.get("estimate").asDouble(), 0.005);
        assertEquals(-24.45, d.get("ci_lb").asDouble(), 0.005);
        assertEquals(-3.75, d.get("ci_ub").asDouble(), 0.005);
        assertEquals(218.72, d.get("tau2").asDouble(), 0.005);
        Run reml = run("analyze", f.toString(), "--measure", "MD", "--vtype", "HO", "--method", "REML", "--format",
                "json");
        JsonNode r = Json.MAPPER.readTree(reml.out());
        assertEquals(-15.12, r.get("estimate").asDouble(), 0.005);
        assertEquals(-32.67, r.get("ci_lb").asDouble(), 0.005);
        assertEquals(2.43, r.get("ci_ub").asDouble(), 0.005);
        assertEquals(685.20, r.get("tau2").asDouble(), 0.005);
        // metafor 3.8-1 escalc(vtype = "HO") + rma(method = "REML", threshold = 1e-12): -15.1216848965
        assertEquals(-15.1216848965, r.get("estimate").asDouble(), 1e-9 + 1e-6 * 15.12);
    }

    @Test
    void poolingAcrossScalesIsWarnedAbout() throws Exception {
        Path f = write("mixed.csv", "study,scale,yi,sei\nA,vas_mm,5.1,4.5\nB,vas_mm,21.7,4.1\nC,pct,3.4,3.6\n");
        Run r = run("analyze", f.toString(), "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode n = Json.MAPPER.readTree(r.out());
        assertTrue(n.get("warnings").toString().contains("2 different scales (column scale: pct, vas_mm)"),
                n.get("warnings").toString());
        Path one = write("one-scale.csv", "study,scale,yi,sei\nA,vas_mm,5.1,4.5\nB,vas_mm,21.7,4.1\n");
        Run r1 = run("analyze", one.toString(), "--format", "json");
        assertFalse(Json.MAPPER.readTree(r1.out()).get("warnings").toString().contains("different scales"));
    }

    @Test
    void trailingSeparatorOnEveryLineIsAccepted() throws Exception {
        Path f = write("trailing.csv", "study,yi,vi,\nA,1,0.1,\nB,2,0.2,\n");
        Run r = run("analyze", f.toString(), "--method", "FE", "--format", "json");
        assertEquals(0, r.code(), r.err());
        // FE by hand: (1/0.1 * 1 + 1/0.2 * 2) / (1/0.1 + 1/0.2) = 20/15
        assertEquals(20.0 / 15.0, Json.MAPPER.readTree(r.out()).get("estimate").asDouble(), 1e-12);
        Path g = write("trailing-data.csv", "study,yi,vi,\nA,1,0.1,x\nB,2,0.2,\n");
        Run bad = run("analyze", g.toString());
        assertEquals(Main.DATA, bad.code());
        assertTrue(bad.err().contains("row 1") && bad.err().contains("header field 4 is empty"), bad.err());
    }
}
