package org.metaj.effect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.metaj.conformance.Tolerance;
import org.metaj.data.EffectMeasure;

import tech.tablesaw.api.Table;

/**
 * Checks {@code yi} and {@code vi} against metafor 3.8-1 through every common-effect ("FE") case of
 * {@code reference/cases.jsonl}: from our {@code yi, vi} the inverse-variance estimate
 * {@code sum(yi/vi)/sum(1/vi)}, its standard error {@code 1/sqrt(sum(1/vi))} and Cochran's
 * {@code Q = sum((yi - est)^2/vi)} must match metafor's to {@code 1e-9 + 1e-6 |want|}.
 */
class EscalcFixedEffectConformanceTest {
    private static final String BASE = "/reference/";
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern DATA = Pattern.compile("\"data\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern MEASURE = Pattern.compile("\"--measure\"\\s*,\\s*\"([A-Z]+)\"");
    private static final Pattern METHOD = Pattern.compile("\"--method\"\\s*,\\s*\"([A-Za-z]+)\"");

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> out = new ArrayList<>();
        try (InputStream in = EscalcFixedEffectConformanceTest.class.getResourceAsStream(BASE + "cases.jsonl");
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                Matcher method = METHOD.matcher(line);
                if (line.isBlank() || !method.find() || !method.group(1).equals("FE")) {
                    continue;
                }
                Matcher id = ID.matcher(line);
                Matcher data = DATA.matcher(line);
                Matcher measure = MEASURE.matcher(line);
                assertTrue(id.find() && data.find(), line);
                String m = measure.find() ? measure.group(1) : null;
                out.add(Arguments.of(id.group(1), data.group(1), m, (int) number(line, "k"),
                        number(line, "estimate"), number(line, "se"), number(line, "Q")));
            }
        }
        return out.stream();
    }

    private static double number(String line, String key) {
        Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*(-?[0-9.eE+-]+)").matcher(line);
        assertTrue(m.find(), () -> "no " + key + " in " + line);
        return Double.parseDouble(m.group(1));
    }

    static Table read(String data) {
        try {
            Path p = Paths.get(EscalcFixedEffectConformanceTest.class.getResource(BASE + data).toURI());
            return Table.read().csv(p.toFile());
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + data, e);
        }
    }

    @Test
    void everyMeasureOfTheBriefIsCovered() throws IOException {
        List<String> measures = new ArrayList<>();
        cases().forEach(a -> measures.add(String.valueOf(a.get()[2])));
        for (String m : List.of("MD", "SMD", "ROM", "OR", "RR", "RD", "COR", "ZCOR", "PR", "PLO", "PAS", "PFT",
                "IRR", "IRD", "null")) {
            assertTrue(measures.contains(m), m + " has no FE case");
        }
        assertEquals(20, measures.size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void fixedEffectSummaryMatchesMetafor(String id, String data, String measure, int k, double estimate, double se,
            double q) {
        Table t = read(data);
        EffectSizes es = EffectSizes.withDefaults();
        EffectSizeResult r = measure == null ? es.generic(t) : es.compute(EffectMeasure.parse(measure), t);
        assertEquals(k, r.k(), id + ": k");
        double[] y = r.yi();
        double[] v = r.vi();
        double sw = 0;
        double swy = 0;
        for (int i = 0; i < y.length; i++) {
            sw += 1 / v[i];
            swy += y[i] / v[i];
        }
        double est = swy / sw;
        double q2 = 0;
        for (int i = 0; i < y.length; i++) {
            q2 += (y[i] - est) * (y[i] - est) / v[i];
        }
        close(id, "estimate", estimate, est);
        close(id, "se", se, 1 / Math.sqrt(sw));
        close(id, "Q", q, q2);
    }

    static void close(String id, String what, double want, double got) {
        Tolerance.assertClose(want, got, id + " " + what);
    }
}
