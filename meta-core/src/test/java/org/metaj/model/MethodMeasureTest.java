package org.metaj.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.metaj.data.StudyColumns;
import org.metaj.data.StudyData;
import org.metaj.data.EffectMeasure;
import org.metaj.effect.EffectSizes;

/**
 * Mantel-Haenszel and Peto pool only the measures they estimate: every 2x2 measure is either pooled on its own
 * scale or refused with one line naming the measure, never given another measure's estimate under its label
 * (issue 19, finding 2: {@code --method PETO --measure RR} printed Peto's log odds ratio labelled RR).
 */
class MethodMeasureTest {
    private static final StudyColumns COUNTS = StudyColumns.builder(3).source("t.csv")
            .column("ai", 4, 6, 3).column("bi", 119, 300, 228).column("ci", 11, 29, 11).column("di", 128, 274, 209)
            .build();

    private static final Set<EffectMeasure> PETO = Set.of(EffectMeasure.OR, EffectMeasure.PETO);
    private static final Set<EffectMeasure> MH = Set.of(EffectMeasure.OR, EffectMeasure.RR, EffectMeasure.RD);

    private static boolean fromCounts(EffectMeasure m) {
        return m.columnSets().contains(List.of("ai", "bi", "ci", "di"));
    }

    @ParameterizedTest
    @EnumSource(EffectMeasure.class)
    void petoPoolsOddsRatiosOnly(EffectMeasure m) {
        check(Method.PETO, PETO, m, "Peto's method pools odds ratios only");
    }

    @ParameterizedTest
    @EnumSource(EffectMeasure.class)
    void mantelHaenszelPoolsOrRrRdOnly(EffectMeasure m) {
        check(Method.MH, MH, m, "Mantel-Haenszel pooling needs measure OR, RR, RD, IRR or IRD");
    }

    private static void check(Method method, Set<EffectMeasure> ok, EffectMeasure m, String refusal) {
        if (!fromCounts(m)) {
            return; // the measure cannot be computed from 2x2 counts at all
        }
        StudyData d = EffectSizes.withDefaults().compute(m, COUNTS).toStudyData();
        MetaAnalysis spec = MetaAnalysis.withDefaults().with(method);
        if (ok.contains(m)) {
            MetaResult r = spec.fit(d);
            assertEquals(m, r.data().measure());
            assertTrue(Double.isFinite(r.estimate()));
        } else {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> spec.fit(d));
            assertTrue(e.getMessage().startsWith(refusal), e.getMessage());
            assertTrue(e.getMessage().contains("got " + m.name()), e.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Method.class, names = {"MH", "PETO"})
    void precomputedEffectsAreRefusedEvenBesideCounts(Method method) {
        StudyColumns c = StudyColumns.builder(3).source("t.csv").column("yi", 0.1, 0.2, 0.3)
                .column("vi", 0.01, 0.02, 0.03).column("ai", 4, 6, 3).column("bi", 119, 300, 228)
                .column("ci", 11, 29, 11).column("di", 128, 274, 209).build();
        StudyData d = EffectSizes.withDefaults().generic(c).toStudyData();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MetaAnalysis.withDefaults().with(method).fit(d));
        assertTrue(e.getMessage().contains("got precomputed yi/vi"), e.getMessage());
    }
}
