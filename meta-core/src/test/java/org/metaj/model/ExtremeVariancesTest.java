package org.metaj.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.metaj.data.StudyData;

/**
 * Issue 19, findings 6, 7 and 11 through the friendly API: extreme but legal sampling variances. Expected values are
 * exact (50-digit mpmath / rational arithmetic on the same doubles) or exact identities (scale equivariance with
 * powers of ten), never metafor's, which is wrong on several of these data (see each test).
 */
class ExtremeVariancesTest {
    /** ten ordinary studies (variances 0.015-0.030) */
    static final double[] Y = {0.12, -0.35, 0.41, 0.05, -0.10, 0.28, 0.55, -0.22, 0.19, 0.33};
    static final double[] V = {0.021, 0.018, 0.025, 0.015, 0.030, 0.019, 0.022, 0.017, 0.026, 0.020};

    private static StudyData withEleventh(double y11, double v11) {
        double[] y = java.util.Arrays.copyOf(Y, 11);
        double[] v = java.util.Arrays.copyOf(V, 11);
        y[10] = y11;
        v[10] = v11;
        return StudyData.of(y, v);
    }

    private static StudyData scaled(double c) {
        double[] y = new double[Y.length];
        double[] v = new double[V.length];
        for (int i = 0; i < Y.length; i++) {
            y[i] = Y[i] * c;
            v[i] = V[i] * c * c;
        }
        return StudyData.of(y, v);
    }

    private static void rel(double want, double got, double tol, String what) {
        assertTrue(Double.isFinite(got) && Math.abs(got - want) <= tol * Math.abs(want),
                () -> what + ": want " + want + ", got " + got);
    }

    /**
     * Finding 11: an ordinary data set rescaled by c = 1e-75 .. 1e-150 (variances down to 1e-302) or up to 1e150.
     * Before, REML ended in "did not converge (1 iterations) and no estimate could be formed" (exit 4) from
     * c = 1e-100, ML and the Fisher-scoring start silently returned the Hedges start value, and DL returned 0 (its
     * {@code sum w^2} overflowed). Every estimate is now c^2 (tau^2) or c (pooled estimate) times the unit-scale
     * fit. metafor 3.8-1 at c = 1e-100 returns the Hedges start value for REML and ML (6.0149e-202, its absolute
     * convergence threshold 1e-5 is met at once) and 7.18e-5 for PM.
     */
    @ParameterizedTest
    @EnumSource(value = Method.class, names = {"DL", "HE", "HS", "HSK", "SJ", "ML", "REML", "EB", "PM", "PMM"})
    void anOrdinarySetRescaledFarFromOneGivesTheRescaledFit(Method m) {
        MetaAnalysis ma = MetaAnalysis.withDefaults().with(m);
        MetaResult unit = ma.fit(scaled(1));
        for (double c : new double[] {1e-75, 1e-100, 1e-125, 1e-150, 1e50, 1e100, 1e150}) {
            MetaResult r = ma.fit(scaled(c));
            String at = m + " c=" + c;
            assertTrue(r.converged(), at);
            rel(unit.tau2() * c * c, r.tau2(), 1e-9, at + " tau2");
            rel(unit.estimate() * c, r.estimate(), 1e-9, at + " estimate");
            rel(unit.se() * c, r.se(), 1e-9, at + " se");
            rel(unit.i2(), r.i2(), 1e-9, at + " I2");
            rel(unit.tau2Interval().tau2Ub() * c * c, r.tau2Interval().tau2Ub(), 1e-9, at + " tau2 ub");
        }
    }

    /**
     * Finding 7: DL with an eleventh study of variance 1e-20 / 1e-300. Before: NaN at 1e-20 ("DL did not converge
     * (0 iterations)", exit 4), tau^2 = 0 with the pooled estimate 0.9 (that study's effect) at 1e-300. The exact
     * values: tau^2 = 0.3398887523116803, estimate 0.19967161094448044 (rational arithmetic); metafor 3.8-1:
     * 0.1847 at 1e-20 and 0.4951 at 1e-300 (its Q is 100.2 and 7.4e283 for the exact 342.10).
     */
    @Test
    void derSimonianLairdBesideATinyVarianceIsExactAndWarned() {
        for (double tiny : new double[] {1e-20, 1e-300}) {
            MetaResult r = MetaAnalysis.withDefaults().with(Method.DL).fit(withEleventh(0.9, tiny));
            assertEquals(0.3398887523116803, r.tau2(), 1e-13, "tau2 at " + tiny);
            assertEquals(0.19967161094448044, r.estimate(), 1e-13, "estimate at " + tiny);
            assertEquals(342.1024417251136, r.q(), 1e-10, "Q at " + tiny);
            assertTrue(r.warnings().stream().anyMatch(w -> w.contains("times the smallest")), r.warnings()::toString);
        }
        MetaResult ordinary = MetaAnalysis.withDefaults().with(Method.DL).fit(StudyData.of(Y, V));
        assertFalse(ordinary.warnings().stream().anyMatch(w -> w.contains("times the smallest")));
    }

    /**
     * ML beside a variance of 1e-300: the likelihood has its maximum at tau^2 = 0 (log likelihood 183.574 there,
     * -4.105 at tau^2 = 0.1122; mpmath, 400 digits), so 0 is the ML estimate. metafor 3.8-1 reports 0.1122 because
     * its log likelihood at 0 (-6.2e267) is computed from its cancelled Q.
     */
    @Test
    void maximumLikelihoodBesideATinyVarianceFindsTheGlobalMaximum() {
        MetaResult r = MetaAnalysis.withDefaults().with(Method.ML).fit(withEleventh(0.9, 1e-300));
        assertEquals(0.0, r.tau2());
        assertEquals(0.9, r.estimate(), 1e-15);
    }

    /**
     * Finding 6: an eleventh study with variance 1e16. Before, PM was 1.172 and the Q-profile interval [0, 1.42]
     * (the root was found to an absolute 1e-15 mean(v) = 0.9). The exact roots (mpmath, 50 digits; chi-square
     * quantiles 3.2469727802368413 and 20.483177350807388 on 10 df): PM 0.05287203274196761, interval
     * [0.015499418653513535, 0.20522424114888159]. metafor 3.8-1 gives [0.0155126, 0.205203] and PM 0.0528833: its
     * default root-finding tolerance, not a formula difference.
     */
    @Test
    void oneHugeVarianceLeavesPauleMandelAndTheQProfileInPlace() {
        MetaResult r = MetaAnalysis.withDefaults().with(Method.PM).fit(withEleventh(0.9, 1e16));
        assertEquals(0.05287203274196761, r.tau2(), 1e-15);
        assertEquals(0.015499418653513535, r.tau2Interval().tau2Lb(), 1e-14);
        assertEquals(0.20522424114888159, r.tau2Interval().tau2Ub(), 1e-14);
    }
}
