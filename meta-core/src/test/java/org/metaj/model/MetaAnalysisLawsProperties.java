package org.metaj.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.metaj.data.StudyData;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Laws of the pooled model, for every inverse-variance method, on generated datasets (seeded): shifting every
 * {@code y_i} shifts the estimate and the intervals and leaves tau^2 alone; tau^2 = 0 gives the common-effect
 * answer; the weights sum to 100%; the confidence interval lies within the prediction interval; a 99% interval
 * contains the 95% one; {@code Q >= 0} and {@code 0 <= I^2 < 100}.
 */
class MetaAnalysisLawsProperties {
    /** every inverse-variance method of the registry */
    private static final java.util.List<Method> METHODS = Method.where(Method::isInverseVariance);

    record Case(double[] y, double[] v, Method method, TestType test) {
        StudyData data() {
            return StudyData.of(y, v);
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        return Arbitraries.integers().between(2, 20).flatMap(k -> Combinators.combine(
                Arbitraries.doubles().between(-2, 2).ofScale(8).array(double[].class).ofSize(k),
                Arbitraries.doubles().between(0.005, 1).ofScale(8).array(double[].class).ofSize(k),
                Arbitraries.of(METHODS), Arbitraries.of(TestType.Z, TestType.KNHA)).as(Case::new));
    }

    private static MetaAnalysis spec(Case c) {
        return MetaAnalysis.withDefaults().with(c.method()).with(c.test()).withTau2Interval(false);
    }

    private static MetaResult fit(Case c) {
        MetaResult r = spec(c).fit(c.data());
        Assume.that(r.converged()); // see Tau2EstimatorContract: non-convergence is reported, not a law
        return r;
    }

    private static void near(double want, double got, double scale, String what) {
        assertTrue(Math.abs(got - want) <= 1e-8 * Math.max(scale, Math.abs(want)),
                () -> what + ": want " + want + ", got " + got);
    }

    @Property(tries = 1500, seed = "8101")
    void shiftMovesEstimateAndIntervalsNotTau2(@ForAll("cases") Case c,
            @ForAll("shifts") double s) {
        MetaResult a = fit(c);
        double[] y2 = c.y().clone();
        for (int i = 0; i < y2.length; i++) {
            y2[i] += s;
        }
        MetaResult b = fit(new Case(y2, c.v(), c.method(), c.test()));
        double sc = 1 + Math.abs(s);
        near(a.tau2(), b.tau2(), sc, c.method() + " tau2");
        near(a.estimate() + s, b.estimate(), sc, "estimate");
        near(a.se(), b.se(), sc, "se");
        near(a.ciLb() + s, b.ciLb(), sc, "ci_lb");
        near(a.ciUb() + s, b.ciUb(), sc, "ci_ub");
        near(a.piLb() + s, b.piLb(), sc, "pi_lb");
        near(a.piUb() + s, b.piUb(), sc, "pi_ub");
        near(a.q(), b.q(), sc * (1 + a.q()), "Q");
    }

    @Provide
    Arbitrary<Double> shifts() {
        return Arbitraries.doubles().between(-50, 50).ofScale(6);
    }

    @Property(tries = 1500, seed = "8102")
    void intervalsWeightsAndHeterogeneity(@ForAll("cases") Case c) {
        MetaResult r = fit(c);
        assertTrue(r.tau2() >= 0, "tau2 >= 0");
        double sw = 0;
        for (double w : r.weights()) {
            assertTrue(w >= 0);
            sw += w;
        }
        near(100, sw, 100, "weights sum");
        assertTrue(r.piLb() <= r.ciLb() + 1e-12 && r.ciUb() <= r.piUb() + 1e-12, "CI within PI");
        assertTrue(r.q() >= 0, "Q >= 0");
        assertTrue(r.i2() >= 0 && r.i2() < 100, () -> "I2 = " + r.i2());
        assertTrue(r.h2() >= 1 || c.method() == Method.FE, () -> "H2 = " + r.h2());
        MetaResult r99 = spec(c).withLevel(0.99).fit(c.data());
        assertTrue(r99.ciLb() <= r.ciLb() && r.ciUb() <= r99.ciUb(), "99% CI contains the 95% CI");
        assertTrue(r99.piLb() <= r.piLb() && r.piUb() <= r99.piUb(), "99% PI contains the 95% PI");
    }

    @Property(tries = 1500, seed = "8103")
    void zeroTau2IsTheCommonEffectModel(@ForAll("cases") Case c) {
        MetaResult r = fit(c);
        Assume.that(r.tau2() == 0);
        MetaResult fe = MetaAnalysis.withDefaults().with(Method.FE).with(c.test()).fit(c.data());
        near(fe.estimate(), r.estimate(), 1, "estimate");
        near(fe.se(), r.se(), 1, "se");
        near(fe.ciLb(), r.ciLb(), 1, "ci_lb");
        assertEquals(fe.weights().length, r.weights().length);
        for (int i = 0; i < fe.weights().length; i++) {
            near(fe.weights()[i], r.weights()[i], 100, "weight " + i);
        }
    }
}
