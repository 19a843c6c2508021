package org.metaj.sensitivity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.metaj.data.StudyColumns;
import org.metaj.data.StudyData;
import org.metaj.data.EffectMeasure;
import org.metaj.effect.EffectSizes;
import org.metaj.model.MetaAnalysis;
import org.metaj.model.MetaResult;
import org.metaj.model.Method;
import org.metaj.model.TestType;

class SubsetFitterTest {

    /** The first seven BCG trials (Colditz 1994), 2x2 counts. */
    static StudyData bcg7(EffectMeasure m) {
        StudyColumns c = StudyColumns.builder(7)
                .column("ai", 4, 6, 3, 62, 33, 180, 8)
                .column("bi", 119, 300, 228, 13536, 5036, 1361, 2537)
                .column("ci", 11, 29, 11, 248, 47, 372, 10)
                .column("di", 128, 274, 209, 12619, 5761, 1079, 619)
                .build();
        return EffectSizes.withDefaults().compute(m, c).toStudyData();
    }

    @Test
    void kernelRefitsEqualFreshFitsOfTheSubset() {
        // leave-one-out through the reused workspace = MetaAnalysis.fit on the subset (independent path)
        MetaAnalysis spec = MetaAnalysis.withDefaults().with(Method.REML).with(TestType.KNHA);
        StudyData d = bcg7(EffectMeasure.RR);
        LeaveOneOut l = LeaveOneOut.of(spec.fit(d));
        for (int i = 0; i < d.k(); i++) {
            int[] keep = new int[d.k() - 1];
            for (int j = 0, n = 0; j < d.k(); j++) {
                if (j != i) {
                    keep[n++] = j;
                }
            }
            MetaResult r = spec.fit(d.subset(keep));
            assertEquals(r.estimate(), l.estimate()[i], 1e-12);
            assertEquals(r.se(), l.se()[i], 1e-12);
            assertEquals(r.ciLb(), l.ciLb()[i], 1e-12);
            assertEquals(r.tau2(), l.tau2()[i], 1e-12);
            assertEquals(r.i2(), l.i2()[i], 1e-9);
            assertEquals(r.q(), l.q()[i], 1e-9);
        }
    }

    @Test
    void mantelHaenszelSubsetsAreRefittedFromTheTables() {
        MetaAnalysis spec = MetaAnalysis.withDefaults().with(Method.MH);
        StudyData d = bcg7(EffectMeasure.OR);
        Cumulative c = Cumulative.of(spec.fit(d));
        MetaResult first3 = spec.fit(d.subset(new int[] {0, 1, 2}));
        assertEquals(first3.estimate(), c.estimate()[2], 1e-14);
        assertEquals(spec.fit(d).estimate(), c.estimate()[6], 1e-14);
        assertThrows(IllegalArgumentException.class, () -> Influence.of(spec.fit(d)));
    }

    @Test
    void cumulativeOrderIsValidated() {
        MetaResult m = MetaAnalysis.withDefaults().fit(bcg7(EffectMeasure.RR));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Cumulative.of(m, new int[] {0, 1, 2, 3, 4, 5, 5}));
        assertEquals(true, e.getMessage().contains("permutation"), e.getMessage());
        // reverse order: the last step is the full model, the first is study 7 alone (tau^2 = 0)
        Cumulative rev = Cumulative.of(m, new int[] {6, 5, 4, 3, 2, 1, 0});
        assertEquals(m.estimate(), rev.estimate()[6], 1e-10);
        assertEquals(m.data().yi(6), rev.estimate()[0], 0);
        assertEquals(0.0, rev.tau2()[0], 0);
    }
}
