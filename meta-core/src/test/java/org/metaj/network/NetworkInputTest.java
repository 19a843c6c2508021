package org.metaj.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.metaj.data.DataException;
import org.metaj.data.StudyColumns;
import org.metaj.model.Coefficient;

/** Bad arm-level input gets one message naming the file, row and column; the model's invariants hold. */
class NetworkInputTest {

    private static StudyColumns arms(String[] study, String[] trt, double[] events, double[] n) {
        int[] rows = new int[study.length];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i + 2;
        }
        return StudyColumns.builder(study.length).source("net.csv").labels(study).rows(rows)
                .textColumn("study", study).textColumn("treatment", trt).column("events", events).column("n", n)
                .build();
    }

    private static StudyColumns triangle() {
        return arms(new String[] {"s1", "s1", "s2", "s2", "s3", "s3", "s4", "s4", "s4"},
                new String[] {"A", "B", "A", "C", "B", "C", "A", "B", "C"},
                new double[] {10, 15, 12, 20, 14, 18, 9, 13, 16},
                new double[] {100, 100, 90, 95, 80, 85, 70, 75, 72});
    }

    @Test
    void oneArmStudyIsNamed() {
        DataException e = assertThrows(DataException.class, () -> ArmTable.of(arms(new String[] {"s1", "s1", "s2"},
                new String[] {"A", "B", "A"}, new double[] {1, 2, 3}, new double[] {10, 10, 10}), NetworkMeasure.OR));
        assertEquals("net.csv: row 4, column study: study 's2' has one arm; a study must compare at least two "
                + "treatments", e.getMessage());
    }

    @Test
    void treatmentTwiceInOneStudyIsNamed() {
        DataException e = assertThrows(DataException.class, () -> ArmTable.of(arms(new String[] {"s1", "s1"},
                new String[] {"A", "A"}, new double[] {1, 2}, new double[] {10, 10}), NetworkMeasure.OR));
        assertTrue(e.getMessage().startsWith("net.csv: row 3, column treatment: treatment 'A' appears twice in "
                + "study 's1' (rows 2 and 3)"), e.getMessage());
    }

    @Test
    void eventsAboveGroupSize() {
        DataException e = assertThrows(DataException.class, () -> ArmTable.of(arms(new String[] {"s1", "s1"},
                new String[] {"A", "B"}, new double[] {1, 12}, new double[] {10, 10}), NetworkMeasure.RR));
        assertEquals("net.csv: row 3, column events: events (12) exceed the group size n (10)", e.getMessage());
    }

    @Test
    void unknownReference() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NetworkMetaAnalysis.of("Z").fit(ArmTable.of(triangle(), NetworkMeasure.OR)));
        assertEquals("net.csv: unknown reference treatment 'Z'; the treatments are [A, B, C]", e.getMessage());
    }

    @Test
    void disconnectedNetworkNamesItsParts() {
        StudyColumns cols = arms(new String[] {"s1", "s1", "s2", "s2", "s3", "s3"},
                new String[] {"A", "B", "C", "D", "A", "B"}, new double[] {1, 2, 3, 4, 5, 6},
                new double[] {10, 10, 10, 10, 10, 10});
        DataException e = assertThrows(DataException.class,
                () -> NetworkMetaAnalysis.of("A").fit(ArmTable.of(cols, NetworkMeasure.OR)));
        assertEquals("net.csv: column treatment: the network is not connected: 2 separate sub-networks (1: A, B; "
                + "2: C, D); analyse each part apart or add studies that link them", e.getMessage());
    }

    @Test
    void relativeEffectsAreConsistentAndReferenceInvariant() {
        ArmTable t = ArmTable.of(triangle(), NetworkMeasure.OR);
        NetworkResult a = NetworkMetaAnalysis.of("A").fit(t);
        NetworkResult b = NetworkMetaAnalysis.of("B").fit(t);
        Coefficient cbA = a.relative("C", "B");
        Coefficient cbB = b.relative("C", "B");
        assertEquals(cbA.estimate(), cbB.estimate(), 1e-9);
        assertEquals(cbA.se(), cbB.se(), 1e-9);
        assertEquals(a.tau2(), b.tau2(), 1e-9 + 1e-7 * a.tau2());
        // consistency: C vs A = (C vs B) + (B vs A)
        assertEquals(a.relative("C", "A").estimate(), cbA.estimate() + a.relative("B", "A").estimate(), 1e-12);
        // P-scores average 1/2
        double sum = 0;
        for (double p : a.pScores()) {
            sum += p;
        }
        assertEquals(1.5, sum, 1e-12);
    }
}
