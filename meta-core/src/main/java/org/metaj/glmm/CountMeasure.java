package org.metaj.glmm;

import java.util.List;
import java.util.Locale;

/** The measures a count model fits (metafor's names) and the columns each one reads. */
public enum CountMeasure {
    /** Log odds ratio of two groups: {@code ai, bi, ci, di} or {@code ai, n1i, ci, n2i}. */
    OR(List.of("ai", "ci")),
    /** Log incidence rate ratio: {@code x1i, t1i, x2i, t2i}. */
    IRR(List.of("x1i", "t1i", "x2i", "t2i")),
    /** Logit of a proportion: {@code xi, ni}. */
    PLO(List.of("xi", "ni")),
    /** Log of an incidence rate: {@code xi, ti}. */
    IRLN(List.of("xi", "ti"));

    private final List<String> columns;

    CountMeasure(List<String> columns) {
        this.columns = columns;
    }

    /** @return the columns read (for OR also bi/n1i and di/n2i) */
    public List<String> columns() {
        return columns;
    }

    /** @return true for the two-group measures (OR, IRR) */
    public boolean twoGroup() {
        return this == OR || this == IRR;
    }

    /**
     * @param name a measure name, case-insensitive
     * @return the measure
     * @throws IllegalArgumentException naming the accepted values
     */
    public static CountMeasure parse(String name) {
        if (name != null) {
            for (CountMeasure m : values()) {
                if (m.name().equalsIgnoreCase(name.trim())) {
                    return m;
                }
            }
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT,
                "--glmm needs --measure OR, IRR, PLO or IRLN, got '%s'", name));
    }
}
