package org.metaj.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

import org.metaj.data.StudyColumns;

/**
 * A simulated arm-level network for the benchmarks: {@code t} treatments (T01, T02, ...), {@code k} studies of which a
 * quarter have three arms; the first {@code t - 1} studies chain T01-T02, T02-T03, ... so the network is connected.
 * Continuous outcome (mean, sd, n) with true effect 0.05 per treatment step and heterogeneity tau = 0.1. Seeded:
 * the same arguments give the same data.
 */
public final class NetworkBenchData {
    final String[] study;
    final String[] treatment;
    final double[] mean;
    final double[] sd;
    final double[] n;

    private NetworkBenchData(String[] study, String[] treatment, double[] mean, double[] sd, double[] n) {
        this.study = study;
        this.treatment = treatment;
        this.mean = mean;
        this.sd = sd;
        this.n = n;
    }

    /** @return a network of {@code t} treatments and {@code k} studies */
    public static NetworkBenchData simulate(int t, int k, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int arms = 0;
        int[] size = new int[k];
        for (int s = 0; s < k; s++) {
            size[s] = s >= t - 1 && s % 4 == 0 ? 3 : 2;
            arms += size[s];
        }
        String[] st = new String[arms];
        String[] tr = new String[arms];
        double[] m = new double[arms];
        double[] sd = new double[arms];
        double[] n = new double[arms];
        int i = 0;
        for (int s = 0; s < k; s++) {
            int[] pick = new int[size[s]];
            if (s < t - 1) {
                pick[0] = s;
                pick[1] = s + 1;
            } else {
                for (int j = 0; j < size[s]; j++) {
                    boolean dup;
                    do {
                        pick[j] = rnd.nextInt(t);
                        dup = false;
                        for (int l = 0; l < j; l++) {
                            dup |= pick[l] == pick[j];
                        }
                    } while (dup);
                }
            }
            double base = rnd.nextDouble() * 10;
            for (int j = 0; j < size[s]; j++) {
                st[i] = String.format(Locale.ROOT, "S%04d", s + 1);
                tr[i] = String.format(Locale.ROOT, "T%02d", pick[j] + 1);
                n[i] = 20 + rnd.nextInt(180);
                sd[i] = 1 + rnd.nextDouble();
                double re = j == 0 ? 0 : 0.1 * gaussian(rnd);
                m[i] = base + 0.05 * pick[j] + re + sd[i] / Math.sqrt(n[i]) * gaussian(rnd);
                i++;
            }
        }
        return new NetworkBenchData(st, tr, m, sd, n);
    }

    private static double gaussian(SplittableRandom rnd) {
        double u = rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
    }

    /** @return the arms as the CSV reader would give them */
    public StudyColumns columns() {
        int[] rows = new int[study.length];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i + 2;
        }
        return StudyColumns.builder(study.length).source("simulated-network").labels(study).rows(rows)
                .textColumn("study", study).textColumn("treatment", treatment).column("mean", mean)
                .column("sd", sd).column("n", n).build();
    }

    /** Writes the arms as CSV (study, treatment, mean, sd, n). */
    public void write(Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("study,treatment,mean,sd,n\n");
            for (int i = 0; i < study.length; i++) {
                w.write(String.format(Locale.ROOT, "%s,%s,%.17g,%.17g,%.0f%n", study[i], treatment[i], mean[i],
                        sd[i], n[i]));
            }
        }
    }
}
