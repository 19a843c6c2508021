package org.metaj.bias;

import java.util.Arrays;

/**
 * Kendall's rank correlation tau-b with its test of independence (Kendall 1938, Biometrika 30:81; Kendall 1970,
 * Rank Correlation Methods, 4th ed., ch. 4). Without ties the p-value is exact: under independence the number
 * of concordant pairs {@code T} has the distribution of the number of inversions of a random permutation, whose
 * counts follow the recursion {@code I(n, t) = sum_{j=0}^{min(t, n-1)} I(n-1, t-j)}, {@code I(1, 0) = 1}; the
 * two-sided p-value is twice the smaller tail at the observed {@code T} (at most 1). With ties it is the normal
 * approximation {@code z = S / sqrt(var S)} with {@code S = tau_b sqrt((n0 - n1)(n0 - n2))} and the tie-corrected
 * variance
 * {@code var S = (v0 - vt - vu)/18 + v1/(2n(n-1)) + v2/(9n(n-1)(n-2))} of Kendall (1970, eq. 4.4), no continuity
 * correction. This is the test R's {@code cor.test(method = "kendall", exact = TRUE)} performs, except that above
 * {@link #EXACT_MAX_N} observations without ties the normal approximation replaces the exact distribution. The
 * pair counts take {@code O(n log n)} time (Knight 1966, {@link #pairCounts}): 100,000 studies in well under a
 * second, where counting all pairs took 109 s.
 */
final class KendallTau {
    final double tau;
    final double pval;
    final boolean exact;

    private KendallTau(double tau, double pval, boolean exact) {
        this.tau = tau;
        this.pval = pval;
        this.exact = exact;
    }

    /**
     * Above this many pairs of observations the exact null distribution ({@link #lowerTail}, {@code O(n q)} time
     * with {@code q} up to {@code n^2/4}) is replaced by the normal approximation without ties: about 0.3 s at
     * n = 1000. R's {@code cor.test(exact = TRUE)} (which metafor's {@code ranktest} asks for) has no such limit and
     * does not finish at n = 100,000.
     */
    static final int EXACT_MAX_N = 1000;

    /**
     * Kendall's statistic {@code S = concordant - discordant} in {@code O(n log n)} (Knight 1966, J Am Stat Assoc
     * 61:436): sort the pairs by x, breaking ties in x by y; the discordant pairs are then the exchanges a stable
     * merge sort of the y sequence makes, and with {@code n1} pairs tied in x, {@code n2} tied in y and {@code n3}
     * tied in both, {@code S = n0 - n1 - n2 + n3 - 2 exchanges}, {@code n0 = n(n-1)/2}. A pair is tied when its
     * values compare equal ({@code ==}, so -0.0 ties with 0.0), as in the pairwise definition.
     *
     * @return {@code {S, n1, n2}} as longs
     */
    static long[] pairCounts(double[] x, double[] y) {
        int n = x.length;
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        int[] buf = new int[n];
        sortByXThenY(idx, buf, x, y);
        double[] ys = new double[n];
        long n1 = 0;
        long n3 = 0;
        long runX = 1;
        long runXY = 1;
        for (int i = 0; i < n; i++) {
            ys[i] = y[idx[i]];
            if (i > 0) {
                double xa = x[idx[i - 1]];
                double xb = x[idx[i]];
                if (xa == xb) {
                    runX++;
                    runXY = ys[i - 1] == ys[i] ? runXY + 1 : 1;
                } else {
                    runX = 1;
                    runXY = 1;
                }
                n1 += runX - 1; // the new element ties with the runX - 1 before it
                n3 += runXY - 1;
            }
        }
        long exchanges = mergeCount(ys, new double[n]);
        long n2 = 0;
        long runY = 1;
        for (int i = 1; i < n; i++) {
            runY = ys[i] == ys[i - 1] ? runY + 1 : 1;
            n2 += runY - 1;
        }
        long n0 = (long) n * (n - 1) / 2;
        return new long[] {n0 - n1 - n2 + n3 - 2 * exchanges, n1, n2};
    }

