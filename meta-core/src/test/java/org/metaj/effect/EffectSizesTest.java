package org.metaj.effect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.metaj.data.DataException;
import org.metaj.data.EffectMeasure;
import org.metaj.data.StudyColumns;
import org.metaj.data.StudyData;
import org.metaj.data.Tables;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class EffectSizesTest {
    private static final double TOL = 1e-13;
    private static final EffectSizes ES = EffectSizes.withDefaults();

    private static StudyColumns.Builder b(int k) {
        String[] l = new String[k];
        for (int i = 0; i < k; i++) {
            l[i] = "S" + (i + 1);
        }
        return StudyColumns.builder(k).source("trials.csv").labels(l);
    }

    private static StudyColumns twoByTwo(double[] ai, double[] bi, double[] ci, double[] di) {
        return b(ai.length).column("ai", ai).column("bi", bi).column("ci", ci).column("di", di).build();
    }

    @Test
    void defaultsAreMetaforsEscalcDefaults() {
        assertEquals(0.5, ES.add());
        assertEquals(ZeroCellRule.ONLY0, ES.to());
        assertFalse(ES.drop00());
        assertFalse(ES.isAddExplicit());
        assertEquals("LS", ES.vtype());
        EffectSizes e = ES.withAdd(0.25).withTo(ZeroCellRule.ALL).withDrop00(true);
        assertEquals(0.25, e.add());
        assertEquals(ZeroCellRule.ALL, e.to());
        assertTrue(e.drop00());
        assertEquals(0.5, ES.add(), "withers must not modify the original");
        assertThrows(IllegalArgumentException.class, () -> ES.withAdd(-1));
    }

    /**
     * Hand computation: m1 = 10, sd1 = 2, n1 = 4; m2 = 8, sd2 = 3, n2 = 5. Degrees of freedom m = 7; pooled variance
     * s^2 = (3*4 + 4*9)/7 = 48/7; d = 2/sqrt(48/7). Hedges' J(7) = Gamma(7/2) / (sqrt(7/2) Gamma(3)) with
     * Gamma(7/2) = (15/8) sqrt(pi), Gamma(3) = 2, so J = 15 sqrt(pi) / (16 sqrt(3.5)) = 0.88820290767275...;
     * g = J d = 0.67837617614837...; vi = 1/4 + 1/5 + g^2/(2*9) = 0.47556634646476... (metafor 3.8-1 escalc
     * prints yi 0.678376176148376, vi 0.475566346464761 for these numbers).
     */
    @Test
    void smdOnAHandComputedExample() {
        StudyColumns c = b(1).column("m1i", 10).column("sd1i", 2).column("n1i", 4).column("m2i", 8)
                .column("sd2i", 3).column("n2i", 5).build();
        EffectSizeResult r = ES.compute(EffectMeasure.SMD, c);
        double j = 15 * Math.sqrt(Math.PI) / (16 * Math.sqrt(3.5));
        double d = 2 / Math.sqrt(48.0 / 7);
        double g = j * d;
        assertEquals(0.8882029076727511, j, 1e-15);
        assertEquals(j, EffectSizes.hedgesJ(7), 1e-14);
        assertEquals(g, r.yi()[0], TOL);
        assertEquals(0.678376176148376, r.yi()[0], 1e-14);
        assertEquals(0.25 + 0.2 + g * g / 18, r.vi()[0], TOL);
        assertEquals(0.475566346464761, r.vi()[0], 1e-14);
        assertTrue(r.notes().isEmpty());
    }

    @Test
    void mdAndRomFormulas() {
        StudyColumns c = b(1).column("m1i", 12).column("sd1i", 3).column("n1i", 10).column("m2i", 8)
                .column("sd2i", 2).column("n2i", 20).build();
        EffectSizeResult md = ES.compute(EffectMeasure.MD, c);
        assertEquals(4, md.yi()[0], TOL);
        assertEquals(9.0 / 10 + 4.0 / 20, md.vi()[0], TOL);
        EffectSizeResult rom = ES.compute(EffectMeasure.ROM, c);
        assertEquals(Math.log(1.5), rom.yi()[0], TOL);
        assertEquals(9.0 / (10 * 144) + 4.0 / (20 * 64), rom.vi()[0], TOL);
    }

    @Test
    void zeroCellStudyGetsHalfOnEveryCellAndIsNoted() {
        StudyColumns c = twoByTwo(new double[] {0, 4}, new double[] {10, 6}, new double[] {3, 2},
                new double[] {7, 8});
        EffectSizeResult r = ES.compute(EffectMeasure.OR, c);
        assertEquals(Math.log(0.5 * 7.5 / (10.5 * 3.5)), r.yi()[0], TOL);
        assertEquals(1 / 0.5 + 1 / 10.5 + 1 / 3.5 + 1 / 7.5, r.vi()[0], TOL);
        assertEquals(Math.log(4.0 * 8 / (6 * 2)), r.yi()[1], TOL, "study without zero cell is not corrected");
        assertEquals(List.of("row 2 (S1): 0.5 added to each cell (ai, bi, ci, di) (rule ONLY0)"), r.notes());
        // raw, uncorrected counts are kept, with the group sizes
        assertArrayEquals(new double[] {0, 4}, r.columns().get("ai"));
        assertArrayEquals(new double[] {10, 6}, r.columns().get("bi"));
        assertArrayEquals(new double[] {10, 10}, r.columns().get("n1i"));
        assertArrayEquals(new double[] {10, 10}, r.columns().get("n2i"));

        EffectSizeResult rr = ES.compute(EffectMeasure.RR, c);
        assertEquals(Math.log((0.5 / 11) / (3.5 / 11)), rr.yi()[0], TOL);
        assertEquals(1 / 0.5 - 1 / 11.0 + 1 / 3.5 - 1 / 11.0, rr.vi()[0], TOL);
        EffectSizeResult rd = ES.compute(EffectMeasure.RD, c);
        double p1 = 0.5 / 11;
        double p2 = 3.5 / 11;
        assertEquals(p1 - p2, rd.yi()[0], TOL, "metafor corrects RD too");
        assertEquals(p1 * (1 - p1) / 11 + p2 * (1 - p2) / 11, rd.vi()[0], TOL);
        EffectSizeResult peto = ES.compute(EffectMeasure.PETO, c);
        // corrected table 0.5, 10.5 / 3.5, 7.5: N = 22, n1 = n2 = 11, events 4, non-events 18
        double e = 11 * 4 / 22.0;
        double v = 11 * 11 * 4 * 18 / (22.0 * 22 * 21);
        assertEquals((0.5 - e) / v, peto.yi()[0], TOL);
        assertEquals(1 / v, peto.vi()[0], TOL);
        assertEquals(1, peto.notes().size());
    }

    @Test
    void groupSizeInputDerivesBiAndDi() {
        StudyColumns c = b(1).column("ai", 1).column("n1i", 31).column("ci", 0).column("n2i", 30).build();
        EffectSizeResult r = ES.compute(EffectMeasure.RD, c);
        // Urek 1996 of li2007: metafor 3.8-1 escalc RD gives 0.0307459677419355 (corrected 1.5/32 - 0.5/31)
        assertEquals(0.0307459677419355, r.yi()[0], 1e-15);
        assertArrayEquals(new double[] {30}, r.columns().get("bi"));
        assertArrayEquals(new double[] {30}, r.columns().get("di"));
        assertArrayEquals(new double[] {0}, r.columns().get("ci"));
    }

    @Test
    void zeroCellRules() {
        StudyColumns c = twoByTwo(new double[] {0, 4}, new double[] {10, 6}, new double[] {3, 2},
                new double[] {7, 8});
        EffectSizeResult all = ES.withTo(ZeroCellRule.IF0ALL).compute(EffectMeasure.OR, c);
        assertEquals(Math.log(4.5 * 8.5 / (6.5 * 2.5)), all.yi()[1], TOL);
        assertEquals(2, all.notes().size());
        EffectSizeResult allAlways = ES.withTo(ZeroCellRule.ALL).withAdd(1).compute(EffectMeasure.OR, c);
        assertEquals(Math.log(5.0 * 9 / (7 * 3)), allAlways.yi()[1], TOL);
        EffectSizeResult none = ES.withTo(ZeroCellRule.NONE).compute(EffectMeasure.OR, c);
        assertEquals(1, none.k());
        assertEquals(Math.log(4.0 * 8 / (6 * 2)), none.yi()[0], TOL);
        assertEquals(List.of("row 2 (S1): OR not defined (yi = -Infinity, vi = Infinity); study left out"),
                none.notes());
        StudyColumns noZero = twoByTwo(new double[] {1, 4}, new double[] {10, 6}, new double[] {3, 2},
                new double[] {7, 8});
        assertTrue(ES.withTo(ZeroCellRule.IF0ALL).compute(EffectMeasure.OR, noZero).notes().isEmpty());
    }

    @Test
    void drop00DropsDoubleZeroStudyWithNote() {
        StudyColumns c = twoByTwo(new double[] {0, 4, 5}, new double[] {10, 6, 0}, new double[] {0, 2, 3},
                new double[] {7, 8, 0});
        EffectSizeResult r = ES.withDrop00(true).compute(EffectMeasure.OR, c);
        assertEquals(1, r.k());
        assertArrayEquals(new String[] {"S2"}, r.columns().labels());
        assertEquals(List.of("row 2 (S1): no events in either group (ai = ci = 0); study left out (drop00)",
                "row 4 (S3): only events in both groups (bi = di = 0); study left out (drop00)"), r.notes());
        EffectSizeResult kept = ES.compute(EffectMeasure.OR, c);
        assertEquals(3, kept.k());
        assertEquals(Math.log(0.5 * 7.5 / (10.5 * 0.5)), kept.yi()[0], TOL);
    }

    @Test
    void proportionsZeroCells() {
        StudyColumns c = b(2).column("xi", 10, 3).column("ni", 10, 12).build();
        EffectSizeResult pr = ES.compute(EffectMeasure.PR, c);
        // Tanabe et al. of pritz1997: metafor gives 0.954545454545455 and 0.00394440270473328
        assertEquals(10.5 / 11, pr.yi()[0], TOL);
        assertEquals(0.00394440270473328, pr.vi()[0], 1e-16);
        assertEquals(0.25, pr.yi()[1], TOL);
        assertEquals(List.of("row 2 (S1): 0.5 added to xi and ni - xi (rule ONLY0)"), pr.notes());
        EffectSizeResult plo = ES.compute(EffectMeasure.PLO, c);
        assertEquals(Math.log(10.5 / 0.5), plo.yi()[0], TOL);
        assertEquals(1 / 10.5 + 1 / 0.5, plo.vi()[0], TOL);
        EffectSizeResult pas = ES.compute(EffectMeasure.PAS, c);
        assertEquals(Math.PI / 2, pas.yi()[0], TOL, "PAS is not corrected unless add is set explicitly");
        assertEquals(1 / 40.0, pas.vi()[0], TOL);
        assertTrue(pas.notes().isEmpty());
        EffectSizeResult pft = ES.compute(EffectMeasure.PFT, c);
        assertEquals(0.5 * (Math.asin(Math.sqrt(10 / 11.0)) + Math.asin(1)), pft.yi()[0], TOL);
        assertEquals(1 / 42.0, pft.vi()[0], TOL);
        EffectSizeResult pasAdd = ES.withAdd(0.5).compute(EffectMeasure.PAS, c);
        assertEquals(Math.asin(Math.sqrt(10.5 / 11)), pasAdd.yi()[0], TOL);
        assertEquals(1, pasAdd.notes().size());
    }

    @Test
    void correlationsAndRates() {
        StudyColumns r = b(1).column("ri", 0.3).column("ni", 50).build();
        assertEquals(0.3, ES.compute(EffectMeasure.COR, r).yi()[0], TOL);
        assertEquals(0.91 * 0.91 / 49, ES.compute(EffectMeasure.COR, r).vi()[0], TOL);
        assertEquals(0.5 * Math.log(1.3 / 0.7), ES.compute(EffectMeasure.ZCOR, r).yi()[0], TOL);
        assertEquals(1 / 47.0, ES.compute(EffectMeasure.ZCOR, r).vi()[0], TOL);

        StudyColumns t = b(2).column("x1i", 0, 3).column("t1i", 10, 20).column("x2i", 2, 4).column("t2i", 11, 13)
                .build();
        EffectSizeResult irr = ES.compute(EffectMeasure.IRR, t);
        assertEquals(Math.log((0.5 / 10) / (2.5 / 11)), irr.yi()[0], TOL);
        assertEquals(1 / 0.5 + 1 / 2.5, irr.vi()[0], TOL);
        assertEquals(Math.log((3 / 20.0) / (4 / 13.0)), irr.yi()[1], TOL);
        assertEquals(List.of("row 2 (S1): 0.5 added to x1i and x2i (rule ONLY0)"), irr.notes());
        assertArrayEquals(new double[] {0, 3}, irr.columns().get("x1i"));
        EffectSizeResult ird = ES.compute(EffectMeasure.IRD, t);
        assertEquals(0.5 / 10 - 2.5 / 11, ird.yi()[0], TOL);
        assertEquals(0.5 / 100 + 2.5 / 121, ird.vi()[0], TOL);
        assertEquals(3 / 20.0 - 4 / 13.0, ird.yi()[1], TOL);
        assertEquals(3 / 400.0 + 4 / 169.0, ird.vi()[1], TOL);
    }

    @Test
    void nonIntegerCountsAreAccepted() {
        StudyColumns c = twoByTwo(new double[] {2.5}, new double[] {10}, new double[] {3.2}, new double[] {7});
        EffectSizeResult r = ES.compute(EffectMeasure.OR, c);
        assertEquals(Math.log(2.5 * 7 / (10 * 3.2)), r.yi()[0], TOL);
    }

    private static String error(EffectMeasure m, StudyColumns c) {
        return assertThrows(DataException.class, () -> ES.compute(m, c)).getMessage();
    }

    private static StudyColumns means(double sd1, double n1, double m1) {
        return b(2).column("m1i", 10, m1).column("sd1i", 2, sd1).column("n1i", 10, n1).column("m2i", 8, 7)
                .column("sd2i", 3, 3).column("n2i", 10, 10).build();
    }

    @Test
    void validationErrorsNameRowAndColumn() {
        assertEquals("trials.csv: row 3, column sd1i: standard deviation must be >= 0, got -1.5",
                error(EffectMeasure.MD, means(-1.5, 10, 9)));
        assertEquals("trials.csv: row 3, column n1i: group size must be >= 1, got 0",
                error(EffectMeasure.SMD, means(2, 0, 9)));
        assertEquals("trials.csv: row 3, column m1i: ROM needs a positive mean, got -2",
                error(EffectMeasure.ROM, means(2, 10, -2)));
        assertEquals("trials.csv: row 3, column m1i: expected a finite number, got Infinity",
                error(EffectMeasure.MD, means(2, 10, Double.POSITIVE_INFINITY)));
        assertEquals("trials.csv: row 2, column ci: count must be >= 0, got -1",
                error(EffectMeasure.OR, twoByTwo(new double[] {1}, new double[] {2}, new double[] {-1},
                        new double[] {3})));
        assertEquals("trials.csv: row 2, column ai: events must not exceed the group size n1i = 40, got 41",
                error(EffectMeasure.RR, b(1).column("ai", 41).column("n1i", 40).column("ci", 2).column("n2i", 36)
                        .build()));
        assertEquals("trials.csv: row 2, column xi: events must not exceed the group size ni = 10, got 11",
                error(EffectMeasure.PR, b(1).column("xi", 11).column("ni", 10).build()));
        assertEquals("trials.csv: row 2, column ri: correlation must lie in [-1, 1], got 1.2",
                error(EffectMeasure.COR, b(1).column("ri", 1.2).column("ni", 10).build()));
        assertEquals("trials.csv: row 2, column t2i: person-time must be > 0, got 0",
                error(EffectMeasure.IRR, b(1).column("x1i", 1).column("t1i", 10).column("x2i", 2)
                        .column("t2i", 0).build()));
        DataException missingSet = assertThrows(DataException.class,
                () -> ES.compute(EffectMeasure.OR, b(1).column("ai", 1).column("ci", 2).build()));
        assertEquals(-1, missingSet.row());
        assertEquals("trials.csv: measure OR (log odds ratio) needs numeric columns [ai, bi, ci, di] or "
                + "[ai, n1i, ci, n2i]; numeric columns present: [ai, ci]", missingSet.getMessage());
    }

    @Test
    void messagesUseLocaleRoot() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertEquals("trials.csv: row 3, column sd1i: standard deviation must be >= 0, got -1.5",
                    error(EffectMeasure.MD, means(-1.5, 10, 9)));
            StudyColumns c = twoByTwo(new double[] {0}, new double[] {10}, new double[] {3}, new double[] {7});
            assertEquals("row 2 (S1): 0.25 added to each cell (ai, bi, ci, di) (rule ONLY0)",
                    ES.withAdd(0.25).compute(EffectMeasure.OR, c).notes().get(0));
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void missingValuesLeaveTheStudyOutWithANote() {
        StudyColumns c = b(3).column("m1i", 10, 11, 12).column("sd1i", 2, Double.NaN, 2).column("n1i", 10, 10, 10)
                .column("m2i", 8, 8, 8).column("sd2i", 3, 3, 3).column("n2i", 10, 10, 10).build();
        EffectSizeResult r = ES.compute(EffectMeasure.MD, c);
        assertEquals(2, r.k());
        assertArrayEquals(new double[] {2, 4}, r.yi(), TOL);
        assertArrayEquals(new String[] {"S1", "S3"}, r.columns().labels());
        assertArrayEquals(new int[] {2, 4}, r.columns().rows());
        assertEquals(List.of("row 3 (S2): missing value in sd1i; study left out"), r.notes());

        StudyColumns none = b(1).column("ri", Double.NaN).column("ni", 10).build();
        DataException e = assertThrows(DataException.class, () -> ES.compute(EffectMeasure.COR, none));
        assertTrue(e.getMessage().contains("no study left for measure COR"), e.getMessage());
    }

    @Test
    void genericInput() {
        StudyColumns c = b(3).column("yi", 0.1, Double.NaN, 0.3).column("vi", 0.01, 0.02, 0.04).build();
        EffectSizeResult r = ES.generic(c);
        assertNull(r.measure());
        assertArrayEquals(new double[] {0.1, 0.3}, r.yi(), 0);
        assertArrayEquals(new double[] {0.01, 0.04}, r.vi(), 0);
        assertEquals(List.of("row 3 (S2): missing value in yi; study left out"), r.notes());

        StudyColumns se = b(2).column("yi", 0.1, 0.2).column("sei", 0.1, 0.5).build();
        assertArrayEquals(new double[] {0.1 * 0.1, 0.25}, ES.generic(se).vi(), 0);

        assertEquals("trials.csv: row 3, column vi: sampling variance must be >= 0, got -0.02",
                assertThrows(DataException.class, () -> ES.generic(b(2).column("yi", 0.1, 0.2)
                        .column("vi", 0.01, -0.02).build())).getMessage());
        assertEquals("trials.csv: row 2, column sei: standard error must be >= 0, got -1",
                assertThrows(DataException.class, () -> ES.generic(b(1).column("yi", 0.1)
                        .column("sei", -1).build())).getMessage());
        DataException noCols = assertThrows(DataException.class, () -> ES.generic(b(1).column("yi", 1).build()));
        assertEquals(-1, noCols.row());
        assertTrue(noCols.getMessage().contains("[yi, vi] or [yi, sei]"), noCols.getMessage());
    }

    @Test
    void tablesRoundTrip() {
        Table t = Table.create("mini.csv", StringColumn.create("study", "A", "B", "C"),
                IntColumn.create("ai", 1, 2, 3), IntColumn.create("n1i", 10, 20, 30),
                IntColumn.create("ci", 2, 0, 4), IntColumn.create("n2i", 10, 20, 30),
                DoubleColumn.create("dose", 1.5, Double.NaN, 3), StringColumn.create("alloc", "r", "s", "r"));
        StudyColumns c = Tables.toStudyColumns(t);
        assertEquals("mini.csv", c.source());
        assertArrayEquals(new String[] {"A", "B", "C"}, c.labels());
        assertArrayEquals(new int[] {2, 3, 4}, c.rows());
        assertArrayEquals(new double[] {1, 2, 3}, c.get("ai"));
        assertTrue(Double.isNaN(c.get("dose")[1]));
        assertArrayEquals(new String[] {"r", "s", "r"}, c.getText("alloc"));

        EffectSizeResult r = ES.compute(EffectMeasure.RR, t);
        assertEquals(List.of("row 3 (B): 0.5 added to each cell (ai, bi, ci, di) (rule ONLY0)"), r.notes());
        Table out = r.toTable();
        assertEquals(List.of("study", "ai", "bi", "ci", "di", "n1i", "n2i", "dose", "alloc", "yi", "vi"),
                out.columnNames());
        assertEquals("B", out.stringColumn("study").get(1));
        assertEquals(18.0, out.doubleColumn("bi").get(1));
        assertEquals(Math.log(0.1 / 0.2), out.doubleColumn("yi").get(0), TOL);

        StudyData sd = r.toStudyData();
        assertEquals(3, sd.k());
        assertEquals(EffectMeasure.RR, sd.measure());
        assertEquals(r.notes(), sd.notes());
        assertArrayEquals(r.vi(), sd.vi(), 0);
    }
}
