package org.metaj.conformance;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** The project's one tolerance: |got - want| <= 1e-9 + 1e-6 |want|; null/NaN means "undefined". Never loosened. */
final class Tolerance {
    static final double ATOL = 1e-9;
    static final double RTOL = 1e-6;

    private Tolerance() {
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
        return Math.abs(g - w) <= ATOL + RTOL * Math.abs(w);
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
