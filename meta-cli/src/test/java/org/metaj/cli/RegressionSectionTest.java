package org.metaj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/** The meta-regression, subgroup, permutation and by-design flags of {@code meta analyze}, run in-process. */
class RegressionSectionTest {
    @TempDir
    Path dir;

    private static final String BCG = "study,year,ai,bi,ci,di,ablat,alloc\n"
            + "Aronson 1948,1948,4,119,11,128,44,random\nFerguson & Simes 1949,1949,6,300,29,274,55,random\n"
            + "Rosenthal et al 1960,1960,3,228,11,209,42,random\nHart & Sutherland 1977,1977,62,13536,248,12619,52,random\n"
            + "Frimodt-Moller et al 1973,1973,33,5036,47,5761,13,alternate\n"
            + "Stein & Aronson 1953,1953,180,1361,372,1079,44,alternate\n"
            + "Vandiviere et al 1973,1973,8,2537,10,619,19,random\nTPT Madras 1980,1980,505,87886,499,87892,13,random\n"
            + "Coetzee & Berjak 1968,1968,29,7470,45,7232,27,random\n"
            + "Rosenthal et al 1961,1961,17,1699,65,1600,42,systematic\n"
            + "Comstock et al 1974,1974,186,50448,141,27197,18,systematic\n"
            + "Comstock & Webster 1969,1969,5,2493,3,2338,33,systematic\n"
            + "Comstock et al 1976,1976,27,16886,29,17825,33,systematic\n";

    private Path bcg() throws Exception {
        Path p = dir.resolve("bcg.csv");
        Files.writeString(p, BCG);
        return p;
    }

