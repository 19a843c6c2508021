package org.metaj.multilevel;

import java.util.Locale;

/**
 * How a {@link MultilevelModel} is fitted: the estimation method, the test of the fixed effects, the confidence
 * level and the iteration limit. Immutable; change it with the withers.
 *
 * @param method        REML (default) or ML
 * @param tTest         t tests and intervals with k - p degrees of freedom (metafor's {@code test = "t"},
 *                      {@code dfs = "residual"}; QM becomes an F statistic); else Wald z
 * @param level         the confidence level in (0, 1)
 * @param maxIterations the iteration limit of the quasi-Newton optimiser
 */
public record MultilevelControl(Estimation method, boolean tTest, double level, int maxIterations) {

    /** The likelihood maximised. */
    public enum Estimation {
        /** restricted (residual) maximum likelihood (Harville 1977) */
        REML,
        /** maximum likelihood */
        ML;

        /**
         * @param name REML or ML, case-insensitive
         * @return the method
         */
        public static Estimation parse(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("a multilevel model is fitted by REML or ML, got '" + name + "'");
            }
        }
    }

    /** Checks the values. */
    public MultilevelControl {
        if (method == null) {
            throw new IllegalArgumentException("method must not be null");
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "level must be in (0, 1), got %s",
                    level));
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
        }
    }

    /** @return REML, z tests, 95% intervals, 1000 iterations */
    public static MultilevelControl withDefaults() {
        return new MultilevelControl(Estimation.REML, false, 0.95, 1000);
    }

    /** @return this control with that method */
    public MultilevelControl with(Estimation m) {
        return new MultilevelControl(m, tTest, level, maxIterations);
    }

    /** @return this control with t tests (true) or z tests (false) */
    public MultilevelControl withTTest(boolean t) {
        return new MultilevelControl(method, t, level, maxIterations);
    }

    /** @return this control with that confidence level */
    public MultilevelControl withLevel(double l) {
        return new MultilevelControl(method, tTest, l, maxIterations);
    }

    /** @return this control with that iteration limit */
    public MultilevelControl withMaxIterations(int n) {
        return new MultilevelControl(method, tTest, level, n);
    }
}
