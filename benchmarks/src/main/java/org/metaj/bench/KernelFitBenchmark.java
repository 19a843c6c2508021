package org.metaj.bench;

import java.util.concurrent.TimeUnit;

import org.metaj.data.StudyData;
import org.metaj.kernel.FitKernel;
import org.metaj.kernel.FitWorkspace;
import org.metaj.kernel.KernelFit;
import org.metaj.tau2.Tau2Estimator;
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
 * Fit throughput of the allocation-free kernel per tau^2 estimator: load k simulated studies into a reused
 * workspace and fit (tau^2, coefficients, Q, I^2, H^2). Cold starts (no warm start), as a single fit would be.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class KernelFitBenchmark {
    @Param({"5", "13", "50", "500"})
    public int k;
    @Param({"DL", "REML", "PM", "SJ"})
    public String method;

    double[] y;
    double[] v;
    Tau2Estimator estimator;
    FitWorkspace ws;
    KernelFit out;

    @Setup
    public void setup() {
        StudyData d = BenchData.simulated(k, 20240501L + k);
        y = d.yi();
        v = d.vi();
        estimator = org.metaj.model.Method.parse(method).estimator();
        ws = new FitWorkspace(k, 1);
        out = new KernelFit(1);
    }

    @Benchmark
    public double fit() {
        ws.load(y, v, k);
        FitKernel.fit(ws, estimator, false, true, out);
        return out.tau2 + out.beta[0];
    }
}
