package org.metaj.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.metaj.conformance.Tolerance;
import org.metaj.data.StudyColumns;
import org.metaj.data.StudyData;
import org.metaj.model.Coefficient;
import org.metaj.model.MetaAnalysis;
import org.metaj.model.MetaResult;
import org.metaj.model.Method;
import org.metaj.model.TestType;
import org.metaj.stats.Probabilities;

class MetaRegressionTest {
    private static final double TOL = 1e-9;

    private static void close(double want, double got, String what) {
        Tolerance.assertClose(want, got, what);
    }

    @Test
    void categoricalModeratorWithThreeLevelsIsDummyCodedAgainstTheFirstLevel() {
        StudyData bcg = TestData.load("bcg.csv", "RR");
        MetaRegressionResult r = MetaRegression.withDefaults().fit(bcg, "alloc");
        // levels alternate < random < systematic: "alternate" is the reference level
        assertEquals(List.of("intrcpt", "allocrandom", "allocsystematic"), r.design().names());
        String[] alloc = bcg.columns().getText("alloc");
        for (int i = 0; i < bcg.k(); i++) {
            assertEquals(alloc[i].equals("random") ? 1.0 : 0.0, r.design().get(i, 1));
            assertEquals(alloc[i].equals("systematic") ? 1.0 : 0.0, r.design().get(i, 2));
        }
        assertEquals(2, r.qmDf());
        assertEquals(10, r.qeDf());
        // metafor 3.8-1, regression.jsonl case bcg/mods/alloc/z
        close(1.76751140193, r.qm(), "QM");
        close(0.413228032757, r.qmPval(), "QM p");
        close(-0.447818401391, r.coefficient("allocrandom").estimate(), "allocrandom");
        close(0.0, r.r2(), "R2 is truncated at 0 (tau2 rises when alloc is added)");
        // fitted value of a "random" trial = intercept + allocrandom
        Prediction pr = r.predict(1, 0);
        close(r.beta()[0] + r.beta()[1], pr.estimate(), "prediction for random allocation");
        double[] vb = r.vb();
        close(Math.sqrt(vb[0] + 2 * vb[1] + vb[4]), pr.se(), "se of the prediction");
    }

    @Test
    void collinearModeratorIsNamedWithTheColumnsItDependsOn() {
        double[] y = {0.1, 0.3, -0.2, 0.5, 0.4, 0.0};
        double[] v = {0.01, 0.02, 0.015, 0.03, 0.02, 0.01};
        double[] a = {1, 2, 3, 4, 5, 6};
        double[] b = new double[6];
        double[] c = {3, 1, 4, 1, 5, 9};
        for (int i = 0; i < 6; i++) {
            b[i] = 2 * a[i] + 1;
        }
        StudyColumns cols = StudyColumns.builder(6).column("yi", y).column("vi", v).column("a", a).column("c", c)
                .column("b", b).build();
        StudyData d = StudyData.of(cols, y, v, null, List.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MetaRegression.withDefaults().fit(d, "a", "c", "b"));
        assertTrue(e.getMessage().contains("moderator 'b' is collinear with intrcpt + a"), e.getMessage());
        // a column constant across studies is collinear with the intercept alone
        double[] k = {2, 2, 2, 2, 2, 2};
        StudyColumns cols2 = StudyColumns.builder(6).column("yi", y).column("vi", v).column("const", k).build();
        StudyData d2 = StudyData.of(cols2, y, v, null, List.of());
        e = assertThrows(IllegalArgumentException.class, () -> MetaRegression.withDefaults().fit(d2, "const"));
        assertTrue(e.getMessage().contains("moderator 'const' is collinear with intrcpt"), e.getMessage());
    }

    @Test
    void asManyCoefficientsAsStudiesIsRejected() {
        double[] y = {0.1, 0.3, -0.2};
        double[] v = {0.01, 0.02, 0.015};
        StudyColumns cols = StudyColumns.builder(3).column("a", 1, 2, 4).column("b", 3, 1, 2).build();
        StudyData d = StudyData.of(cols, y, v, null, List.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MetaRegression.withDefaults().fit(d, "a", "b"));
        assertTrue(e.getMessage().startsWith("3 coefficients but only 3 studies"), e.getMessage());
    }

    @Test
    void knappHartungGivesAnFTestOfTheModerators() {
        StudyData bcg = TestData.load("bcg.csv", "RR");
        MetaRegression knha = MetaRegression.withDefaults().with(TestType.KNHA);
        MetaRegressionResult r = knha.fit(bcg, "ablat", "year");
        assertEquals(2, r.qmDf());
        assertEquals(10.0, r.qmDf2());
        // metafor 3.8-1, regression.jsonl case bcg/mods/ablat+year/knha: F(2, 10) = 4.96494755588
        close(4.96494755588, r.qm(), "F");
        close(Probabilities.fUpper(r.qm(), 2, 10), r.qmPval(), "F p-value on (2, 10) df");
        close(0.0318035012859, r.qmPval(), "F p-value");
        // with one moderator F = t^2 and the p-values agree
        MetaRegressionResult one = knha.fit(bcg, "ablat");
        close(Math.pow(one.coefficient("ablat").statistic(), 2), one.qm(), "F = t^2");
        close(one.coefficient("ablat").pval(), one.qmPval(), "p(F) = p(t)");
        // the coefficient interval uses the t quantile on k - p = 11 df
        Coefficient c = one.coefficient("ablat");
        close(c.estimate() + Probabilities.tQuantile(0.975, 11) * c.se(), c.ciUb(), "t interval");
    }

