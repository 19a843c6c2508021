package org.metaj.glmm;

import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;

/**
 * The marginal log-likelihood of a count model with independent normal random effects per study,
 * {@code L = prod_g int prod_{r in g} f(y_r | eta_r = o_r + x_r beta + z_r b) prod_j N(b_j; 0, s_j^2) db}, integrated
 * per study around the conditional mode {@code b^} of {@code h(b) = sum_r log f(y_r | eta_r) - sum_j b_j^2 / (2 s_j^2)}
 * (found by Newton's method to machine precision, so that L is a smooth function of the parameters):
 * <ul>
 * <li>with one random effect by adaptive Gauss-Hermite quadrature (Liu &amp; Pierce 1994, Biometrika 81:624;
 * Pinheiro &amp; Bates 1995, J Comput Graph Stat 4:12): with {@code sigma^ = (-h''(b^))^{-1/2}} and the Gauss-Hermite
 * rule {@code (x_m, W_m)} for the weight {@code exp(-x^2)},
 * {@code int exp(h(b)) db ~= sqrt(2) sigma^ sum_m W_m exp(x_m^2) exp(h(b^ + sqrt(2) sigma^ x_m))}; one node is the
 * Laplace approximation. This is the approximation lme4's {@code glmer(nAGQ = M)} maximises (its conditional modes
 * and scales are the same quantities on the scale {@code u = b / s}; for canonical links its IRLS weights are the
 * observed information);</li>
 * <li>with several random effects by the Laplace approximation
 * {@code int exp(h(b)) db ~= (2 pi)^(q/2) exp(h(b^)) det(-h''(b^))^(-1/2)} (Tierney &amp; Kadane 1986, JASA 81:82;
 * lme4's {@code nAGQ = 1}).</li>
 * </ul>
 * A random effect with s_j = 0 is left out of the integral (the model at the boundary). Not thread-safe: the
 * instance keeps the conditional modes of the last evaluation as starting values (a workspace).
 */
final class MarginalLikelihood {
    private final CountRows rows;
    private final int nodes;
    private final double[] gx;
    private final double[] gw;
    private final double[] modes;
    private final double[] eta0;
    private final double[] out = new double[2];

    /**
     * @param rows  the model rows
     * @param nodes number of quadrature nodes (1 = Laplace); more than one needs a single random effect
     */
    MarginalLikelihood(CountRows rows, int nodes) {
        this.rows = rows;
        this.nodes = nodes;
        GaussIntegrator gh = new GaussIntegratorFactory().hermite(nodes);
        gx = new double[nodes];
        gw = new double[nodes];
        for (int m = 0; m < nodes; m++) {
            gx[m] = gh.getPoint(m);
            gw[m] = gh.getWeight(m);
        }
        modes = new double[rows.groups() * rows.q];
        eta0 = new double[rows.n];
    }

    /**
     * @param beta fixed effects (length p)
     * @param sd   standard deviations of the random effects (length q), each &gt;= 0
     * @return the log-likelihood, up to the families' constants; NaN if a conditional mode cannot be found
     */
    double logLik(double[] beta, double[] sd) {
        double total = 0;
        for (int g = 0; g < rows.groups(); g++) {
            total += groupLogLik(g, beta, sd);
        }
        return total;
    }

    /**
     * @param g    the study
     * @param beta fixed effects (length p)
     * @param sd   standard deviations of the random effects (length q), each &gt;= 0
     * @return the log-likelihood of study g, up to the families' constants
     */
    double groupLogLik(int g, double[] beta, double[] sd) {
        int p = rows.p;
        int q = rows.q;
        int from = rows.groupStart[g];
        int to = rows.groupStart[g + 1];
        for (int r = from; r < to; r++) {
            double e = rows.offset[r];
            for (int j = 0; j < p; j++) {
                e += rows.x[r * p + j] * beta[j];
            }
            eta0[r] = e;
        }
        int active = 0;
        int only = -1;
        for (int j = 0; j < q; j++) {
            if (sd[j] > 0) {
                active++;
                only = j;
            }
        }
        if (active == 0) {
            double total = 0;
            for (int r = from; r < to; r++) {
                total += rows.logDensity(r, eta0[r], out);
            }
            return total;
        }
        if (active == 1) {
            return group1(g, from, to, only, sd[only]);
        }
        if (nodes != 1) {
            throw new IllegalStateException("adaptive quadrature needs a single random effect");
        }
        return groupLaplace(g, from, to, sd);
    }

    private double h1(int from, int to, int j, double b, double s) {
        double v = -b * b / (2 * s * s);
        int q = rows.q;
        for (int r = from; r < to; r++) {
            v += rows.logDensity(r, eta0[r] + rows.z[r * q + j] * b, out);
        }
        return v;
    }

