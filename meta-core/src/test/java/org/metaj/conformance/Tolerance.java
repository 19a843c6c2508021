package org.metaj.conformance;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The project's one tolerance for figures compared with metafor: {@code |got - want| <= 1e-9 + 1e-6 |want|};
 * null/NaN means "undefined". Never loosened. Every test that compares with a reference value uses it (no private
 * copies: {@code ToleranceUsageTest} looks for them).
 */
public final class Tolerance {
    /** absolute part */
    public static final double ATOL = 1e-9;
    /** relative part */
    public static final double RTOL = 1e-6;

    private Tolerance() {
    }

    /**
     * @param want the reference value
     * @return the allowed |got - want|, for {@code assertEquals(want, got, Tolerance.of(want))}
     */
    public static double of(double want) {
        return ATOL + RTOL * Math.abs(want);
    }

    /**
     * @return true if {@code got} matches {@code want} (both NaN counts as a match: "undefined")
     */
    public static boolean close(double want, double got) {
        if (Double.isNaN(want)) {
            return Double.isNaN(got);
        }
        if (Double.isInfinite(want) || Double.isInfinite(got)) {
            return want == got;
        }
        return Math.abs(got - want) <= of(want);
    }

    /** Asserts {@link #close(double, double)}, naming the figure, both values and the difference. */
    public static void assertClose(double want, double got, String what) {
        if (!close(want, got)) {
            fail(String.format(java.util.Locale.ROOT, "%s: want %.15g, got %.15g (|diff| %.3g > tolerance %.3g)",
                    what, want, got, Math.abs(got - want), of(want)));
        }
    }

    static boolean close(JsonNode want, Object got) {
        if (want.isNull()) {
            return got == null || (got instanceof Double && ((Double) got).isNaN());
        }
        if (want.isTextual()) {
            return want.asText().equals(got);
        }
        if (want.isArray()) {
            if (!(got instanceof double[])) {
                return false;
            }
            double[] g = (double[]) got;
            if (g.length != want.size()) {
                return false;
            }
            for (int i = 0; i < g.length; i++) {
                if (!close(want.get(i), g[i])) {
                    return false;
                }
            }
            return true;
        }
        if (!(got instanceof Number)) {
            return false;
        }
        double w = want.asDouble();
        double g = ((Number) got).doubleValue();
        if (Double.isInfinite(w) || Double.isInfinite(g)) {
            return w == g;
        }
        return Math.abs(g - w) <= of(w);
    }

    /** Asserts every expected figure; the message lists each mismatch. */
    static void assertFigures(ReferenceCase c, Map<String, ?> got) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : c.expect().entrySet()) {
            if (!got.containsKey(e.getKey())) {
                problems.add(e.getKey() + ": missing");
            } else if (!close(e.getValue(), got.get(e.getKey()))) {
                Object g = got.get(e.getKey());
                problems.add(e.getKey() + ": want " + e.getValue() + ", got "
                        + (g instanceof double[] ? java.util.Arrays.toString((double[]) g) : g));
            }
        }
        if (!problems.isEmpty()) {
            fail(c.id() + ": " + String.join("; ", problems));
        }
    }
}