    @Test
    void modsReplaceTheTopLevelFiguresAndAddCoefficients() throws Exception {
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("analyze", bcg().toString(), "--measure", "RR",
                "--mods", "ablat,alloc", "--test", "knha", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode n = Json.MAPPER.readTree(r.out());
        // regression.jsonl (metafor 3.8-1), case bcg/mods/ablat+alloc/knha
        assertEquals(0.144594297359, n.get("tau2").asDouble(), 1e-9);
        assertEquals(3.44710676348, n.get("QM").asDouble(), 1e-8);
        assertEquals(53.8396139092, n.get("R2").asDouble(), 1e-6);
        assertEquals(0.0584612869283, n.get("coef_allocsystematic_estimate").asDouble(), 1e-9);
        assertTrue(n.has("coef_ablat_tval"));
    }

    /** Issue 11, finding 2: the JSON of analyze --mods comes from one fit, the meta-regression. */
    @Test
    void modsJsonHoldsTheRegressionsFiguresOnly() throws Exception {
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("analyze", bcg().toString(), "--measure", "RR",
                "--mods", "ablat", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode n = Json.MAPPER.readTree(r.out());
        // regression.jsonl (metafor 3.8-1), case bcg/mods/ablat/z
        assertEquals(0.0763479639559, n.get("tau2").asDouble(), 1e-9);
        assertEquals(68.3912248384, n.get("I2").asDouble(), 1e-6);
        // the figures of the model without moderators (estimate, prediction and Q-profile intervals) are not mixed in
        for (String key : new String[] {"estimate", "pi_lb", "pi_ub", "tau2_ci_lb", "tau2_ci_ub", "Q", "zval"}) {
            assertTrue(!n.has(key), key + " of the model without moderators leaked into the --mods answer");
        }
        // the study weights are the regression's: 1/(v + tau2_residual), in percent
        JsonNode vi = n.get("studies").get("vi");
        JsonNode w = n.get("studies").get("weight");
        double sw = 0;
        for (int i = 0; i < vi.size(); i++) {
            sw += 1 / (vi.get(i).asDouble() + 0.0763479639559);
        }
        for (int i = 0; i < vi.size(); i++) {
            assertEquals(100 / (vi.get(i).asDouble() + 0.0763479639559) / sw, w.get(i).asDouble(), 1e-7);
        }
    }

    /** Issue 11, finding 2: --max-iterations and --on-nonconvergence apply under --mods. */
    @Test
    void nonConvergencePolicyAppliesToTheRegression() throws Exception {
        AnalyzeCommandTest.Run dl = AnalyzeCommandTest.run("analyze", bcg().toString(), "--measure", "RR",
                "--method", "DL", "--mods", "ablat", "--format", "json");
        AnalyzeCommandTest.Run fallback = AnalyzeCommandTest.run("analyze", bcg().toString(), "--measure", "RR",
                "--method", "REML", "--max-iterations", "1", "--on-nonconvergence", "DL", "--mods", "ablat",
                "--format", "json");
        assertEquals(0, fallback.code(), fallback.err());
        JsonNode a = Json.MAPPER.readTree(dl.out());
        JsonNode b = Json.MAPPER.readTree(fallback.out());
        // the REML regression stops after one iteration and is refitted with DL, as asked
        assertEquals(a.get("tau2").asDouble(), b.get("tau2").asDouble(), 1e-12);
        assertEquals(a.get("coef_ablat_estimate").asDouble(), b.get("coef_ablat_estimate").asDouble(), 1e-12);
        assertTrue(b.get("warnings").toString().contains("refitted with DerSimonian-Laird"), b.toString());
        AnalyzeCommandTest.Run fail = AnalyzeCommandTest.run("analyze", bcg().toString(), "--measure", "RR",
                "--method", "REML", "--max-iterations", "1", "--on-nonconvergence", "fail", "--mods", "ablat");
        assertEquals(4, fail.code(), fail.err());
    }

    /** Issue 11, finding 2: sensitivity analyses with --mods follow metafor. */
    @Test
    void sensitivityAnalysesUnderModsFollowMetafor() throws Exception {
        // metafor 3.8-1: leave1out() and cumul() of an rma with mods stop ("Method only applicable to models
        // without moderators."); influence() runs on the meta-regression
        for (String flag : new String[] {"--leave1out", "--cumulative"}) {
            AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("analyze", bcg().toString(), "--measure", "RR",
                    "--mods", "ablat", flag);
            assertEquals(2, r.code(), r.out());
            assertTrue(r.err().contains("defined for models without moderators"), r.err());
        }
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("analyze", bcg().toString(), "--measure", "RR",
                "--mods", "ablat", "--influence", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode n = Json.MAPPER.readTree(r.out());
        // spine-extra.jsonl, case bcg/mods/ablat/REML/z/influence (metafor 3.8-1 influence(rma(..., mods = ~ ablat)))
        assertEquals(0.00480423588743352, n.get("influence_cooks").get(0).asDouble(), 1e-9);
        assertEquals(1.24400357679346, n.get("influence_cov_r").get(0).asDouble(), 1e-8);
        assertTrue(n.has("influence_dfbetas_ablat"));
    }

    @Test
    void textShowsACoefficientTable() throws Exception {
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("analyze", bcg().toString(), "--measure", "RR",
                "--mods", "ablat", "--subgroup", "alloc");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Test of Moderators:"), r.out());
        assertTrue(r.out().matches("(?s).*\\nablat\\s+-0\\.0291\\s+0\\.0072.*"), r.out());
        assertTrue(r.out().contains("Test for Subgroup Differences:"), r.out());
    }

    @Test
    void collinearModeratorIsAnErrorNamingIt() throws Exception {
        Path p = dir.resolve("col.csv");
        Files.writeString(p, "study,yi,vi,a,b\nA,0.1,0.01,1,3\nB,0.3,0.02,2,5\nC,-0.2,0.015,3,7\nD,0.5,0.03,4,9\n"
                + "E,0.2,0.02,5,11\n");
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("analyze", p.toString(), "--mods", "a,b");
        assertTrue(r.code() != 0);
        assertTrue(r.err().contains("moderator 'b' is collinear with intrcpt + a"), r.err());
    }

    @Test
    void monteCarloPermutationIsSeeded() throws Exception {
        String[] args = {"analyze", bcg().toString(), "--measure", "RR", "--mods", "ablat", "--permutation", "300",
            "--seed", "7", "--format", "json"};
        JsonNode a = Json.MAPPER.readTree(AnalyzeCommandTest.run(args).out());
        JsonNode b = Json.MAPPER.readTree(AnalyzeCommandTest.run(args).out());
        assertEquals(a.get("coef_ablat_permutation_pval").asDouble(), b.get("coef_ablat_permutation_pval").asDouble());
        assertEquals(300, a.get("permutation_iterations").asInt());
        assertEquals(0, a.get("permutation_exact").asInt());
    }
}
