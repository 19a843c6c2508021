package org.metaj.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.metaj.fit.NonConvergenceException;
import org.metaj.data.StudyData;

/**
 * Extreme scales, non-convergence policies and concurrent fitting. Expected values are derived from fits on
 * rescaled data (exact identities: y * c, v * c^2 multiplies the estimate, se and bounds by c and tau^2 by c^2),
 * not from R.
 */
class NumericalRobustnessTest {
    /** The BCG vaccine trials (metadat dat.bcg, log risk ratios; escalc("RR", ...), rounded to 4 digits). */
    static final double[] Y = {-0.8893, -1.5854, -1.3481, -1.4416, -0.2175, -0.7861, -1.6209, 0.0120, -0.4694,
        -1.3713, -0.3394, 0.4459, -0.0173};
    static final double[] V = {0.3256, 0.1946, 0.4154, 0.0200, 0.0512, 0.0069, 0.2230, 0.0040, 0.0564, 0.0730,
        0.0124, 0.5325, 0.0714};

    private static void rel(double want, double got, String what) {
        assertTrue(Double.isFinite(got), what + " not finite: " + got);
        assertTrue(Math.abs(got - want) <= 1e-7 * Math.abs(want) + 1e-300,
                () -> what + ": want " + want + ", got " + got);
    }

    private static StudyData scaled(double c, double shift) {
        double[] y = new double[Y.length];
        double[] v = new double[V.length];
        for (int i = 0; i < Y.length; i++) {
            y[i] = Y[i] * c + shift;
            v[i] = V[i] * c * c;
        }
        return StudyData.of(y, v);
    }

    /** @return every inverse-variance method of the registry */
    static java.util.stream.Stream<Method> inverseVarianceMethods() {
        return Method.where(Method::isInverseVariance).stream();
    }

    /** Variances from 1e-12 to 1e12 (c = 1e-6 .. 1e6): finite, and exactly the rescaled unit-scale fit. */
    @ParameterizedTest
    @MethodSource("inverseVarianceMethods")
    void extremeScalesGiveTheRescaledFit(Method m) {
        MetaAnalysis ma = MetaAnalysis.withDefaults().with(m).withTau2Interval(false);
        MetaResult unit = ma.fit(scaled(1, 0));
        for (double c : new double[] {1e-6, 1e-3, 1e3, 1e6}) {
            MetaResult r = ma.fit(scaled(c, 0));
            String at = m + " c=" + c;
            rel(unit.estimate() * c, r.estimate(), at + " estimate");
            rel(unit.se() * c, r.se(), at + " se");
            rel(unit.ciLb() * c, r.ciLb(), at + " ci_lb");
            if (unit.tau2() > 0) {
                rel(unit.tau2() * c * c, r.tau2(), at + " tau2");
            } else {
                assertEquals(0.0, r.tau2(), at);
            }
            rel(unit.q(), r.q(), at + " Q");
            rel(unit.i2(), r.i2(), at + " I2");
            rel(unit.pval(), r.pval(), at + " pval");
        }
    }

    /** Effects around 1e6 (shift), unit variances: tau2 and se unchanged, estimate shifted. */
    @ParameterizedTest
    @MethodSource("inverseVarianceMethods")
    void largeEffectsGiveTheShiftedFit(Method m) {
        MetaAnalysis ma = MetaAnalysis.withDefaults().with(m).withTau2Interval(false);
        MetaResult unit = ma.fit(scaled(1, 0));
        MetaResult r = ma.fit(scaled(1, 1e6));
        // y ~ 1e6 carries about 1e6 * 1e-16 = 1e-10 absolute error per study: estimate relative error ~1e-16
        rel(unit.estimate() + 1e6, r.estimate(), m + " estimate");
        assertTrue(Math.abs(r.tau2() - unit.tau2()) <= 1e-7 * Math.max(unit.tau2(), 0.01), m + " tau2 "
                + r.tau2() + " vs " + unit.tau2());
        assertTrue(Math.abs(r.se() - unit.se()) <= 1e-7 * unit.se(), m + " se");
    }

