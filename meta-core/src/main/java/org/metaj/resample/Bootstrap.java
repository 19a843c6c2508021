package org.metaj.resample;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

import org.metaj.fit.Refitter;
import org.metaj.kernel.FitWorkspace;
import org.metaj.kernel.KernelFit;
import org.metaj.model.MetaResult;

/**
 * Bootstrap of a fitted intercept-only meta-analysis (Efron &amp; Tibshirani 1993; Davison &amp; Hinkley 1997;
 * for meta-analysis Viechtbauer 2007, Stat Med 26:37 and van den Noortgate &amp; Onghena 2005, Behav Res Methods
 * 37:11). Immutable configuration:
 * <ul>
 * <li>{@link Type#CASE}: each replicate draws k studies {@code (y_i, v_i)} with replacement;</li>
 * <li>{@link Type#PARAMETRIC}: {@code y_i* ~ N(mu_hat, v_i + tau2_hat)} with the {@code v_i} kept.</li>
 * </ul>
 * Each replicate is refitted with the fitted result's method and test on the allocation-free kernel (one
 * workspace per thread, warm-started at the full-data tau^2). Replicates whose fit fails or does not converge are
 * counted in {@link BootstrapResult#failed()}, stored as NaN and excluded from the summaries.
 *
 * <p>Reproducibility: replicates are grouped in blocks of {@link #BLOCK_SIZE}; block {@code b} draws from its own
 * {@link SplittableRandom} seeded with {@code mix64(seed + (b + 1) * 0x9E3779B97F4A7C15)} (the SplitMix64
 * finaliser, Steele, Lea &amp; Flood 2014, OOPSLA), and writes replicate {@code r} to index {@code r}. The result
 * for a given seed is therefore identical whatever the number of threads.
 */
public final class Bootstrap {
    /** What a replicate resamples. */
    public enum Type {
        /** studies drawn with replacement. */
        CASE,
        /** effects simulated from the fitted random-effects model. */
        PARAMETRIC;

        /**
         * @param name "case" or "parametric" (case-insensitive)
         * @return the type
         */
        public static Type parse(String name) {
            if (name != null) {
                switch (name.trim().toLowerCase(Locale.ROOT)) {
                    case "case":
                    case "cases":
                    case "nonparametric":
                        return CASE;
                    case "parametric":
                        return PARAMETRIC;
                    default:
                        break;
                }
            }
            throw new IllegalArgumentException("unknown bootstrap type '" + name
                    + "'; expected case or parametric");
        }
    }

    /** Replicates per random stream (part of the reproducibility contract: changing it changes the draws). */
    public static final int BLOCK_SIZE = 256;

    private static final Bootstrap DEFAULTS = new Bootstrap(Type.CASE, 1000, 1L, 1, Double.NaN, 1000);

    private final Type type;
    private final int replicates;
    private final long seed;
    private final int threads;
    private final double level;
    private final int maxIterations;

    private Bootstrap(Type type, int replicates, long seed, int threads, double level, int maxIterations) {
        this.maxIterations = maxIterations;
        this.type = type;
        this.replicates = replicates;
        this.seed = seed;
        this.threads = threads;
        this.level = level;
    }

    /** @return case bootstrap, 1000 replicates, seed 1, one thread, the fitted result's level */
    public static Bootstrap withDefaults() {
        return DEFAULTS;
    }

    /** @return a copy with the type */
    public Bootstrap withType(Type t) {
        if (t == null) {
            throw new IllegalArgumentException("bootstrap type must not be null");
        }
        return new Bootstrap(t, replicates, seed, threads, level, maxIterations);
    }

