package org.metaj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code meta analyze --random ...} (CONTRACT-2.md part A) end to end: the JSON figures of a three-level model and
 * one-line errors with exit 2 (usage) or 3 (data) for every bad input of issue 12.
 */
class MultilevelSectionTest {
    @TempDir
    Path dir;

    /** dat.konstantopoulos2011's first three districts (Konstantopoulos 2011, Res Synth Methods 2:61). */
    static final String K11 = "district,school,study,year,yi,vi\n"
            + "11,1,1,1976,-0.18,0.118\n11,2,2,1976,-0.22,0.118\n11,3,3,1976,0.23,0.144\n11,4,4,1976,-0.3,0.144\n"
            + "12,1,5,1989,0.13,0.014\n12,2,6,1989,-0.26,0.014\n12,3,7,1989,0.19,0.015\n12,4,8,1989,0.32,0.024\n"
            + "18,1,9,1994,0.45,0.023\n18,2,10,1994,0.38,0.043\n18,3,11,1994,0.29,0.012\n";

    record Outcome(int code, String out, String err) {
    }

    static Outcome run(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args.toArray(new String[0]), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(code, out.toString(), err.toString());
    }

    Outcome analyze(String content, String... options) throws IOException {
        Path p = dir.resolve("d.csv");
        Files.writeString(p, content);
        List<String> a = new ArrayList<>(List.of("analyze", p.toString()));
        a.addAll(List.of(options));
        return run(a);
    }

    static void oneLine(Outcome o, int code, String... fragments) {
        assertEquals(code, o.code(), o.err());
        String e = o.err().strip();
        assertFalse(e.contains("\n"), "one line: " + e);
        assertFalse(e.contains("Exception"), "no stack trace: " + e);
        for (String f : fragments) {
            assertTrue(e.contains(f), "'" + f + "' in: " + e);
        }
    }

    @Test
    void threeLevelJson() throws IOException {
        Outcome o = analyze(K11, "--random", "~ 1 | district/school", "--format", "json");
        assertEquals(0, o.code(), o.err());
        JsonNode j = Json.MAPPER.readTree(o.out());
        assertEquals(11, j.get("k").asInt());
        assertEquals(2, j.get("sigma2").size());
        assertTrue(j.get("converged").asBoolean());
        // R metafor 3.8-1: rma.mv(yi, vi, random = ~ 1 | district/school, data = dat.konstantopoulos2011[1:11, ]),
        // refitted from its estimates with optimizer = "uobyqa", rhoend = 1e-12
        close(0.132713509621997, j.get("estimate").asDouble());
        close(0.130161294840681, j.get("se").asDouble());
        close(0.0324561682090913, j.get("sigma2").get(0).asDouble());
        close(0.0221888732744792, j.get("sigma2").get(1).asDouble());
        close(-0.947303316926329, j.get("logLik").asDouble());
    }

    static void close(double want, double got) {
        assertTrue(Math.abs(got - want) <= 1e-9 + 1e-6 * Math.abs(want), "want " + want + ", got " + got);
    }

    @Test
    void clusterWithMissingValue() throws IOException {
        String bad = K11.replace("12,3,7,1989", ",3,7,1989");
        oneLine(analyze(bad, "--random", "~ 1 | district/school"), 3, "d.csv", "row 8", "district", "missing");
    }

    @Test
    void formulaThatDoesNotParse() throws IOException {
        oneLine(analyze(K11, "--random", "1 | district"), 2, "--random", "does not parse");
        oneLine(analyze(K11, "--random", "~ 1 + district"), 2, "--random", "does not parse");
    }

    @Test
    void formulaNamingMissingColumn() throws IOException {
        oneLine(analyze(K11, "--random", "~ 1 | distrct"), 3, "d.csv", "distrct", "no such column");
    }

    @Test
    void structNeedingMoreLevels() throws IOException {
        String one = K11.replaceAll("\n(\\d+),\\d,", "\n$1,1,");
        oneLine(analyze(one, "--random", "~ school | district", "--struct", "UN"), 3, "d.csv", "school",
                "needs at least 2 levels");
    }

    @Test
    void blockNotPositiveDefinite() throws IOException {
        String csv = "trial,yi,vi,v1i,v2i\n1,0.4,0.01,0.01,0.02\n1,0.3,0.01,0.02,0.01\n2,0.2,0.02,0.02,0.001\n"
                + "2,0.1,0.02,0.001,0.02\n3,0.5,0.03,0.03,0\n";
        oneLine(analyze(csv, "--random", "~ 1 | trial", "--cluster", "trial", "--vcov-columns", "v1i,v2i"), 3,
                "d.csv", "cluster 1", "not positive definite", "trial");
    }

    @Test
    void vcovColumnCountMismatch() throws IOException {
        String csv = "trial,yi,vi,v1i,v2i\n1,0.4,0.01,0.01,0.002\n1,0.3,0.01,0.002,0.01\n2,0.2,0.02,0.02,0\n"
                + "3,0.5,0.03,0.03,0\n";
        oneLine(analyze(csv, "--random", "~ 1 | trial", "--cluster", "trial", "--vcov-columns", "v1i"), 3,
                "d.csv", "v1i", "largest cluster", "2 rows");
    }

    @Test
    void optionsWithoutRandom() throws IOException {
        oneLine(analyze(K11, "--cluster", "district", "--rho", "0.5"), 2, "--random");
    }

    @Test
    void univariateOptionRefused() throws IOException {
        oneLine(analyze(K11, "--random", "~ 1 | district", "--egger"), 2, "--egger", "multilevel");
    }

    @Test
    void methodMustBeLikelihood() throws IOException {
        oneLine(analyze(K11, "--random", "~ 1 | district", "--method", "DL"), 2, "--method", "REML or ML");
    }
}
