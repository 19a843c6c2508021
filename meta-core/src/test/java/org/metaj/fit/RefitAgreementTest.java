package org.metaj.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.metaj.data.StudyData;
import org.metaj.data.Tables;
import org.metaj.data.EffectMeasure;
import org.metaj.effect.EffectSizes;
import org.metaj.model.MetaAnalysis;
import org.metaj.model.MetaResult;
import org.metaj.model.Method;
import org.metaj.resample.Jackknife;
import org.metaj.resample.JackknifeResult;
import org.metaj.resample.Statistic;
import org.metaj.sensitivity.Cumulative;
import org.metaj.sensitivity.Influence;
import org.metaj.sensitivity.LeaveOneOut;

import tech.tablesaw.api.Table;

/**
 * Issue 11, finding 1: every refit path of a fitted model gives one answer. {@code datasets/egger2001.csv}, OR,
 * ML, leaving out study 14 (LIMIT-2): metafor 3.8-1 ({@code leave1out(rma(yi, vi, method = "ML"))$tau2[14]},
 * {@code influence(...)$inf$tau2.del[14]}) gives τ² = 0 from its default start (log-likelihood −28.71212 of
 * {@code rma(yi, vi, data = dat[-14, ], method = "ML")}), where a start at the full-data τ² finds the interior
 * maximum 0.2952524 (log-likelihood −18.95944, {@code control = list(tau2.init = 0.254)}). Before the refit path
 * was shared, the jackknife (warm-started) reported 0.295 while leave-one-out reported 0.
 */
class RefitAgreementTest {

    static StudyData egger2001() {
        try {
            Path p = Path.of("../datasets/egger2001.csv");
            Table t = Table.read().csv(Files.newInputStream(p), "egger2001");
            return EffectSizes.withDefaults().compute(EffectMeasure.OR, Tables.toStudyColumns(t)).toStudyData();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void leaveOneOutJackknifeAndInfluenceAgreeOnTheBoundaryFitOfEgger2001() {
        MetaResult ml = MetaAnalysis.withDefaults().with(Method.ML).fit(egger2001());
        assertEquals(16, ml.k());
        // R: rma(yi, vi, data = dat, method = "ML"): tau2 0.2539979, logLik -19.6845908
        assertEquals(0.2539979, ml.tau2(), 1e-6);
        double loo = LeaveOneOut.of(ml).tau2()[13];
        JackknifeResult jk = Jackknife.run(ml);
        double jack = jk.values(Statistic.TAU2)[13];
        double inf = Influence.of(ml).tau2Deleted()[13];
        assertEquals(0.0, loo, 1e-9, "leave1out");
        assertEquals(loo, jack, 1e-12, "jackknife = leave-one-out");
        assertEquals(loo, inf, 1e-12, "influence = leave-one-out");
        // the same subset fitted by the friendly API from the default start
        int[] keep = new int[15];
        for (int i = 0, n = 0; i < 16; i++) {
            if (i != 13) {
                keep[n++] = i;
            }
        }
        MetaResult sub = ml.spec().fit(ml.data().subset(keep));
        assertEquals(loo, sub.tau2(), 1e-12, "fit of the subset");
        // R: logLik(rma(yi, vi, data = dat[-14, ], method = "ML")) = -28.71212
        assertEquals(-28.71212, sub.logLik(), 1e-5);
    }

    @Test
    void aBoundaryFitThatTheQProfileArguesAgainstSaysSo() {
        MetaResult ml = MetaAnalysis.withDefaults().with(Method.ML).fit(egger2001());
        LeaveOneOut l = LeaveOneOut.of(ml);
        assertTrue(l.warnings().stream().anyMatch(w -> w.contains("without study 14")
                && w.contains("Q-profile lower bound is above 0")), l.warnings()::toString);
        int[] keep = new int[15];
        for (int i = 0, n = 0; i < 16; i++) {
            if (i != 13) {
                keep[n++] = i;
            }
        }
        MetaResult sub = ml.spec().fit(ml.data().subset(keep));
        assertTrue(sub.warnings().stream().anyMatch(w -> w.contains("Q-profile lower bound is above 0")),
                sub.warnings()::toString);
        // R: confint(rma(yi, vi, data = dat[-14, ], method = "ML"))$random[1, ] lower bound 0.03580547
        assertEquals(0.03580547, sub.tau2Interval().tau2Lb(), 1e-6);
    }

    @Test
    void aGivenStartIsTheModelsControlAndEveryRefitInheritsIt() {
        // metafor: rma(yi, vi, data = dat[-14, ], method = "ML", control = list(tau2.init = 0.2539979,
        // threshold = 1e-12, maxiter = 1000)) finds tau2 0.295249786632, logLik -18.959435037566; its leave1out()
        // refits with x$control, so the given start carries over
        MetaAnalysis spec = MetaAnalysis.withDefaults().with(Method.ML)
                .with(FitControl.defaults().withStart(0.2539979));
        MetaResult ml = spec.fit(egger2001());
        assertEquals(FitControl.Start.GIVEN, ml.spec().control().start());
        double loo = LeaveOneOut.of(ml).tau2()[13];
        double jack = Jackknife.run(ml).values(Statistic.TAU2)[13];
        assertEquals(0.295249786632, loo, org.metaj.conformance.Tolerance.of(0.295249786632));
        assertEquals(loo, jack, 1e-12);
        double[] cum = Cumulative.of(ml).tau2();
        assertTrue(Arrays.stream(cum).allMatch(t -> t >= 0));
    }
}
