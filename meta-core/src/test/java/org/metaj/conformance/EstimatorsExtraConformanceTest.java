package org.metaj.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.metaj.model.MetaAnalysis;
import org.metaj.model.MetaResult;
import org.metaj.model.Method;
import org.metaj.fit.NonConvergenceException;
import org.metaj.model.TestType;

/**
 * Every case of {@code estimators-extra.jsonl}: metafor 3.8-1's SJIT, DLIT and GENQ estimators on eleven data sets,
 * and DLIT's non-convergence (BCG log risk ratios at metafor's default of 100 iterations; sets where the iterates
 * settle on a 2-cycle at 1000), under {@code --on-nonconvergence DL} (metafor's fallback
 * {@code method = c("DLIT", "DL")}) and {@code report} (the last iterate). Produced by
 * {@code reference/estimators-extra.R}, which documents each figure's call.
 */
class EstimatorsExtraConformanceTest {

    static List<ReferenceCase> cases() {
        return ReferenceCase.load("estimators-extra.jsonl");
    }

    @Test
    void casesPresent() {
        assertEquals(42, cases().size(), "estimators-extra.jsonl must hold the 42 reference cases");
    }

    /** The cases cover every estimator they were written for (a case file cannot lose one silently). */
    @Test
    void everyNewEstimatorHasCases() {
        Set<String> methods = cases().stream().map(c -> c.option("--method")).collect(Collectors.toSet());
        assertEquals(Set.of("SJIT", "DLIT", "GENQ"), methods);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesMetafor(ReferenceCase c) {
        Tolerance.assertFigures(c, fit(spec(c), c).figures());
    }

    /** metafor stops with "Iterative DL estimator did not converge."; so does {@code --on-nonconvergence fail}. */
    @Test
    void dlitOnBcgFailsUnderTheFailPolicy() {
        ReferenceCase c = cases().stream().filter(x -> x.id().equals("bcg/RR/DLIT/z/maxiter100/report")).findFirst()
                .orElseThrow();
        MetaAnalysis fail = spec(c).with(MetaAnalysis.OnNonConvergence.FAIL);
        NonConvergenceException e = assertThrows(NonConvergenceException.class, () -> fit(fail, c));
        assertTrue(e.getMessage().contains("DLIT") && e.getMessage().contains("100 iterations"), e.getMessage());
        MetaResult reported = fit(spec(c), c);
        assertFalse(reported.converged());
        assertTrue(reported.warnings().stream().anyMatch(w -> w.contains("did not converge")), "a warning says so");
        // and with metaj's default limit of 1000 it converges, as metafor does with maxiter = 1000
        assertTrue(fit(spec(c).withMaxIterations(MetaAnalysis.DEFAULT_MAX_ITERATIONS), c).converged());
    }

    static MetaAnalysis spec(ReferenceCase c) {
        MetaAnalysis ma = MetaAnalysis.withDefaults().with(Method.parse(c.option("--method")));
        if (c.option("--test") != null) {
            ma = ma.with(TestType.parse(c.option("--test")));
        }
        if (c.option("--max-iterations") != null) {
            ma = ma.withMaxIterations(Integer.parseInt(c.option("--max-iterations")));
        }
        if (c.option("--on-nonconvergence") != null) {
            ma = ma.with(MetaAnalysis.OnNonConvergence.valueOf(c.option("--on-nonconvergence")
                    .toUpperCase(Locale.ROOT)));
        }
        return ma;
    }

    static MetaResult fit(MetaAnalysis ma, ReferenceCase c) {
        return ma.fit(CasesConformanceTest.data(c));
    }
}
