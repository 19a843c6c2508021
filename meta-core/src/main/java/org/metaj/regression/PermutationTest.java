package org.metaj.regression;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.metaj.data.StudyData;
import org.metaj.fit.FitSpec;
import org.metaj.fit.Refitter;
import org.metaj.kernel.FitWorkspace;
import org.metaj.kernel.KernelFit;
import org.metaj.model.MetaResult;

/**
 * Permutation tests of a fitted meta-regression (Higgins &amp; Thompson 2004, Stat Med 23:1663, "Controlling the
 * risk of spurious findings from meta-regression"; Follmann &amp; Proschan 1999, Biometrics 55:732, for the
 * sign-flip test of a model without moderators).
 *
 * <ul>
 * <li>With moderators, the rows of the design are permuted relative to {@code (y_i, v_i)}; the exact test runs
 * through every distinct arrangement, {@code k! / prod_c n_c!} when row c of the design occurs {@code n_c} times
 * (repeated rows give repeated arrangements, counted once).</li>
 * <li>Without moderators (intercept only), the signs of the {@code y_i} are flipped; the exact test runs through
 * all {@code 2^k} sign vectors.</li>
 * </ul>
 *
 * <p>Each arrangement is refitted with the model's own estimator and test; the permutation p-value of coefficient
 * j is the proportion of arrangements with {@code |z*_j| >= |z_j|} (z or t statistic), and that of the omnibus test
 * the proportion with {@code QM* >= QM}. The observed arrangement is one of them: it is among the exact
 * enumeration, and it is the first of the Monte Carlo draws (so that a Monte Carlo p-value is never 0: Phipson
 * &amp; Smyth 2010, Stat Appl Genet Mol Biol 9:39). Comparisons allow a slack of {@code sqrt(machine epsilon)}
 * so that arrangements equivalent to the observed one count despite rounding. Arrangements whose fit fails
 * (estimator not converging) are left out, with a warning.
 *
 * <p>The exact test is used when asked for and the number of arrangements is at most the exact limit (default
 * 10^6), or whenever the number of arrangements does not exceed the Monte Carlo iterations; otherwise
 * {@code iterations} draws are taken with {@link SplittableRandom} from the seed. The refit loop is
 * allocation-free: one {@link Refitter} under the fitted model's own specification and control (its start policy:
 * metafor's default start unless the model says otherwise, as {@code permutest()} refits with {@code x$control}),
 * with the iteration limit raised to at least {@value #REFIT_MAX_ITERATIONS}.
 */
public final class PermutationTest {
    /** Default largest number of arrangements enumerated exactly. */
    public static final long DEFAULT_EXACT_LIMIT = 1_000_000L;
    /**
     * Iteration limit of the iterative tau^2 estimators in the refits. Some arrangements have a near-flat REML
     * likelihood (a stationary point close to a maximum at tau^2 = 0) on which Fisher scoring converges only
     * linearly and slowly: a few thousand steps at tolerance 1e-12, more than the default limit of one fit.
     */
    static final int REFIT_MAX_ITERATIONS = 100_000;
    /** Slack of the comparisons with the observed statistics. */
    static final double COMPARISON_TOLERANCE = Math.sqrt(Math.ulp(1.0));

    private static final PermutationTest DEFAULTS = new PermutationTest(false, 1000, 1L, DEFAULT_EXACT_LIMIT);

    private final boolean exact;
    private final int iterations;
    private final long seed;
    private final long exactLimit;

    private PermutationTest(boolean exact, int iterations, long seed, long exactLimit) {
        this.exact = exact;
        this.iterations = iterations;
        this.seed = seed;
        this.exactLimit = exactLimit;
    }

    /** @return Monte Carlo with 1000 draws (the observed one included), seed 1, exact limit 10^6 */
    public static PermutationTest withDefaults() {
        return DEFAULTS;
    }

    /** @return a copy that enumerates every arrangement (when there are at most the exact limit) */
    public PermutationTest exact() {
        return new PermutationTest(true, iterations, seed, exactLimit);
    }

    /**
     * @param n Monte Carlo draws, the observed arrangement included ({@code >= 2})
     * @return a Monte Carlo copy
     */
    public PermutationTest withIterations(int n) {
        if (n < 2) {
            throw new IllegalArgumentException("permutation iterations must be >= 2, got " + n);
        }
        return new PermutationTest(false, n, seed, exactLimit);
    }

    /** @return a copy with the seed of the Monte Carlo draws */
    public PermutationTest withSeed(long s) {
        return new PermutationTest(exact, iterations, s, exactLimit);
    }

