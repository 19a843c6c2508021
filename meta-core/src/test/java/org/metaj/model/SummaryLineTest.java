package org.metaj.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.metaj.data.StudyColumns;
import org.metaj.data.EffectMeasure;
import org.metaj.effect.EffectSizes;

/**
 * The summary line prints as many decimals as the interval needs (issue 19: a risk difference of -0.002 printed as
 * "RD -0.00 (95% CI -0.01 to 0.01)").
 */
class SummaryLineTest {
    @Test
    void smallRiskDifferencesKeepTheirDigits() {
        StudyColumns c = StudyColumns.builder(3).source("rd.csv").column("ai", 10, 20, 15)
                .column("bi", 990, 1980, 1485).column("ci", 12, 23, 17).column("di", 988, 1977, 1483).build();
        MetaResult r = MetaAnalysis.withDefaults().with(Method.FE)
                .fit(EffectSizes.withDefaults().compute(EffectMeasure.RD, c).toStudyData());
        String line = r.summaryLine();
        // metafor 3.8-1: rma(measure="RD", ..., method="FE"): estimate -0.001552761, ci -0.005818827 to 0.002713306
        assertTrue(line.startsWith("Pooled (FE): RD -0.0016 (95% CI -0.0058 to 0.0027)"), line);
        assertEquals(-0.001552761, r.estimate(), 1e-9);
    }

    @Test
    void decimalsFollowTheIntervalWidth() {
        assertEquals(2, MetaResult.decimals(0.8, -0.27, 1.88));
        assertEquals(2, MetaResult.decimals(120, 80, 160));
        assertEquals(3, MetaResult.decimals(-0.002, -0.011, 0.007));
        assertEquals(6, MetaResult.decimals(1e-9, -1e-9, 3e-9));
        assertEquals(2, MetaResult.decimals(Double.NaN, Double.NaN, Double.NaN));
        assertEquals("0.00", MetaResult.fixed(-0.001, 2));
        assertEquals("-0.01", MetaResult.fixed(-0.006, 2));
        assertEquals("-0.0019", MetaResult.fixed(-0.00186, 4));
    }
}