    private double group1(int g, int from, int to, int j, double s) {
        int q = rows.q;
        double b = modes[g * q + j];
        if (!Double.isFinite(b)) {
            b = 0;
        }
        double hb = Double.NaN;
        double curv = Double.NaN;
        for (int it = 0; it < 200; it++) {
            double g1 = -b / (s * s);
            double g2 = 1 / (s * s);
            double hv = -b * b / (2 * s * s);
            for (int r = from; r < to; r++) {
                double zr = rows.z[r * q + j];
                hv += rows.logDensity(r, eta0[r] + zr * b, out);
                g1 += zr * out[0];
                g2 += zr * zr * out[1];
            }
            double step = g1 / g2;
            double bn = b + step;
            double hn = h1(from, to, j, bn, s);
            // h is concave: halve a step that overshoots
            for (int k = 0; k < 60 && !(hn >= hv - 1e-14 * Math.abs(hv)); k++) {
                step /= 2;
                bn = b + step;
                hn = h1(from, to, j, bn, s);
            }
            b = bn;
            hb = hn;
            curv = g2;
            if (Math.abs(step) <= 1e-13 * (1 + Math.abs(b))) {
                break;
            }
        }
        // the curvature at the mode itself
        double g2 = 1 / (s * s);
        for (int r = from; r < to; r++) {
            double zr = rows.z[r * q + j];
            rows.logDensity(r, eta0[r] + zr * b, out);
            g2 += zr * zr * out[1];
        }
        curv = g2;
        modes[g * q + j] = b;
        double sigma = 1 / Math.sqrt(curv);
        double logNorm = -0.5 * Math.log(2 * Math.PI * s * s);
        if (nodes == 1) {
            return hb + 0.5 * Math.log(2 * Math.PI) + Math.log(sigma) + logNorm;
        }
        double sum = 0;
        double root2 = Math.sqrt(2);
        for (int m = 0; m < nodes; m++) {
            double bm = b + root2 * sigma * gx[m];
            sum += gw[m] * Math.exp(gx[m] * gx[m] + h1(from, to, j, bm, s) - hb);
        }
        return hb + Math.log(root2 * sigma * sum) + logNorm;
    }

    private double hq(int from, int to, double[] b, double[] sd) {
        int q = rows.q;
        double v = 0;
        for (int j = 0; j < q; j++) {
            if (sd[j] > 0) {
                v -= b[j] * b[j] / (2 * sd[j] * sd[j]);
            }
        }
        for (int r = from; r < to; r++) {
            double e = eta0[r];
            for (int j = 0; j < q; j++) {
                e += rows.z[r * q + j] * b[j];
            }
            v += rows.logDensity(r, e, out);
        }
        return v;
    }

    /** Laplace approximation with two or more active random effects (inactive ones held at 0). */
    private double groupLaplace(int g, int from, int to, double[] sd) {
        int q = rows.q;
        double[] b = new double[q];
        double[] grad = new double[q];
        double[] hess = new double[q * q];
        double[] step = new double[q];
        for (int j = 0; j < q; j++) {
            b[j] = sd[j] > 0 && Double.isFinite(modes[g * q + j]) ? modes[g * q + j] : 0;
        }
        double hb = hq(from, to, b, sd);
        for (int it = 0; it < 200; it++) {
            derivatives(from, to, b, sd, grad, hess);
            Linear.solveSpd(hess, grad, step, q);
            double[] bn = b.clone();
            double maxStep = 0;
            double t = 1;
            double hn;
            while (true) {
                for (int j = 0; j < q; j++) {
                    bn[j] = b[j] + t * step[j];
                }
                hn = hq(from, to, bn, sd);
                if (hn >= hb - 1e-14 * Math.abs(hb) || t < 1e-12) {
                    break;
                }
                t /= 2;
            }
            for (int j = 0; j < q; j++) {
                maxStep = Math.max(maxStep, Math.abs(t * step[j]) / (1 + Math.abs(bn[j])));
            }
            System.arraycopy(bn, 0, b, 0, q);
            hb = hn;
            if (maxStep <= 1e-13) {
                break;
            }
        }
        derivatives(from, to, b, sd, grad, hess);
        for (int j = 0; j < q; j++) {
            modes[g * q + j] = b[j];
        }
        double logDet = Linear.logDetSpd(hess, q);
        double v = hb - 0.5 * logDet;
        for (int j = 0; j < q; j++) {
            if (sd[j] > 0) {
                v -= Math.log(sd[j]);
            }
        }
        return v;
    }

    /** grad and negative Hessian of h at b over the active effects; an inactive effect gets a unit diagonal. */
    private void derivatives(int from, int to, double[] b, double[] sd, double[] grad, double[] hess) {
        int q = rows.q;
        java.util.Arrays.fill(hess, 0);
        for (int j = 0; j < q; j++) {
            grad[j] = sd[j] > 0 ? -b[j] / (sd[j] * sd[j]) : 0;
            hess[j * q + j] = sd[j] > 0 ? 1 / (sd[j] * sd[j]) : 1;
        }
        for (int r = from; r < to; r++) {
            double e = eta0[r];
            for (int j = 0; j < q; j++) {
                e += rows.z[r * q + j] * b[j];
            }
            rows.logDensity(r, e, out);
            for (int j = 0; j < q; j++) {
                if (!(sd[j] > 0)) {
                    continue;
                }
                double zj = rows.z[r * q + j];
                grad[j] += zj * out[0];
                for (int l = 0; l < q; l++) {
                    if (sd[l] > 0) {
                        hess[j * q + l] += zj * rows.z[r * q + l] * out[1];
                    }
                }
            }
        }
    }
}
