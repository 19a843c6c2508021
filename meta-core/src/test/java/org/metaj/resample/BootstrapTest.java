package org.metaj.resample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.metaj.data.StudyData;
import org.metaj.kernel.FitKernel;
import org.metaj.kernel.FitWorkspace;
import org.metaj.kernel.KernelFit;
import org.metaj.model.MetaAnalysis;
import org.metaj.model.MetaResult;
import org.metaj.model.Method;
import org.metaj.model.TestType;
import org.metaj.tau2.RestrictedMaximumLikelihood;

class BootstrapTest {
    private static final NormalDistribution N01 = new NormalDistribution(0, 1);

    /**
     * Known truth: under the common-effect model with known variances the estimate
     * {@code sum w y / sum w} has SE {@code 1/sqrt(sum w)}, and the parametric bootstrap
     * ({@code y* ~ N(mu_hat, v_i)}) draws from exactly that sampling distribution. The bootstrap SE estimates it with
     * relative Monte Carlo error about {@code 1/sqrt(2B)}; the bias is 0 with MC error {@code SE/sqrt(B)}.
     */
    @Test
    void parametricSeOfCommonEffectMatchesAnalyticSe() {
        SplittableRandom g = new SplittableRandom(2024);
        int k = 25;
        double[] y = new double[k];
        double[] v = new double[k];
        double sw = 0;
        for (int i = 0; i < k; i++) {
            v[i] = 0.02 + 0.3 * g.nextDouble();
            y[i] = 0.4 + Math.sqrt(v[i]) * g.nextGaussian();
            sw += 1 / v[i];
        }
        MetaResult fit = MetaAnalysis.withDefaults().with(Method.FE).fit(StudyData.of(y, v));
        double analytic = 1 / Math.sqrt(sw);
        assertEquals(analytic, fit.se(), 1e-12 * analytic);
        int b = 8000;
        BootstrapResult r = Bootstrap.withDefaults().withType(Bootstrap.Type.PARAMETRIC).withReplicates(b)
                .withSeed(11).withThreads(2).run(fit);
        StatisticSummary est = r.summary(Statistic.ESTIMATE);
        assertEquals(0, r.failed());
        assertEquals(b, est.n());
        double mcSe = analytic / Math.sqrt(2.0 * b);
        assertEquals(analytic, est.se(), 4 * mcSe, "bootstrap SE vs analytic 1/sqrt(sum w)");
        assertEquals(0.0, est.bias(), 4 * analytic / Math.sqrt(b), "bias of the linear estimator is 0");
        // under FE tau^2 is 0 in every replicate
        assertEquals(0.0, r.summary(Statistic.TAU2).se(), 0.0);
    }

    /** Parametric bootstrap under REML, with tau^2 > 0: the mean of y* is mu_hat, so the pooled mean is unbiased. */
    @Test
    void parametricRandomEffectsIsUnbiasedForTheMean() {
        MetaResult fit = MetaAnalysis.withDefaults().fit(ResampleTestData.bcg());
        BootstrapResult r = Bootstrap.withDefaults().withType(Bootstrap.Type.PARAMETRIC).withReplicates(4000)
                .withSeed(5).run(fit);
        StatisticSummary est = r.summary(Statistic.ESTIMATE);
        assertEquals(0.0, est.bias(), 4 * est.se() / Math.sqrt(est.n()));
        // the bootstrap SE is close to the model-based SE of the fit (same order; REML SE is approximate)
        assertEquals(fit.se(), est.se(), 0.25 * fit.se());
    }