    /** Variances spanning 1e-12 .. 1e12 within one dataset: finite and ordered. */
    @ParameterizedTest
    @MethodSource("inverseVarianceMethods")
    void variancesSpanningTwentyFourOrdersOfMagnitude(Method m) {
        double[] y = {0.1, 0.3, -0.2, 0.5, 0.05};
        double[] v = {1e-12, 1e-6, 1, 1e6, 1e12};
        MetaResult r = MetaAnalysis.withDefaults().with(m).fit(StudyData.of(y, v));
        assertTrue(Double.isFinite(r.estimate()) && Double.isFinite(r.se()) && r.tau2() >= 0, r::toString);
        assertTrue(r.ciLb() <= r.estimate() && r.estimate() <= r.ciUb());
        double sw = 0;
        for (double w : r.weights()) {
            sw += w;
        }
        assertEquals(100, sw, 1e-9);
        if (m == Method.FE) {
            // the 1e-12 study dominates: estimate = 0.1 to within (1e-12/1e-6) relative
            assertEquals(0.1, r.estimate(), 1e-6);
        }
    }

    private static final StudyData HETEROGENEOUS = scaled(1, 0);

    @Test
    void nonConvergenceReportIsAStatusAndAWarningNamingTheEstimator() {
        MetaResult r = MetaAnalysis.withDefaults().with(Method.REML).withMaxIterations(1).fit(HETEROGENEOUS);
        assertFalse(r.converged());
        assertEquals(1, r.iterations());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("REML") && w.contains("did not converge")),
                r.warnings()::toString);
        assertTrue(r.tau2() >= 0 && Double.isFinite(r.estimate()));
        MetaResult full = MetaAnalysis.withDefaults().with(Method.REML).fit(HETEROGENEOUS);
        assertTrue(full.converged() && full.iterations() > 1);
    }

    @Test
    void nonConvergenceFailThrowsNamingTheEstimator() {
        for (Method m : new Method[] {Method.ML, Method.REML, Method.EB}) {
            MetaAnalysis ma = MetaAnalysis.withDefaults().with(m).withMaxIterations(1)
                    .with(MetaAnalysis.OnNonConvergence.FAIL);
            NonConvergenceException e = assertThrows(NonConvergenceException.class, () -> ma.fit(HETEROGENEOUS));
            assertTrue(e.getMessage().contains("the " + m.label() + " estimator"), e.getMessage());
        }
    }

    @Test
    void nonConvergenceDlRefitsWithDerSimonianLaird() {
        MetaResult r = MetaAnalysis.withDefaults().with(Method.REML).withMaxIterations(1)
                .with(MetaAnalysis.OnNonConvergence.DL).fit(HETEROGENEOUS);
        MetaResult dl = MetaAnalysis.withDefaults().with(Method.DL).fit(HETEROGENEOUS);
        assertEquals(dl.tau2(), r.tau2());
        assertEquals(dl.estimate(), r.estimate());
        assertEquals(dl.ciUb(), r.ciUb());
        assertEquals(Method.DL, r.method());
        // DL has no Fisher information: no REML standard error may be attached to the DL estimate
        assertTrue(Double.isNaN(r.tau2Se()), "tau2 SE after the DL fallback: " + r.tau2Se());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("REML") && w.contains("DerSimonian-Laird")),
                r.warnings()::toString);
        assertThrows(IllegalArgumentException.class, () -> MetaAnalysis.withDefaults().withMaxIterations(0));
    }

    /** One configured MetaAnalysis fitted from 8 threads at once: bit-identical results. */
    @Test
    void concurrentFitsAreBitIdentical() throws Exception {
        for (Method m : new Method[] {Method.REML, Method.PM, Method.DL, Method.SJ}) {
            MetaAnalysis ma = MetaAnalysis.withDefaults().with(m).with(TestType.KNHA);
            MetaResult want = ma.fit(HETEROGENEOUS);
            int threads = 8;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<List<MetaResult>>> futures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    Callable<List<MetaResult>> job = () -> {
                        start.await();
                        List<MetaResult> got = new ArrayList<>();
                        for (int i = 0; i < 200; i++) {
                            got.add(ma.fit(HETEROGENEOUS));
                        }
                        return got;
                    };
                    futures.add(pool.submit(job));
                }
                start.countDown();
                for (Future<List<MetaResult>> f : futures) {
                    for (MetaResult got : f.get()) {
                        assertEquals(want.figures(), got.figures(), m + ": figures differ between threads");
                        assertEquals(java.util.Arrays.toString(want.weights()),
                                java.util.Arrays.toString(got.weights()));
                        assertEquals(want.warnings(), got.warnings());
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
