package org.metaj.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.metaj.conformance.Tolerance;
import org.metaj.data.DataException;
import org.metaj.data.StudyColumns;
import org.metaj.data.StudyData;
import org.metaj.model.MetaAnalysis;
import org.metaj.model.MetaResult;
import org.metaj.model.Method;

class SubgroupAnalysisTest {

    private static void close(double want, double got, String what) {
        Tolerance.assertClose(want, got, what);
    }

    @Test
    void eachSubgroupIsItsOwnMetaAnalysisAndQBetweenIsTheirCommonEffectQ() {
        StudyData bcg = TestData.load("bcg.csv", "RR");
        SubgroupResult r = SubgroupAnalysis.withDefaults().fit(bcg, "alloc");
        assertEquals(List.of("alternate", "random", "systematic"),
                r.subgroups().stream().map(Subgroup::level).toList());
        double num = 0;
        double den = 0;
        double qq = 0;
        for (Subgroup s : r.subgroups()) {
            MetaResult own = s.result();
            assertEquals(s.estimate(), own.estimate());
            num += s.estimate() / (s.se() * s.se());
            den += 1 / (s.se() * s.se());
        }
        double mean = num / den;
        for (Subgroup s : r.subgroups()) {
            qq += Math.pow(s.estimate() - mean, 2) / (s.se() * s.se());
        }
        close(qq, r.qBetween(), "Q_between by hand");
        assertEquals(2, r.qBetweenDf());
        // metafor 3.8-1, regression.jsonl case bcg/subgroup/alloc
        close(1.86144494615, r.qBetween(), "Q_between");
    }

    @Test
    void pooledTau2IsOneTau2ForAllSubgroups() {
        StudyData bcg = TestData.load("bcg.csv", "RR");
        SubgroupResult r = SubgroupAnalysis.withDefaults().withPooledTau2(true).fit(bcg, "alloc");
        // the pooled tau2 is the residual tau2 of the meta-regression on alloc (metafor 3.8-1, regression.jsonl
        // case bcg/mods/alloc/z: tau2 = 0.361503664324), and the subgroup estimates its cell means
        MetaRegressionResult mr = MetaRegression.withDefaults().fit(bcg, "alloc");
        for (Subgroup s : r.subgroups()) {
            close(0.361503664324, s.tau2(), "pooled tau2");
            assertNull(s.result());
        }
        close(mr.beta()[0], r.subgroup("alternate").estimate(), "alternate = intercept");
        close(mr.beta()[0] + mr.beta()[1], r.subgroup("random").estimate(), "random = intercept + allocrandom");
        // with independent cell means, Q_between equals the Wald test QM of the meta-regression
        close(mr.qm(), r.qBetween(), "Q_between = QM");
    }

    @Test
    void aSingleLevelGivesNoTestAndSaysSo() {
        double[] y = {0.1, 0.3, -0.2};
        double[] v = {0.01, 0.02, 0.015};
        StudyColumns cols = StudyColumns.builder(3).textColumn("g", "a", "a", "a").build();
        SubgroupResult r = SubgroupAnalysis.withDefaults().fit(StudyData.of(cols, y, v, null, List.of()), "g");
        assertTrue(Double.isNaN(r.qBetween()));
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("only one subgroup")), r.warnings().toString());
    }

    @Test
    void designAnalysisPoolsShamAndPragmaticTrialsSeparately() {
        double[] y = {0.30, 0.10, 0.25, 0.60, 0.45, 0.70, 0.55, 0.20};
        double[] v = {0.02, 0.03, 0.025, 0.04, 0.03, 0.05, 0.02, 0.04};
        String[] comp = {"sham", "sham", "sham", "usual_care", "no_treatment", "waiting_list", "usual_care",
            "active"};
        StudyColumns cols = StudyColumns.builder(8).textColumn("comparator", comp).build();
        StudyData d = StudyData.of(cols, y, v, null, List.of());
        MetaAnalysis dl = MetaAnalysis.withDefaults().with(Method.DL);
        DesignAnalysisResult r = DesignAnalysis.withDefaults().with(dl).fit(d);
        MetaResult sham = dl.fit(d.subset(new int[] {0, 1, 2}));
        MetaResult prag = dl.fit(d.subset(new int[] {3, 4, 5, 6}));
        close(sham.estimate(), r.shamControlled().estimate(), "sham-controlled");
        close(prag.estimate(), r.pragmatic().estimate(), "pragmatic");
        assertEquals(1, r.active().k());
        double w1 = 1 / (sham.se() * sham.se());
        double w2 = 1 / (prag.se() * prag.se());
        double diff = sham.estimate() - prag.estimate();
        close(diff * diff * w1 * w2 / (w1 + w2), r.comparison().qBetween(), "two-group Q_between");
        assertEquals(1, r.figures().get("design_Q_between_df"));
        assertTrue(r.figures().containsKey("design_sham-controlled_estimate"));
        assertTrue(r.figures().containsKey("design_active_estimate"));
    }

    @Test
    void unknownComparatorNamesRowAndValue() {
        double[] y = {0.1, 0.3, -0.2};
        double[] v = {0.01, 0.02, 0.015};
        StudyColumns cols = StudyColumns.builder(3).textColumn("comparator", "sham", "placebo pill", "usual_care")
                .build();
        DataException e = assertThrows(DataException.class,
                () -> DesignAnalysis.withDefaults().fit(StudyData.of(cols, y, v, null, List.of())));
        assertTrue(e.getMessage().contains("placebo pill") && e.getMessage().contains("3"), e.getMessage());
    }
}
