package org.metaj.bench;

import java.util.concurrent.TimeUnit;

import org.metaj.data.StudyColumns;
import org.metaj.data.Tables;
import org.metaj.datasets.Datasets;
import org.metaj.glmm.CountMeasure;
import org.metaj.glmm.Glmm;
import org.metaj.glmm.GlmmModel;
import org.metaj.glmm.GlmmResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One whole {@code rma.glmm}-equivalent fit of the 13 BCG trials (odds ratios; ML with 7-node adaptive quadrature
 * for UM.FS, Laplace for UM.RS; including the FE and saturated fits for the heterogeneity tests and I^2), as
 * metafor's {@code rma.glmm(measure = "OR", model = ...)} does it in one call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class GlmmBenchmark {
    @Param({"UM.FS", "UM.RS"})
    public String model;

    StudyColumns bcg;
    Glmm spec;

    @Setup
    public void setup() {
        bcg = Tables.toStudyColumns(Datasets.load("bcg-colditz1994"));
        spec = Glmm.of(CountMeasure.OR, GlmmModel.parse(model));
    }

    @Benchmark
    public GlmmResult fit() {
        return spec.fit(bcg);
    }
}
