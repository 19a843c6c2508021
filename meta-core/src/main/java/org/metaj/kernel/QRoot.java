package org.metaj.kernel;

import org.apache.commons.math3.analysis.UnivariateFunction;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.math3.exception.MathIllegalStateException;

/**
 * Solves {@code Q(tau2) = target} for the generalised Q statistic, which decreases monotonically in
 * {@code tau2} (DerSimonian &amp; Kacker 2007, Contemp Clin Trials 28:105; Viechtbauer 2007, Stat Med 26:37).
 * Used by the Paule-Mandel estimators and the Q-profile confidence interval. Root finding is commons-math's
 * {@link BrentSolver}; one instance lives in each {@link FitWorkspace}. The solver works in units of the mean
 * sampling variance ({@code tau2 = u * mean(v)}), so its fixed absolute accuracy is a relative one and the root
 * scales exactly with the data (y * c, v * c^2 gives tau2 * c^2, also for variances of 1e-12 or 1e12).
 */
public final class QRoot implements UnivariateFunction {
    private final FitWorkspace ws;
    private final BrentSolver solver = new BrentSolver(1e-15, 1e-15, 0);
    private double target;
    /** the unit of the solver's argument: the mean sampling variance of the data loaded. */
    private double unit = 1.0;
    /** set by {@link #solve} when the root lies beyond the search limit. */
    private boolean hitLimit;

    QRoot(FitWorkspace ws) {
        this.ws = ws;
    }

    /** @return {@code Q(u * unit) - target}, the function Brent's method sees */
    @Override
    public double value(double u) {
        return q(u * unit);
    }

    private double q(double tau2) {
        return ws.wls(tau2) - target;
    }

    /** @return true if the last {@link #solve} did not bracket the root below its limit */
    public boolean hitLimit() {
        return hitLimit;
    }

    /**
     * @param target the value of Q wanted
     * @param limit  the largest tau2 searched; if {@code Q(limit) > target} the limit is returned and
     *               {@link #hitLimit()} is true
     * @return the tau2 at which {@code Q(tau2) = target}, or 0 if {@code Q(0) <= target}; NaN if the solver failed
     */
    public double solve(double target, double limit) {
        this.target = target;
        hitLimit = false;
        double f0 = q(0);
        if (!(f0 > 0)) {
            return f0 <= 0 ? 0.0 : Double.NaN;
        }
        double fl = q(limit);
        if (fl > 0) {
            hitLimit = true;
            return limit;
        }
        double scale = 0;
        for (int i = 0; i < ws.k; i++) {
            scale += ws.v[i];
        }
        unit = Math.max(scale / ws.k, Double.MIN_NORMAL);
        // tighten the bracket geometrically before Brent: cheap, and keeps Brent's accuracy meaningful
        double hi = Math.min(limit / unit, Double.MAX_VALUE);
        double lo = 0;
        double u = 1;
        while (u < hi && value(u) > 0) {
            lo = u;
            u *= 4;
        }
        if (u < hi) {
            hi = u;
        }
        try {
            double root = solver.solve(10_000, this, lo, hi) * unit;
            ws.wls(root);
            return root;
        } catch (MathIllegalStateException e) {
            return Double.NaN;
        }
    }
}
