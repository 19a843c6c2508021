package org.metaj.multilevel;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One random-effects term of a multilevel model, resolved to integer codes per row (row order of the model).
 *
 * <ul>
 * <li>{@link Intercept}: a random intercept per level of a grouping factor, variance {@code sigma2} (metafor's
 * {@code ~ 1 | A}; a nested {@code ~ 1 | A/B} is two of them, A and the combination A x B);
 * <li>{@link Correlated}: correlated true effects of the levels of an inner factor within each level of an outer
 * factor, covariance {@code G} of a {@link Structure} (metafor's {@code ~ inner | outer} with {@code struct}).
 * </ul>
 *
 * The marginal covariance of rows i and j gains {@code sigma2 [A_i = A_j]} from an intercept term and
 * {@code G[inner_i, inner_j] [outer_i = outer_j]} from a correlated term.
 */
public sealed interface RandomTerm permits RandomTerm.Intercept, RandomTerm.Correlated {

    /** @return the number of rows the term was resolved on */
    int k();

    /**
     * A random intercept per level of a grouping factor: one variance component {@code sigma2}.
     *
     * @param name   the factor's name as metafor prints it ({@code district}, {@code district/school})
     * @param level  the level code (0-based) of every row (not copied: do not modify)
     * @param levels the number of levels
     */
    record Intercept(String name, int[] level, int levels) implements RandomTerm {
        /** Checks the codes. */
        public Intercept {
            check(level, levels, name);
        }

        @Override
        public int k() {
            return level.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Intercept i && i.name.equals(name) && i.levels == levels
                    && Arrays.equals(i.level, level);
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + Arrays.hashCode(level);
        }

        @Override
        public String toString() {
            return "Intercept[" + name + ", " + levels + " levels]";
        }
    }

    /**
     * Correlated random effects {@code ~ inner | outer} with structure {@code struct}.
     *
     * @param inner       the inner factor's name
     * @param outer       the outer factor's name
     * @param struct      the structure of G
     * @param innerLevels the inner factor's levels in sorted order (their index is the code)
     * @param innerLevel  inner code of every row (not copied)
     * @param outerLevel  outer code of every row (not copied)
     * @param outerLevels the number of outer levels
     * @param fixedRho    correlations held fixed (length {@code struct.rhoCount}), or {@code null} to estimate them
     */
    record Correlated(String inner, String outer, Structure struct, List<String> innerLevels, int[] innerLevel,
            int[] outerLevel, int outerLevels, double[] fixedRho) implements RandomTerm {
        /** Checks the codes and the number of levels the structure needs. */
        public Correlated {
            innerLevels = List.copyOf(innerLevels);
            check(innerLevel, innerLevels.size(), inner);
            check(outerLevel, outerLevels, outer);
            if (innerLevel.length != outerLevel.length) {
                throw new IllegalArgumentException("inner and outer codes differ in length");
            }
            if (innerLevels.size() < struct.minLevels()) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "struct %s needs at least %d levels of '%s', the data have %d (%s)", struct,
                        struct.minLevels(), inner, innerLevels.size(), String.join(", ", innerLevels)));
            }
            if (fixedRho != null && fixedRho.length != struct.rhoCount(innerLevels.size())) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "struct %s with %d levels has %d correlations, %d fixed values given", struct,
                        innerLevels.size(), struct.rhoCount(innerLevels.size()), fixedRho.length));
            }
        }

        /** @return the number of inner levels L */
        public int levels() {
            return innerLevels.size();
        }

        @Override
        public int k() {
            return innerLevel.length;
        }

        /** @return the term with these correlations held fixed */
        public Correlated withFixedRho(double... rho) {
            return new Correlated(inner, outer, struct, innerLevels, innerLevel, outerLevel, outerLevels,
                    rho.clone());
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Correlated c && c.inner.equals(inner) && c.outer.equals(outer)
                    && c.struct == struct && Arrays.equals(c.innerLevel, innerLevel)
                    && Arrays.equals(c.outerLevel, outerLevel) && Arrays.equals(c.fixedRho, fixedRho);
        }

        @Override
        public int hashCode() {
            return (inner.hashCode() * 31 + outer.hashCode()) * 31 + struct.hashCode();
        }

        @Override
        public String toString() {
            return "Correlated[" + inner + " | " + outer + ", " + struct + ", " + innerLevels + "]";
        }
    }

    private static void check(int[] codes, int levels, String name) {
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] < 0 || codes[i] >= levels) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "level code %d of row %d of '%s' is outside 0..%d", codes[i], i + 1, name, levels - 1));
            }
        }
    }
}
