package org.metaj.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Issue 19, finding 6: the root of {@code Q(tau2) = target} (Paule-Mandel, PMM, the Q-profile bounds) is accurate
 * relative to the root itself, whatever the scale of the data and however unbalanced the variances. Checked by
 * bracketing: Q decreases in tau2, so the solver's root r is right to a relative 1e-9 exactly when
 * {@code Q(r (1 - 1e-9)) >= target >= Q(r (1 + 1e-9))}; no reference value is needed.
 */
class QRootProperties {

    record Data(double[] y, double[] v, double target) {
        @Override
        public String toString() {
            return "y=" + java.util.Arrays.toString(y) + " v=" + java.util.Arrays.toString(v) + " target=" + target;
        }
    }

    /**
     * k in [3, 15] studies with y in [-3, 3] and v log-uniform in [1e-3, 1], one of them replaced by a huge
     * variance 10^e (e in [0, 300]), then everything rescaled by c (y * c, v * c^2, c = 10^[-60, 60]); the target
     * is a fraction in [0.05, 3] of k - 1 (the Q-profile's chi-square quantiles lie there).
     */
    @Provide
    Arbitrary<Data> unbalanced() {
        return Arbitraries.integers().between(3, 15).flatMap(k -> Combinators.combine(
                Arbitraries.doubles().between(-3, 3).ofScale(6).array(double[].class).ofSize(k),
                Arbitraries.doubles().between(-3, 0).ofScale(6).array(double[].class).ofSize(k),
                Arbitraries.integers().between(0, 300),
                Arbitraries.integers().between(-60, 60),
                Arbitraries.doubles().between(0.05, 3).ofScale(4)).as((y, lv, e, lc, f) -> {
                    double c = Math.pow(10, lc);
                    double[] v = new double[k];
                    double[] ys = new double[k];
                    for (int i = 0; i < k; i++) {
                        v[i] = (i == 0 ? Math.pow(10, e) : Math.pow(10, lv[i])) * c * c;
                        ys[i] = y[i] * c;
                    }
                    return new Data(ys, v, f * (k - 1));
                }));
    }

    /** variances of 10^300 c^2 may overflow (or 1/v underflow): such data are refused before any fit */
    private static boolean finite(double[] v) {
        for (double x : v) {
            if (!(x > 0 && Double.isFinite(x) && 1 / x > 0 && Double.isFinite(1 / x))) {
                return false;
            }
        }
        return true;
    }

    private static FitWorkspace load(double[] y, double[] v) {
        FitWorkspace ws = new FitWorkspace(y.length, 1);
        ws.load(y, v, y.length);
        return ws;
    }

    @Property(tries = 1000, seed = "20261206")
    void rootIsBracketedToARelative1e9(@ForAll("unbalanced") Data d) {
        Assume.that(finite(d.v()));
        FitWorkspace ws = load(d.y(), d.v());
        double r = ws.qRoot.solve(d.target(), Double.MAX_VALUE);
        assertFalse(ws.qRoot.hitLimit());
        assertTrue(r >= 0 && Double.isFinite(r), "root " + r);
        double q0 = ws.wls(0.0);
        if (q0 <= d.target()) {
            assertEquals(0.0, r);
            return;
        }
        double below = ws.wls(r * (1 - 1e-9));
        double above = ws.wls(r * (1 + 1e-9));
        // where Q is flat at the resolution of doubles (root far below every variance) the bracket says nothing
        Assume.that(below - above > 1e-12 * d.target());
        assertTrue(below >= d.target() && d.target() >= above, () -> "root " + r + ": Q(r-) = " + below
                + ", target " + d.target() + ", Q(r+) = " + above);
    }

    /** The root scales with c^2 when y scales with c and v with c^2, to a relative 1e-12, for c = 10^[-60, 60]. */
    @Property(tries = 300, seed = "20261207")
    void rootScalesWithTheSquareOfTheUnit(@ForAll("unbalanced") Data d, @ForAll("logScales") int lc) {
        double c = Math.pow(2, lc); // exact rescaling, so that the data themselves are not rounded
        double[] y2 = d.y().clone();
        double[] v2 = d.v().clone();
        for (int i = 0; i < y2.length; i++) {
            y2[i] *= c;
            v2[i] *= c * c;
        }
        Assume.that(finite(d.v()) && finite(v2));
        double r1 = load(d.y(), d.v()).qRoot.solve(d.target(), Double.MAX_VALUE);
        double r2 = load(y2, v2).qRoot.solve(d.target(), Double.MAX_VALUE);
        assertEquals(r1 * c * c, r2, 1e-12 * r1 * c * c, "scaled by 2^" + lc);
    }

    @Provide
    Arbitrary<Integer> logScales() {
        return Arbitraries.integers().between(-300, 300);
    }

    /**
     * The class of example: ten ordinary studies and an eleventh with variance 1e12 .. 1e16. Before the
     * fix the root was found to an absolute 1e-15 mean(v), i.e. about 0.1-1 here: PM gave 0.0529 at 1e12 but
     * 1.17 at 1e16 (a study with no weight cannot change tau^2 that much) and the Q-profile upper bound 1.42.
     * As the variance grows the study's weight vanishes, so the root tends to that of {@code Q = 10} over the other
     * ten studies. The root at 1e12 (mpmath, Q evaluated in 50-digit arithmetic) is
     * 0.0528720327419720362819...; metafor 3.8-1 reports 0.05288333653 at 1e12, 1e14 and 1e16 alike (with its
     * variance-ratio warning): 1.1e-5 too high, the size of its default root-finding tolerance.
     */
    @Test
    void oneHugeVarianceDoesNotMoveTheRoot() {
        double[] y = {0.12, -0.35, 0.41, 0.05, -0.10, 0.28, 0.55, -0.22, 0.19, 0.33, 0.9};
        double[] huge = {1e12, 1e14, 1e16};
        // the roots to 25 digits (mpmath findroot, 50-digit arithmetic)
        double[] want = {0.052872032741972036281935, 0.0528720327419676532250869, 0.05287203274196760939451841};
        for (int j = 0; j < huge.length; j++) {
            double[] v = {0.021, 0.018, 0.025, 0.015, 0.030, 0.019, 0.022, 0.017, 0.026, 0.020, huge[j]};
            FitWorkspace ws = load(y, v);
            assertEquals(want[j], ws.qRoot.solve(10, 1e300), 1e-15, "PM at " + huge[j]);
        }
    }
}
