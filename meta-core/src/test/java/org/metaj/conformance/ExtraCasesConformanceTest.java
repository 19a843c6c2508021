package org.metaj.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of {@code cases-extra.jsonl} run through the library exactly like {@link CasesConformanceTest}, one
 * test per case, at the project tolerance. The expected figures are metafor 3.8-1 results on metadat data sets
 * that {@code cases.jsonl} never uses (zero and double-zero 2x2 tables, k = 2 and k = 3, tau2 = 0, very
 * heterogeneous sets); they were produced by {@code reference/cases-extra.R}, which documents each figure's call.
 */
class ExtraCasesConformanceTest {

    static List<ReferenceCase> cases() {
        return ReferenceCase.load("cases-extra.jsonl");
    }

    @Test
    void casesPresent() {
        assertTrue(cases().size() >= 150, "cases-extra.jsonl must hold the extra reference cases");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesMetafor(ReferenceCase c) {
        Tolerance.assertFigures(c, CasesConformanceTest.fit(c).figures());
    }
}
