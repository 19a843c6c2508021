package org.metaj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.metaj.data.StudyData;
import org.metaj.datasets.Datasets;
import org.metaj.data.EffectMeasure;
import org.metaj.effect.EffectSizes;
import org.metaj.model.MetaAnalysis;
import org.metaj.model.MetaResult;
import org.metaj.model.Method;
import org.metaj.model.TestType;

import tech.tablesaw.api.Table;

/** The Java example of the README, as written there, with the numbers it gives. */
class ReadmeExampleTest {
    @Test
    void readmeExampleRuns() {
        Table table = Datasets.load("bcg-colditz1994");
        StudyData data = EffectSizes.withDefaults()
                .compute(EffectMeasure.RR, table)
                .toStudyData();
        MetaResult r = MetaAnalysis.withDefaults()
                .with(Method.REML).with(TestType.KNHA)
                .fit(data);
        double rr = Math.exp(r.estimate());
        // metafor 3.8-1: rma(measure="RR", ai=tpos, bi=tneg, ci=cpos, di=cneg, data=dat.bcg, test="knha"):
        // estimate -0.7145323, tau2 0.3132 (the bcg/RR/REML/knha reference case)
        assertEquals(-0.714532, r.estimate(), 1e-6);
        assertEquals(Math.exp(-0.714532), rr, 1e-6);
        assertEquals(13, r.k());
    }
}
