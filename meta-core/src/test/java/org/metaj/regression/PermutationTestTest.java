package org.metaj.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.metaj.data.StudyData;
import org.metaj.model.MetaAnalysis;

class PermutationTestTest {

    @Test
    void exactTestEnumeratesDistinctArrangementsOfRepeatedDesignRows() {
        // bcg7: ablat = 44, 55, 42, 52, 13, 44, 19 -- 44 occurs twice, so 7!/2! = 2520 distinct arrangements
        StudyData bcg7 = TestData.load("bcg7.csv", "RR");
        MetaRegressionResult fit = MetaRegression.withDefaults().fit(bcg7, "ablat");
        PermutationResult r = PermutationTest.withDefaults().exact().test(fit);
        assertTrue(r.exact());
        assertEquals(2520, r.evaluated() + r.failed());
        // metafor 3.8-1 permutest(exact = TRUE), regression.jsonl case bcg7/RR/mods/ablat/permutation:
        // 0.184126984127 = 464/2520
        assertEquals(464.0 / 2520, r.pval("ablat"), 1e-12);
        assertEquals(464.0 / 2520, r.qmPval(), 1e-12);
    }

    @Test
    void monteCarloAgreesWithTheExactTestWithinThreeStandardErrors() {
        StudyData bcg7 = TestData.load("bcg7.csv", "RR");
        MetaRegressionResult fit = MetaRegression.withDefaults().fit(bcg7, "ablat");
        double exact = PermutationTest.withDefaults().exact().test(fit).pval("ablat");
        int n = 2000; // fewer than the 2520 arrangements, else the test would be run exactly
        PermutationResult mc = PermutationTest.withDefaults().withIterations(n).withSeed(20261201L).test(fit);
        assertFalse(mc.exact());
        assertEquals(n, mc.evaluated() + mc.failed());
        double mcse = Math.sqrt(exact * (1 - exact) / n);
        assertEquals(exact, mc.pval("ablat"), 3 * mcse, "Monte Carlo p within 3 MC standard errors");
        // same seed, same draws
        assertEquals(mc.pval("ablat"), PermutationTest.withDefaults().withIterations(n).withSeed(20261201L)
                .test(fit).pval("ablat"));
    }

    @Test
    void signFlipsForAModelWithoutModerators() {
        // metafor 3.8-1 permutest(exact = TRUE), regression.jsonl case bcg7/RR/permutation: 2 of 2^7 sign vectors
        StudyData bcg7 = TestData.load("bcg7.csv", "RR");
        PermutationResult r = PermutationTest.withDefaults().exact().test(MetaAnalysis.withDefaults().fit(bcg7));
        assertEquals(128, r.evaluated() + r.failed());
        assertEquals(2.0 / 128, r.pval("intrcpt"), 1e-15);
        assertEquals(2.0 / 128, r.qmPval(), 1e-15);
    }

    @Test
    void fewerArrangementsThanIterationsRunsExactly() {
        StudyData bcg7 = TestData.load("bcg7.csv", "RR");
        PermutationResult r = PermutationTest.withDefaults().withIterations(5000)
                .test(MetaAnalysis.withDefaults().fit(bcg7));
        assertTrue(r.exact(), "128 sign vectors <= 5000 draws: enumerated (as metafor does)");
    }

    @Test
    void tooManyArrangementsForTheExactLimitFallsBackToMonteCarloWithAWarning() {
        StudyData bcg = TestData.load("bcg.csv", "RR");
        MetaRegressionResult fit = MetaRegression.withDefaults().fit(bcg, "ablat");
        PermutationResult r = PermutationTest.withDefaults().exact().withExactLimit(1000).withIterations(200)
                .exact().test(fit);
        assertFalse(r.exact());
        assertEquals(200, r.evaluated() + r.failed());
        assertTrue(r.warnings().get(0).contains("more than the limit 1000"), r.warnings().toString());
    }

    @Test
    void nextPermutationVisitsEachDistinctArrangementOnce() {
        int[] a = {0, 0, 1, 1, 2};
        Set<String> seen = new HashSet<>();
        int n = 0;
        do {
            seen.add(java.util.Arrays.toString(a));
            n++;
        } while (PermutationTest.nextPermutation(a));
        assertEquals(30, n, "5!/(2!2!1!)");
        assertEquals(30, seen.size());
        assertEquals(30.0, PermutationTest.multinomial(new int[] {2, 2, 1}, 3, 5));
        assertEquals(40320.0, PermutationTest.multinomial(new int[] {1, 1, 1, 1, 1, 1, 1, 1}, 8, 8));
    }
}