    /** stable bottom-up merge sort of the indices by (x, y) with {@code <} (not {@code Double.compare}). */
    private static void sortByXThenY(int[] idx, int[] buf, double[] x, double[] y) {
        int n = idx.length;
        int[] src = idx;
        int[] dst = buf;
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                int i = lo;
                int j = mid;
                int o = lo;
                while (i < mid && j < hi) {
                    int a = src[i];
                    int b = src[j];
                    // take b first only if it is strictly smaller: stability
                    if (x[b] < x[a] || (x[b] == x[a] && y[b] < y[a])) {
                        dst[o++] = b;
                        j++;
                    } else {
                        dst[o++] = a;
                        i++;
                    }
                }
                while (i < mid) {
                    dst[o++] = src[i++];
                }
                while (j < hi) {
                    dst[o++] = src[j++];
                }
            }
            int[] t = src;
            src = dst;
            dst = t;
        }
        if (src != idx) {
            System.arraycopy(src, 0, idx, 0, n);
        }
    }

    /**
     * Sorts {@code a} ascending by a stable bottom-up merge sort and returns the number of exchanges, i.e. of pairs
     * {@code i < j} with {@code a[i] > a[j]} (equal values are not counted).
     */
    private static long mergeCount(double[] a, double[] buf) {
        int n = a.length;
        double[] src = a;
        double[] dst = buf;
        long swaps = 0;
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                int i = lo;
                int j = mid;
                int o = lo;
                while (i < mid && j < hi) {
                    if (src[j] < src[i]) {
                        swaps += mid - i; // src[j] passes every element left in the left run
                        dst[o++] = src[j++];
                    } else {
                        dst[o++] = src[i++];
                    }
                }
                while (i < mid) {
                    dst[o++] = src[i++];
                }
                while (j < hi) {
                    dst[o++] = src[j++];
                }
            }
            double[] t = src;
            src = dst;
            dst = t;
        }
        if (src != a) {
            System.arraycopy(src, 0, a, 0, n);
        }
        return swaps;
    }

    static KendallTau test(double[] x, double[] y) {
        int n = x.length;
        long[] c = pairCounts(x, y);
        long sStat = c[0];
        long tx = c[1];
        long ty = c[2];
        double n0 = n * (n - 1) / 2.0;
        double tau = sStat / Math.sqrt((n0 - tx) * (n0 - ty));
        if (!Double.isFinite(tau)) {
            return new KendallTau(Double.NaN, Double.NaN, false);
        }
        boolean ties = tx > 0 || ty > 0;
        if (!ties && n > EXACT_MAX_N) {
            double varS = (double) n * (n - 1) * (2.0 * n + 5) / 18;
            return new KendallTau(tau, org.metaj.stats.Probabilities.normalTwoSided(sStat / Math.sqrt(varS)), false);
        }
        if (!ties) {
            long conc = ((long) n * (n - 1) / 2 + sStat) / 2; // no ties: conc + disc = n0, conc - disc = S
            long q = conc; // = (tau + 1) n (n - 1) / 4 without ties
            long total = (long) n * (n - 1) / 2;
            double p;
            if (q > n * (n - 1) / 4.0) {
                p = lowerTail(total - q, n); // P(T >= q) = P(T <= N - q) by symmetry
            } else {
                p = lowerTail(q, n);
            }
            return new KendallTau(tau, Math.min(2 * p, 1), true);
        }
        double[] xt = tieSizes(x);
        double[] yt = tieSizes(y);
        double t1 = 0;
        double t2 = 0;
        double vt = 0;
        double vu = 0;
        double a1 = 0;
        double a2 = 0;
        double b1 = 0;
        double b2 = 0;
        for (double t : xt) {
            t1 += t * (t - 1) / 2;
            vt += t * (t - 1) * (2 * t + 5);
            a1 += t * (t - 1);
            a2 += t * (t - 1) * (t - 2);
        }
        for (double t : yt) {
            t2 += t * (t - 1) / 2;
            vu += t * (t - 1) * (2 * t + 5);
            b1 += t * (t - 1);
            b2 += t * (t - 1) * (t - 2);
        }
        double s = tau * Math.sqrt((n0 - t1) * (n0 - t2));
        double v0 = (double) n * (n - 1) * (2 * n + 5);
        double varS = (v0 - vt - vu) / 18 + a1 * b1 / (2.0 * n * (n - 1)) + a2 * b2 / (9.0 * n * (n - 1) * (n - 2));
        double z = s / Math.sqrt(varS);
        return new KendallTau(tau, org.metaj.stats.Probabilities.normalTwoSided(z), false);
    }

    /** sizes (>= 2) of the groups of tied values. */
    private static double[] tieSizes(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        double[] out = new double[s.length];
        int m = 0;
        int run = 1;
        for (int i = 1; i <= s.length; i++) {
            if (i < s.length && s[i] == s[i - 1]) {
                run++;
            } else {
                if (run > 1) {
                    out[m++] = run;
                }
                run = 1;
            }
        }
        return Arrays.copyOf(out, m);
    }

    /**
     * {@code P(T <= q)} for the number of inversions T of a uniformly random permutation of n, from the recursion
     * on probabilities {@code P_n(t) = (1/n) sum_{j=0}^{n-1} P_{n-1}(t-j)} (prefix sums; no overflow for any n).
     */
    static double lowerTail(long q, int n) {
        if (q < 0) {
            return 0;
        }
        long total = (long) n * (n - 1) / 2;
        if (q >= total) {
            return 1;
        }
        int qq = (int) q;
        // only t <= q matters: P_n(t) depends on P_{n-1}(t') for t' <= t
        double[] p = new double[qq + 1];
        double[] next = new double[qq + 1];
        double[] prefix = new double[qq + 2];
        p[0] = 1;
        for (int m = 2; m <= n; m++) {
            prefix[0] = 0;
            for (int t = 0; t <= qq; t++) {
                prefix[t + 1] = prefix[t] + p[t];
            }
            for (int t = 0; t <= qq; t++) {
                int lo = Math.max(0, t - (m - 1));
                next[t] = (prefix[t + 1] - prefix[lo]) / m;
            }
            double[] tmp = p;
            p = next;
            next = tmp;
        }
        double s = 0;
        for (int t = 0; t <= qq; t++) {
            s += p[t];
        }
        return s;
    }
}
