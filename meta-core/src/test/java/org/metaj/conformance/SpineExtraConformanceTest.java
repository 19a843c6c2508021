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
import org.metaj.regression.MetaRegression;
import org.metaj.regression.MetaRegressionResult;
import org.metaj.sensitivity.Influence;

/**
 * The reference cases of {@code spine-extra.jsonl} (issue 11), computed with metafor 3.8-1 by {@code spine-extra.R}
 * (beside it): influence diagnostics of meta-regressions (metafor's {@code influence()} of an {@code rma} with
 * {@code mods}), and leave-one-out, influence and cumulative fits of {@code egger2001} under ML, whose leave-one-out
 * fit without LIMIT-2 ends on the boundary from metafor's default start. One test per case, at the project tolerance.
 */
class SpineExtraConformanceTest {

    static List<ReferenceCase> cases() {
        return ReferenceCase.load("spine-extra.jsonl");
    }

    @Test
    void allCasesPresent() {
        assertEquals(5, cases().size(), "spine-extra.jsonl must hold the 5 cases spine-extra.R writes");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesMetafor(ReferenceCase c) {
        Tolerance.assertFigures(c, figures(c));
    }

    static Map<String, Object> figures(ReferenceCase c) {
        if (c.option("--mods") == null) {
            return BiasConformanceTest.analyses(c, CasesConformanceTest.fit(c));
        }
        StudyData data = CasesConformanceTest.data(c);
        Method method = c.option("--method") == null ? Method.REML : Method.parse(c.option("--method"));
        TestType test = c.option("--test") == null ? TestType.Z : TestType.parse(c.option("--test"));
        MetaAnalysis spec = MetaAnalysis.withDefaults().with(method).with(test)
                .withModerators(c.option("--mods").split(","));
        MetaRegressionResult r = MetaRegression.of(spec).fit(data);
        Map<String, Object> f = new LinkedHashMap<>(r.figures());
        if (c.flag("--influence")) {
            f.putAll(Influence.of(r).figures());
        }
        return f;
    }
}
