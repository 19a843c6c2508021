package org.metaj.bench;

import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.metaj.multilevel.MultilevelControl;
import org.metaj.multilevel.MultilevelFit;
import org.metaj.multilevel.MultilevelModel;
import org.metaj.multilevel.RandomTerm;
import org.metaj.multilevel.SamplingCovariance;
import org.metaj.regression.DesignMatrix;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A three-level REML fit ({@code rma.mv(yi, vi, random = ~ 1 | cluster/es)}) of k effects in k/10 clusters, the
 * whole friendly path: blocks, quasi-Newton over (log sigma2_1, log sigma2_2), tests, QE, fit statistics. Data
 * simulated as {@link #simulate} says (the same as {@code compare-multilevel.sh} writes for metafor).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class MultilevelBenchmark {
    @Param({"1000"})
    public int k;

    MultilevelModel model;
    MultilevelControl control;

    @Setup
    public void setup() {
        model = simulate(k, 10, 20240501L);
        control = MultilevelControl.withDefaults();
    }

    /**
     * k effects, {@code perCluster} per cluster: y = 0.3 + u_cluster + u_es + e with sigma2 = 0.05, 0.03 and
     * sampling variances uniform on [0.01, 0.1].
     */
    static MultilevelModel simulate(int k, int perCluster, long seed) {
        Random r = new Random(seed);
        int nc = (k + perCluster - 1) / perCluster;
        double[] uc = new double[nc];
        for (int c = 0; c < nc; c++) {
            uc[c] = Math.sqrt(0.05) * r.nextGaussian();
        }
        double[] y = new double[k];
        double[] v = new double[k];
        int[] cl = new int[k];
        int[] es = new int[k];
        for (int i = 0; i < k; i++) {
            cl[i] = i / perCluster;
            es[i] = i;
            v[i] = 0.01 + 0.09 * r.nextDouble();
            y[i] = 0.3 + uc[cl[i]] + Math.sqrt(0.03) * r.nextGaussian() + Math.sqrt(v[i]) * r.nextGaussian();
        }
        return MultilevelModel.of(DesignMatrix.interceptOnly(k), y, SamplingCovariance.diagonal(v),
                List.of(new RandomTerm.Intercept("cluster", cl, nc), new RandomTerm.Intercept("cluster/es", es, k)));
    }

    @Benchmark
    public MultilevelFit fit() {
        return model.fit(control);
    }
}
