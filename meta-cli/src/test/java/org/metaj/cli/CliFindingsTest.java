package org.metaj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The command-line findings of issues 11 and 19, each provoked as the red team did: the run must end in one line
 * and the documented exit code, and never lose data.
 */
class CliFindingsTest {
    @TempDir
    Path dir;

    private static AnalyzeCommandTest.Run run(String... args) {
        return AnalyzeCommandTest.run(args);
    }

    private static void oneLine(AnalyzeCommandTest.Run r, int code, String... parts) {
        assertEquals(code, r.code(), r.err());
        String[] lines = r.err().strip().split("\n");
        List<String> errors = new ArrayList<>();
        for (String l : lines) {
            if (l.startsWith("meta: ")) {
                errors.add(l);
            }
        }
        assertEquals(1, errors.size(), "one error line: " + r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        for (String p : parts) {
            assertTrue(errors.get(0).contains(p), "'" + p + "' missing: " + errors.get(0));
        }
    }

    private Path bcg() throws Exception {
        return CliFixtures.writeBcg(dir);
    }

    // issue 11, finding 3: the README's report command
    @Test
    void reportTakesEveryAnalysisOption() throws Exception {
        Path out = dir.resolve("report.html");
        AnalyzeCommandTest.Run r = run("report", bcg().toString(), "--measure", "RR", "--egger", "--trimfill",
                "--leave1out", "-o", out.toString());
        assertEquals(0, r.code(), r.err());
        String html = Files.readString(out);
        assertTrue(html.contains("Sensitivity analyses (as asked)"), "the --leave1out block is in the report");
        assertTrue(html.contains("Bias tests and adjusted estimates (as asked)"), "the --egger block");
    }

    /** Every option of analyze (but --format) is an option of report: both take their options from one registry. */
    @Test
    void reportAndAnalyzeShareTheirAnalysisOptions() {
        Set<String> analyze = names(new CommandLine(new AnalyzeCommand()));
        Set<String> report = names(new CommandLine(new ReportCommand()));
        analyze.remove("--format");
        analyze.removeAll(report);
        assertEquals(Set.of(), analyze, "options of analyze that report lacks");
    }

    private static Set<String> names(CommandLine cl) {
        Set<String> s = new TreeSet<>();
        for (OptionSpec o : cl.getCommandSpec().options()) {
            s.add(o.longestName());
        }
        return s;
    }

    // issue 19, finding 1: never overwrite an input, nor one output with another
    @Test
    void anOutputThatIsAnInputIsRefusedAndTheDataKept() throws Exception {
        Path x = bcg();
        String before = Files.readString(x);
        oneLine(run("report", x.toString(), "--measure", "RR", "-o", x.toString()), 2, "is the input file");
        oneLine(run("analyze", x.toString(), "--measure", "RR", "--forest", x.toString()), 2, "--forest",
                "is the input file");
        Path dotted = dir.resolve(".").resolve(x.getFileName());
        oneLine(run("analyze", x.toString(), "--measure", "RR", "--funnel", dotted.toString()), 2, "--funnel");
        Path link = dir.resolve("link.csv");
        Files.createSymbolicLink(link, x);
        oneLine(run("analyze", link.toString(), "--measure", "RR", "--radial", x.toString()), 2, "--radial");
        oneLine(run("report", x.toString(), "--measure", "RR", "-o", link.toString()), 2, "-o");
        assertEquals(before, Files.readString(x), "the data are untouched");
    }

    @Test
    void twoOutputsOfOneRunMustDiffer() throws Exception {
        Path f = dir.resolve("f.svg");
        oneLine(run("analyze", bcg().toString(), "--measure", "RR", "--forest", f.toString(), "--funnel",
                dir.resolve("sub/../f.svg").toString()), 2, "--funnel", "also --forest");
        assertFalse(Files.exists(f), "nothing written");
    }

    // the messages paragraph: -o dir/ and write failures with their reason
    @Test
    void aDirectoryIsNotAnOutputFile() throws Exception {
        Path x = bcg();
        oneLine(run("report", x.toString(), "--measure", "RR", "-o", dir.resolve("out") + "/"), 2,
                "names a directory");
        assertFalse(Files.exists(dir.resolve("out")), "no file named after the directory");
        oneLine(run("report", x.toString(), "--measure", "RR", "-o", dir.toString()), 2, "is a directory");
        oneLine(run("report", x.toString(), "--measure", "RR", "-o", x.resolve("r.html").toString()), 2,
                "cannot write the report to", "a file of that name is in the way");
    }

    // options accepted and ignored
    @Test
    void qualifiersWithoutTheirAnalysisAreRefused() throws Exception {
        String x = bcg().toString();
        oneLine(run("analyze", x, "--measure", "RR", "--pooled-tau2"), 2, "--pooled-tau2 needs --subgroup");
        oneLine(run("analyze", x, "--measure", "RR", "--trimfill-side", "left"), 2, "--trimfill-side needs --trimfill");
        oneLine(run("analyze", x, "--measure", "RR", "--egger-predictor", "vi"), 2, "--egger-predictor needs --egger");
        oneLine(run("analyze", x, "--measure", "OR", "--vtype", "HO"), 2, "--vtype HO", "not defined for measure OR");
        oneLine(run("analyze", x, "--measure", "OR", "--method", "PETO", "--test", "knha"), 2, "--test knha");
        oneLine(run("analyze", x, "--measure", "RR", "--seed", "3"), 2, "--seed", "--permutation");
        assertEquals(0, run("analyze", x, "--measure", "RR", "--trimfill", "--trimfill-side", "left").code());
    }

    @Test
    void levelIsAPercentage() throws Exception {
        String x = bcg().toString();
        oneLine(run("analyze", x, "--measure", "RR", "--level", "0.5"), 2, "in percent", "write --level 50");
        AnalyzeCommandTest.Run r = run("analyze", x, "--measure", "RR", "--level", "90", "--format", "json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"level\":90.0"), r.out());
    }

