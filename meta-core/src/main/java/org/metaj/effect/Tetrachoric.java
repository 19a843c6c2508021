package org.metaj.effect;

import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * The tetrachoric correlation of a 2x2 table (measure RTET): the correlation {@code rho} of a standard bivariate
 * normal pair {@code (X, Y)} dichotomised at thresholds {@code u} (columns: group 1's events {@code a + c}) and
 * {@code w} (rows: {@code a + b}), so that the four cell probabilities are
 * {@code p_a = Phi2(u, w; rho)}, {@code p_b = Phi(w) - p_a}, {@code p_c = Phi(u) - p_a},
 * {@code p_d = 1 - Phi(u) - Phi(w) + p_a}. Pearson (1900), Phil. Trans. R. Soc. A 195:1-47; Olsson (1979),
 * Psychometrika 44:443-460 (maximum likelihood).
 *
 * <p>The model has three parameters for the three free probabilities of the table, so the maximum-likelihood
 * estimate reproduces the table exactly: {@code w = Phi^-1((a+b)/n)}, {@code u = Phi^-1((a+c)/n)}, and {@code rho}
 * the root of {@code Phi2(u, w; rho) = a/n} (monotone in rho; found by Brent's method to 1e-15). {@code vi} is the
 * (1,1) element of the inverse information of {@code (rho, w, u)}: at this saturated estimate the observed and
 * expected information agree, {@code I = n sum_cells g g^T / p} with {@code g} the gradient of the cell probability,
 * {@code d Phi2/d rho = phi2(u, w; rho)}, {@code d Phi2/d u = phi(u) Phi((w - rho u)/sqrt(1 - rho^2))} (Olsson 1979,
 * eq. 14-18). metafor 3.8-1 maximises the same likelihood numerically (Nelder-Mead, with a finite-difference
 * Hessian), so its figures agree with these to the precision of that optimiser. As in metafor, |rho| is bounded by
 * 0.9999; an empty margin gives no estimate (the study is left out); {@code b = c = 0} gives {@code rho = 1} and
 * {@code a = d = 0} gives {@code rho = -1}, with variance 0.
 *
 * <p>{@code Phi2} is computed from Sheppard's (1900) integral as Drezner &amp; Wesolowsky (1990, J. Stat. Comput.
 * Simul. 35:101-107) write it: {@code Phi2(u, w; rho) = Phi(u) Phi(w) + 1/(2 pi) int_0^asin(rho)
 * exp(-(u^2 + w^2 - 2 u w sin t)/(2 cos^2 t)) dt}, integrated by adaptive Simpson quadrature to 1e-15.
 */
final class Tetrachoric {
    /** metafor's bound on |rho|. */
    static final double MAX_COR = 0.9999;
    private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1, 1e-15);

    private Tetrachoric() {
    }

    static void rtet(double[] x, VarianceType vt, double avg, double[] out) {
        double a = x[0], b = x[1], c = x[2], d = x[3];
        double n = a + b + c + d;
        if (a + b == 0 || c + d == 0 || a + c == 0 || b + d == 0) {
            out[0] = 0;
            out[1] = Double.POSITIVE_INFINITY;
            return;
        }
        if (b == 0 && c == 0) {
            out[0] = 1;
            out[1] = 0;
            return;
        }
        if (a == 0 && d == 0) {
            out[0] = -1;
            out[1] = 0;
            return;
        }
        double w = NORMAL.inverseCumulativeProbability((a + b) / n);
        double u = NORMAL.inverseCumulativeProbability((a + c) / n);
        double target = a / n;
        double rho;
        if (b == 0 || c == 0) {
            rho = MAX_COR;
        } else if (a == 0 || d == 0) {
            rho = -MAX_COR;
        } else {
            double lo = phi2(u, w, -MAX_COR) - target;
            double hi = phi2(u, w, MAX_COR) - target;
            if (lo >= 0) {
                rho = -MAX_COR;
            } else if (hi <= 0) {
                rho = MAX_COR;
            } else {
                rho = new BrentSolver(1e-15, 1e-15).solve(200, r -> phi2(u, w, r) - target, -MAX_COR, MAX_COR);
            }
        }
        out[0] = b == 0 || c == 0 ? 1 : a == 0 || d == 0 ? -1 : rho;
        out[1] = variance(u, w, rho, n);
    }

    /** The (1,1) element of the inverse expected information of {@code (rho, w, u)} for a table of n. */
    static double variance(double u, double w, double rho, double n) {
        double s = Math.sqrt(1 - rho * rho);
        double f = phi2(u, w, rho);
        double dens = Math.exp(-(u * u - 2 * rho * u * w + w * w) / (2 * s * s)) / (2 * Math.PI * s);
        double fu = NORMAL.density(u) * NORMAL.cumulativeProbability((w - rho * u) / s);
        double fw = NORMAL.density(w) * NORMAL.cumulativeProbability((u - rho * w) / s);
        double pu = NORMAL.cumulativeProbability(u), pw = NORMAL.cumulativeProbability(w);
        double[] p = {f, pw - f, pu - f, 1 - pu - pw + f};
        double[][] g = {
            {dens, fw, fu},
            {-dens, NORMAL.density(w) - fw, -fu},
            {-dens, -fw, NORMAL.density(u) - fu},
            {dens, fw - NORMAL.density(w), fu - NORMAL.density(u)}};
        double[][] info = new double[3][3];
        for (int j = 0; j < 4; j++) {
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) {
                    info[r][c] += n * g[j][r] * g[j][c] / p[j];
                }
            }
        }
        RealMatrix inv = new LUDecomposition(MatrixUtils.createRealMatrix(info)).getSolver().getInverse();
        return inv.getEntry(0, 0);
    }

    /** @return {@code P(X <= u, Y <= w)} for standard normals with correlation rho, {@code |rho| < 1} */
    static double phi2(double u, double w, double rho) {
        double base = NORMAL.cumulativeProbability(u) * NORMAL.cumulativeProbability(w);
        double end = Math.asin(rho);
        if (end == 0) {
            return base;
        }
        double fa = integrand(u, w, 0), fb = integrand(u, w, end), fm = integrand(u, w, end / 2);
        return base + simpson(u, w, 0, end, fa, fm, fb, whole(0, end, fa, fm, fb), 1e-15, 40) / (2 * Math.PI);
    }

    private static double integrand(double u, double w, double t) {
        double c = Math.cos(t);
        return Math.exp(-(u * u + w * w - 2 * u * w * Math.sin(t)) / (2 * c * c));
    }

    private static double whole(double a, double b, double fa, double fm, double fb) {
        return (b - a) / 6 * (fa + 4 * fm + fb);
    }

    private static double simpson(double u, double w, double a, double b, double fa, double fm, double fb,
            double s, double eps, int depth) {
        double m = (a + b) / 2;
        double flm = integrand(u, w, (a + m) / 2), frm = integrand(u, w, (m + b) / 2);
        double left = whole(a, m, fa, flm, fm), right = whole(m, b, fm, frm, fb);
        double delta = left + right - s;
        if (depth <= 0 || Math.abs(delta) <= 15 * eps) {
            return left + right + delta / 15;
        }
        return simpson(u, w, a, m, fa, flm, fm, left, eps, depth - 1)
                + simpson(u, w, m, b, fm, frm, fb, right, eps, depth - 1);
    }
}
