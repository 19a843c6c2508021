package org.metaj.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.metaj.conformance.Tolerance;
import org.metaj.data.EffectMeasure;
import org.metaj.data.StudyColumns;
import org.metaj.data.StudyData;
import org.metaj.effect.EffectSizes;

/**
 * Degenerate but legal data: k = 1, k = 2, identical effects, double-zero 2x2 tables, for every method. Expected
 * values from R 4 / metafor 3.8-1 (the R call is in the comment of each table); tolerance is the project's one,
 * {@code |got - want| <= 1e-9 + 1e-6 |want|}.
 */
class DegenerateDataTest {
    private static void close(double want, double got, String what) {
        Tolerance.assertClose(want, got, what);
    }

    /** k = 1: every inverse-variance method answers the study itself. */
    @ParameterizedTest
    @MethodSource("inverseVarianceMethods")
    void singleStudyIsTheStudyItself(Method m) {
        // R: rma(yi = 0.1, vi = 0.01, method = m) -> b 0.1, se 0.1, ci.lb -0.095996398454005372, tau2 0, QE 0,
        // I2 0, H2 1 (all methods)
        MetaResult r = MetaAnalysis.withDefaults().with(m).fit(StudyData.of(new double[] {0.1}, new double[] {0.01}));
        close(0.1, r.estimate(), "estimate");
        close(0.1, r.se(), "se");
        close(-0.095996398454005372, r.ciLb(), "ci_lb");
        close(0.29599639845400544, r.ciUb(), "ci_ub");
        assertEquals(r.ciLb(), r.piLb());
        assertEquals(0.0, r.q());
        assertEquals(0.0, r.i2());
        assertEquals(1.0, r.h2());
        assertEquals(0.0, r.tau2());
        assertEquals(100.0, r.weights()[0]);
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("only one study")), r.warnings()::toString);
        assertTrue(r.figures().get("Q") instanceof Double);
    }

    @Test
    void singleStudyKnhaFallsBackToZWithWarning() {
        // R: rma(yi = 0.1, vi = 0.01, test = "knha") warns 'Setting argument test="z" since k=1'; ci as z
        MetaResult r = MetaAnalysis.withDefaults().with(TestType.KNHA)
                .fit(StudyData.of(new double[] {0.1}, new double[] {0.01}));
        close(-0.095996398454005372, r.ciLb(), "ci_lb");
        close(0.29599639845400544, r.ciUb(), "ci_ub");
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("Knapp-Hartung")));
    }

    static Stream<Method> inverseVarianceMethods() {
        return Method.where(Method::isInverseVariance).stream();
    }

    /**
     * k = 2. R: {@code r <- rma(yi = c(0.1, 0.5), vi = c(0.01, 0.03), method = m); r$b; r$se; r$tau2; r$QE; r$I2;
     * r$ci.lb; r$ci.ub} with {@code options(digits = 17)}; for PM and PMM with {@code control = list(tol = 1e-15)}
     * (metafor's default uniroot tolerance gives PM tau2 0.060021 instead of the exact root 0.06 of Q = 1).
     */
    static Stream<Arguments> twoStudies() {
        return Stream.of(
                Arguments.of(Method.FE, 0.19999999999999984, 0.086602540378443837, 0, 75.000000000000014,
                        0.030262139888574152, 0.36973786011142551),
                Arguments.of(Method.DL, 0.27499999999999997, 0.19843134832984421, 0.059999999999999942,
                        75.000000000000014, -0.11391829613021687, 0.6639182961302168),
                Arguments.of(Method.HE, 0.27499999999999991, 0.19843134832984427, 0.060000000000000012,
                        75.000000000000028, -0.11391829613021703, 0.6639182961302168),
                Arguments.of(Method.HS, 0.24285714285714299, 0.12677313820927755, 0.015000000000000006,
                        42.857142857142897, -0.0056136422401595609, 0.49132792795444558),
                Arguments.of(Method.HSK, 0.26923076923076916, 0.17813132579860633, 0.045000000000000012,
                        69.230769230769255, -0.079900213852869773, 0.61836175231440804),
                Arguments.of(Method.SJ, 0.27272727272727265, 0.189696727659832, 0.05333333333333333,
                        72.727272727272748, -0.099071481471101119, 0.64452602692564642),
                // ML: control = list(threshold = 1e-15, maxiter = 10000); metafor's default threshold 1e-5 stops
                // at tau2 0.01709391503738935 (b 0.24608280096657167), 7e-6 relative from the maximum
                Arguments.of(Method.ML, 0.24608111271891142, 0.13114268799730136, 0.017092753594369493,
                        46.081112718911506, -0.010953832591572454, 0.5031160580293953),
                Arguments.of(Method.REML, 0.27499999999999986, 0.19843134832984421, 0.059999999999999963,
                        75.000000000000014, -0.11391829613021698, 0.66391829613021669),
                Arguments.of(Method.EB, 0.27500000000000002, 0.1984313483298443, 0.060000000000000005,
                        75.000000000000028, -0.11391829613021698, 0.66391829613021702),
                Arguments.of(Method.PM, 0.27500000000000002, 0.1984313483298443, 0.059999999999999998,
                        75.000000000000028, -0.11391829613021698, 0.66391829613021702),
                Arguments.of(Method.PMM, 0.28862658942201069, 0.29604060239815005, 0.15584874706541857,
                        88.626589422010696, -0.29160232923990526, 0.86885550808392664));
    }

    @ParameterizedTest
    @MethodSource("twoStudies")
    void twoStudies(Method m, double b, double se, double tau2, double i2, double ciLb, double ciUb) {
        MetaResult r = MetaAnalysis.withDefaults().with(m)
                .fit(StudyData.of(new double[] {0.1, 0.5}, new double[] {0.01, 0.03}));
        close(b, r.estimate(), "estimate");
        close(se, r.se(), "se");
        close(tau2, r.tau2(), "tau2");
        close(4.0000000000000009, r.q(), "Q");
        assertEquals(1, r.qDf());
        close(i2, r.i2(), "I2");
        close(ciLb, r.ciLb(), "ci_lb");
        close(ciUb, r.ciUb(), "ci_ub");
        assertTrue(r.converged());
    }

    @Test
    void twoStudiesKnhaAndPredictionInterval() {
        // R: r <- rma(yi = c(0.1, 0.5), vi = c(0.01, 0.03), test = "knha"): se 0.19843134832984427,
        // ci -2.2463093379542003 .. 2.7963093379542001 (t on 1 df)
        MetaResult r = MetaAnalysis.withDefaults().with(TestType.KNHA)
                .fit(StudyData.of(new double[] {0.1, 0.5}, new double[] {0.01, 0.03}));
        close(0.19843134832984427, r.se(), "se");
        close(-2.2463093379542003, r.ciLb(), "ci_lb");
        close(2.7963093379542001, r.ciUb(), "ci_ub");
        // R: predict(rma(yi = c(0.1, 0.5), vi = c(0.01, 0.03))): pi.lb -0.34285513699125186, pi.ub 0.89285513699125163
        MetaResult z = MetaAnalysis.withDefaults().fit(StudyData.of(new double[] {0.1, 0.5}, new double[] {0.01, 0.03}));
        close(-0.34285513699125186, z.piLb(), "pi_lb");
        close(0.89285513699125163, z.piUb(), "pi_ub");
        close(0.04550026389635841, z.qPval(), "Q_pval");
    }

    /** Identical effects: Q = 0, tau2 = 0 for every estimator, the common-effect answer, with a warning. */
    @ParameterizedTest
    @MethodSource("inverseVarianceMethods")
    void identicalEffects(Method m) {
        // R: rma(yi = c(0.2, 0.2, 0.2), vi = c(0.01, 0.03, 0.02), method = m): b 0.2, se 0.07385489458759964,
        // tau2 0, QE 0 for every method
        MetaResult r = MetaAnalysis.withDefaults().with(m)
                .fit(StudyData.of(new double[] {0.2, 0.2, 0.2}, new double[] {0.01, 0.03, 0.02}));
        close(0.2, r.estimate(), "estimate");
        close(0.07385489458759964, r.se(), "se");
        assertEquals(0.0, r.tau2());
        close(0, r.q(), "Q");
        assertEquals(0.0, r.i2());
        if (m != Method.FE) {
            assertTrue(r.warnings().stream().anyMatch(w -> w.contains("tau^2 estimated as 0")), r.warnings()::toString);
        }
        if (r.tau2Interval() != null) {
            // R: confint(): both bounds below 0, reported as 0
            assertEquals(0.0, r.tau2Interval().tau2Lb());
            assertEquals(0.0, r.tau2Interval().tau2Ub());
        }
    }

    private static StudyData doubleZero(EffectMeasure m) {
        StudyColumns c = StudyColumns.builder(3).source("dz.csv").labels("A", "B", "C")
                .column("ai", 0, 3, 2).column("bi", 10, 7, 8).column("ci", 0, 5, 4).column("di", 10, 5, 6).build();
        return EffectSizes.withDefaults().compute(m, c).toStudyData();
    }

    @Test
    void doubleZeroStudyIsKeptByRmaWithTheHalfCorrection() {
        // R: escalc("OR", ai = c(0,3,2), bi = c(10,7,8), ci = c(0,5,4), di = c(10,5,6)): study 1 yi 0, vi 4.1905
        // (kept, 1/2 added); rma(measure = "OR", ...) k 3, b -0.8156705875090462, se 0.65372873226958761,
        // tau2 0, QE 0.18609710757061193; method = "DL" gives the same
        StudyData d = doubleZero(EffectMeasure.OR);
        assertEquals(3, d.k());
        close(0.0, d.yi(0), "yi of the double-zero study");
        close(4.0 / 21 + 4, d.vi(0), "vi = 4 / 10.5 + 2 / 0.5");
        for (Method m : new Method[] {Method.REML, Method.DL}) {
            MetaResult r = MetaAnalysis.withDefaults().with(m).fit(d);
            assertEquals(3, r.k());
            close(-0.8156705875090462, r.estimate(), m + " estimate");
            close(0.65372873226958761, r.se(), m + " se");
            close(0, r.tau2(), m + " tau2");
            close(0.18609710757061193, r.q(), m + " Q");
        }
    }

    @Test
    void mantelHaenszelAndPetoDropDoubleZeroStudies() {
        // R: rma.mh(measure = "OR", <same tables>): k 3, k.pos 2, b -0.90885575338663704, se 0.68949312825309339,
        // QE 0.0092978065015429205 (on 1 df: the double-zero study is left out of Q)
        MetaResult mh = MetaAnalysis.withDefaults().with(Method.MH).fit(doubleZero(EffectMeasure.OR));
        close(-0.90885575338663704, mh.estimate(), "MH estimate");
        close(0.68949312825309339, mh.se(), "MH se");
        close(0.0092978065015429205, mh.q(), "MH Q");
        assertEquals(1, mh.qDf());
        // R: rma.mh(measure = "RR", ...): b -0.58778666490211895, se 0.45704364002673631, QE 0.037952347848603261
        MetaResult rr = MetaAnalysis.withDefaults().with(Method.MH).fit(doubleZero(EffectMeasure.RR));
        close(-0.58778666490211895, rr.estimate(), "MH RR estimate");
        close(0.45704364002673631, rr.se(), "MH RR se");
        close(0.037952347848603261, rr.q(), "MH RR Q");
        // R: rma.mh(measure = "RD", ...): b -0.13333333333333333, se 0.099256495262787986, QE 0.20772946859903388
        // (the RD of a double-zero study is 0 with a finite variance: it stays in Q, df 2)
        MetaResult rd = MetaAnalysis.withDefaults().with(Method.MH).fit(doubleZero(EffectMeasure.RD));
        close(-0.13333333333333333, rd.estimate(), "MH RD estimate");
        close(0.099256495262787986, rd.se(), "MH RD se");
        close(0.20772946859903388, rd.q(), "MH RD Q");
        // R: rma.peto(<same tables>): b -0.84444444444444455, se 0.64978628965393093, QE 0.0075396825396822909
        MetaResult p = MetaAnalysis.withDefaults().with(Method.PETO).fit(doubleZero(EffectMeasure.OR));
        close(-0.84444444444444455, p.estimate(), "Peto estimate");
        close(0.64978628965393093, p.se(), "Peto se");
        close(0.0075396825396822909, p.q(), "Peto Q");
        assertEquals(1, p.qDf());
    }

    @Test
    void mantelHaenszelRiskDifferenceUsesTheSatoGreenlandRobinsVariance() {
        // bug fixed: the Greenland-Robins (1985) variance gave se 0.059801159835608755 here; metafor uses
        // Sato, Greenland & Robins (1989). R: rma.mh(measure = "RD", ai = c(4,7,1), bi = c(20,13,30),
        // ci = c(9,3,2), di = c(15,30,22)): b 0.00093485800997181721, se 0.062276994938643214
        StudyColumns c = StudyColumns.builder(3).source("t.csv").labels("A", "B", "C")
                .column("ai", 4, 7, 1).column("bi", 20, 13, 30).column("ci", 9, 3, 2).column("di", 15, 30, 22).build();
        MetaResult r = MetaAnalysis.withDefaults().with(Method.MH)
                .fit(EffectSizes.withDefaults().compute(EffectMeasure.RD, c).toStudyData());
        close(0.00093485800997181721, r.estimate(), "MH RD estimate");
        close(0.062276994938643214, r.se(), "MH RD se");
    }

    @Test
    void mantelHaenszelAndPetoOneAndTwoTables() {
        StudyColumns one = StudyColumns.builder(1).source("t.csv").labels("A")
                .column("ai", 3).column("bi", 7).column("ci", 5).column("di", 5).build();
        StudyData d1 = EffectSizes.withDefaults().compute(EffectMeasure.OR, one).toStudyData();
        // R: rma.mh(measure = "OR", ai = 3, bi = 7, ci = 5, di = 5): b -0.84729786038720367, se 0.93605046668995162
        MetaResult mh1 = MetaAnalysis.withDefaults().with(Method.MH).fit(d1);
        close(-0.84729786038720367, mh1.estimate(), "MH k=1");
        close(0.93605046668995162, mh1.se(), "MH k=1 se");
        assertEquals(0.0, mh1.i2()); // R: m$I2 0
        // R: rma.peto(ai = 3, bi = 7, ci = 5, di = 5): b -0.79166666666666674, se 0.88975652100260927
        MetaResult p1 = MetaAnalysis.withDefaults().with(Method.PETO).fit(d1);
        close(-0.79166666666666674, p1.estimate(), "Peto k=1");
        close(0.88975652100260927, p1.se(), "Peto k=1 se");
        StudyColumns two = StudyColumns.builder(2).source("t.csv").labels("A", "B")
                .column("ai", 3, 2).column("bi", 7, 8).column("ci", 5, 4).column("di", 5, 6).build();
        StudyData d2 = EffectSizes.withDefaults().compute(EffectMeasure.OR, two).toStudyData();
        // R: rma.mh(measure = "OR", ai = c(3,2), bi = c(7,8), ci = c(5,4), di = c(5,6)): b -0.90885575338663704,
        // se 0.68949312825309339, QE 0.0092978065015429205, I2 0
        MetaResult mh2 = MetaAnalysis.withDefaults().with(Method.MH).fit(d2);
        close(-0.90885575338663704, mh2.estimate(), "MH k=2");
        close(0.0092978065015429205, mh2.q(), "MH k=2 Q");
        assertEquals(0.0, mh2.i2());
        // R: rma.peto(<same>): b -0.84444444444444455, QE 0.0075396825396822909
        MetaResult p2 = MetaAnalysis.withDefaults().with(Method.PETO).fit(d2);
        close(-0.84444444444444455, p2.estimate(), "Peto k=2");
        close(0.0075396825396822909, p2.q(), "Peto k=2 Q");
    }

    @Test
    void missingValuesAreLeftOutWithAWarningNamingTheRow() {
        StudyColumns c = StudyColumns.builder(4).source("na.csv").labels("A", "B", "C", "D").rows(2, 3, 4, 5)
                .column("yi", 0.1, Double.NaN, 0.5, 0.2).column("vi", 0.01, 0.02, 0.03, Double.NaN).build();
        StudyData d = EffectSizes.withDefaults().generic(c).toStudyData();
        assertEquals(2, d.k());
        String notes = String.join("\n", d.notes());
        assertTrue(notes.contains("row 3") && notes.contains("row 5"), notes);
        // the remaining two studies are the k = 2 data above: R rma(yi = c(0.1, 0.5), vi = c(0.01, 0.03))
        MetaResult r = MetaAnalysis.withDefaults().fit(d);
        close(0.27499999999999986, r.estimate(), "estimate");
    }
}
