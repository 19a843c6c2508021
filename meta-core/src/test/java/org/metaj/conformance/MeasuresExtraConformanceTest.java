package org.metaj.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.metaj.data.StudyData;
import org.metaj.data.Tables;
import org.metaj.data.EffectMeasure;
import org.metaj.effect.EffectSizes;
import org.metaj.effect.Transform;
import org.metaj.model.MetaAnalysis;
import org.metaj.model.MetaResult;
import org.metaj.model.Method;

/**
 * Every case of {@code measures-extra.jsonl} run through the library, one test per case, at the project tolerance:
 * the per-study {@code yi, vi} of each measure added after the first fifteen (escalc, metafor 3.8-1), the REML fit
 * on them, and the back-transformed estimate and intervals ({@code predict(fit, transf = ...)}). Produced by
 * {@code reference/measures-extra.R}, which documents each figure's call.
 */
class MeasuresExtraConformanceTest {

    static List<ReferenceCase> cases() {
        return ReferenceCase.load("measures-extra.jsonl");
    }

    @Test
    void everyNewMeasureHasACase() {
        Set<String> seen = new HashSet<>();
        for (ReferenceCase c : cases()) {
            seen.add(c.option("--measure"));
        }
        for (String m : List.of("SMDH", "SMD1", "CVR", "VR", "RPB", "RBIS", "D2ORN", "D2ORL", "MC", "SMCC", "SMCR",
                "SMCRH", "ROMC", "MN", "MNLN", "CVLN", "SDLN", "PLN", "IRLN", "IRS", "IRFT", "UCOR", "PCOR", "ZPCOR",
                "SPCOR", "AS", "PHI", "YUQ", "YUY", "RTET", "OR2DN", "OR2DL", "AHW", "ABT")) {
            assertTrue(seen.contains(m), "no reference case for " + m);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesMetafor(ReferenceCase c) {
        Tolerance.assertFigures(c, figures(c));
    }

    static Map<String, Object> figures(ReferenceCase c) {
        EffectSizes es = EffectSizes.withDefaults();
        if (c.option("--vtype") != null) {
            es = es.withVtype(c.option("--vtype"));
        }
        EffectMeasure m = EffectMeasure.parse(c.option("--measure"));
        StudyData d = es.compute(m, Tables.toStudyColumns(CasesConformanceTest.table(c.data()))).toStudyData();
        MetaResult r = MetaAnalysis.withDefaults().with(Method.parse(c.option("--method"))).fit(d);
        Map<String, Object> f = new LinkedHashMap<>(r.figures());
        f.put("studies_yi", d.yi());
        f.put("studies_vi", d.vi());
        Transform t = c.option("--transf") != null ? Transform.parse(c.option("--transf")) : Transform.forMeasure(m);
        f.putAll(r.backTransformed(t));
        return f;
    }
}
