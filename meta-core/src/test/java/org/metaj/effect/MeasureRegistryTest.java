package org.metaj.effect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.metaj.data.DataException;
import org.metaj.data.StudyColumns;
import org.metaj.data.EffectMeasure;

/**
 * The registered measures at their edges: zero cells (corrected by default for YUQ, YUY, OR2DL, OR2DN, PLN; not for
 * AS, PHI, IRS, IRFT), the back-transformations' clamping, the errors that name row and column. Expected values:
 * R 4 / metafor 3.8-1, {@code escalc(M, ai = c(0, 5), bi = c(10, 5), ci = c(3, 2), di = c(7, 8))},
 * {@code escalc(M, xi = c(0, 4), ni = c(20, 25))}, {@code escalc(M, xi = c(0, 4), ti = c(20, 25))} and the
 * {@code transf.*} calls quoted per line.
 */
class MeasureRegistryTest {
    private static final double TOL = 1e-12;

    private static StudyColumns tables() {
        return StudyColumns.builder(2).source("t.csv").labels("A", "B").column("ai", 0, 5).column("bi", 10, 5)
                .column("ci", 3, 2).column("di", 7, 8).build();
    }

    static Stream<Arguments> tableCases() {
        return Stream.of(
                Arguments.of("YUQ", new double[] {-0.81481481481481488, 0.59999999999999998},
                        new double[] {0.070995651445786012, 0.10496}),
                Arguments.of("YUY", new double[] {-0.51579655261370327, 0.33333333333333331},
                        new double[] {0.084651026628057499, 0.050617283950617278}),
                Arguments.of("AS", new double[] {-0.57963974036370425, 0.3217505543966423},
                        new double[] {0.050000000000000003, 0.050000000000000003}),
                Arguments.of("PHI", new double[] {-0.42008402520840299, 0.31448545101657549},
                        new double[] {0.015743944636678199, 0.043587730950368317}),
                Arguments.of("OR2DL", new double[] {-1.2583433596251941, 0.76430413884568826},
                        new double[] {0.76425121375934779, 0.31156263970018866}),
                Arguments.of("OR2DN", new double[] {-1.3832620519251675, 0.84017840067872163},
                        new double[] {0.92352092352092363, 0.37649219467401285}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tableCases")
    void zeroCellsOfTwoByTwoMeasures(String m, double[] yi, double[] vi) {
        EffectSizeResult r = EffectSizes.withDefaults().compute(EffectMeasure.parse(m), tables());
        assertArrayEquals(yi, r.yi(), TOL);
        assertArrayEquals(vi, r.vi(), TOL);
        // the raw, uncorrected cells are what the result keeps
        assertArrayEquals(new double[] {0, 5}, r.columns().get("ai"));
        assertArrayEquals(new double[] {10, 10}, r.columns().get("n1i"));
    }

    static Stream<Arguments> countCases() {
        return Stream.of(
                Arguments.of("PLN", "ni", new double[] {-3.7376696182833684, -1.8325814637483102},
                        new double[] {1.9523809523809523, 0.20999999999999999}),
                Arguments.of("IRS", "ti", new double[] {0, 0.40000000000000002},
                        new double[] {0.012500000000000001, 0.01}),
                Arguments.of("IRFT", "ti", new double[] {0.11180339887498948, 0.423606797749979},
                        new double[] {0.012500000000000001, 0.01}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("countCases")
    void zeroCounts(String m, String size, double[] yi, double[] vi) {
        StudyColumns c = StudyColumns.builder(2).labels("A", "B").column("xi", 0, 4).column(size, 20, 25).build();
        EffectSizeResult r = EffectSizes.withDefaults().compute(EffectMeasure.parse(m), c);
        assertArrayEquals(yi, r.yi(), TOL);
        assertArrayEquals(vi, r.vi(), TOL);
    }

    @Test
    void aVarianceTypeTheMeasureDoesNotOfferIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EffectSizes.withDefaults().withVtype("UB").compute(EffectMeasure.PHI, tables()));
        assertTrue(e.getMessage().contains("PHI") && e.getMessage().contains("UB"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> EffectSizes.withDefaults().withVtype("ST").compute(EffectMeasure.SMD, StudyColumns.builder(1)
                        .column("m1i", 1).column("sd1i", 1).column("n1i", 10).column("m2i", 0).column("sd2i", 1)
                        .column("n2i", 10).build()));
    }

    @Test
    void invalidInputNamesRowAndColumn() {
        StudyColumns c = StudyColumns.builder(2).source("alpha.csv").labels("A", "B").column("ai", 0.8, 1.3)
                .column("mi", 10, 10).column("ni", 100, 100).build();
        DataException e = assertThrows(DataException.class,
                () -> EffectSizes.withDefaults().compute(EffectMeasure.AHW, c));
        assertTrue(e.getMessage().contains("alpha.csv") && e.getMessage().contains("ai")
                && e.getMessage().contains("1.3"), e.getMessage());
    }

    @Test
    void missingInputLeavesTheStudyOutWithANote() {
        StudyColumns c = StudyColumns.builder(3).labels("A", "B", "C").column("mi", 5, Double.NaN, 7)
                .column("sdi", 1, 1, 2).column("ni", 10, 12, 14).build();
        EffectSizeResult r = EffectSizes.withDefaults().compute(EffectMeasure.MNLN, c);
        assertEquals(2, r.k());
        assertTrue(r.notes().get(0).contains("missing value in mi"), r.notes().toString());
        assertEquals(Math.log(7), r.yi()[1], TOL);
    }

    @Test
    void unbiasedCorrelationOfTooSmallAStudyIsLeftOutAsMetaforLeavesItMissing() {
        // escalc("UCOR", ri = c(.3, .5), ni = c(4, 30)): yi NA 0.50711591381429821, vi NA 0.019027639116343545
        StudyColumns c = StudyColumns.builder(2).labels("A", "B").column("ri", 0.3, 0.5).column("ni", 4, 30).build();
        EffectSizeResult r = EffectSizes.withDefaults().compute(EffectMeasure.UCOR, c);
        assertEquals(1, r.k());
        assertEquals(0.50711591381429821, r.yi()[0], TOL);
        assertEquals(0.019027639116343545, r.vi()[0], TOL);
        assertTrue(r.notes().get(0).contains("UCOR not defined"), r.notes().toString());
    }

    @Test
    void everyMeasureIsRegisteredOrComputedByEffectSizes() {
        for (EffectMeasure m : EffectMeasure.values()) {
            if (m.ordinal() >= EffectMeasure.SMDH.ordinal()) {
                assertNotNull(MeasureRegistry.entry(m), m.name());
            }
            assertNotNull(Transform.forMeasure(m));
        }
    }

    @Test
    void backTransformationsClampAsMetaforDoes() {
        // transf.ipft(c(-0.1, 0.05, 0.8, 1.6), 10) = 0 0 0.51599318016742524 1
        assertEquals(0, Transform.IPFT_HM.apply(-0.1, 10), TOL);
        assertEquals(0, Transform.IPFT_HM.apply(0.05, 10), TOL);
        assertEquals(0.51599318016742524, Transform.IPFT_HM.apply(0.8, 10), TOL);
        assertEquals(1, Transform.IPFT_HM.apply(1.6, 10), TOL);
        // transf.iarcsin(c(-0.1, 1.7)) = 0 1
        assertEquals(0, Transform.IARCSIN.apply(-0.1, Double.NaN), TOL);
        assertEquals(1, Transform.IARCSIN.apply(1.7, Double.NaN), TOL);
        // transf.iirft(c(0.05, 0.3), 20) = 0 0.066736111111111107
        assertEquals(0, Transform.IIRFT_HM.apply(0.05, 20), TOL);
        assertEquals(0.066736111111111107, Transform.IIRFT_HM.apply(0.3, 20), TOL);
        // transf.iahw(c(-0.1, 1.2, 0.5)) = 0 1 0.875; transf.iabt(c(-1, 0.7)) = 0 0.50341469620859047
        assertEquals(0, Transform.IAHW.apply(-0.1, Double.NaN), TOL);
        assertEquals(1, Transform.IAHW.apply(1.2, Double.NaN), TOL);
        assertEquals(0.875, Transform.IAHW.apply(0.5, Double.NaN), TOL);
        assertEquals(0, Transform.IABT.apply(-1, Double.NaN), TOL);
        assertEquals(0.50341469620859047, Transform.IABT.apply(0.7, Double.NaN), TOL);
        // transf.isqrt(c(-1, 0.3)) = 0 0.09
        assertEquals(0, Transform.ISQRT.apply(-1, Double.NaN), TOL);
        assertEquals(0.09, Transform.ISQRT.apply(0.3, Double.NaN), TOL);
        assertEquals(Transform.TANH, Transform.parse("transf.ztor"));
        assertEquals(Transform.IPFT_HM, Transform.parse("ipft.hm"));
        assertThrows(IllegalArgumentException.class, () -> Transform.parse("sqrt"));
    }
}
