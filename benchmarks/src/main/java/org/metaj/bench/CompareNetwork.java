package org.metaj.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Locale;

import org.metaj.network.ArmTable;
import org.metaj.network.NetworkMeasure;
import org.metaj.network.NetworkMetaAnalysis;
import org.metaj.network.NetworkResult;

/**
 * The metaj side of {@code benchmarks/compare-network.sh}: writes the simulated network to a CSV for R, then times
 * {@code fits} REML fits after as many warm-up fits, by wall clock and by the thread's CPU time.
 * Usage: {@code CompareNetwork OUT.csv [TREATMENTS] [STUDIES] [FITS]}.
 */
public final class CompareNetwork {
    private CompareNetwork() {
    }

    public static void main(String[] args) throws Exception {
        int t = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int k = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        int fits = args.length > 3 ? Integer.parseInt(args[3]) : 50;
        NetworkBenchData data = NetworkBenchData.simulate(t, k, 20261204L);
        data.write(Path.of(args[0]));
        ArmTable arms = ArmTable.of(data.columns(), NetworkMeasure.MD);
        NetworkMetaAnalysis spec = NetworkMetaAnalysis.of("T01");
        NetworkResult r = null;
        for (int i = 0; i < fits; i++) {
            r = spec.fit(arms);
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long c0 = mx.getCurrentThreadCpuTime();
        long w0 = System.nanoTime();
        for (int i = 0; i < fits; i++) {
            r = spec.fit(arms);
        }
        double wall = (System.nanoTime() - w0) / 1e9;
        double cpu = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
        System.out.printf(Locale.ROOT, "metaj_treatments %d%nmetaj_studies %d%nmetaj_contrasts %d%n", t, k,
                r.contrastCount());
        System.out.printf(Locale.ROOT, "metaj_tau2 %.10f%n", r.tau2());
        System.out.printf(Locale.ROOT, "metaj_seconds_per_fit_wall %.6f%nmetaj_seconds_per_fit_cpu %.6f%n",
                wall / fits, cpu / fits);
    }
}
