package org.metaj.bench;

import java.util.concurrent.TimeUnit;

import org.metaj.bias.BeggTest;
import org.metaj.data.StudyData;
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
 * Begg and Mazumdar's rank correlation test ({@code BeggTest.test}: standardised deviates, then Kendall's tau and
 * its p-value) on k simulated studies. Issue 19: the pairwise count took 109 s at k = 100,000; Knight's (1966)
 * O(k log k) count replaces it. Average time per test.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@State(Scope.Thread)
public class BeggBenchmark {
    @Param({"1000", "10000", "100000"})
    public int k;

    StudyData data;

    @Setup
    public void setup() {
        data = BenchData.simulated(k, 20240501L + k);
    }

    @Benchmark
    public double test() {
        BeggTest t = BeggTest.test(data);
        return t.tau() + t.pval();
    }
}
