package org.metaj.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.metaj.data.StudyData;
import org.metaj.data.Tables;
import org.metaj.data.EffectMeasure;
import org.metaj.effect.EffectSizes;
import org.metaj.fit.FitControl;
import org.metaj.regression.MetaRegression;

import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Issue 11, finding 4: the pooled model and the meta-regression are both {@link FittedModel}s, so that analyses,
 * plots and reports take either; their specification carries moderators and the {@link FitControl}. Expected
 * values: metafor 3.8-1 on the BCG trials ({@code escalc("RR")}), {@code logLik(rma(yi, vi))} = -12.20237141549,
 * {@code logLik(rma(yi, vi, method = "DL"))} = -12.68233578143 (ML likelihood at the DL estimate),
 * {@code logLik(rma(yi, vi, mods = ~ ablat))} = -8.08732005828, with {@code method = "ML"} -7.68566552841.
 */
class FittedModelTest {

    static StudyData bcg() {
        try (InputStream in = FittedModelTest.class.getResourceAsStream("/reference/data/bcg.csv")) {
            Table t = Table.read().usingOptions(CsvReadOptions.builder(in).tableName("bcg"));
            return EffectSizes.withDefaults().compute(EffectMeasure.RR, Tables.toStudyColumns(t)).toStudyData();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void pooledModelAndRegressionAreFittedModels() {
        StudyData d = bcg();
        List<FittedModel> models = List.of(
                MetaAnalysis.withDefaults().fit(d),
                MetaAnalysis.withDefaults().with(Method.DL).fit(d),
                MetaRegression.of(MetaAnalysis.withDefaults().withModerators("ablat")).fit(d),
                MetaRegression.of(MetaAnalysis.withDefaults().with(Method.ML).withModerators("ablat")).fit(d));
        double[] logLik = {-12.20237141549, -12.68233578143, -8.08732005828, -7.68566552841};
        String[] methods = {"REML", "DL", "REML", "ML"};
        int[] p = {1, 1, 2, 2};
        for (int m = 0; m < models.size(); m++) {
            FittedModel f = models.get(m);
            assertEquals(FittedModel.Kind.UNIVARIATE, f.kind());
            assertEquals(13, f.k());
            assertEquals(methods[m], f.methodLabel());
            assertEquals(p[m], f.coefficients().size());
            assertEquals("intrcpt", f.coefficients().get(0).name());
            assertEquals(logLik[m], f.logLik(), org.metaj.conformance.Tolerance.of(logLik[m]), methods[m] + " logLik");
            assertEquals(1, f.varianceComponents().length);
            double sum = 0;
            for (double w : f.weights()) {
                sum += w;
            }
            assertEquals(100, sum, 1e-9);
            assertArrayEquals(d.yi(), f.yi());
            assertEquals(13, f.labels().size());
        }
    }

    @Test
    void theSpecificationCarriesModeratorsAndControl() {
        MetaAnalysis spec = MetaAnalysis.withDefaults().withMaxIterations(50).withModerators("ablat");
        var r = MetaRegression.of(spec).fit(bcg());
        assertEquals(List.of("ablat"), r.spec().model().moderators());
        assertEquals(50, r.spec().model().control().maxIterations());
        assertEquals(FitControl.Start.DEFAULT, r.spec().control().start());
        MetaResult pooled = MetaAnalysis.withDefaults().with(FitControl.defaults().withTolerance(1e-8)).fit(bcg());
        assertEquals(1e-8, pooled.spec().control().tolerance());
    }
}
