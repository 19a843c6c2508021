package org.metaj.kernel;

/**
 * Solves {@code Q(tau2) = target} for the generalised Q statistic, which decreases monotonically in
 * {@code tau2} (DerSimonian &amp; Kacker 2007, Contemp Clin Trials 28:105; Viechtbauer 2007, Stat Med 26:37).
 * Used by the Paule-Mandel estimators and the Q-profile confidence interval. Root finding is Brent's method
 * (Brent 1973, Algorithms for Minimization without Derivatives, ch. 4: inverse quadratic interpolation, secant and
 * bisection steps on a bracketing interval), written out here so that it allocates nothing (commons-math's
 * {@code BrentSolver} allocates an evaluation counter per solve); one instance lives in each {@link FitWorkspace}.
 *
 * <p>Accuracy is relative to the root: Brent stops when the bracket is below {@code 2 REL |tau2| + ABS}, with
 * {@code REL = 1e-15} and an absolute floor {@code ABS = 1e-15 min(v)}, the resolution below which a change of
 * tau2 changes no weight {@code 1/(v_i + tau2)} at all. The search works in units of the mean sampling variance
 * ({@code tau2 = u * mean(v)}) only to start the geometric bracketing at a sensible size; the stopping rule does
 * not depend on that unit, so one huge variance (mean v of 1e15 beside variances of 0.02) no longer coarsens the
 * root to a fixed fraction of the mean (issue 19: PM was off by 60% or 0, a Q-profile bound 2.85 instead of 0.399),
 * and the root scales exactly with the data (y * c, v * c^2 gives tau2 * c^2).
 */
public final class QRoot {
    /** relative accuracy of the root, and the absolute floor in units of the smallest sampling variance. */
    private static final double REL = 1e-15;
    private static final double ABS = 1e-15;
    private static final int MAX_EVALUATIONS = 10_000;
    private final FitWorkspace ws;
    private double target;
    /** the unit of the solver's argument: the mean sampling variance of the data loaded. */
    private double unit = 1.0;
    /** the absolute floor of Brent's tolerance in units of {@link #unit}: {@code ABS min(v) / unit}. */
    private double floor = ABS;
    /** set by {@link #solve} when the root lies beyond the search limit. */
    private boolean hitLimit;

    QRoot(FitWorkspace ws) {
        this.ws = ws;
    }

    /** @return {@code Q(u * unit) - target}, the function Brent's method sees */
    double value(double u) {
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
        double minV = Double.POSITIVE_INFINITY;
        for (int i = 0; i < ws.k; i++) {
            double vi = ws.v[i];
            scale += vi;
            minV = Math.min(minV, vi);
        }
        unit = Math.max(scale / ws.k, Double.MIN_NORMAL);
        floor = Math.max(ABS * (minV / unit), Double.MIN_VALUE);
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
        double root = brent(lo, hi, value(lo), value(hi));
        if (Double.isNaN(root)) {
            return Double.NaN;
        }
        root *= unit;
        ws.wls(root);
        return root;
    }

    /**
     * Brent's zeroin on {@code [a, b]} with {@code f(a) f(b) <= 0}, {@code f = value}.
     *
     * @return the root, or NaN if {@link #MAX_EVALUATIONS} were not enough
     */
    private double brent(double a, double b, double fa, double fb) {
        if (fa == 0) {
            return a;
        }
        if (fb == 0) {
            return b;
        }
        double c = a;
        double fc = fa;
        double d = b - a;
        double e = d;
        for (int it = 0; it < MAX_EVALUATIONS; it++) {
            if (Math.abs(fc) < Math.abs(fb)) {
                a = b;
                b = c;
                c = a;
                fa = fb;
                fb = fc;
                fc = fa;
            }
            double tol = 2 * REL * Math.abs(b) + floor;
            double m = 0.5 * (c - b);
            if (Math.abs(m) <= tol || fb == 0) {
                return b;
            }
            if (Math.abs(e) < tol || Math.abs(fa) <= Math.abs(fb)) {
                d = m;
                e = d;
            } else {
                double s = fb / fa;
                double p;
                double q;
                if (a == c) {
                    // secant
                    p = 2 * m * s;
                    q = 1 - s;
                } else {
                    // inverse quadratic interpolation
                    q = fa / fc;
                    double r = fb / fc;
                    p = s * (2 * m * q * (q - r) - (b - a) * (r - 1));
                    q = (q - 1) * (r - 1) * (s - 1);
                }
                if (p > 0) {
                    q = -q;
                } else {
                    p = -p;
                }
                s = e;
                e = d;
                if (2 * p < 3 * m * q - Math.abs(tol * q) && p < Math.abs(0.5 * s * q)) {
                    d = p / q;
                } else {
                    d = m;
                    e = d;
                }
            }
            a = b;
            fa = fb;
            b += Math.abs(d) > tol ? d : (m > 0 ? tol : -tol);
            fb = value(b);
            if ((fb > 0 && fc > 0) || (fb <= 0 && fc <= 0)) {
                c = a;
                fc = fa;
                d = b - a;
                e = d;
            }
        }
        return Double.NaN;
    }
}
