package org.metaj.bench;

import java.util.concurrent.TimeUnit;

import org.metaj.data.StudyData;
import org.metaj.model.MetaAnalysis;
import org.metaj.model.MetaResult;
import org.metaj.model.Method;
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
 * The friendly API for contrast with {@link KernelFitBenchmark}: {@code MetaAnalysis.fit} builds a full immutable
 * result (weights, p-values, intervals; optionally the Q-profile interval of tau^2, which costs two root
 * searches).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class FriendlyApiBenchmark {
    @Param({"5", "13", "50", "500"})
    public int k;
    @Param({"DL", "REML", "PM", "SJ"})
    public String method;
    @Param({"false", "true"})
    public boolean tau2Interval;

    StudyData data;
    MetaAnalysis analysis;

    @Setup
    public void setup() {
        data = BenchData.simulated(k, 20240501L + k);
        analysis = MetaAnalysis.withDefaults().with(Method.parse(method)).withTau2Interval(tau2Interval);
    }

    @Benchmark
    public MetaResult fit() {
        return analysis.fit(data);
    }
}
