package org.metaj.bench;

import java.util.concurrent.TimeUnit;

import org.metaj.network.ArmTable;
import org.metaj.network.NetworkMeasure;
import org.metaj.network.NetworkMetaAnalysis;
import org.metaj.network.NetworkResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One network meta-analysis of simulated arm-level data ({@link NetworkBenchData}): the whole
 * {@code NetworkMetaAnalysis.fit} — contrasts, the REML (or FE) consistency model, the Q decomposition, the
 * design-by-treatment model and every node-split.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class NetworkBenchmark {
    @Param({"50"})
    int treatments;

    @Param({"1000"})
    int studies;

    @Param({"REML", "FE"})
    String method;

    ArmTable arms;
    NetworkMetaAnalysis spec;

    @Setup(Level.Trial)
    public void setUp() {
        arms = ArmTable.of(NetworkBenchData.simulate(treatments, studies, 20261204L).columns(), NetworkMeasure.MD);
        spec = NetworkMetaAnalysis.of("T01").with(NetworkMetaAnalysis.Method.parse(method));
    }

    @Benchmark
    public NetworkResult fit() {
        return spec.fit(arms);
    }
}
