package org.metaj.bias;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.metaj.data.StudyData;
import org.metaj.model.MetaAnalysis;
import org.metaj.model.MetaResult;

class TrimAndFillTest {

    /**
     * A funnel symmetric about 0.3: pairs of studies with equal variances on either side, at slightly different
     * distances (exactly mirrored pairs would tie in |y - b| and leave the ranks to rounding: metafor then imputes
     * one study on the left with L0, and so does this implementation).
     */
    static StudyData symmetric() {
        double c = 0.3;
        return StudyData.of(
                new double[] {c + 0.02, c - 0.1, c + 0.12, c - 0.26, c + 0.24, c - 0.5, c + 0.52, c - 0.71, c + 0.69},
                new double[] {0.01, 0.02, 0.02, 0.05, 0.05, 0.1, 0.1, 0.2, 0.2});
    }

    @Test
    void twoStudiesNeedAGivenSide() {
        // metafor 3.8-1: trimfill(rma(c(0.1, 0.3), c(0.01, 0.02))) stops (2 parameters, 2 observations); with
        // side = "left": k0 = 1, estimate 0.1000, tau^2 0.0159
        StudyData two = StudyData.of(org.metaj.data.StudyColumns.builder(2).source("k2.csv").build(),
                new double[] {0.1, 0.3}, new double[] {0.01, 0.02}, null, List.of());
        MetaResult m = MetaAnalysis.withDefaults().fit(two);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> TrimAndFill.withDefaults().fit(m));
        assertTrue(e.getMessage().startsWith("trim and fill with k = 2 studies cannot estimate on which side"),
                e.getMessage());
        TrimAndFill.Result left = TrimAndFill.withDefaults().with(TrimAndFill.Side.LEFT).fit(m);
        assertEquals(1, left.k0());
        assertEquals(0.1, left.estimate(), 1e-4);
    }

    @Test
    void symmetricFunnelImputesNothing() {
        // metafor 3.8-1 on the same data: trimfill(rma(y, v)) -> k0 = 0 (side "right"); with side = "left" or
        // "right" and estimator = "L0" or "R0": k0 = 0 in all four
        MetaResult m = MetaAnalysis.withDefaults().fit(symmetric());
        for (TrimAndFill.Estimator e : TrimAndFill.Estimator.values()) {
            for (TrimAndFill.Side s : new TrimAndFill.Side[] {null, TrimAndFill.Side.LEFT, TrimAndFill.Side.RIGHT}) {
                TrimAndFill.Result r = TrimAndFill.withDefaults().with(e).with(s).fit(m);
                assertEquals(0, r.k0(), e + " " + s);
                assertEquals(m.estimate(), r.estimate(), 0.0, "k0 = 0 keeps the original model");
                assertEquals(9, r.filledData().k());
            }
        }
    }

    /**
     * 60 simulated studies (seeded), true effect 0.2, no heterogeneity, v = 4/n; a study is "published" when
     * significantly positive (z > 1.96) or, otherwise, with probability 0.25: the small studies with small or
     * negative effects go missing, i.e. the funnel is truncated on the left.
     */
    static StudyData leftTruncated() {
        SplittableRandom rnd = new SplittableRandom(20260101L);
        List<double[]> kept = new ArrayList<>();
        while (kept.size() < 40) {
            double n = 20 + rnd.nextInt(300);
            double v = 4 / n;
            double y = 0.2 + Math.sqrt(v) * gaussian(rnd);
            if (y / Math.sqrt(v) > 1.96 || rnd.nextDouble() < 0.25) {
                kept.add(new double[] {y, v});
            }
        }
        double[] y = new double[kept.size()];
        double[] v = new double[kept.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = kept.get(i)[0];
            v[i] = kept.get(i)[1];
        }
        return StudyData.of(y, v);
    }

    private static double gaussian(SplittableRandom r) {
        // Box-Muller
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    @Test
    void leftTruncatedFunnelImputesOnTheLeft() {
        StudyData d = leftTruncated();
        MetaResult m = MetaAnalysis.withDefaults().fit(d);
        TrimAndFill.Result r = TrimAndFill.withDefaults().fit(m);
        assertEquals(TrimAndFill.Side.LEFT, r.side(), "small studies are missing on the left");
        assertTrue(r.k0() >= 1, "studies imputed: " + r.k0());
        assertEquals(d.k() + r.k0(), r.filledData().k());
        for (double f : r.filledYi()) {
            assertTrue(f < m.estimate(), "a filled study lies left of the estimate: " + f);
        }
        assertTrue(r.estimate() < m.estimate(), "filling lowers the estimate");
        // the mirror images: each filled effect is 2b - y of an observed one with the same variance
        double[] fy = r.filledYi();
        double[] fv = r.filledVi();
        for (int j = 0; j < fy.length; j++) {
            boolean found = false;
            for (int i = 0; i < d.k(); i++) {
                if (d.vi(i) == fv[j] && d.yi(i) > m.estimate()) {
                    found = true;
                }
            }
            assertTrue(found, "filled study " + j + " mirrors an observed study on the right");
        }
        // R0 agrees on the side
        assertEquals(TrimAndFill.Side.LEFT,
                TrimAndFill.withDefaults().with(TrimAndFill.Estimator.R0).fit(m).side());
    }

    @Test
    void libraryControlDiffersFromMetaforDefaultOnlyByConvergence() {
        StudyData d = leftTruncated();
        MetaResult m = MetaAnalysis.withDefaults().fit(d);
        TrimAndFill.Result a = TrimAndFill.withDefaults().fit(m);
        TrimAndFill.Result b = TrimAndFill.withDefaults().with(TrimAndFill.Control.LIBRARY).fit(m);
        assertEquals(a.k0(), b.k0());
        // metafor's default threshold is 1e-5 on tau^2; the estimates agree far better than that scale
        assertEquals(b.tau2(), a.tau2(), 1e-4);
        assertEquals(b.estimate(), a.estimate(), 1e-4);
        // and the LIBRARY refit equals a fresh REML fit of the filled data
        MetaResult fresh = MetaAnalysis.withDefaults().fit(b.filledData());
        assertEquals(fresh.estimate(), b.estimate(), 1e-12);
        assertEquals(fresh.tau2(), b.tau2(), 1e-12);
    }
}
