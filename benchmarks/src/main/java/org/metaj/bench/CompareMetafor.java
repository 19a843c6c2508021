package org.metaj.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

import org.metaj.data.StudyData;
import org.metaj.model.MetaAnalysis;
import org.metaj.model.MetaResult;
import org.metaj.resample.Bootstrap;
import org.metaj.resample.BootstrapResult;
import org.metaj.resample.Statistic;

/**
 * The metaj half of {@code compare-metafor.sh}: a single-threaded case bootstrap of the BCG log risk ratios
 * (REML, k = 13), after a warm-up of the same size, timed by wall clock and by the thread's CPU time: the
 * replicate loop of {@link Bootstrap.Worker} (what {@link Bootstrap#run} runs per block; comparable with the R loop,
 * which keeps the fits), and the whole {@link Bootstrap#run} (which also sorts and summarises). Prints {@code key value} lines the script parses.
 *
 * <p>Usage: {@code java -cp benchmarks.jar org.metaj.bench.CompareMetafor [B] [seed]} (default B = 1,000,000).
 */
public final class CompareMetafor {
    private CompareMetafor() {
    }

    public static void main(String[] args) {
        int b = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 20240501L;
        StudyData bcg = BenchData.bcg();
        MetaResult fit = MetaAnalysis.withDefaults().fit(bcg);
        Bootstrap boot = Bootstrap.withDefaults().withReplicates(b).withSeed(seed).withThreads(1);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        // 1. the replicate loop (draw 13 rows, REML refit, keep the estimate and tau2), as the R loop does
        Bootstrap.Worker w = boot.worker(fit);
        double[] est = new double[b];
        double[] tau2 = new double[b];
        loop(boot.withSeed(seed + 1).worker(fit), est, tau2); // warm-up on another stream: JIT-compile the loop
        w = boot.worker(fit);
        long cpu0 = mx.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        int failed = loop(w, est, tau2);
        long wall = System.nanoTime() - t0;
        long cpu = mx.getCurrentThreadCpuTime() - cpu0;
        // 2. end to end: Bootstrap.run, which also sorts the replicates of five statistics and computes the
        //    jackknife and four interval types
        boot.withSeed(seed + 1).run(fit);
        long cpu1 = mx.getCurrentThreadCpuTime();
        long t1 = System.nanoTime();
        BootstrapResult r = boot.run(fit);
        long wallRun = System.nanoTime() - t1;
        long cpuRun = mx.getCurrentThreadCpuTime() - cpu1;
        System.out.printf(Locale.ROOT, "metaj_observed_tau2 %.10f%n", fit.tau2());
        System.out.printf(Locale.ROOT, "metaj_replicates %d%n", b);
        System.out.printf(Locale.ROOT, "metaj_failed %d%n", failed);
        System.out.printf(Locale.ROOT, "metaj_se_estimate %.6f%n", r.summary(Statistic.ESTIMATE).se());
        System.out.printf(Locale.ROOT, "metaj_mean_tau2 %.6f%n", r.summary(Statistic.TAU2).mean());
        System.out.printf(Locale.ROOT, "metaj_wall_seconds %.6f%n", wall / 1e9);
        System.out.printf(Locale.ROOT, "metaj_cpu_seconds %.6f%n", cpu / 1e9);
        System.out.printf(Locale.ROOT, "metaj_rate_wall %.1f%n", b / (wall / 1e9));
        System.out.printf(Locale.ROOT, "metaj_rate_cpu %.1f%n", b / (cpu / 1e9));
        System.out.printf(Locale.ROOT, "metaj_run_rate_wall %.1f%n", b / (wallRun / 1e9));
        System.out.printf(Locale.ROOT, "metaj_run_rate_cpu %.1f%n", b / (cpuRun / 1e9));
    }

    private static int loop(Bootstrap.Worker w, double[] est, double[] tau2) {
        int failed = 0;
        for (int i = 0; i < est.length; i++) {
            if ((i & (Bootstrap.BLOCK_SIZE - 1)) == 0) {
                w.block(i / Bootstrap.BLOCK_SIZE);
            }
            if (w.replicate()) {
                est[i] = w.fit().beta[0];
                tau2[i] = w.fit().tau2;
            } else {
                est[i] = Double.NaN;
                tau2[i] = Double.NaN;
                failed++;
            }
        }
        return failed;
    }
}