    /** @return a copy with B replicates, B >= 2 */
    public Bootstrap withReplicates(int b) {
        if (b < 2) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "the number of bootstrap replicates must be >= 2, got %d", b));
        }
        return new Bootstrap(type, b, seed, threads, level, maxIterations);
    }

    /** @return a copy with the seed */
    public Bootstrap withSeed(long s) {
        return new Bootstrap(type, replicates, s, threads, level, maxIterations);
    }

    /** @return a copy using t >= 1 threads (the answer does not depend on t) */
    public Bootstrap withThreads(int t) {
        if (t < 1) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "the number of threads must be >= 1, got %d", t));
        }
        return new Bootstrap(type, replicates, seed, t, level, maxIterations);
    }

    /**
     * @param lvl confidence level of the intervals in (0, 1) (values in (1, 100) read as percent); NaN means
     *            the fitted result's level
     * @return a copy with the level
     */
    public Bootstrap withLevel(double lvl) {
        double l = lvl > 1 && lvl < 100 ? lvl / 100 : lvl;
        if (!Double.isNaN(l)) {
            Quantiles.checkLevel(l);
        }
        return new Bootstrap(type, replicates, seed, threads, l, maxIterations);
    }

    /**
     * @param n iteration limit of the iterative tau^2 estimators in each refit (default 1000); replicates that
     *          reach it count as failed
     * @return a copy with the limit
     */
    public Bootstrap withMaxIterations(int n) {
        if (n < 1) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "the iteration limit must be >= 1, got %d", n));
        }
        return new Bootstrap(type, replicates, seed, threads, level, n);
    }

    /** @return the iteration limit of the refits */
    public int maxIterations() {
        return maxIterations;
    }

    /** @return the type */
    public Type type() {
        return type;
    }

    /** @return the number of replicates */
    public int replicates() {
        return replicates;
    }

    /** @return the seed */
    public long seed() {
        return seed;
    }

    /** @return the number of threads */
    public int threads() {
        return threads;
    }

    /** @return the level, NaN for "the fitted result's level" */
    public double level() {
        return level;
    }

    /**
     * @param fitted an intercept-only inverse-variance fit (not Mantel-Haenszel or Peto), k >= 2
     * @return the bootstrap distribution and its summaries
     */
    public BootstrapResult run(MetaResult fitted) {
        return run(fitted, null);
    }

    /**
     * @param fitted   the fit to resample
     * @param progress called (from worker threads, possibly concurrently) after each block with the number of
     *                 replicates done so far; may be null
     * @return the bootstrap distribution and its summaries
     */
    public BootstrapResult run(MetaResult fitted, IntConsumer progress) {
        Spec s = new Spec(fitted);
        double lvl = Double.isNaN(level) ? s.level : level;
        Replicates reps = new Replicates(replicates);
        int blocks = (replicates + BLOCK_SIZE - 1) / BLOCK_SIZE;
        int nt = Math.min(threads, blocks);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        Runnable worker = () -> {
            Worker w = new Worker(s, type, seed, maxIterations);
            int b;
            while ((b = next.getAndIncrement()) < blocks) {
                int from = b * BLOCK_SIZE;
                int to = Math.min(replicates, from + BLOCK_SIZE);
                w.block(b);
                w.run(from, to, reps);
                int d = done.addAndGet(to - from);
                if (progress != null) {
                    progress.accept(d);
                }
            }
        };
        if (nt <= 1) {
            worker.run();
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(nt, r -> {
                Thread t = new Thread(r, "metaj-bootstrap");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<?>> fs = new ArrayList<>();
                for (int i = 0; i < nt; i++) {
                    fs.add(pool.submit(worker));
                }
                for (Future<?> f : fs) {
                    f.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("bootstrap interrupted", e);
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof RuntimeException) {
                    throw (RuntimeException) c;
                }
                throw new IllegalStateException(c);
            } finally {
                pool.shutdownNow();
            }
        }
        double[][] loo = Jackknife.values(s);
        return new BootstrapResult(this, s, lvl, reps, loo);
    }

    /** Standard deviations {@code sqrt(v_i + tau2_hat)} of the parametric bootstrap. */
    static double[] sd(Spec s) {
        double[] sd = new double[s.k];
        double t2 = s.fitted.tau2();
        for (int i = 0; i < s.k; i++) {
            sd[i] = Math.sqrt(s.v[i] + t2);
        }
        return sd;
    }

    /** The seed of block b's random stream. */
    static long blockSeed(long seed, int block) {
        return mix64(seed + (block + 1L) * 0x9E3779B97F4A7C15L);
    }

    /** SplitMix64 finaliser (Stafford's variant 13). */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * A single-threaded replicate generator for this configuration and one fitted result: owns one workspace,
     * one kernel output and one random stream. {@link #replicate()} draws and fits one replicate without
     * allocating (the loop {@link #run} uses, and what the JMH benchmarks measure). Not thread-safe: one per
     * thread.
     *
     * @param fitted the fit to resample
     * @return a worker positioned at the start of block 0's stream
     */
    public Worker worker(MetaResult fitted) {
        return new Worker(new Spec(fitted), type, seed, maxIterations);
    }

    /** Draws and fits replicates on caller-owned state; see {@link Bootstrap#worker}. */
    public static final class Worker {
        private final Spec s;
        private final Type type;
        private final long seed;
        private final Refitter refitter;
        private final FitWorkspace ws;
        private final KernelFit out;
        private final double[] sd;
        private final double mu;
        private SplittableRandom rng;

        Worker(Spec s, Type type, long seed, int maxIterations) {
            this.s = s;
            this.type = type;
            this.seed = seed;
            this.refitter = s.bootstrapRefitter(maxIterations);
            this.ws = refitter.workspace();
            this.out = refitter.kernelFit();
            this.sd = sd(s);
            this.mu = s.fitted.estimate();
            this.rng = new SplittableRandom(blockSeed(seed, 0));
        }

        /** Positions the worker at the start of block b's random stream (allocates one generator). */
        public void block(int b) {
            rng = new SplittableRandom(blockSeed(seed, b));
        }

        /**
         * Draws the next replicate from the current stream and refits it. Allocation-free.
         *
         * @return true if the fit succeeded and converged ({@link #fit()} then holds it)
         */
        public boolean replicate() {
            final int k = s.k;
            final double[] wy = ws.y;
            final double[] wv = ws.v;
            final SplittableRandom g = rng;
            if (type == Type.CASE) {
                final double[] y = s.y;
                final double[] v = s.v;
                for (int i = 0; i < k; i++) {
                    int j = below(g, k);
                    wy[i] = y[j];
                    wv[i] = v[j];
                }
            } else {
                final double[] v = s.v;
                for (int i = 0; i < k; i++) {
                    wy[i] = mu + sd[i] * g.nextGaussian();
                    wv[i] = v[i];
                }
            }
            return Spec.fit(refitter, k);
        }

        /** @return the kernel output of the last replicate (reused; copy what you keep) */
        public KernelFit fit() {
            return out;
        }

        /** Replicates {@code [from, to)} of the current block into the arrays, NaN for failed fits. */
        void run(int from, int to, Replicates reps) {
            for (int r = from; r < to; r++) {
                if (replicate()) {
                    reps.estimate[r] = out.beta[0];
                    reps.tau2[r] = out.tau2;
                    reps.i2[r] = out.i2;
                    reps.h2[r] = out.h2;
                } else {
                    reps.estimate[r] = Double.NaN;
                    reps.tau2[r] = Double.NaN;
                    reps.i2[r] = Double.NaN;
                    reps.h2[r] = Double.NaN;
                }
            }
        }
    }

    /**
     * Uniform integer in {@code [0, n)}, unbiased, by multiply-and-reject (Lemire 2019, ACM TOMACS 29:3).
     */
    static int below(SplittableRandom rng, int n) {
        long m = (rng.nextInt() & 0xFFFFFFFFL) * n;
        long low = m & 0xFFFFFFFFL;
        if (low < n) {
            long threshold = (0x100000000L - n) % n;
            while (low < threshold) {
                m = (rng.nextInt() & 0xFFFFFFFFL) * n;
                low = m & 0xFFFFFFFFL;
            }
        }
        return (int) (m >>> 32);
    }

    /** The replicate arrays, indexed by replicate; NaN marks a failed fit. */
    static final class Replicates {
        final double[] estimate;
        final double[] tau2;
        final double[] i2;
        final double[] h2;

        Replicates(int b) {
            estimate = new double[b];
            tau2 = new double[b];
            i2 = new double[b];
            h2 = new double[b];
        }

        double[] of(Statistic st) {
            switch (st) {
                case ESTIMATE:
                    return estimate;
                case TAU2:
                    return tau2;
                case I2:
                    return i2;
                case H2:
                    return h2;
                default:
                    double[] t = new double[tau2.length];
                    for (int i = 0; i < t.length; i++) {
                        t[i] = Math.sqrt(tau2[i]);
                    }
                    return t;
            }
        }
    }
}