    /**
     * Percentile, basic, normal and BCa intervals against a plain re-implementation on the same resamples: sorted
     * replicates, R's type-7 quantile, z0 with ties counted half, and a jackknife computed independently with the
     * friendly API on {@code StudyData.subset}.
     */
    @Test
    void intervalsMatchPlainReferenceImplementation() {
        StudyData data = ResampleTestData.bcg();
        MetaAnalysis ma = MetaAnalysis.withDefaults().withTau2Interval(false);
        MetaResult fit = ma.fit(data);
        BootstrapResult r = Bootstrap.withDefaults().withReplicates(1999).withSeed(99).withLevel(0.9).run(fit);
        assertEquals(0.9, r.level(), 0);
        int k = data.k();
        for (Statistic st : Statistic.values()) {
            double[] all = r.values(st);
            double[] ok = Arrays.stream(all).filter(x -> !Double.isNaN(x)).sorted().toArray();
            int n = ok.length;
            double theta = observed(fit, st);
            double mean = Arrays.stream(ok).average().orElseThrow();
            double ss = 0;
            for (double x : ok) {
                ss += (x - mean) * (x - mean);
            }
            double se = Math.sqrt(ss / (n - 1));
            StatisticSummary s = r.summary(st);
            double tol = 1e-12 * (1 + Math.abs(theta));
            assertEquals(theta, s.observed(), tol);
            assertEquals(mean - theta, s.bias(), tol);
            assertEquals(se, s.se(), tol);
            double lo = type7(ok, 0.05);
            double hi = type7(ok, 0.95);
            assertEquals(lo, s.lower(IntervalType.PERCENTILE), tol, st + " percentile");
            assertEquals(hi, s.upper(IntervalType.PERCENTILE), tol);
            assertEquals(2 * theta - hi, s.lower(IntervalType.BASIC), tol, st + " basic");
            assertEquals(2 * theta - lo, s.upper(IntervalType.BASIC), tol);
            double z = N01.inverseCumulativeProbability(0.95);
            assertEquals(theta - (mean - theta) - z * se, s.lower(IntervalType.NORMAL), tol, st + " normal");
            assertEquals(theta - (mean - theta) + z * se, s.upper(IntervalType.NORMAL), tol);
            // BCa, Efron & Tibshirani (1993) eq. 14.10 and 14.15
            double[] loo = new double[k];
            for (int i = 0; i < k; i++) {
                int[] keep = new int[k - 1];
                for (int j = 0, m = 0; j < k; j++) {
                    if (j != i) {
                        keep[m++] = j;
                    }
                }
                loo[i] = observed(ma.fit(data.subset(keep)), st);
            }
            double[] jk = r.jackknifeValues(st);
            for (int i = 0; i < k; i++) {
                assertEquals(loo[i], jk[i], 1e-9 + 1e-7 * Math.abs(loo[i]), st + " leave-one-out " + i);
            }
            double lm = Arrays.stream(loo).average().orElseThrow();
            double num = 0;
            double den = 0;
            for (double t : loo) {
                num += Math.pow(lm - t, 3);
                den += Math.pow(lm - t, 2);
            }
            double a = num / (6 * Math.pow(den, 1.5));
            double below = 0;
            for (double x : ok) {
                below += x < theta ? 1 : x == theta ? 0.5 : 0;
            }
            double z0 = N01.inverseCumulativeProbability(below / n);
            double a1 = N01.cumulativeProbability(z0 + (z0 - z) / (1 - a * (z0 - z)));
            double a2 = N01.cumulativeProbability(z0 + (z0 + z) / (1 - a * (z0 + z)));
            double bcaTol = 1e-6 * (1 + Math.abs(theta));
            assertEquals(type7(ok, a1), s.lower(IntervalType.BCA), bcaTol, st + " BCa lower");
            assertEquals(type7(ok, a2), s.upper(IntervalType.BCA), bcaTol, st + " BCa upper");
            assertTrue(s.lower(IntervalType.BCA) <= s.upper(IntervalType.BCA));
        }
    }

    /** Same seed, 1 and 4 threads (1000 replicates = 4 blocks): bit-identical replicate arrays and summaries. */
    @Test
    void sameSeedSameAnswerWhateverTheThreads() {
        MetaResult fit = MetaAnalysis.withDefaults().with(TestType.KNHA).fit(ResampleTestData.bcg());
        for (Bootstrap.Type type : Bootstrap.Type.values()) {
            Bootstrap b = Bootstrap.withDefaults().withType(type).withReplicates(1000).withSeed(123456789L);
            BootstrapResult one = b.withThreads(1).run(fit);
            BootstrapResult four = b.withThreads(4).run(fit);
            for (Statistic st : Statistic.values()) {
                assertArrayEquals(one.values(st), four.values(st), 0.0, type + " " + st);
                assertEquals(one.summary(st).upper(IntervalType.BCA), four.summary(st).upper(IntervalType.BCA), 0.0);
            }
            BootstrapResult other = b.withSeed(123456790L).run(fit);
            assertFalse(Arrays.equals(one.values(Statistic.ESTIMATE), other.values(Statistic.ESTIMATE)),
                    "a different seed gives different draws");
        }
    }

    /**
     * Failed replicates are counted and excluded, never dropped silently: an iteration limit of 5 makes many REML
     * refits stop before convergence (the full-data warm start is rarely within 1e-12 after 5 steps).
     */
    @Test
    void failedReplicatesAreCountedAndExcluded() {
        MetaResult fit = MetaAnalysis.withDefaults().fit(ResampleTestData.bcg());
        Bootstrap b = Bootstrap.withDefaults().withReplicates(600).withSeed(3);
        BootstrapResult full = b.run(fit);
        assertEquals(0, full.failed());
        BootstrapResult limited = b.withMaxIterations(5).run(fit);
        double[] est = limited.values(Statistic.ESTIMATE);
        double[] ref = full.values(Statistic.ESTIMATE);
        int nan = 0;
        for (int i = 0; i < est.length; i++) {
            if (Double.isNaN(est[i])) {
                nan++;
            } else {
                // a replicate that converged within 5 iterations is the same fit as with the default limit
                assertEquals(ref[i], est[i], 1e-9 * (1 + Math.abs(ref[i])));
            }
        }
        assertTrue(limited.failed() > 0 && limited.failed() < 600, "failed = " + limited.failed());
        assertEquals(nan, limited.failed());
        assertEquals(600, limited.replicates());
        assertEquals(600 - nan, limited.summary(Statistic.TAU2).n());
        assertTrue(Double.isFinite(limited.summary(Statistic.TAU2).se()));
    }

