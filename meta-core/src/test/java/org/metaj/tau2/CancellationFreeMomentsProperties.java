package org.metaj.tau2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.metaj.kernel.FitKernel;
import org.metaj.kernel.FitWorkspace;
import org.metaj.kernel.KernelFit;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Issue 19, finding 7: Cochran's Q, {@code tr(P)} and the moment estimators built on them (DL, HS, HSk) on data in
 * which one study's sampling variance is tiny (1e-8 .. 1e-300) or huge beside ordinary ones. The oracle is the
 * pairwise form {@code Q = sum_{i<j} w_i w_j (y_i - y_j)^2 / sum w}, {@code tr(P) = sum_{i != j} w_i w_j / sum w}
 * (intercept-only model; Cochran 1954, Biometrics 10:101; DerSimonian &amp; Laird 1986), which has no cancellation at
 * all: every term is non-negative. It is evaluated with the weights divided by the largest, so that products of
 * weights cannot overflow ({@code Q} and {@code tr P} are homogeneous of degree 1 in the weights).
 */
class CancellationFreeMomentsProperties {

    /** Pairwise oracle: {q, trP, sumW}. */
    static double[] oracle(double[] y, double[] v) {
        int k = y.length;
        double wmax = 0;
        for (double vi : v) {
            wmax = Math.max(wmax, 1 / vi);
        }
        double[] w = new double[k];
        double sw = 0;
        for (int i = 0; i < k; i++) {
            w[i] = (1 / v[i]) / wmax;
            sw += w[i];
        }
        double q = 0;
        double tr = 0;
        for (int i = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++) {
                double d = y[i] - y[j];
                q += w[i] * w[j] * d * d;
                tr += 2 * w[i] * w[j];
            }
        }
        // rounding of the well-conditioned part: each residual but the dominant study's is known to about
        // eps max|y|, so Q carries an absolute error of order eps sum_{i != dominant} w_i max y^2
        double ymax = 0;
        double rest = -1;
        for (int i = 0; i < k; i++) {
            ymax = Math.max(ymax, Math.abs(y[i]));
            rest += w[i];
        }
        return new double[] {wmax * q / sw, wmax * tr / sw, wmax * sw, wmax * rest * ymax * ymax};
    }

    record Data(double[] y, double[] v) {
    }

    /** k in [3, 15] ordinary studies (v log-uniform in [1e-3, 1]) plus one with v = 10^e, e in [-300, -8] or [8, 300]. */
    @Provide
    Arbitrary<Data> extreme() {
        return Arbitraries.integers().between(3, 15).flatMap(k -> Combinators.combine(
                Arbitraries.doubles().between(-3, 3).ofScale(6).array(double[].class).ofSize(k + 1),
                Arbitraries.doubles().between(-3, 0).ofScale(6).array(double[].class).ofSize(k),
                Arbitraries.integers().between(8, 300),
                Arbitraries.of(-1, 1),
                Arbitraries.integers().between(0, k)).as((y, lv, e, sign, at) -> {
                    double[] v = new double[k + 1];
                    for (int i = 0, j = 0; i <= k; i++) {
                        v[i] = i == at ? Math.pow(10, sign * e) : Math.pow(10, lv[j++]);
                    }
                    return new Data(y, v);
                }));
    }

    private static FitWorkspace load(Data d) {
        FitWorkspace ws = new FitWorkspace(d.y().length, 1);
        ws.load(d.y(), d.v(), d.y().length);
        return ws;
    }

    @Property(tries = 500, seed = "20261204")
    void qAndTracePAreAccurate(@ForAll("extreme") Data d) {
        double[] o = oracle(d.y(), d.v());
        FitWorkspace ws = load(d);
        double q = ws.wls(0.0);
        double tr = ws.trP();
        assertEquals(o[0], q, 1e-11 * o[0] + 1e-13 * o[3], "Q");
        assertEquals(o[1], tr, 1e-11 * o[1], "tr P");
    }

    @Property(tries = 500, seed = "20261205")
    void momentEstimatorsAreAccurate(@ForAll("extreme") Data d) {
        double[] o = oracle(d.y(), d.v());
        int k = d.y().length;
        double q = o[0] + 1e-2 * o[3];
        double dl = Math.max(0, (o[0] - (k - 1)) / o[1]);
        double hs = Math.max(0, (o[0] - k) / o[2]);
        double hsk = Math.max(0, (o[0] * k / (k - 1) - k) / o[2]);
        // the subtraction Q - df is the estimator's own: allow for the rounding of Q in it
        assertEquals(dl, DerSimonianLaird.INSTANCE.estimate(load(d)), 1e-11 * (dl + q / o[1]), "DL");
        assertEquals(hs, HunterSchmidt.INSTANCE.estimate(load(d)), 1e-11 * (hs + q / o[2]), "HS");
        assertEquals(hsk, HunterSchmidtSmallSample.INSTANCE.estimate(load(d)), 1e-11 * (hsk + 2 * q / o[2]),
                "HSk");
    }

    /**
     * The example class: ten ordinary studies and one with variance 1e-20 / 1e-40 / 1e-300. Before the fix
     * DL gave NaN at 1e-20 (reported as "DL did not converge (0 iterations)") and 0 with the pooled estimate equal
     * to the tiny study's effect at 1e-40 and 1e-300; Q was 1.2e8 instead of 342.1 at 1e-40.
     */
    @Test
    void oneTinyVarianceBesideOrdinaryOnes() {
        double[] y = {0.12, -0.35, 0.41, 0.05, -0.10, 0.28, 0.55, -0.22, 0.19, 0.33, 0.9};
        for (double tiny : new double[] {1e-20, 1e-40, 1e-300}) {
            double[] v = {0.021, 0.018, 0.025, 0.015, 0.030, 0.019, 0.022, 0.017, 0.026, 0.020, tiny};
            Data d = new Data(y, v);
            double[] o = oracle(y, v);
            FitWorkspace ws = load(d);
            KernelFit out = new KernelFit(1);
            assertTrue(FitKernel.fit(ws, DerSimonianLaird.INSTANCE, false, true, out), "fit at " + tiny);
            double dl = (o[0] - 10) / o[1];
            // exact values (rational arithmetic on the doubles of the data, Python fractions; identical to 16
            // digits for the three tiny variances): Q = 342.1024417251136, tr P = 977.0915908996404,
            // DL tau^2 = 0.3398887523116803, estimate 0.19967161094448044. metafor 3.8-1 reports Q = 100.22 and
            // tau^2 = 0.1847 at 1e-20 and 1e-40, Q = 7.4e283 and tau^2 = 0.495 at 1e-300 (its warning says so)
            assertEquals(342.1024417251136, out.qe, 1e-12 * 342, "Q at " + tiny);
            assertEquals(0.3398887523116803, out.tau2, 1e-12, "DL at " + tiny);
            assertEquals(dl, out.tau2, 1e-12 * dl, "DL (oracle) at " + tiny);
            assertEquals(0.19967161094448044, out.estimate(), 1e-12, "estimate at " + tiny);
            // I^2 from s^2 = (k - 1) / tr P: finite, not NaN
            assertEquals(100 * dl / (dl + 10 / o[1]), out.i2, 1e-9, "I2 at " + tiny);
        }
    }
}