    @Test
    void predictionMatchesMetafor() {
        // metafor 3.8-1, printed by regression-extra.R: predict(rma(yi, vi, mods = ~ weeks,
        // data = dat.raudenbush1985, method = "REML", test = "knha"), newmods = 10)
        StudyData rb = TestData.load("raudenbush1985.csv", null);
        MetaRegressionResult r = MetaRegression.withDefaults().with(TestType.KNHA).fit(rb, "weeks");
        Prediction p = r.predict(10);
        close(0.036728518701478, p.estimate(), "pred");
        close(0.054343634565101, p.se(), "se");
        close(-0.077926528060054, p.ciLb(), "ci.lb");
        close(0.151383565463010, p.ciUb(), "ci.ub");
        close(-0.214044608867242, p.piLb(), "pi.lb");
        close(0.287501646270198, p.piUb(), "pi.ub");
        assertEquals(p.estimate(), r.predict(1, 10).estimate(), TOL);
        // predict(rma(yi, vi, mods = ~ length + meta, data = dat.bangertdrowns2004, method = "DL"),
        // newmods = c(5, 1)); four studies with a missing moderator left out
        StudyData bd = TestData.load("bangertdrowns2004-mods.csv", null);
        MetaRegressionResult r2 = MetaRegression.withDefaults().with(Method.DL).fit(bd, "length", "meta");
        assertEquals(44, r2.k());
        Prediction q = r2.predict(5, 1);
        close(0.251460336188400, q.estimate(), "pred");
        close(0.086937021297254, q.se(), "se");
        close(0.081066905522590, q.ciLb(), "ci.lb");
        close(0.421853766854209, q.ciUb(), "ci.ub");
        close(-0.178758904161414, q.piLb(), "pi.lb");
        close(0.681679576538213, q.piUb(), "pi.ub");
    }

    @Test
    void interceptOnlyRegressionEqualsTheMetaAnalysis() {
        StudyData bcg = TestData.load("bcg.csv", "RR");
        for (Method m : new Method[] {Method.REML, Method.DL, Method.PM, Method.FE}) {
            MetaResult ma = MetaAnalysis.withDefaults().with(m).fit(bcg);
            MetaRegressionResult mr = MetaRegression.withDefaults().with(m).fit(bcg,
                    DesignMatrix.interceptOnly(bcg.k()));
            close(ma.estimate(), mr.coefficients().get(0).estimate(), m + " estimate");
            close(ma.se(), mr.coefficients().get(0).se(), m + " se");
            close(ma.tau2(), mr.tau2(), m + " tau2");
            close(ma.q(), mr.qe(), m + " Q");
            close(ma.i2(), mr.i2(), m + " I2");
            close(ma.statistic() * ma.statistic(), mr.qm(), m + " QM = z^2");
            assertTrue(Double.isNaN(mr.r2()), "no R2 without moderators");
        }
    }

    @Test
    void studiesWithAMissingModeratorAreLeftOutWithAWarning() {
        double[] y = {0.1, 0.3, -0.2, 0.5, 0.4, 0.0, 0.2};
        double[] v = {0.01, 0.02, 0.015, 0.03, 0.02, 0.01, 0.02};
        double[] a = {1, 2, Double.NaN, 4, 5, 6, 3};
        StudyColumns cols = StudyColumns.builder(7).column("a", a).build();
        StudyData d = StudyData.of(cols, y, v, null, List.of());
        MetaRegressionResult r = MetaRegression.withDefaults().with(Method.DL).fit(d, "a");
        assertEquals(6, r.k());
        assertTrue(r.warnings().get(0).contains("1 studies left out for a missing value in a: Study 3 (row 4)"),
                r.warnings().toString());
        int[] keep = {0, 1, 3, 4, 5, 6};
        MetaRegressionResult same = MetaRegression.withDefaults().with(Method.DL).fit(d.subset(keep), "a");
        close(same.coefficient("a").estimate(), r.coefficient("a").estimate(), "same fit as the subset");
    }

    @Test
    void unknownModeratorNamesTheColumnsPresent() {
        StudyData bcg = TestData.load("bcg.csv", "RR");
        RuntimeException e = assertThrows(RuntimeException.class, () -> MetaRegression.withDefaults().fit(bcg,
                "latitude"));
        assertTrue(e.getMessage().contains("latitude") && e.getMessage().contains("ablat"), e.getMessage());
    }

    @Test
    void figuresCarryTheContractKeys() {
        StudyData bcg = TestData.load("bcg.csv", "RR");
        var f = MetaRegression.withDefaults().fit(bcg, "ablat").figures();
        for (String key : new String[] {"k", "tau2", "QM", "QM_pval", "QE", "QE_pval", "R2", "I2", "H2",
            "coef_intrcpt_estimate", "coef_ablat_se", "coef_ablat_pval", "coef_ablat_zval", "coef_ablat_ci_lb",
            "coef_ablat_ci_ub"}) {
            assertTrue(f.containsKey(key), key);
        }
    }
}
