package org.metaj.bench;

import java.util.concurrent.TimeUnit;

import org.metaj.model.MetaAnalysis;
import org.metaj.model.MetaResult;
import org.metaj.model.Method;
import org.metaj.resample.Bootstrap;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Bootstrap replicate throughput on the BCG log risk ratios (k = 13): one replicate per operation (draw + REML
 * refit on the allocation-free kernel), single-threaded and on all hardware threads (one worker per thread), and
 * whole {@link Bootstrap#run} calls of 10,000 replicates (score in replicates per second).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BootstrapBenchmark {

    /** One worker per benchmark thread. */
    @State(Scope.Thread)
    public static class WorkerState {
        @Param({"case", "parametric"})
        public String type;
        @Param({"REML"})
        public String method;
        Bootstrap.Worker worker;

        @Setup
        public void setup() {
            MetaResult fit = MetaAnalysis.withDefaults().with(Method.parse(method)).fit(BenchData.bcg());
            worker = Bootstrap.withDefaults().withType(Bootstrap.Type.parse(type))
                    .withSeed(Thread.currentThread().getId()).worker(fit);
        }
    }

    /** A fitted result and a configuration for whole runs. */
    @State(Scope.Benchmark)
    public static class RunState {
        @Param({"1", "0"})
        public int threads;
        MetaResult fit;
        Bootstrap boot;

        @Setup
        public void setup() {
            fit = MetaAnalysis.withDefaults().with(Method.REML).fit(BenchData.bcg());
            int t = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
            boot = Bootstrap.withDefaults().withReplicates(10_000).withSeed(42).withThreads(t);
        }
    }

    /** One case/parametric replicate, single thread. */
    @Benchmark
    public double replicate(WorkerState s) {
        s.worker.replicate();
        return s.worker.fit().tau2;
    }

    /** One replicate per operation on every hardware thread (aggregate score). */
    @Benchmark
    @Threads(Threads.MAX)
    public double replicateAllThreads(WorkerState s) {
        s.worker.replicate();
        return s.worker.fit().tau2;
    }

    /** A whole 10,000-replicate run (threads = 0 means all processors); score in replicates per second. */
    @Benchmark
    @OperationsPerInvocation(10_000)
    public Object run(RunState s) {
        return s.boot.run(s.fit);
    }
}
