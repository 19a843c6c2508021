package org.metaj.glmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.metaj.data.DataException;
import org.metaj.data.StudyColumns;

class GlmmKernelTest {

    /** Table n1 = 2, n2 = 2, m1 = 2: support 0..2 with weights C(2,u) C(2,2-u) = 1, 4, 1. */
    @Test
    void noncentralHypergeometricMomentsByHand() {
        CountRows r = nchg(1, 2, 2, 2);
        double[] out = new double[2];
        double lp = r.logDensity(0, 0, out);
        assertEquals(Math.log(4.0 / 6.0), lp, 1e-15);
        assertEquals(0, out[0], 1e-15); // a - E(A) = 1 - 1
        assertEquals(1.0 / 3.0, out[1], 1e-15); // Var(A) = (1 + 1) / 6
        // psi = 2: weights 1, 8, 4 -> P(1) = 8/13, E = (8 + 8)/13, E(A^2) = (8 + 16)/13
        lp = r.logDensity(0, Math.log(2), out);
        assertEquals(Math.log(8.0 / 13.0), lp, 1e-14);
        assertEquals(1 - 16.0 / 13.0, out[0], 1e-14);
        assertEquals(24.0 / 13.0 - 256.0 / 169.0, out[1], 1e-14);
    }

    /** The conditional MLE of one table solves a = E(A | psi); at a support bound it is infinite. */
    @Test
    void conditionalMle() {
        CountRows r = nchg(3, 10, 12, 8);
        double[] out = new double[2];
        double[] m = Glmm.conditionalMle(r, 0, out);
        r.logDensity(0, m[0], out);
        assertEquals(0, out[0], 1e-12);
        CountRows b = nchg(0, 10, 12, 8);
        assertEquals(Double.NEGATIVE_INFINITY, Glmm.conditionalMle(b, 0, out)[0]);
    }

    /** 40-node adaptive Gauss-Hermite quadrature of the CM.EL likelihood agrees with 80 nodes to 1e-12. */
    @Test
    void cmElQuadratureIsConverged() {
        CountRows r = nchgRows(new double[] {4, 6, 3, 62, 33, 180, 8, 505, 29, 17, 186, 5, 27},
                new double[] {123, 306, 231, 13536, 5036, 1361, 2537, 87886, 7470, 1699, 50448, 2493, 16886},
                new double[] {11, 29, 11, 248, 47, 372, 10, 499, 45, 65, 141, 3, 29},
                new double[] {139, 303, 220, 12619, 5761, 1079, 619, 87892, 7232, 1600, 27197, 2338, 17825});
        double[] beta = {-0.75};
        for (double sd : new double[] {0.05, 0.56, 2.0}) {
            double a = new MarginalLikelihood(r, Glmm.CM_EL_NODES).logLik(beta, new double[] {sd});
            double b = new MarginalLikelihood(r, 80).logLik(beta, new double[] {sd});
            assertEquals(b, a, 1e-12 * Math.abs(b), "sd " + sd);
        }
    }

    /** With tau = 0 the marginal likelihood is the GLM likelihood; 1 node is the Laplace approximation. */
    @Test
    void boundaryIsTheFixedEffectsLikelihood() {
        CountRows r = nchgRows(new double[] {4, 6}, new double[] {123, 306}, new double[] {11, 29},
                new double[] {139, 303});
        double[] out = new double[2];
        double direct = r.logDensity(0, 0.3, out) + r.logDensity(1, 0.3, out);
        assertEquals(direct, new MarginalLikelihood(r, 7).logLik(new double[] {0.3}, new double[] {0}), 1e-13);
    }

    @Test
    void badCountsNameRowAndColumn() {
        DataException e = assertThrows(DataException.class, () -> Glmm.of(CountMeasure.OR, GlmmModel.UM_FS)
                .fit(or(new double[] {5, 12}, new double[] {10, 10}, new double[] {3, 4}, new double[] {10, 10})));
        assertTrue(e.getMessage().contains("n1i") && e.getMessage().contains("12 events")
                || e.getMessage().contains("12.0 events"), e.getMessage());
        e = assertThrows(DataException.class, () -> Glmm.of(CountMeasure.OR, GlmmModel.CM_EL)
                .fit(or(new double[] {5, -1}, new double[] {10, 10}, new double[] {3, 4}, new double[] {10, 10})));
        assertTrue(e.getMessage().contains("ai"), e.getMessage());
        e = assertThrows(DataException.class, () -> Glmm.of(CountMeasure.OR, GlmmModel.CM_AL)
                .fit(or(new double[] {5, 0}, new double[] {10, 0}, new double[] {3, 0}, new double[] {10, 0})));
        assertTrue(e.getMessage().contains("all cells zero"), e.getMessage());
        StudyColumns rates = StudyColumns.builder(2).source("rates.csv").labels("A", "B").rows(2, 3)
                .column("x1i", 3, 4).column("t1i", 100, 0).column("x2i", 5, 6).column("t2i", 100, 100).build();
        e = assertThrows(DataException.class, () -> Glmm.of(CountMeasure.IRR, GlmmModel.CM_EL).fit(rates));
        assertTrue(e.getMessage().contains("person-time") && e.getMessage().contains("t1i"), e.getMessage());
    }

    @Test
    void tooFewStudies() {
        StudyColumns one = or(new double[] {5}, new double[] {10}, new double[] {3}, new double[] {10});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Glmm.of(CountMeasure.OR, GlmmModel.UM_FS).fit(one));
        assertTrue(e.getMessage().contains("needs at least 2 studies"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Glmm.of(CountMeasure.PLO, GlmmModel.UM_FS));
    }

    @Test
    void doubleZeroStudiesAreLeftOutWithAWarning() {
        GlmmResult r = Glmm.of(CountMeasure.OR, GlmmModel.CM_AL).withRandom(false)
                .fit(or(new double[] {5, 0, 7}, new double[] {10, 10, 20}, new double[] {3, 0, 9},
                        new double[] {10, 10, 20}));
        assertEquals(2, r.k());
        assertEquals(1, r.warnings().size());
        assertTrue(r.warnings().get(0).contains("row 3"), r.warnings().get(0));
    }

    private static StudyColumns or(double[] a, double[] n1, double[] c, double[] n2) {
        String[] labels = new String[a.length];
        int[] rows = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            labels[i] = "S" + (i + 1);
            rows[i] = i + 2;
        }
        return StudyColumns.builder(a.length).source("t.csv").labels(labels).rows(rows).column("ai", a)
                .column("n1i", n1).column("ci", c).column("n2i", n2).build();
    }

    private static CountRows nchg(double a, double n1, double n2, double m1) {
        return nchgRows(new double[] {a}, new double[] {n1}, new double[] {m1 - a}, new double[] {n2});
    }

    private static CountRows nchgRows(double[] a, double[] n1, double[] c, double[] n2) {
        StudyColumns cols = or(a, n1, c, n2);
        CountStudies s = CountStudies.of(cols, CountMeasure.OR, List.of());
        return GlmmTestAccess.nchgRows(s);
    }
}
