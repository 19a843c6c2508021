package org.metaj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code --transf}: back-transformed figures beside the transformed ones, chosen from the measure or given; the
 * new measures' {@code --vtype} check. Expected values: metafor 3.8-1, {@code predict(rma(escalc("PFT", xi, ni,
 * data = dat.debruin2009)), transf = transf.ipft.hm, targs = list(ni = dat.debruin2009$ni))} (also in
 * measures-extra.jsonl, case debruin2009/PFT).
 */
class TransfOptionTest {
    private static final String DIR = "../meta-core/src/test/resources/reference/data-measures/";

    @Test
    void proportionsAreBackTransformedByDefault() throws Exception {
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("analyze", DIR + "debruin2009.csv", "--measure", "PFT",
                "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode n = Json.MAPPER.readTree(r.out());
        assertEquals("ipft.hm", n.get("transf").asText());
        assertEquals(0.758875008452197, n.get("estimate").asDouble(), 1e-9);
        assertEquals(0.472953136113797, n.get("estimate_bt").asDouble(), 1e-9);
        assertEquals(0.381913223222582, n.get("ci_lb_bt").asDouble(), 1e-9);
        assertEquals(0.564873602422902, n.get("ci_ub_bt").asDouble(), 1e-9);
        assertEquals(0.180985258856888, n.get("pi_lb_bt").asDouble(), 1e-9);
        AnalyzeCommandTest.Run text = AnalyzeCommandTest.run("analyze", DIR + "debruin2009.csv", "--measure", "PFT");
        assertTrue(text.out().contains("Back-transformed (ipft.hm, harmonic mean n = 48.95): 0.4730 [0.3819, 0.5649]"),
                text.out());
    }

    @Test
    void theTransformationCanBeOverriddenOrTurnedOff() throws Exception {
        AnalyzeCommandTest.Run none = AnalyzeCommandTest.run("analyze", DIR + "debruin2009.csv", "--measure", "PFT",
                "--transf", "none", "--format", "json");
        assertEquals(0, none.code(), none.err());
        JsonNode n = Json.MAPPER.readTree(none.out());
        assertFalse(n.has("estimate_bt"));
        AnalyzeCommandTest.Run sq = AnalyzeCommandTest.run("analyze", DIR + "debruin2009.csv", "--measure", "PFT",
                "--transf", "isqrt", "--format", "json");
        JsonNode s = Json.MAPPER.readTree(sq.out());
        assertEquals(0.758875008452197 * 0.758875008452197, s.get("estimate_bt").asDouble(), 1e-9);
    }

    @Test
    void badTransformationAndVarianceTypeAreUsageErrors() {
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("analyze", DIR + "debruin2009.csv", "--measure", "PFT",
                "--transf", "sqrt");
        assertEquals(Main.USAGE, r.code());
        assertTrue(r.err().contains("--transf") && r.err().contains("ipft.hm"), r.err());
        AnalyzeCommandTest.Run v = AnalyzeCommandTest.run("analyze", DIR + "bcg.csv", "--measure", "PHI", "--vtype",
                "UB");
        assertEquals(Main.USAGE, v.code());
        assertTrue(v.err().contains("PHI") && v.err().contains("UB"), v.err());
        AnalyzeCommandTest.Run ipft = AnalyzeCommandTest.run("analyze", DIR + "bcg.csv", "--measure", "OR",
                "--transf", "ipft.hm");
        assertEquals(Main.USAGE, ipft.code());
        assertTrue(ipft.err().contains("ni"), ipft.err());
    }

    @Test
    void newMeasureColumnsAreRead() throws Exception {
        Path f = Path.of(DIR + "aloe2013.csv");
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("analyze", f.toString(), "--measure", "ZPCOR", "--format",
                "json");
        assertEquals(0, r.code(), r.err());
        assertEquals("ztor", Json.MAPPER.readTree(r.out()).get("transf").asText());
    }
}
