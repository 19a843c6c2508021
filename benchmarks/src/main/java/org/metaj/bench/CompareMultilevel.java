package org.metaj.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.metaj.multilevel.MultilevelControl;
import org.metaj.multilevel.MultilevelFit;
import org.metaj.multilevel.MultilevelModel;

/**
 * For {@code compare-multilevel.sh}: writes the simulated three-level data set of {@link MultilevelBenchmark} to a
 * CSV (columns cluster, es, yi, vi) for metafor, then times {@code fits} REML fits of it in metaj (after 200 warm-up
 * fits) and prints {@code key value} lines.
 */
public final class CompareMultilevel {
    private CompareMultilevel() {
    }

    public static void main(String[] args) throws IOException {
        int k = Integer.parseInt(args[0]);
        Path csv = Path.of(args[1]);
        int fits = Integer.parseInt(args[2]);
        MultilevelModel m = MultilevelBenchmark.simulate(k, 10, 20240501L);
        double[] y = m.yi();
        double[] v = m.samplingCovariance().variances();
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(csv))) {
            w.println("cluster,es,yi,vi");
            for (int i = 0; i < k; i++) {
                w.println(String.format(Locale.ROOT, "%d,%d,%.17g,%.17g", i / 10 + 1, i + 1, y[i], v[i]));
            }
        }
        MultilevelControl c = MultilevelControl.withDefaults();
        MultilevelFit f = null;
        for (int i = 0; i < 200; i++) {
            f = m.fit(c);
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < fits; i++) {
            f = m.fit(c);
        }
        double ms = (System.nanoTime() - t0) / 1e6 / fits;
        System.out.printf(Locale.ROOT, "metaj_ms_per_fit %.4f%n", ms);
        System.out.printf(Locale.ROOT, "metaj_sigma2 %.10f %.10f%n", f.sigma2()[0], f.sigma2()[1]);
        System.out.printf(Locale.ROOT, "metaj_logLik %.10f%n", f.logLik());
    }
}
