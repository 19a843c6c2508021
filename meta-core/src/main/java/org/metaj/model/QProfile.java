package org.metaj.model;

import java.util.List;
import java.util.Locale;

import org.metaj.kernel.FitWorkspace;
import org.metaj.stats.Probabilities;

/**
 * The Q-profile confidence interval for tau^2 (Viechtbauer 2007, Stat Med 26:37): the bounds are the values of
 * tau^2 at which the generalised Q statistic equals the {@code 1 - alpha/2} and {@code alpha/2} quantiles of the
 * chi-square distribution with {@code k - p} degrees of freedom; a bound whose equation has no positive root is 0.
 * As in metafor, the search runs up to {@code max(100, 10 tau^2)}; a bound at that limit is flagged with a warning.
 */
final class QProfile {
    private QProfile() {
    }

    static Tau2Interval interval(FitWorkspace ws, double tau2, double typicalV, double level, List<String> warnings) {
        int df = ws.k() - ws.p();
        if (df < 1) {
            return null;
        }
        double alpha = 1 - level;
        double limit = Math.max(100.0, 10.0 * tau2);
        double critHi = Probabilities.chiSquareQuantile(1 - alpha / 2, df);
        double critLo = Probabilities.chiSquareQuantile(alpha / 2, df);
        double lb = ws.qRoot.solve(critHi, limit);
        boolean hit = ws.qRoot.hitLimit();
        double ub = ws.qRoot.solve(critLo, limit);
        hit |= ws.qRoot.hitLimit();
        boolean truncated = lb == 0;
        if (hit) {
            warnings.add(String.format(Locale.ROOT,
                    "a Q-profile bound for tau^2 reached the search limit %.6g and is only a bound", limit));
        }
        double s2 = typicalV;
        return new Tau2Interval(lb, ub, Math.sqrt(lb), Math.sqrt(ub), 100 * lb / (lb + s2), 100 * ub / (ub + s2),
                (lb + s2) / s2, (ub + s2) / s2, level, truncated, hit);
    }
}
