package org.metaj.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.metaj.data.Tables;
import org.metaj.model.Coefficient;
import org.metaj.network.ArmTable;
import org.metaj.network.NetworkMeasure;
import org.metaj.network.NetworkMetaAnalysis;
import org.metaj.network.NetworkResult;

/**
 * Every case of {@code network-extra.jsonl} (metafor 3.8-1 {@code rma.mv} consistency models as CONTRACT-2 part B
 * states them, produced by {@code reference/network-extra.R}) fitted through the library, one test per case, at the
 * project tolerance.
 */
class NetworkConformanceTest {

    static List<ReferenceCase> cases() {
        return ReferenceCase.load("network-extra.jsonl");
    }

    @Test
    void casesPresent() {
        assertEquals(22, cases().size(), "network-extra.jsonl must hold the network reference cases");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesMetafor(ReferenceCase c) {
        ArmTable arms = ArmTable.of(Tables.toStudyColumns(CasesConformanceTest.table(c.data())),
                NetworkMeasure.parse(c.option("--measure")));
        NetworkMetaAnalysis spec = NetworkMetaAnalysis.of(c.option("--reference"))
                .with(NetworkMetaAnalysis.Method.parse(c.option("--method")))
                .with(NetworkMetaAnalysis.SmallValues.parse(c.option("--small-values")));
        if (c.option("--level") != null) {
            spec = spec.withLevel(Double.parseDouble(c.option("--level")));
        }
        Tolerance.assertFigures(c, figures(spec.fit(arms)));
    }

    /** The contract's flattened figure names. */
    static Map<String, Object> figures(NetworkResult r) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("k", r.studyCount());
        f.put("n_treatments", r.treatments().size());
        f.put("n_contrasts", r.contrastCount());
        f.put("tau2", r.tau2());
        f.put("Q", r.q());
        f.put("Q_df", r.qDf());
        f.put("Q_pval", r.qPval());
        f.put("Q_het", r.qHet());
        f.put("Q_het_df", r.qHetDf());
        f.put("Q_het_pval", r.qHetPval());
        f.put("Q_inc", r.qInc());
        f.put("Q_inc_df", r.qIncDf());
        f.put("Q_inc_pval", r.qIncPval());
        f.put("dbt_tau2", r.designByTreatment().tau2());
        f.put("dbt_Q", r.designByTreatment().q());
        f.put("dbt_df", r.designByTreatment().df());
        f.put("dbt_pval", r.designByTreatment().pval());
        for (Coefficient c : r.coefficients()) {
            String k = "d_" + c.name().replaceAll("[^A-Za-z0-9]", "_") + "_";
            f.put(k + "estimate", c.estimate());
            f.put(k + "se", c.se());
            f.put(k + "pval", c.pval());
            f.put(k + "ci_lb", c.ciLb());
            f.put(k + "ci_ub", c.ciUb());
        }
        double[] p = r.pScores();
        for (int i = 0; i < p.length; i++) {
            f.put("pscore_" + r.treatments().get(i).replaceAll("[^A-Za-z0-9]", "_"), p[i]);
        }
        return f;
    }
}
