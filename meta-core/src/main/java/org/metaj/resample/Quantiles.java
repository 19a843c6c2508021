package org.metaj.resample;

import java.util.Locale;

import org.metaj.stats.Probabilities;

/** Sample quantiles and the interval formulas shared by the bootstrap summaries. */
final class Quantiles {
    private Quantiles() {
    }

    /**
     * Sample quantile of sorted data by linear interpolation between order statistics: with {@code h = (n-1)p},
     * {@code x[floor h] + (h - floor h)(x[floor h + 1] - x[floor h])} (Hyndman &amp; Fan 1996, Am Stat 50:361,
     * definition 7; R's default).
     *
     * @param sorted ascending values, n >= 1
     * @param p      probability in [0, 1]
     * @return the quantile; NaN if p is NaN or the data are empty
     */
    static double quantile(double[] sorted, double p) {
        int n = sorted.length;
        if (n == 0 || Double.isNaN(p)) {
            return Double.NaN;
        }
        if (p <= 0) {
            return sorted[0];
        }
        if (p >= 1) {
            return sorted[n - 1];
        }
        double h = (n - 1) * p;
        int lo = (int) Math.floor(h);
        if (lo >= n - 1) {
            return sorted[n - 1];
        }
        return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
    }

    /**
     * Jackknife acceleration {@code a = sum d_i^3 / (6 (sum d_i^2)^{3/2})}, {@code d_i = mean - theta_(i)}
     * (Efron &amp; Tibshirani 1993, eq. 14.15); 0 when the leave-one-out values are all equal. NaN values (failed
     * leave-one-out fits) are skipped.
     */
    static double acceleration(double[] loo) {
        double mean = 0;
        int n = 0;
        for (double t : loo) {
            if (!Double.isNaN(t)) {
                mean += t;
                n++;
            }
        }
        if (n == 0) {
            return Double.NaN;
        }
        mean /= n;
        double s2 = 0;
        double s3 = 0;
        for (double t : loo) {
            if (!Double.isNaN(t)) {
                double d = mean - t;
                s2 += d * d;
                s3 += d * d * d;
            }
        }
        return s2 > 0 ? s3 / (6 * Math.pow(s2, 1.5)) : 0.0;
    }

    /**
     * BCa interval (Efron 1987; Efron &amp; Tibshirani 1993, eq. 14.9-14.10): bias correction
     * {@code z0 = Phi^-1((#{theta* < theta} + #{theta* = theta}/2) / n)} (ties counted half, so that a point
     * mass at the observed value, e.g. tau^2 = 0, does not make z0 infinite), adjusted levels
     * {@code Phi(z0 + (z0 + z)/(1 - a(z0 + z)))} for {@code z = z_{alpha/2}, z_{1-alpha/2}}, and the sample
     * quantiles at those levels. NaN bounds when {@code z0} is infinite (all replicates on one side), the
     * acceleration is undefined, or {@code 1 - a(z0 + z) <= 0}.
     */
    static double[] bca(double[] sorted, double observed, double a, double level) {
        int n = sorted.length;
        if (n == 0 || Double.isNaN(a) || Double.isNaN(observed)) {
            return new double[] {Double.NaN, Double.NaN};
        }
        int less = 0;
        int equal = 0;
        for (double t : sorted) {
            if (t < observed) {
                less++;
            } else if (t == observed) {
                equal++;
            }
        }
        double p0 = (less + 0.5 * equal) / n;
        if (!(p0 > 0 && p0 < 1)) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double z0 = Probabilities.normalQuantile(p0);
        double alpha = 1 - level;
        double[] ci = new double[2];
        double[] z = {Probabilities.normalQuantile(alpha / 2), Probabilities.normalQuantile(1 - alpha / 2)};
        for (int j = 0; j < 2; j++) {
            double zz = z0 + z[j];
            double den = 1 - a * zz;
            if (!(den > 0)) {
                // the adjusted level is undefined when the acceleration is this large
                ci[j] = Double.NaN;
                continue;
            }
            double adj = Probabilities.normalCdf(z0 + zz / den);
            ci[j] = quantile(sorted, adj);
        }
        return ci;
    }

    /**
     * Sorts NaN-free values ascending, in the order of {@link java.util.Arrays#sort(double[])} ({@code -0.0} before
     * {@code 0.0}). Large arrays (2^16 or more: the replicates of a long bootstrap) use an LSD radix sort on the IEEE 754 bits,
     * mapped to unsigned order (sign bit flipped for positives, all bits for negatives), 16 bits per pass: four
     * linear passes instead of {@code n log n} comparisons.
     */
    static void sort(double[] a) {
        int n = a.length;
        if (n < (1 << 16)) {
            java.util.Arrays.sort(a);
            return;
        }
        long[] key = new long[n];
        long[] tmp = new long[n];
        for (int i = 0; i < n; i++) {
            long b = Double.doubleToRawLongBits(a[i]);
            key[i] = b ^ ((b >> 63) | Long.MIN_VALUE);
        }
        int[] count = new int[1 << 16];
        for (int shift = 0; shift < 64; shift += 16) {
            java.util.Arrays.fill(count, 0);
            for (int i = 0; i < n; i++) {
                count[(int) ((key[i] >>> shift) & 0xFFFF)]++;
            }
            if (count[(int) ((key[0] >>> shift) & 0xFFFF)] == n) {
                continue; // every key has this digit: the pass would not move anything
            }
            int sum = 0;
            for (int d = 0; d < count.length; d++) {
                int c = count[d];
                count[d] = sum;
                sum += c;
            }
            for (int i = 0; i < n; i++) {
                long k = key[i];
                tmp[count[(int) ((k >>> shift) & 0xFFFF)]++] = k;
            }
            long[] t = key;
            key = tmp;
            tmp = t;
        }
        for (int i = 0; i < n; i++) {
            long k = key[i];
            // undo the mapping: keys with the top bit set were non-negative
            long b = k < 0 ? k ^ Long.MIN_VALUE : ~k;
            a[i] = Double.longBitsToDouble(b);
        }
    }

    static void checkLevel(double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "confidence level must be in (0, 1), got %s", level));
        }
    }
}
