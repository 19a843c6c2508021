package org.metaj.tau2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.metaj.kernel.FitWorkspace;
import org.metaj.model.Method;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Assume;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The contract of {@link Tau2Estimator} (its Javadoc), checked on generated datasets for every tau^2 estimator of the
 * method registry ({@link Method#isInverseVariance}): each try draws the estimator with the data, so a new registry
 * line is checked without touching this class ({@code TRIES} per law is about 200 per estimator for 15 of them;
 * seeded, so a failure reproduces, and the estimator is named in every message). The laws are exact identities of
 * the estimating equations, so the tolerances only allow for rounding and the iterative estimators' stopping rule
 * (change below 1e-12 max(tau2, mean v)).
 */
class Tau2EstimatorContractProperties {
    /** every estimator of the registry: FE and the random-effects ones */
    static final List<Method> METHODS = Method.where(Method::isInverseVariance);
    static final int TRIES = 3000;

    /** the estimator of the current try */
    Method method;

    Tau2Estimator estimator() {
        return method.estimator();
    }

    /** Generated data: k in [2, 25], y in [-3, 3], v in [1e-3, 2] (log-uniform), plus a seed for permutations. */
    record Data(Method method, double[] y, double[] v, long seed) {
        int k() {
            return y.length;
        }

        double meanV() {
            double s = 0;
            for (double x : v) {
                s += x;
            }
            return s / v.length;
        }
    }

    @Provide
    Arbitrary<Data> data() {
        return Arbitraries.integers().between(2, 25).flatMap(k -> Combinators.combine(
                Arbitraries.doubles().between(-3, 3).ofScale(8).array(double[].class).ofSize(k),
                Arbitraries.doubles().between(-3, 0.30103).ofScale(8).array(double[].class).ofSize(k),
                Arbitraries.longs(), Arbitraries.of(METHODS)).as((y, lv, seed, m) -> {
                    double[] v = new double[k];
                    for (int i = 0; i < k; i++) {
                        v[i] = Math.pow(10, lv[i]);
                    }
                    return new Data(m, y, v, seed);
                }));
    }

    /** convergence and iterations of the last {@link #tau2} call (one instance per try: jqwik is sequential). */
    String lastStatus = "";
    /** false once a {@link #tau2} call since the last {@link #reset} did not converge. */
    boolean allConverged = true;

    void reset(Data d) {
        method = d.method();
        lastY = d.y();
        lastV = d.v();
        lastStatus = "";
        allConverged = true;
    }

    double tau2(double[] y, double[] v) {
        FitWorkspace ws = new FitWorkspace(y.length, 1);
        ws.load(y, v, y.length);
        double t = estimator().estimate(ws);
        lastStatus += " [converged=" + ws.converged + " it=" + ws.iterations + "]";
        allConverged &= ws.converged;
        return t;
    }

    static double q(double[] y, double[] v) {
        FitWorkspace ws = new FitWorkspace(y.length, 1);
        ws.load(y, v, y.length);
        return ws.wls(0);
    }

    /**
     * Compares two fits. A law is only a law of converged estimates: when Fisher scoring oscillates (metafor 3.8-1
     * fails on the same data: "Fisher scoring algorithm did not converge") the fit reports {@code converged =
     * false}, which is the contract, and the try is discarded.
     */
    void near(double want, double got, double scale, String what) {
        Assume.that(allConverged);
        // Fisher-scoring estimators (ML, REML, EB) and SJIT stop a boundary approach where metafor does, at an
        // absolute change of tau^2 below 1e-12 (for mean variances >= 1e-8): the tiny positive iterate they report
        // there is not scale-equivariant, so two such thresholds of slack are allowed (and nothing more)
        double boundary = estimator() instanceof FisherScoring || method.truncation() == Truncation.TOWARDS_DF
                ? 2e-12 : 0;
        double tol = 1e-8 * Math.max(Math.abs(want), scale) + 1e-9 * Math.abs(want) + boundary;
        assertTrue(Math.abs(got - want) <= tol, () -> estimator().name() + " " + what + ": want " + want + ", got "
                + got + " (tolerance " + tol + ")" + lastStatus + " y=" + java.util.Arrays.toString(lastY) + " v="
                + java.util.Arrays.toString(lastV));
    }

    @Property(tries = TRIES, seed = "20261201")
    void finiteAndNonNegative(@ForAll("data") Data d) {
        reset(d);
        double t = tau2(d.y(), d.v());
        assertTrue(Double.isFinite(t) && t >= 0, () -> estimator().name() + " gave " + t);
    }

    double[] lastY;
    double[] lastV;

    @Property(tries = TRIES, seed = "20261202")
    void invariantToStudyOrder(@ForAll("data") Data d) {
        reset(d);
        int k = d.k();
        int[] perm = new int[k];
        for (int i = 0; i < k; i++) {
            perm[i] = i;
        }
        Random rnd = new Random(d.seed());
        for (int i = k - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        double[] y2 = new double[k];
        double[] v2 = new double[k];
        for (int i = 0; i < k; i++) {
            y2[i] = d.y()[perm[i]];
            v2[i] = d.v()[perm[i]];
        }
        near(tau2(d.y(), d.v()), tau2(y2, v2), d.meanV(), "permuted");
    }

    @Property(tries = TRIES, seed = "20261203")
    void unchangedByShiftingAllEffects(@ForAll("data") Data d, @ForAll("shifts") double s) {
        reset(d);
        double[] y2 = d.y().clone();
        for (int i = 0; i < y2.length; i++) {
            y2[i] += s;
        }
        // shifting by s loses about |s| eps of each y, hence the s-dependent scale
        near(tau2(d.y(), d.v()), tau2(y2, d.v()), d.meanV() * (1 + Math.abs(s)), "shifted by " + s);
    }

    @Provide
    Arbitrary<Double> shifts() {
        return Arbitraries.doubles().between(-100, 100).ofScale(8);
    }

    @Property(tries = TRIES, seed = "20261204")
    void scalesWithTheSquareOfTheUnit(@ForAll("data") Data d, @ForAll("logScales") double lc) {
        double c = Math.pow(10, lc);
        reset(d);
        double[] y2 = d.y().clone();
        double[] v2 = d.v().clone();
        for (int i = 0; i < y2.length; i++) {
            y2[i] *= c;
            v2[i] *= c * c;
        }
        near(c * c * tau2(d.y(), d.v()), tau2(y2, v2), c * c * d.meanV(), "scaled by " + c);
    }

    @Provide
    Arbitrary<Double> logScales() {
        return Arbitraries.doubles().between(-6, 6).ofScale(8);
    }

    /**
     * The truncation rule of the estimator's registry line ({@link Method#truncation}), over every rule (an
     * exhaustive switch: a new rule does not compile until its law is written here).
     */
    @Property(tries = TRIES, seed = "20261205")
    void zeroExactlyWhereTheEstimatorTruncates(@ForAll("data") Data d) {
        reset(d);
        double q = q(d.y(), d.v());
        int k = d.k();
        int df = k - 1;
        double t = tau2(d.y(), d.v());
        Assume.that(allConverged);
        switch (method.truncation()) {
            case ALWAYS -> assertEquals(0.0, t, method + ": tau2 is 0 by assumption");
            case AT_DF -> truncatesAt(q, df, t, 0.0);
            // the iterates approach the boundary geometrically: they stop within the convergence threshold of 0
            case TOWARDS_DF -> truncatesAt(q, df, t, 1e-9 * Math.min(1, d.meanV()));
            case AT_K -> truncatesAt(q, k, t, 0.0);
            case AT_CHISQ_MEDIAN -> truncatesAt(q,
                    new ChiSquaredDistribution(null, df).inverseCumulativeProbability(0.5), t, 0.0);
            // no rule in Q alone: the estimate is positive or zero by the estimator's own formula, and
            // finiteAndNonNegative holds it to that
            case NONE -> assertTrue(t >= 0, method + ": tau2 = " + t);
        }
    }

    private void truncatesAt(double q, double threshold, double t, double allowed) {
        if (q <= threshold * (1 - 1e-9)) {
            assertTrue(t <= allowed, () -> method + ": Q = " + q + " <= " + threshold + " but tau2 = " + t);
        } else if (q >= threshold * (1 + 1e-9)) {
            assertTrue(t > 0, () -> method + ": Q = " + q + " > " + threshold + " but tau2 = 0");
        } else {
            Assume.that(false); // Q at the threshold within rounding: either answer is right
        }
    }

    /** Identical effects: every estimator says 0. */
    @Property(tries = 700, seed = "20261206")
    void zeroForIdenticalEffects(@ForAll("data") Data d) {
        reset(d);
        double[] y2 = new double[d.k()];
        java.util.Arrays.fill(y2, d.y()[0]);
        assertEquals(0.0, tau2(y2, d.v()), 1e-12 * d.meanV(), estimator().name());
    }
}