    // finding 8: sizes checked up front, one line
    @Test
    void hugeBootstrapIsRefusedUpFront() throws Exception {
        oneLine(run("bootstrap", bcg().toString(), "--measure", "RR", "--replicates", "2147483647", "--seed", "1"),
                2, "--replicates 2,147,483,647 needs about", "MiB");
    }

    @Test
    void errorsAreOneLine() {
        String m = Main.message(new OutOfMemoryError("Java heap space"));
        assertTrue(m.startsWith("out of memory (Java heap space)"), m);
        assertFalse(m.contains("\n"));
        assertEquals(Main.INTERNAL, Main.exitCode(new OutOfMemoryError()));
    }

    // finding 10: permutations bounded
    @Test
    void permutationDrawsAreBounded() throws Exception {
        oneLine(run("analyze", bcg().toString(), "--measure", "RR", "--mods", "year", "--permutation", "2000000000"),
                2, "--permutation draws must be at most 1,000,000");
    }

    // finding 12: an undefined part of the report is annotated, the rest written
    @Test
    void reportWithAnUndefinedSectionIsStillWritten() throws Exception {
        Path f = dir.resolve("equal.csv");
        Files.writeString(f, "study,yi,vi\nA,0.1,0.04\nB,0.3,0.04\nC,0.5,0.04\nD,0.2,0.04\n");
        Path out = dir.resolve("r.html");
        AnalyzeCommandTest.Run r = run("report", f.toString(), "--egger", "-o", out.toString());
        assertEquals(0, r.code(), r.err());
        String html = Files.readString(out);
        assertTrue(html.contains("not computed: the predictor of the regression test is constant"), "annotated");
        assertTrue(html.contains("Forest plot") && html.contains("Radial plot"), "the rest is written");
        assertTrue(r.err().contains("warning: Egger's test not shown"), r.err());
        // analyze, asked for the same test, still fails: an explicit request is not silently dropped
        assertEquals(2, run("analyze", f.toString(), "--egger").code());
    }

