package org.metaj.network;

import java.util.List;
import java.util.Locale;

/**
 * The relative-effect measures of a network meta-analysis from arm-level data, with the arm columns each one reads
 * and the arm's contribution to a contrast. A contrast of arm {@code t} against the study's baseline arm {@code b}
 * is {@code y_t - y_b} with variance {@code v_t + v_b}, and two contrasts of one study share the baseline's
 * {@code v_b} as their covariance (the formulas of metafor's {@code escalc}, split by arm):
 * <ul>
 * <li>OR: {@code y = log(a / (n - a))}, {@code v = 1/a + 1/(n - a)} (log odds ratio; Woolf 1955);</li>
 * <li>RR: {@code y = log(a / n)}, {@code v = 1/a - 1/n} (log risk ratio; Katz et al. 1978);</li>
 * <li>RD: {@code y = a / n}, {@code v = a (n - a) / n^3} (risk difference; the binomial variance of each arm);</li>
 * <li>MD: {@code y = mean}, {@code v = sd^2 / n} (mean difference, unequal variances);</li>
 * <li>IRR: {@code y = log(x / t)}, {@code v = 1/x} (log incidence rate ratio).</li>
 * </ul>
 * A study with a zero cell in any arm (no events, or, for OR and RR, only events) has 1/2 added to every cell of
 * every arm (events + 1/2 and n + 1; for IRR events + 1/2), as netmeta's {@code pairwise} does by default.
 * GEN takes precomputed contrasts of two-arm studies; each becomes two pseudo-arms (treat1 with value yi and
 * variance vi, treat2 with value 0 and variance 0), so the contrast against whichever arm is the baseline is
 * {@code +yi} or {@code -yi} with variance vi.
 */
public enum NetworkMeasure {
    /** Log odds ratio from {@code events, n}. */
    OR(List.of("events", "n"), true),
    /** Log risk ratio from {@code events, n}. */
    RR(List.of("events", "n"), true),
    /** Risk difference from {@code events, n}. */
    RD(List.of("events", "n"), false),
    /** Mean difference from {@code mean, sd, n}. */
    MD(List.of("mean", "sd", "n"), false),
    /** Log incidence rate ratio from {@code events, time}. */
    IRR(List.of("events", "time"), true),
    /**
     * Precomputed contrasts of two-arm studies: one row per study with {@code treat1, treat2, yi} and {@code vi}
     * (or {@code sei}), {@code yi} the effect of treat1 against treat2 on any scale.
     */
    GEN(List.of("treat1", "treat2", "yi", "vi"), false);

    private final List<String> columns;
    private final boolean logScale;

    NetworkMeasure(List<String> columns, boolean logScale) {
        this.columns = columns;
        this.logScale = logScale;
    }

    /** @return the arm-level columns the measure reads, besides {@code study} and {@code treatment} */
    public List<String> columns() {
        return columns;
    }

    /** @return true for ratio measures analysed on the log scale (shown exponentiated) */
    public boolean isLogScale() {
        return logScale;
    }

    /**
     * @param name a measure name, case-insensitive
     * @return the measure
     * @throws IllegalArgumentException naming the accepted values
     */
    public static NetworkMeasure parse(String name) {
        for (NetworkMeasure m : values()) {
            if (m.name().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT,
                "unknown network measure '%s'; expected one of %s", name, List.of(values())));
    }

    /**
     * Whether a study's arms need the 1/2 correction: any arm with a zero cell.
     *
     * @param a events (or means), one per arm of the study
     * @param n group sizes (or person-time / SDs, unused here)
     * @param arms number of arms
     * @param offset first arm's index into the arrays
     * @return true if 1/2 must be added to every cell of every arm
     */
    boolean needsCorrection(double[] a, double[] n, int offset, int arms) {
        for (int i = offset; i < offset + arms; i++) {
            switch (this) {
                case OR, RR, RD -> {
                    if (a[i] == 0 || a[i] == n[i]) {
                        return true;
                    }
                }
                case IRR -> {
                    if (a[i] == 0) {
                        return true;
                    }
                }
                case MD, GEN -> {
                    return false;
                }
            }
        }
        return false;
    }

    /** @return the arm's value on the analysis scale ({@code c}: 1 if corrected, else 0) */
    double armValue(double a, double b, double n, boolean corrected) {
        double add = corrected ? 0.5 : 0;
        return switch (this) {
            case OR -> Math.log((a + add) / (n + 2 * add - a - add));
            case RR -> Math.log((a + add) / (n + 2 * add));
            case RD -> (a + add) / (n + 2 * add);
            case MD, GEN -> a;
            case IRR -> Math.log((a + add) / n);
        };
    }

    /** @return the arm's variance term ({@code b}: the SD for MD) */
    double armVariance(double a, double b, double n, boolean corrected) {
        double add = corrected ? 0.5 : 0;
        return switch (this) {
            case OR -> 1 / (a + add) + 1 / (n + add - a);
            case RR -> 1 / (a + add) - 1 / (n + 2 * add);
            case RD -> (a + add) * (n + add - a) / Math.pow(n + 2 * add, 3);
            case MD -> b * b / n;
            case IRR -> 1 / (a + add);
            case GEN -> b;
        };
    }
}
