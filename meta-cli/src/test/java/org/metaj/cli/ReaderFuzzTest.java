package org.metaj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Fuzzes the reader and the whole {@code meta analyze} path: 10,000 seeded random mutations of valid CSV files
 * (bytes deleted, inserted, flipped or duplicated; separators, quotes, line ends, BOMs and NULs inserted; cells
 * replaced by hostile values; lines dropped, duplicated or truncated), each run in-process through
 * {@link Main#run}. Every outcome must be a result (exit 0, JSON with a finite estimate, nothing on stderr) or one
 * clear error line naming the file (exit 2, 3 or 4); exit 1 (internal error), a stack trace or a second line fails.
 */
class ReaderFuzzTest {
    static final int MUTATIONS = 10_000;
    static final long SEED = 20261201L;

    @TempDir
    Path dir;

    /** Valid seeds: file content and the options that analyse it. */
    private static final String[][] SEEDS = {
        {"study,yi,vi\n\"Smith, 2001\",0.12,0.011\nJones,-0.35,0.024\nLee,0.41,0.052\nKim,0.05,0.008\n"
            + "Wu,0.77,0.091\n"},
        {"study,yi,sei\nA,0.12,0.1\nB,-0.35,0.15\nC,0.41,0.2\nD,0.05,0.09\n", "--method", "DL"},
        {"study,m1i,sd1i,n1i,m2i,sd2i,n2i\nA,10.2,2.1,20,9.1,2.4,22\nB,11.5,3.0,35,10.0,2.8,30\n"
            + "C,9.8,1.9,15,9.9,2.2,18\n", "--measure", "SMD"},
        {"study,m1i,sd1i,n1i,m2i,sd2i,n2i\nA,10.2,2.1,20,9.1,2.4,22\nB,11.5,3.0,35,10.0,2.8,30\n"
            + "C,9.8,1.9,15,9.9,2.2,18\n", "--measure", "ROM", "--method", "PM"},
        {"study,ai,bi,ci,di\nA,4,119,11,128\nB,6,300,29,274\nC,3,228,11,209\nD,0,50,0,48\n", "--measure", "OR"},
        {"study,ai,bi,ci,di\nA,4,119,11,128\nB,6,300,29,274\nC,3,228,11,209\n", "--measure", "RR", "--method", "MH"},
        {"study,ai,n1i,ci,n2i\nA,4,123,11,139\nB,6,306,29,303\nC,3,231,11,220\n", "--measure", "PETO",
            "--method", "PETO"},
        {"study,ri,ni\nA,0.31,40\nB,0.12,120\nC,-0.05,64\nD,0.44,33\n", "--measure", "ZCOR", "--test", "knha"},
        {"study,xi,ni\nA,12,40\nB,30,120\nC,5,64\n", "--measure", "PLO", "--method", "ML"},
        {"study;yi;vi\nA;0,12;0,011\nB;-0,35;0,024\nC;0,41;0,052\n"},
    };

    private static final String[] HOSTILE = {"", "NA", "NaN", "Inf", "-Inf", "-1", "0", "1e400", "-0", "1e-320",
        "abc", "\"", "\"\"", "1,5", "1.5.5", " 3 ", "+4", ".", "-", "e5", "2e", "0x10", "١٢", "\u00a0", "999999999999",
        "1e308", "-1e308", "0.0000001", "\"a,b\"", "1;2", "\t", "\r", "\n"};

    private static final String[] INSERT = {",", ";", "\"", "\n", "\r\n", "\r", "\t", "\0", "\uFEFF", "-", ".",
        "e", "9", "0", " ", "x", "\u00e9", "NA", ",,", "\"\"\"", "\u0001"};

    @Test
    void mutationsGiveAResultOrOneClearErrorLine() throws IOException {
        Random rnd = new Random(SEED);
        Map<String, Integer> outcomes = new TreeMap<>();
        Path file = dir.resolve("fuzz.csv");
        for (int n = 0; n < MUTATIONS; n++) {
            String[] seed = SEEDS[rnd.nextInt(SEEDS.length)];
            byte[] bytes = mutate(seed[0], rnd);
            Files.write(file, bytes);
            String[] args = new String[seed.length + 3];
            args[0] = "analyze";
            args[1] = file.toString();
            System.arraycopy(seed, 1, args, 2, seed.length - 1);
            args[seed.length + 1] = "--format";
            args[seed.length + 2] = "json";
            BadInputTest.Outcome o = BadInputTest.run(args);
            String context = "mutation " + n + " of seed " + java.util.Arrays.toString(seed).replace("\n", "\\n")
                    + "\ncontent: " + new String(bytes, StandardCharsets.ISO_8859_1).replace("\n", "\\n")
                    .replace("\r", "\\r") + "\nexit " + o.code() + "\nstderr: " + o.err() + "\nstdout: " + o.out();
            if (o.code() == 0) {
                assertEquals("", o.err(), context);
                JsonNode j = Json.MAPPER.readTree(o.out());
                assertTrue(j.get("estimate").isNumber(), context);
                assertTrue(Double.isFinite(j.get("estimate").asDouble()), context);
                assertTrue(j.get("se").isNumber() && j.get("se").asDouble() > 0, context);
                assertTrue(j.get("tau2").isNull() || j.get("tau2").asDouble() >= 0, context);
                outcomes.merge("0 result", 1, Integer::sum);
            } else {
                if (o.code() != 2 && o.code() != 3 && o.code() != 4) {
                    fail("unexpected exit code: " + context);
                }
                String e = o.err().endsWith("\n") ? o.err().substring(0, o.err().length() - 1) : o.err();
                assertFalse(e.isEmpty() || e.contains("\n"), context);
                assertTrue(e.startsWith("meta: ") && e.contains("fuzz.csv"), context);
                assertFalse(e.contains("Exception") || e.contains("at org.") || e.contains("internal error"), context);
                assertEquals("", o.out(), context);
                outcomes.merge(o.code() + " " + kind(e), 1, Integer::sum);
            }
        }
        int results = outcomes.getOrDefault("0 result", 0);
        System.out.printf(java.util.Locale.ROOT, "ReaderFuzzTest: %d mutations, %d results, %d errors: %s%n",
                MUTATIONS, results, MUTATIONS - results, outcomes);
        assertTrue(results > MUTATIONS / 20 && results < MUTATIONS, "both outcomes occur: " + outcomes);
    }

    /** A coarse classification of an error message, for the report. */
    private static String kind(String e) {
        String[] keys = {"expected a number", "finite", "fields but the header", "never closed", "twice",
            "header field", "empty", "no data rows", "binary", "UTF-16", "needs columns", "fit no measure",
            "no --measure", "sampling variance 0", ">= 0", ">= 1", "must not exceed", "[-1, 1]", "positive mean",
            "no study left", "not estimable", "did not converge", "single column", "--label", "sample size must be",
            "too extreme", "overflows", "must be"};
        for (String k : keys) {
            if (e.contains(k)) {
                return k;
            }
        }
        return "other: " + e.substring(e.indexOf("fuzz.csv") + 8);
    }

    static byte[] mutate(String text, Random rnd) {
        StringBuilder s = new StringBuilder(text);
        int ops = 1 + rnd.nextInt(3);
        boolean latin = false;
        for (int op = 0; op < ops && s.length() > 0; op++) {
            int at = rnd.nextInt(s.length());
            switch (rnd.nextInt(9)) {
                case 0: // delete a run of characters
                    s.delete(at, Math.min(s.length(), at + 1 + rnd.nextInt(4)));
                    break;
                case 1: // insert a structural character
                    s.insert(at, INSERT[rnd.nextInt(INSERT.length)]);
                    break;
                case 2: { // replace a cell by a hostile value
                    String[] lines = s.toString().split("\n", -1);
                    int li = rnd.nextInt(lines.length);
                    String[] cells = lines[li].split("[,;]", -1);
                    int ci = rnd.nextInt(cells.length);
                    cells[ci] = HOSTILE[rnd.nextInt(HOSTILE.length)];
                    char sep = lines[li].contains(";") ? ';' : ',';
                    lines[li] = String.join(String.valueOf(sep), cells);
                    s = new StringBuilder(String.join("\n", lines));
                    break;
                }
                case 3: { // drop or duplicate a line
                    String[] lines = s.toString().split("\n", -1);
                    int li = rnd.nextInt(lines.length);
                    StringBuilder t = new StringBuilder();
                    for (int i = 0; i < lines.length; i++) {
                        if (i == li && rnd.nextBoolean()) {
                            continue;
                        }
                        t.append(lines[i]).append('\n');
                        if (i == li) {
                            t.append(lines[i]).append('\n');
                        }
                    }
                    s = t;
                    break;
                }
                case 4: // truncate
                    s.setLength(at);
                    break;
                case 5: // swap two characters
                    if (at + 1 < s.length()) {
                        char c = s.charAt(at);
                        s.setCharAt(at, s.charAt(at + 1));
                        s.setCharAt(at + 1, c);
                    }
                    break;
                case 6: // change a digit
                    if (Character.isDigit(s.charAt(at))) {
                        s.setCharAt(at, (char) ('0' + rnd.nextInt(10)));
                    } else {
                        s.insert(at, (char) ('0' + rnd.nextInt(10)));
                    }
                    break;
                case 7: // CRLF everywhere, or a BOM
                    if (rnd.nextBoolean()) {
                        s = new StringBuilder(s.toString().replace("\n", "\r\n"));
                    } else {
                        s.insert(0, '\uFEFF');
                    }
                    break;
                default: // write as Latin-1 (invalid UTF-8 when non-ASCII is present)
                    s.insert(at, '\u00fc');
                    latin = true;
                    break;
            }
        }
        byte[] b = s.toString().getBytes(latin ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
        if (rnd.nextInt(50) == 0 && b.length > 0) { // a random byte flip
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(b, 0, b.length);
            byte[] f = out.toByteArray();
            f[rnd.nextInt(f.length)] ^= (byte) (1 << rnd.nextInt(8));
            return f;
        }
        return b;
    }
}