    /** @return a copy with the largest number of arrangements enumerated exactly */
    public PermutationTest withExactLimit(long limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("exact limit must be >= 1, got " + limit);
        }
        return new PermutationTest(exact, iterations, seed, limit);
    }

    /** @return whether the exact test was asked for */
    public boolean isExact() {
        return exact;
    }

    /** @return Monte Carlo iterations */
    public int iterations() {
        return iterations;
    }

    /** @return the seed */
    public long seed() {
        return seed;
    }

    /**
     * Tests a model without moderators (sign flips), refitted as an intercept-only meta-regression with the same
     * method, test and level.
     *
     * @param fit an inverse-variance meta-analysis
     * @return the permutation p-values
     */
    public PermutationResult test(MetaResult fit) {
        StudyData d = fit.data();
        MetaRegressionResult r = MetaRegression.of(fit.spec()).fit(d, DesignMatrix.interceptOnly(d.k()));
        return test(r);
    }

    /**
     * @param fit a fitted meta-regression (or intercept-only model)
     * @return the permutation p-values
     */
    public PermutationResult test(MetaRegressionResult fit) {
        DesignMatrix x = fit.design();
        int k = fit.k();
        int p = fit.p();
        boolean intOnly = p == 1 && x.hasIntercept();
        StudyData data = fit.data();
        double[] y = data.yi();
        double[] v = data.vi();
        double[] xr = x.rowMajor();
        List<String> warnings = new ArrayList<>();

        // distinct rows of the design
        int[] cls = new int[k];
        int[] reps = new int[k];
        int nc = 0;
        int[] counts = new int[k];
        for (int i = 0; i < k; i++) {
            int c = -1;
            for (int a = 0; a < nc && c < 0; a++) {
                if (sameRow(xr, reps[a], i, p)) {
                    c = a;
                }
            }
            if (c < 0) {
                c = nc;
                reps[nc++] = i;
            }
            cls[i] = c;
            counts[c]++;
        }
        double arrangements = intOnly ? Math.pow(2, k) : multinomial(counts, nc, k);
        boolean useExact = (exact && arrangements <= exactLimit) || arrangements <= iterations;
        if (exact && !useExact) {
            warnings.add(String.format(Locale.ROOT, "exact test needs %.0f arrangements, more than the limit %d;"
                    + " %d Monte Carlo draws (seed %d) were taken instead", arrangements, exactLimit, iterations,
                    seed));
        }

        // the refits: the fitted model's own specification and control (metafor's permutest() refits with
        // x$method, x$test and x$control), with the iteration limit raised (see REFIT_MAX_ITERATIONS)
        FitSpec own = fit.spec().model().fitSpec();
        FitSpec refit = own.with(own.control().withMaxIterations(
                Math.max(REFIT_MAX_ITERATIONS, own.control().maxIterations())));
        boolean knha = own.knha();
        int from = x.hasIntercept() && p > 1 ? 1 : 0;
        int m = p - from;
        double qmDiv = knha ? m : 1;
        double[] zObs = new double[p];
        for (int j = 0; j < p; j++) {
            zObs[j] = Math.abs(fit.coefficients().get(j).statistic()) - COMPARISON_TOLERANCE;
        }
        double qmObs = fit.qm() - COMPARISON_TOLERANCE;

        Loop loop = new Loop(k, p, from, m, qmDiv, new Refitter(refit, fit.tau2(), k, p), zObs, qmObs, y, v);
        if (useExact) {
            if (intOnly) {
                long total = 1L << k;
                for (long mask = 0; mask < total; mask++) {
                    for (int i = 0; i < k; i++) {
                        loop.ys[i] = ((mask >>> i) & 1L) == 1L ? -y[i] : y[i];
                    }
                    loop.evaluate(xr, null);
                }
            } else {
                int[] labels = new int[k];
                int pos = 0;
                for (int c = 0; c < nc; c++) {
                    for (int n = 0; n < counts[c]; n++) {
                        labels[pos++] = c;
                    }
                }
                int[] rowOf = new int[k];
                do {
                    for (int i = 0; i < k; i++) {
                        rowOf[i] = reps[labels[i]];
                    }
                    loop.evaluate(xr, rowOf);
                } while (nextPermutation(labels));
            }
        } else {
            SplittableRandom rng = new SplittableRandom(seed);
            int[] rowOf = new int[k];
            for (int i = 0; i < k; i++) {
                rowOf[i] = i;
            }
            loop.evaluate(xr, intOnly ? null : rowOf);
            for (int it = 1; it < iterations; it++) {
                if (intOnly) {
                    for (int i = 0; i < k; i++) {
                        loop.ys[i] = rng.nextBoolean() ? -y[i] : y[i];
                    }
                    loop.evaluate(xr, null);
                } else {
                    for (int i = 0; i < k; i++) {
                        rowOf[i] = i;
                    }
                    for (int i = k - 1; i > 0; i--) {
                        int j = rng.nextInt(i + 1);
                        int t = rowOf[i];
                        rowOf[i] = rowOf[j];
                        rowOf[j] = t;
                    }
                    loop.evaluate(xr, rowOf);
                }
            }
        }
        if (loop.failed > 0) {
            warnings.add(String.format(Locale.ROOT, "%d of %d refits failed (estimator did not converge) and were"
                    + " left out", loop.failed, loop.failed + loop.valid));
        }
        double[] pv = new double[p];
        for (int j = 0; j < p; j++) {
            pv[j] = (double) loop.geZ[j] / loop.valid;
        }
        double qmP = (double) loop.geQ / loop.valid;
        return new PermutationResult(x.names(), pv, qmP, useExact, loop.valid, loop.failed,
                useExact ? arrangements : Double.NaN, useExact ? Double.NaN : seed, warnings);
    }

    /** The allocation-free refit of one arrangement and the running counts. */
    private static final class Loop {
        final Refitter refitter;
        final FitWorkspace ws;
        final KernelFit out;
        final int k;
        final int p;
        final int from;
        final int m;
        final double qmDiv;
        final double[] zObs;
        final double qmObs;
        final double[] ys;
        final double[] v;
        final double[] l;
        final double[] u;
        final long[] geZ;
        long geQ;
        long valid;
        long failed;

        Loop(int k, int p, int from, int m, double qmDiv, Refitter refitter, double[] zObs, double qmObs,
                double[] y, double[] v) {
            this.refitter = refitter;
            this.ws = refitter.workspace();
            this.out = refitter.kernelFit();
            this.k = k;
            this.p = p;
            this.from = from;
            this.m = m;
            this.qmDiv = qmDiv;
            this.zObs = zObs;
            this.qmObs = qmObs;
            this.ys = y.clone();
            this.v = v;
            this.l = new double[m * m];
            this.u = new double[m];
            this.geZ = new long[p];
        }

        /** Refits with effects {@code ys} and design row {@code rowOf[i]} at position i (identity if null). */
        void evaluate(double[] xr, int[] rowOf) {
            System.arraycopy(ys, 0, ws.y, 0, k);
            System.arraycopy(v, 0, ws.v, 0, k);
            if (rowOf == null) {
                System.arraycopy(xr, 0, ws.x, 0, k * p);
            } else {
                for (int i = 0; i < k; i++) {
                    System.arraycopy(xr, rowOf[i] * p, ws.x, i * p, p);
                }
            }
            if (!refitter.fitKernel(k, p, false)) {
                failed++;
                return;
            }
            double qm = Wald.statistic(out.beta, out.vb, p, from, l, u);
            if (Double.isNaN(qm)) {
                failed++;
                return;
            }
            valid++;
            for (int j = 0; j < p; j++) {
                double z = Math.abs(out.beta[j] / Math.sqrt(out.vb[j * p + j]));
                if (z >= zObs[j]) {
                    geZ[j]++;
                }
            }
            if (qm / qmDiv >= qmObs) {
                geQ++;
            }
        }
    }

    private static boolean sameRow(double[] x, int a, int b, int p) {
        for (int j = 0; j < p; j++) {
            if (Double.compare(x[a * p + j], x[b * p + j]) != 0) {
                return false;
            }
        }
        return true;
    }

    /** {@code k! / prod n_c!} as a double (exact below 2^53), by a product of binomial coefficients. */
    static double multinomial(int[] counts, int nc, int k) {
        double total = 1;
        int placed = 0;
        for (int c = 0; c < nc; c++) {
            // multiply by binom(placed + n_c, n_c)
            int n = counts[c];
            double b = 1;
            for (int i = 1; i <= n; i++) {
                b = b * (placed + i) / i;
            }
            total *= Math.rint(b);
            placed += n;
        }
        return total;
    }

    /**
     * Rearranges {@code a} into the lexicographically next permutation (Knuth, TAOCP vol. 4A, Algorithm 7.2.1.2L,
     * which visits each distinct permutation of a multiset once).
     *
     * @return false when {@code a} was the last (descending) arrangement
     */
    static boolean nextPermutation(int[] a) {
        int i = a.length - 2;
        while (i >= 0 && a[i] >= a[i + 1]) {
            i--;
        }
        if (i < 0) {
            return false;
        }
        int j = a.length - 1;
        while (a[j] <= a[i]) {
            j--;
        }
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
        for (int lo = i + 1, hi = a.length - 1; lo < hi; lo++, hi--) {
            t = a[lo];
            a[lo] = a[hi];
            a[hi] = t;
        }
        return true;
    }
}
