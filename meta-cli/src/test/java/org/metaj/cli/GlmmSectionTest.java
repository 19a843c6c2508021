package org.metaj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

class GlmmSectionTest {
    @TempDir
    Path dir;

    /** Hine 1989 (metadat dat.hine1989), lidocaine and mortality. */
    private static final String HINE = "study,ai,n1i,ci,n2i\n1,2,39,1,43\n2,4,44,4,44\n3,6,107,4,110\n"
            + "4,7,103,5,100\n5,7,110,3,106\n6,11,154,4,146\n";

    @Test
    void conditionalLogisticFixedEffectsAsJson() throws Exception {
        Path f = dir.resolve("hine.csv");
        Files.writeString(f, HINE);
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("analyze", f.toString(), "--measure", "OR", "--glmm",
                "CM.EL", "--method", "FE", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode n = Json.MAPPER.readTree(r.out());
        assertEquals(6, n.get("k").asInt());
        assertEquals("CM.EL", n.get("model").asText());
        // metafor 3.8-1 rma.glmm(measure = "OR", model = "CM.EL", method = "FE"), reference/glmm-extra.jsonl
        assertEquals(0.0, n.get("tau2").asDouble(), 0.0);
        assertTrue(Double.isFinite(n.get("QE_LRT").asDouble()));
    }

    @Test
    void eventsAboveGroupSizeExitWithCode3() throws Exception {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, "study,ai,n1i,ci,n2i\nA,5,10,3,10\nB,12,10,4,10\n");
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("analyze", f.toString(), "--measure", "OR", "--glmm",
                "UM.FS");
        assertEquals(3, r.code(), r.out());
        assertTrue(r.err().contains("row 3, column n1i"), r.err());
    }

    @Test
    void oneGroupModelTakesNoModelAndTwoGroupModelNeedsOne() throws Exception {
        Path f = dir.resolve("rates.csv");
        Files.writeString(f, "study,xi,ti\nA,5,100\nB,3,80\nC,9,120\n");
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("analyze", f.toString(), "--measure", "IRLN", "--glmm",
                "--method", "FE", "--format", "json");
        assertEquals(0, r.code(), r.err());
        // FE Poisson model of 17 events in 300 person-time units: log(17/300)
        assertEquals(Math.log(17.0 / 300.0), Json.MAPPER.readTree(r.out()).get("estimate").asDouble(), 1e-12);
        Path g = dir.resolve("or.csv");
        Files.writeString(g, HINE);
        r = AnalyzeCommandTest.run("analyze", g.toString(), "--measure", "OR", "--glmm");
        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().contains("needs a model"), r.err());
    }
}
