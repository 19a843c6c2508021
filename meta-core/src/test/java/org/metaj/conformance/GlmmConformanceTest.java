package org.metaj.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.metaj.data.Tables;
import org.metaj.glmm.CountMeasure;
import org.metaj.glmm.Glmm;
import org.metaj.glmm.GlmmModel;

/**
 * Every case of {@code glmm-extra.jsonl} (metafor 3.8-1 rma.glmm and rma.mh, produced by {@code glmm-extra.R}, which
 * states how each figure was computed) run through the library, one test per case, at the project tolerance.
 */
class GlmmConformanceTest {

    static List<ReferenceCase> cases() {
        return ReferenceCase.load("glmm-extra.jsonl");
    }

    static List<ReferenceCase> glmmCases() {
        return cases().stream().filter(c -> c.flag("--glmm")).collect(Collectors.toList());
    }

    static List<ReferenceCase> mhCases() {
        return cases().stream().filter(c -> !c.flag("--glmm")).collect(Collectors.toList());
    }

    @Test
    void casesPresent() {
        assertTrue(glmmCases().size() >= 30, "glmm-extra.jsonl must hold the GLMM reference cases");
        assertTrue(mhCases().size() >= 8, "glmm-extra.jsonl must hold the Mantel-Haenszel reference cases");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("glmmCases")
    void glmmMatchesMetafor(ReferenceCase c) {
        Tolerance.assertFigures(c, fit(c).figures());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mhCases")
    void mantelHaenszelMatchesMetafor(ReferenceCase c) {
        Tolerance.assertFigures(c, CasesConformanceTest.fit(c).figures());
    }

    static org.metaj.glmm.GlmmResult fit(ReferenceCase c) {
        int i = c.args().indexOf("--glmm");
        String model = i + 1 < c.args().size() && !c.args().get(i + 1).startsWith("--") ? c.args().get(i + 1) : null;
        Glmm g = Glmm.of(CountMeasure.parse(c.option("--measure")), model == null ? null : GlmmModel.parse(model));
        if (c.option("--method") != null) {
            g = g.withMethod(c.option("--method"));
        }
        if (c.option("--mods") != null) {
            g = g.withMods(Arrays.asList(c.option("--mods").split(",")));
        }
        return g.fit(Tables.toStudyColumns(CasesConformanceTest.table(c.data())));
    }
}
