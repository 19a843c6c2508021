package org.metaj.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The extra reference cases of {@code regression-extra.jsonl}, computed with metafor 3.8-1 by
 * {@code regression-extra.R} (beside it) on datasets that {@code regression.jsonl} does not use
 * (Bangert-Drowns et al. 2004, Raudenbush 1985 with setting and tester, Colditz et al. 1994), across estimators,
 * z and Knapp-Hartung tests, categorical moderators, missing moderator values, subgroups (separate and pooled tau^2)
 * and exact permutation tests. One test per case, at the project tolerance.
 */
class RegressionExtraConformanceTest {

    static List<ReferenceCase> cases() {
        return ReferenceCase.load("regression-extra.jsonl");
    }

    @Test
    void allCasesPresent() {
        assertEquals(24, cases().size(), "regression-extra.jsonl must hold the 24 cases regression-extra.R writes");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesMetafor(ReferenceCase c) {
        Tolerance.assertFigures(c, RegressionConformanceTest.figures(c));
    }
}