    /**
     * A realistic hard replicate (case resample of BCG rows 12,13,12,1,12,7,13,5,9,11,11,2,12, drawn by seed 7):
     * the restricted likelihood has a local maximum at tau^2 = 0.0573 where the observed information is ~1% of
     * the expected one, so Fisher scoring crawls: metafor 3.8-1 rma(yi, vi, method = "REML") stops with "Fisher
     * scoring algorithm did not converge", and so does the friendly API (which follows metafor's path). The
     * bootstrap's Newton steps converge, and the boundary check then returns the global maximum at 0.
     */
    @Test
    void resampleWhereFisherScoringStallsConvergesWithNewtonSteps() {
        StudyData bcg = ResampleTestData.bcg();
        int[] rows = {11, 12, 11, 0, 11, 6, 12, 4, 8, 10, 10, 1, 11};
        double[] y = new double[rows.length];
        double[] v = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            y[i] = bcg.yi(rows[i]);
            v[i] = bcg.vi(rows[i]);
        }
        MetaResult r = MetaAnalysis.withDefaults().withTau2Interval(false).fit(StudyData.of(y, v));
        assertFalse(r.converged(), "Fisher scoring, as metafor, does not converge on this resample");
        FitWorkspace ws = new FitWorkspace(rows.length, 1);
        ws.load(y, v, rows.length);
        ws.newtonSteps = true;
        KernelFit out = new KernelFit(1);
        assertTrue(FitKernel.fit(ws, RestrictedMaximumLikelihood.INSTANCE, false, true, out));
        assertTrue(out.converged);
        // The Newton steps reach the stationary point near tau^2 = 0.0573; the boundary check that follows every
        // converged ML/REML fit (metafor's ll0check) finds the restricted likelihood higher at 0 and returns
        // the global maximum, tau^2 = 0.
        assertEquals(0.0, out.tau2, 0.0, "tau2 = " + out.tau2);
        double l0 = restrictedLogLik(y, v, 0.0);
        for (double t = 0.001; t < 2; t += 0.001) {
            assertTrue(l0 >= restrictedLogLik(y, v, t), "l(0) is the maximum; l(" + t + ") is higher");
        }
    }

    /** REML log likelihood of an intercept-only model, up to a constant (Viechtbauer 2005, eq. 14). */
    static double restrictedLogLik(double[] y, double[] v, double t) {
        double sw = 0;
        double swy = 0;
        double sl = 0;
        for (int i = 0; i < y.length; i++) {
            sw += 1 / (v[i] + t);
            swy += y[i] / (v[i] + t);
            sl += Math.log(v[i] + t);
        }
        double mu = swy / sw;
        double q = 0;
        for (int i = 0; i < y.length; i++) {
            q += (y[i] - mu) * (y[i] - mu) / (v[i] + t);
        }
        return -0.5 * sl - 0.5 * Math.log(sw) - 0.5 * q;
    }

    @Test
    void rejectsWhatCannotBeBootstrapped() {
        assertThrows(IllegalArgumentException.class, () -> Bootstrap.withDefaults().withReplicates(1));
        assertThrows(IllegalArgumentException.class, () -> Bootstrap.withDefaults().withThreads(0));
        assertThrows(IllegalArgumentException.class, () -> Bootstrap.withDefaults().withLevel(1.5e3));
        assertThrows(IllegalArgumentException.class, () -> Bootstrap.Type.parse("jackknife"));
        assertThrows(IllegalArgumentException.class, () -> IntervalType.parse("studentized"));
        MetaResult single = MetaAnalysis.withDefaults().fit(StudyData.of(new double[] {0.1}, new double[] {0.01}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Bootstrap.withDefaults().run(single));
        assertTrue(e.getMessage().contains("k=1"), e.getMessage());
        assertEquals(IntervalType.BCA, IntervalType.parse("BCa"));
    }

    static double observed(MetaResult r, Statistic st) {
        switch (st) {
            case ESTIMATE:
                return r.estimate();
            case TAU2:
                return r.tau2();
            case TAU:
                return Math.sqrt(r.tau2());
            case I2:
                return r.i2();
            default:
                return r.h2();
        }
    }

    /** R's quantile(type = 7), written out. */
    static double type7(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int j = (int) Math.floor(h);
        if (j + 1 >= sorted.length) {
            return sorted[sorted.length - 1];
        }
        return sorted[j] + (h - j) * (sorted[j + 1] - sorted[j]);
    }
}
