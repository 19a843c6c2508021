package org.metaj.bias;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Knight's O(n log n) pair counts ({@link KendallTau#pairCounts}) against the definition: every pair compared, as
 * the O(n^2) loop did before (issue 19, "Scale without surprises": 109 s for Begg's test at k = 100,000).
 */
class KendallTauProperties {

    /** The definition: {S, pairs tied in x, pairs tied in y} from all n(n-1)/2 pairs, ties by {@code ==}. */
    static long[] bruteForce(double[] x, double[] y) {
        long s = 0;
        long tx = 0;
        long ty = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = i + 1; j < x.length; j++) {
                int dx = x[i] == x[j] ? 0 : x[i] < x[j] ? -1 : 1;
                int dy = y[i] == y[j] ? 0 : y[i] < y[j] ? -1 : 1;
                tx += dx == 0 ? 1 : 0;
                ty += dy == 0 ? 1 : 0;
                s += dx * dy;
            }
        }
        return new long[] {s, tx, ty};
    }

    /** values from a small set (many ties, -0.0 beside 0.0) or continuous; n in [1, 300]. */
    @Provide
    Arbitrary<double[][]> pairs() {
        Arbitrary<Double> tied = Arbitraries.of(-2.0, -1.0, -0.0, 0.0, 0.5, 1.0, 3.0);
        Arbitrary<Double> smooth = Arbitraries.doubles().between(-10, 10);
        return Arbitraries.integers().between(1, 300).flatMap(n -> Arbitraries.oneOf(tied, smooth)
                .array(double[].class).ofSize(n).flatMap(x -> Arbitraries.oneOf(tied, smooth)
                        .array(double[].class).ofSize(n).map(y -> new double[][] {x, y})));
    }

    @Property(tries = 1000, seed = "20261208")
    void knightCountsEqualThePairwiseDefinition(@ForAll("pairs") double[][] xy) {
        assertArrayEquals(bruteForce(xy[0], xy[1]), KendallTau.pairCounts(xy[0], xy[1]));
    }

    @Property(tries = 300, seed = "20261209")
    void tauIsTheSameAsFromAllPairs(@ForAll("pairs") double[][] xy) {
        long[] b = bruteForce(xy[0], xy[1]);
        double n0 = xy[0].length * (xy[0].length - 1) / 2.0;
        double want = b[0] / Math.sqrt((n0 - b[1]) * (n0 - b[2]));
        KendallTau k = KendallTau.test(xy[0], xy[1]);
        if (Double.isFinite(want)) {
            assertEquals(want, k.tau, 1e-15);
        } else {
            assertTrue(Double.isNaN(k.tau));
        }
    }

    /**
     * 100,000 observations without ties: the normal approximation (the exact distribution stops at
     * {@link KendallTau#EXACT_MAX_N}); y = x reversed every other block gives a known S. Before, the exact path
     * cast the count of 2.5e9 concordant pairs to int and could not run at all.
     */
    @Test
    void aHundredThousandObservations() {
        int n = 100_000;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = (i * 7919L) % 100_003; // a permutation-like sequence without ties
        }
        KendallTau k = KendallTau.test(x, y);
        assertFalse(k.exact);
        long[] c = KendallTau.pairCounts(x, y);
        assertEquals(0, c[1]);
        assertEquals(0, c[2]);
        double n0 = n * (n - 1) / 2.0;
        assertEquals(c[0] / n0, k.tau, 1e-15);
        double z = c[0] / Math.sqrt((double) n * (n - 1) * (2.0 * n + 5) / 18);
        assertEquals(org.metaj.stats.Probabilities.normalTwoSided(z), k.pval, 1e-15);
    }
}