    // finding 13: BCa with two studies
    @Test
    void bcaNeedsThreeStudies() throws Exception {
        Path f = dir.resolve("two.csv");
        Files.writeString(f, "study,yi,vi\nA,0.1,0.04\nB,0.5,0.02\n");
        oneLine(run("bootstrap", f.toString(), "--replicates", "50", "--seed", "1", "--ci", "bca"), 2,
                "--ci bca needs at least 3 studies");
        assertEquals(0, run("bootstrap", f.toString(), "--replicates", "50", "--seed", "1").code());
    }

    // batch
    private List<JsonNode> batch(String input) throws Exception {
        BatchCommand.INPUT.set(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        try {
            AnalyzeCommandTest.Run r = run("batch");
            assertEquals(0, r.code(), r.err());
            List<JsonNode> out = new ArrayList<>();
            for (String l : r.out().strip().split("\n")) {
                out.add(Json.MAPPER.readTree(l));
            }
            return out;
        } finally {
            BatchCommand.INPUT.remove();
        }
    }

    @Test
    void batchEchoesIdsRefusesNonStringArgsAndAnswersEveryLine() throws Exception {
        String f = bcg().toString().replace("\\", "\\\\");
        String huge = "--" + "x".repeat(10_000_000);
        String in = "\uFEFF{\"id\":{\"run\":1},\"file\":\"" + f + "\",\"args\":[\"--measure\",\"RR\"]}\n"
                + "{\"id\":[1,2],\"file\":\"" + f + "\",\"args\":[\"--measure\",\"RR\",\"--level\",90]}\n"
                + "{\"id\":3,\"file\":\"" + f + "\",\"args\":[\"" + huge + "\"]}\n"
                + "{\"id\":\"four\",\"file\":\"" + f + "\",\"args\":[\"--measure\",\"RR\",\"--permutation\","
                + "\"9999999999\",\"--mods\",\"year\"]}\n"
                + "{\"id\":\"five\",\"file\":\"" + f + "\",\"args\":[\"--measure\",\"RR\"]}\n";
        List<JsonNode> out = batch(in);
        assertEquals(5, out.size());
        assertEquals("{\"run\":1}", out.get(0).get("id").toString());
        assertTrue(out.get(0).has("result"), out.get(0).toString());
        assertEquals("[1,2]", out.get(1).get("id").toString());
        assertTrue(out.get(1).get("error").asText().contains("element 4 is number 90"), out.get(1).toString());
        String e3 = out.get(2).get("error").asText();
        assertTrue(e3.length() < 500 && e3.contains("10,000,004 characters)"), e3.length() + ": "
                + e3.substring(0, Math.min(200, e3.length())));
        assertTrue(out.get(3).get("error").asText().contains("at most 1,000,000"), out.get(3).toString());
        assertTrue(out.get(4).has("result"));
    }

    @Test
    void longValuesAreCutInMessages() {
        String m = Messages.shorten("Unknown option: '--" + "y".repeat(5000) + "'");
        assertTrue(m.length() < 200, m);
        assertTrue(m.contains("(5,005 characters)") || m.contains("characters)"), m);
    }

    @Test
    void bootstrapWarnsOnUndefinedIntervals() throws Exception {
        Path f = dir.resolve("same.csv");
        Files.writeString(f, "study,yi,vi\nA,0.1,0.04\nB,0.1,0.04\nC,0.1,0.04\n");
        AnalyzeCommandTest.Run r = run("bootstrap", f.toString(), "--replicates", "50", "--seed", "1", "--ci", "bca",
                "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode n = Json.MAPPER.readTree(r.out());
        boolean nan = false;
        for (String k : new String[] {"estimate", "tau2", "tau", "I2", "H2"}) {
            nan |= n.get(k).get("ci_lb").isNull() || n.get(k).get("ci_ub").isNull();
        }
        assertEquals(nan, n.get("warnings").toString().contains("interval of"), n.toString());
    }

}
