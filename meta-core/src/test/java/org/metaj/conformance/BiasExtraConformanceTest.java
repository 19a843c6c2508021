package org.metaj.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.metaj.bias.EggerTest;
import org.metaj.bias.TrimAndFill;
import org.metaj.model.MetaResult;
import org.metaj.sensitivity.Baujat;
import org.metaj.sensitivity.Cumulative;

/**
 * The extra reference cases of {@code bias-extra.jsonl}, computed with R metafor 3.8-1 by {@code bias-extra.R}
 * (next to it) on datasets and settings that {@code bias.jsonl} does not cover: Bangert-Drowns 2004 (k = 48,
 * with sample sizes; Begg with tied variances), Hackshaw 1998 with DL, Pritz 1997 with the common-effect model,
 * Molloy 2014 (ZCOR, ML), Lee 2004 with EB; every Egger predictor, the mixed-effects Egger variant (z and
 * Knapp-Hartung), trim and fill with R0 and a given side, leave-one-out and influence under Knapp-Hartung,
 * cumulative by year, Baujat, fail-safe N (all three), PET-PEESE. One test per case, project tolerance.
 */
class BiasExtraConformanceTest {

    static List<ReferenceCase> cases() {
        return ReferenceCase.load("bias-extra.jsonl");
    }

    @Test
    void allCasesPresent() {
        assertEquals(34, cases().size(), "bias-extra.jsonl must hold the 34 cases that bias-extra.R writes");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesMetafor(ReferenceCase c) {
        MetaResult fit = CasesConformanceTest.fit(c);
        Map<String, Object> got = BiasConformanceTest.analyses(c, fit);
        if (c.flag("--egger") && (c.option("--egger-model") != null || c.option("--egger-predictor") != null)) {
            EggerTest e = EggerTest.classic();
            if (c.option("--egger-model") != null) {
                e = e.with(EggerTest.Model.valueOf(c.option("--egger-model").toUpperCase(java.util.Locale.ROOT)));
            }
            if (c.option("--egger-predictor") != null) {
                e = e.with(EggerTest.Predictor.parse(c.option("--egger-predictor")));
            }
            got.putAll(e.test(fit).figures());
        }
        if (c.flag("--trimfill") && (c.option("--trimfill-estimator") != null || c.option("--trimfill-side") != null)) {
            TrimAndFill t = TrimAndFill.withDefaults();
            if (c.option("--trimfill-estimator") != null) {
                t = t.with(TrimAndFill.Estimator.valueOf(c.option("--trimfill-estimator")));
            }
            if (c.option("--trimfill-side") != null) {
                t = t.with(TrimAndFill.Side.valueOf(c.option("--trimfill-side").toUpperCase(java.util.Locale.ROOT)));
            }
            got.putAll(t.fit(fit).figures());
        }
        if (c.flag("--cumulative") && c.option("--cumulative-order") != null) {
            got.putAll(Cumulative.orderedBy(fit, c.option("--cumulative-order")).figures());
        }
        if (c.flag("--baujat")) {
            got.putAll(Baujat.of(fit).figures());
        }
        Tolerance.assertFigures(c, got);
    }
}
