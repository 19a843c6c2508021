package org.metaj.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.metaj.data.StudyData;
import org.metaj.model.MetaAnalysis;
import org.metaj.model.Method;
import org.metaj.model.TestType;
import org.metaj.regression.DesignMatrix;
import org.metaj.regression.MetaRegression;
import org.metaj.regression.MetaRegressionResult;
import org.metaj.regression.PermutationTest;
import org.metaj.regression.SubgroupAnalysis;

/**
 * Every case of {@code regression.jsonl} (metafor 3.8-1: {@code rma(mods=)}, subgroup models with the test for
 * subgroup differences, {@code permutest(exact=TRUE)}) run through the library, one test per case, at the project
 * tolerance. Also used by {@link RegressionExtraConformanceTest} for the cases of {@code regression-extra.jsonl}.
 */
class RegressionConformanceTest {

    static List<ReferenceCase> cases() {
        return ReferenceCase.load("regression.jsonl");
    }

    @Test
    void allCasesPresent() {
        assertEquals(9, cases().size(), "regression.jsonl must hold the 9 reference cases");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesMetafor(ReferenceCase c) {
        Tolerance.assertFigures(c, figures(c));
    }

    /** Runs a case the way {@code meta analyze} reads its options. */
    static Map<String, Number> figures(ReferenceCase c) {
        StudyData data = CasesConformanceTest.data(c);
        Method method = c.option("--method") == null ? Method.REML : Method.parse(c.option("--method"));
        TestType test = c.option("--test") == null ? TestType.Z : TestType.parse(c.option("--test"));
        Map<String, Number> f = new LinkedHashMap<>();
        if (c.option("--subgroup") != null) {
            SubgroupAnalysis sa = SubgroupAnalysis.withDefaults()
                    .with(MetaAnalysis.withDefaults().with(method).with(test))
                    .withPooledTau2(c.flag("--pooled-tau2"));
            f.putAll(sa.fit(data, c.option("--subgroup")).figures());
            return f;
        }
        MetaRegression mr = MetaRegression.withDefaults().with(method).with(test);
        MetaRegressionResult r = c.option("--mods") != null ? mr.fit(data, c.option("--mods").split(","))
                : mr.fit(data, DesignMatrix.interceptOnly(data.k()));
        f.putAll(r.figures());
        String perm = c.option("--permutation");
        if (perm != null) {
            PermutationTest pt = perm.equals("exact") ? PermutationTest.withDefaults().exact()
                    : PermutationTest.withDefaults().withIterations(Integer.parseInt(perm));
            if (c.option("--seed") != null) {
                pt = pt.withSeed(Long.parseLong(c.option("--seed")));
            }
            f.putAll(pt.test(r).figures());
        }
        return f;
    }
}
