package org.metaj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/** The bias and sensitivity flags of {@code meta analyze}, run in-process on the BCG trials (Colditz 1994). */
class BiasSectionTest {
    @TempDir
    Path dir;

    private static final String BCG = "study,year,ai,bi,ci,di\n"
            + "Aronson 1948,1948,4,119,11,128\nFerguson & Simes 1949,1949,6,300,29,274\n"
            + "Rosenthal et al 1960,1960,3,228,11,209\nHart & Sutherland 1977,1977,62,13536,248,12619\n"
            + "Frimodt-Moller et al 1973,1973,33,5036,47,5761\nStein & Aronson 1953,1953,180,1361,372,1079\n"
            + "Vandiviere et al 1973,1973,8,2537,10,619\nTPT Madras 1980,1980,505,87886,499,87892\n"
            + "Coetzee & Berjak 1968,1968,29,7470,45,7232\nRosenthal et al 1961,1961,17,1699,65,1600\n"
            + "Comstock et al 1974,1974,186,50448,141,27197\nComstock & Webster 1969,1969,5,2493,3,2338\n"
            + "Comstock et al 1976,1976,27,16886,29,17825\n";

    private Path bcg() throws Exception {
        Path p = dir.resolve("bcg.csv");
        Files.writeString(p, BCG);
        return p;
    }

    @Test
    void jsonCarriesTheContractKeys() throws Exception {
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("analyze", bcg().toString(), "--measure", "RR", "--egger",
                "--begg", "--trimfill", "--leave1out", "--influence", "--cumulative", "--failsafe", "--petpeese",
                "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode n = Json.MAPPER.readTree(r.out());
        // expected values: bias.jsonl (metafor 3.8-1), cases bcg/RR/egger, begg, trimfill, leave1out, failsafe
        assertEquals(-1.40128200229, n.get("egger_stat").asDouble(), 1e-9);
        assertEquals(11, n.get("egger_df").asInt());
        assertEquals(0.952361907961, n.get("begg_pval").asDouble(), 1e-9);
        assertEquals("right", n.get("trimfill_side").asText());
        assertEquals(1, n.get("trimfill_k0").asInt());
        assertEquals(-0.65708280076, n.get("trimfill_estimate").asDouble(), 1e-9);
        assertEquals(13, n.get("leave1out_estimate").size());
        assertEquals(-0.707083784699, n.get("leave1out_estimate").get(0).asDouble(), 1e-9);
        assertEquals(13, n.get("influence_cooks").size());
        assertEquals(13, n.get("cumulative_tau2").size());
        assertEquals(0.0, n.get("cumulative_tau2").get(0).asDouble(), 0);
        assertTrue(n.get("failsafe_rosenthal").asDouble() > 0);
        assertTrue(n.has("petpeese_pet_estimate"));
    }

    @Test
    void textHasOneBlockPerAnalysis() throws Exception {
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("analyze", bcg().toString(), "--measure", "RR",
                "--cumulative", "--cumulative-order", "year", "--egger", "--trimfill", "--baujat");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Cumulative meta-analysis"), r.out());
        assertTrue(r.out().contains("Regression test for funnel plot asymmetry"), r.out());
        assertTrue(r.out().contains("t = -1.4013, df = 11"), r.out());
        assertTrue(r.out().contains("missing studies on the right side: 1"), r.out());
        assertTrue(r.out().contains("Baujat coordinates"), r.out());
        // ordered by year: Aronson 1948 first, then Ferguson & Simes 1949, Stein & Aronson 1953
        int a = r.out().indexOf("Ferguson & Simes 1949", r.out().indexOf("Cumulative meta-analysis"));
        int s = r.out().indexOf("Stein & Aronson 1953", r.out().indexOf("Cumulative meta-analysis"));
        assertTrue(a > 0 && s > a, r.out());
    }

    @Test
    void badOptionsAreUsageErrors() throws Exception {
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("analyze", bcg().toString(), "--measure", "RR", "--egger",
                "--egger-model", "glm");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--egger-model must be lm or rma, got 'glm'"), r.err());
        r = AnalyzeCommandTest.run("analyze", bcg().toString(), "--measure", "RR", "--cumulative",
                "--cumulative-order", "nope");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no numeric column 'nope'"), r.err());
    }
}
