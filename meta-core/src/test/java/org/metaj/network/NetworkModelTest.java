package org.metaj.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.metaj.data.StudyColumns;

/** Exactly consistent data: no heterogeneity, no inconsistency, direct = indirect; tree comparisons have no indirect evidence. */
class NetworkModelTest {

    /** Mean of treatment t in a study with baseline level b: b + effect(t), effects A 0, B 1, C 3, D 2. */
    private static StudyColumns consistentMeans() {
        String[] study = {"s1", "s1", "s2", "s2", "s3", "s3", "s3", "s4", "s4", "s5", "s5"};
        String[] trt = {"A", "B", "A", "C", "A", "B", "C", "B", "C", "C", "D"};
        double[] base = {10, 10, 5, 5, 7, 7, 7, 2, 2, 4, 4};
        double[] eff = {0, 1, 0, 3, 0, 1, 3, 1, 3, 3, 2};
        double[] mean = new double[study.length];
        double[] sd = new double[study.length];
        double[] n = new double[study.length];
        int[] rows = new int[study.length];
        for (int i = 0; i < study.length; i++) {
            mean[i] = base[i] + eff[i];
            sd[i] = 1 + 0.1 * i;
            n[i] = 20 + 3 * i;
            rows[i] = i + 2;
        }
        return StudyColumns.builder(study.length).source("consistent.csv").labels(study).rows(rows)
                .textColumn("study", study).textColumn("treatment", trt).column("mean", mean).column("sd", sd)
                .column("n", n).build();
    }

    @Test
    void consistentDataHaveNoHeterogeneityAndDirectEqualsIndirect() {
        NetworkResult r = NetworkMetaAnalysis.of("A").fit(ArmTable.of(consistentMeans(), NetworkMeasure.MD));
        assertEquals(0, r.tau2());
        assertEquals(0, r.q(), 1e-20);
        assertEquals(1, r.relative("B", "A").estimate(), 1e-12);
        assertEquals(3, r.relative("C", "A").estimate(), 1e-12);
        assertEquals(-1, r.relative("D", "C").estimate(), 1e-12);
        assertEquals(0, r.designByTreatment().q(), 1e-18);
        for (NodeSplit ns : r.nodeSplits()) {
            if (ns.first().equals("D")) {
                // D is joined to the network by one study only: no indirect evidence
                assertTrue(Double.isNaN(ns.indirect()), ns.toString());
                assertEquals(1, ns.directProportion(), 1e-12);
            } else {
                assertEquals(ns.direct(), ns.indirect(), 1e-9, ns.toString());
                assertTrue(ns.directProportion() > 0 && ns.directProportion() < 1, ns.toString());
            }
        }
        assertEquals(4, r.nodeSplits().size(), "B-A, C-A, C-B and the tree edge D-C: " + r.nodeSplits());
    }
}
