package org.metaj.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.metaj.bias.BeggTest;
import org.metaj.bias.EggerTest;
import org.metaj.bias.FailSafeN;
import org.metaj.bias.PetPeese;
import org.metaj.bias.TrimAndFill;
import org.metaj.model.MetaResult;
import org.metaj.sensitivity.Cumulative;
import org.metaj.sensitivity.Influence;
import org.metaj.sensitivity.LeaveOneOut;

/**
 * Every case of {@code bias.jsonl} (metafor 3.8-1: regtest, ranktest, trimfill, leave1out, influence, cumul, fsn)
 * run through the library, one test per case, at the project tolerance. The model is fitted as in
 * {@link CasesConformanceTest} (no {@code --method} means REML); the flags say which analyses to run.
 */
class BiasConformanceTest {

    static List<ReferenceCase> cases() {
        return ReferenceCase.load("bias.jsonl");
    }

    @Test
    void allCasesPresent() {
        assertEquals(28, cases().size(), "bias.jsonl must hold the 28 reference cases");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesMetafor(ReferenceCase c) {
        Tolerance.assertFigures(c, analyses(c, CasesConformanceTest.fit(c)));
    }

    /** Runs the analyses named by the case's flags and collects their figures. */
    static Map<String, Object> analyses(ReferenceCase c, MetaResult fit) {
        Map<String, Object> got = new LinkedHashMap<>(fit.figures());
        if (c.flag("--egger")) {
            got.putAll(EggerTest.classic().test(fit).figures());
        }
        if (c.flag("--begg")) {
            got.putAll(BeggTest.test(fit).figures());
        }
        if (c.flag("--trimfill")) {
            got.putAll(TrimAndFill.withDefaults().fit(fit).figures());
        }
        if (c.flag("--leave1out")) {
            got.putAll(LeaveOneOut.of(fit).figures());
        }
        if (c.flag("--influence")) {
            got.putAll(Influence.of(fit).figures());
        }
        if (c.flag("--cumulative")) {
            got.putAll(Cumulative.of(fit).figures());
        }
        if (c.flag("--failsafe")) {
            got.putAll(FailSafeN.of(fit).figures());
        }
        if (c.flag("--petpeese")) {
            got.putAll(PetPeese.of(fit).figures());
        }
        return got;
    }
}
