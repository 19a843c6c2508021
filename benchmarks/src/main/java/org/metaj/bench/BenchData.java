package org.metaj.bench;

import java.util.SplittableRandom;

import org.metaj.data.StudyData;
import org.metaj.data.Tables;
import org.metaj.datasets.Datasets;
import org.metaj.data.EffectMeasure;
import org.metaj.effect.EffectSizes;

import tech.tablesaw.api.Table;

/** Inputs shared by the benchmarks: the BCG vaccine trials and simulated studies. */
public final class BenchData {
    private BenchData() {
    }

    /** @return the 13 BCG trials (Colditz et al. 1994) as log risk ratios, metafor's escalc(measure = "RR") */
    public static StudyData bcg() {
        Table t = Datasets.load("bcg-colditz1994");
        return EffectSizes.withDefaults().compute(EffectMeasure.RR, Tables.toStudyColumns(t)).toStudyData();
    }

    /** @return the absolute latitude moderator of the BCG trials, in study order */
    public static double[] bcgLatitude() {
        Table t = Datasets.load("bcg-colditz1994");
        double[] x = new double[t.rowCount()];
        for (int i = 0; i < x.length; i++) {
            x[i] = ((Number) t.column("ablat").get(i)).doubleValue();
        }
        return x;
    }

    /**
     * @param k    number of studies
     * @param seed seed
     * @return simulated random-effects data: {@code v_i ~ U(0.01, 0.2)}, {@code y_i ~ N(0.3, v_i + 0.05)}
     */
    public static StudyData simulated(int k, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] y = new double[k];
        double[] v = new double[k];
        for (int i = 0; i < k; i++) {
            v[i] = 0.01 + 0.19 * rng.nextDouble();
            y[i] = 0.3 + Math.sqrt(v[i] + 0.05) * rng.nextGaussian();
        }
        return StudyData.of(y, v);
    }
}
