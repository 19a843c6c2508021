package org.metaj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/** The bias and sensitivity flags of {@code meta analyze}, run in-process on the BCG trials (Colditz 1994). */
class BiasSectionTest {
    @TempDir
    Path dir;

    private Path bcg() throws Exception {
        return CliFixtures.writeBcg(dir);
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
        assertTrue(r.err().contains("--egger-model': unknown Egger model 'glm'; expected one of lm, rma"), r.err());
        r = AnalyzeCommandTest.run("analyze", bcg().toString(), "--measure", "RR", "--cumulative",
                "--cumulative-order", "nope");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no numeric column 'nope'"), r.err());
    }
}
