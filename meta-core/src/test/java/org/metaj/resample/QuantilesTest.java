package org.metaj.resample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class QuantilesTest {
    /** The radix sort of large arrays gives exactly Arrays.sort's order, signed zeros and infinities included. */
    @Test
    void radixSortMatchesArraysSort() {
        SplittableRandom g = new SplittableRandom(8);
        for (int n : new int[] {10, 4096, 1 << 16, 100_000}) {
            double[] a = new double[n];
            for (int i = 0; i < n; i++) {
                switch (g.nextInt(8)) {
                    case 0:
                        a[i] = 0.0;
                        break;
                    case 1:
                        a[i] = -0.0;
                        break;
                    case 2:
                        a[i] = g.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
                        break;
                    case 3:
                        a[i] = (g.nextBoolean() ? 1 : -1) * Double.MIN_VALUE * g.nextInt(1, 100);
                        break;
                    default:
                        a[i] = g.nextGaussian() * Math.pow(10, g.nextInt(-300, 300));
                        break;
                }
            }
            double[] want = a.clone();
            Arrays.sort(want);
            Quantiles.sort(a);
            assertArrayEquals(want, a, 0.0);
            for (int i = 0; i < n; i++) {
                assertEquals(Double.doubleToRawLongBits(want[i]), Double.doubleToRawLongBits(a[i]), "index " + i);
            }
        }
        double[] same = new double[70_000];
        Arrays.fill(same, 0.25);
        Quantiles.sort(same);
        assertEquals(0.25, same[69_999], 0.0);
    }

    /** R: quantile(c(1, 2, 4, 8), c(0, 0.1, 0.5, 0.9, 1)) = 1.0 1.3 3.0 6.8 8.0 (type 7). */
    @Test
    void type7QuantileMatchesR() {
        double[] x = {1, 2, 4, 8};
        assertEquals(1.0, Quantiles.quantile(x, 0), 1e-15);
        assertEquals(1.3, Quantiles.quantile(x, 0.1), 1e-15);
        assertEquals(3.0, Quantiles.quantile(x, 0.5), 1e-15);
        assertEquals(6.8, Quantiles.quantile(x, 0.9), 1e-15);
        assertEquals(8.0, Quantiles.quantile(x, 1), 1e-15);
    }
}
