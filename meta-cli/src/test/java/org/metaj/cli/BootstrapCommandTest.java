package org.metaj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.metaj.model.MetaAnalysis;
import org.metaj.model.Method;
import org.metaj.resample.Bootstrap;
import org.metaj.resample.BootstrapResult;
import org.metaj.resample.IntervalType;
import org.metaj.resample.Statistic;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code meta bootstrap}, run in-process on the BCG trials (datasets/bcg-colditz1994.csv). */
class BootstrapCommandTest {
    private static final String BCG = Path.of("..", "datasets", "bcg-colditz1994.csv").toString();

    @Test
    void jsonHasTheContractKeysAndMatchesTheLibrary() throws Exception {
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("bootstrap", BCG, "--measure", "RR", "--replicates", "500",
                "--seed", "42", "--ci", "bca", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode n = Json.MAPPER.readTree(r.out());
        assertEquals(500, n.get("replicates").asInt());
        assertEquals(0, n.get("failed").asInt());
        assertEquals(42, n.get("seed").asLong());
        assertEquals("REML", n.get("method").asText());
        for (String key : new String[] {"estimate", "tau2", "tau", "I2", "H2"}) {
            for (String f : new String[] {"se", "bias", "ci_lb", "ci_ub"}) {
                assertTrue(n.get(key).get(f).isNumber(), key + "." + f + " in " + r.out());
            }
        }
        // the same run through the library: the CLI adds nothing to the numbers
        DataOptions d = new DataOptions();
        d.file = Path.of(BCG);
        d.measure = org.metaj.data.EffectMeasure.RR;
        d.method = Method.REML;
        d.test = org.metaj.model.TestType.Z;
        d.level = 95;
        d.onNonConvergence = MetaAnalysis.OnNonConvergence.REPORT;
        BootstrapResult lib = Bootstrap.withDefaults().withReplicates(500).withSeed(42)
                .run(MetaAnalysis.withDefaults().with(Method.REML).fit(d.load()));
        assertEquals(lib.summary(Statistic.ESTIMATE).se(), n.get("estimate").get("se").asDouble(), 1e-15);
        assertEquals(lib.summary(Statistic.TAU2).upper(IntervalType.BCA), n.get("tau2").get("ci_ub").asDouble(),
                1e-15);
        // observed tau2 of the BCG log risk ratios, REML: metafor 0.3132 (reference cases.jsonl)
        assertEquals(0.3132, n.get("tau2").get("observed").asDouble(), 1e-4);
    }

    @Test
    void sameSeedSameOutputWhateverTheThreads() {
        String[] base = {"bootstrap", BCG, "--measure", "RR", "--replicates", "700", "--seed", "7", "--type",
            "parametric", "--test", "knha", "--format", "json", "--threads"};
        AnalyzeCommandTest.Run one = AnalyzeCommandTest.run(concat(base, "1"));
        AnalyzeCommandTest.Run two = AnalyzeCommandTest.run(concat(base, "3"));
        assertEquals(0, one.code(), one.err());
        assertEquals(one.out().replace("\"threads\":1", "\"threads\":3"), two.out());
    }

    @Test
    void textOutputAndUsageErrors() {
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("bootstrap", BCG, "--measure", "RR", "--replicates", "200",
                "--seed", "1", "--method", "DL");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("case bootstrap of the DL model (k = 13), 200 replicates, seed 1"), r.out());
        assertTrue(r.out().contains("percentile 95% CI"), r.out());
        assertEquals(Main.USAGE, AnalyzeCommandTest.run("bootstrap", BCG, "--measure", "RR", "--replicates", "200",
                "--seed", "1", "--method", "MH").code());
        assertEquals(Main.USAGE, AnalyzeCommandTest.run("bootstrap", BCG, "--measure", "RR", "--replicates", "200",
                "--seed", "1", "--ci", "studentized").code());
        assertEquals(Main.USAGE, AnalyzeCommandTest.run("bootstrap", BCG, "--measure", "RR", "--seed", "1").code());
    }

    private static String[] concat(String[] a, String b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + 1);
        out[a.length] = b;
        return out;
    }
}
