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
 * correction. This is the test R's {@code cor.test(method = "kendall", exact = TRUE)} performs.
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

    static KendallTau test(double[] x, double[] y) {
        int n = x.length;
        long conc = 0;
        long disc = 0;
        long tx = 0;
        long ty = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double dx = Math.signum(x[i] - x[j]);
                double dy = Math.signum(y[i] - y[j]);
                if (dx == 0) {
                    tx++;
                }
                if (dy == 0) {
                    ty++;
                }
                double s = dx * dy;
                if (s > 0) {
                    conc++;
                } else if (s < 0) {
                    disc++;
                }
            }
        }
        double n0 = n * (n - 1) / 2.0;
        double tau = (conc - disc) / Math.sqrt((n0 - tx) * (n0 - ty));
        if (!Double.isFinite(tau)) {
            return new KendallTau(Double.NaN, Double.NaN, false);
        }
        boolean ties = distinct(x) < n || distinct(y) < n;
        if (!ties) {
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

    private static int distinct(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        int d = s.length > 0 ? 1 : 0;
        for (int i = 1; i < s.length; i++) {
            if (s[i] != s[i - 1]) {
                d++;
            }
        }
        return d;
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
