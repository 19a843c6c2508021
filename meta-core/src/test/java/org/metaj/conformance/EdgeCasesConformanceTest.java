package org.metaj.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of {@code cases-edge.jsonl} (metafor 3.8-1 on small real and made-up data sets at the edges of the
 * estimators: k = 1 and 2, proportions of 0 and 1, incidence-rate differences whose ML/REML fits approach
 * tau^2 = 0 by step halving) run through the library like {@link CasesConformanceTest}, one test per case, at the
 * project tolerance. {@code reference/cases-edge.R} produced them and says which sets are made up.
 */
class EdgeCasesConformanceTest {

    static List<ReferenceCase> cases() {
        return ReferenceCase.load("cases-edge.jsonl");
    }

    @Test
    void casesPresent() {
        assertTrue(cases().size() == 155, "cases-edge.jsonl must hold its 155 cases");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesMetafor(ReferenceCase c) {
        Tolerance.assertFigures(c, CasesConformanceTest.fit(c).figures());
    }
}
