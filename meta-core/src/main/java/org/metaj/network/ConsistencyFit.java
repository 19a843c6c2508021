package org.metaj.network;

import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.math3.exception.TooManyEvaluationsException;

/**
 * Generalised least squares and restricted maximum likelihood for the consistency model of a network, study by
 * study (the covariance is block-diagonal by study; no k x k matrix is formed).
 *
 * <p>Model: the contrasts {@code y_s} of study {@code s} have mean {@code X_s d} and covariance
 * {@code S_s = V_s + tau^2 C_s}, with {@code C_s} one on the diagonal and 1/2 off it (the random effects of two
 * contrasts of one study correlate 1/2 under one common heterogeneity variance; Higgins &amp; Whitehead 1996,
 * Stat Med 15:2733). With {@code W_s = S_s^-1}, {@code M = sum X_s' W_s X_s} and residuals
 * {@code r_s = y_s - X_s d_hat}, the restricted log-likelihood (Harville 1977) is
 * {@code l_R = -1/2 [sum log|S_s| + log|M| + sum r_s' W_s r_s] - (n - p)/2 log(2 pi) + 1/2 log|X'X|} and its score
 * {@code dl_R/dtau^2 = -1/2 [sum tr(W_s C_s) - tr(M^-1 sum X_s' W_s C_s W_s X_s)] + 1/2 sum r_s' W_s C_s W_s r_s}.
 * tau^2 is the root of the score on [0, inf) (0 when the score at 0 is not positive), found by bracketing and
 * Brent's method to a relative accuracy of 1e-14.
 */
final class ConsistencyFit {
    final Contrasts c;
    final int p;
    /** per study: the parameter column of each contrast's "+1" (or -1 for none), and of the baseline's "-1" */
    private final int[][] plus;
    private final int[] minus;
    /** at the last {@link #evaluate}: estimates, their covariance M^-1, residual SS, log-dets, score */
    final double[] d;
    final double[] vcov;
    double rss;
    double logDetS;
    double logDetM;
    double score;
    private final double[] m;
    private final double[] u;
    private final double[] aux;
    private final double[] work;

    /** The consistency model: parameters are the d's of every treatment but the reference. */
    ConsistencyFit(Contrasts c) {
        this(c, c.treatments().size() - 1, consistencyPlus(c), consistencyMinus(c));
    }

    /**
     * A model whose contrast j of study s has mean {@code beta[plus[s][j]] - beta[minus[s]]} (an index of -1 drops
     * the term): the consistency model, or the design-by-treatment interaction model (one parameter per contrast
     * of each design).
     */
    ConsistencyFit(Contrasts c, int p, int[][] plus, int[] minus) {
        this.c = c;
        this.plus = plus;
        this.minus = minus;
        this.p = p;
        this.d = new double[p];
        this.vcov = new double[p * p];
        this.m = new double[p * p];
        this.u = new double[p];
        this.aux = new double[p * p];
        int maxQ = 1;
        for (int[] row : plus) {
            maxQ = Math.max(maxQ, row.length);
        }
        this.work = new double[Math.max(p * p, maxQ * maxQ)];
    }

    /** Maximises the restricted likelihood over tau^2 >= 0 and leaves the fit at the maximum. */
    double fitReml() {
        double tau2 = remlRoot(t -> evaluate(t, true), meanVariance(c));
        evaluate(tau2, true);
        return tau2;
    }

    /** @return the mean sampling variance of the contrasts (the scale at which tau^2 is bracketed) */
    static double meanVariance(Contrasts c) {
        double meanV = 0;
        int cnt = 0;
        for (int s = 0; s < c.studyCount(); s++) {
            int q = c.yView(s).length;
            for (int j = 0; j < q; j++) {
                meanV += c.vView(s)[j * q + j];
                cnt++;
            }
        }
        return meanV / cnt;
    }

    /**
     * The REML estimate of tau^2 as the root of the restricted score: 0 when the score at 0 is not positive,
     * otherwise bracketed by quadrupling from the mean sampling variance and found by Brent's method to a relative
     * accuracy of 1e-14.
     *
     * @param score the score dl_R/dtau^2 at a tau^2
     * @param scale the mean sampling variance
     * @return the estimate
     */
    static double remlRoot(java.util.function.DoubleUnaryOperator score, double scale) {
        if (!(score.applyAsDouble(0) > 0)) {
            return 0;
        }
        double hi = Math.max(scale, 1e-8);
        int guard = 0;
        while (score.applyAsDouble(hi) > 0) {
            hi *= 4;
            if (++guard > 200) {
                throw new IllegalStateException("REML: the restricted likelihood keeps rising with tau^2");
            }
        }
        BrentSolver solver = new BrentSolver(1e-14, 1e-300 + 1e-16 * hi, 1e-300);
        try {
            return solver.solve(1000, score::applyAsDouble, 0, hi);
        } catch (TooManyEvaluationsException e) {
            throw new IllegalStateException("REML: Brent's method did not converge in 1000 evaluations");
        }
    }

    /**
     * Fits at a given tau^2.
     *
     * @param tau2 the heterogeneity variance
     * @param withScore whether to compute the score (REML)
     * @return the score (NaN if not computed)
     */
    double evaluate(double tau2, boolean withScore) {
        java.util.Arrays.fill(m, 0);
        java.util.Arrays.fill(u, 0);
        logDetS = 0;
        int studies = c.studyCount();
        double[][] w = new double[studies][];
        for (int s = 0; s < studies; s++) {
            double[] v = c.vView(s);
            int q = c.yView(s).length;
            double[] ws = new double[q * q];
            for (int i = 0; i < q; i++) {
                for (int j = 0; j < q; j++) {
                    ws[i * q + j] = v[i * q + j] + tau2 * (i == j ? 1 : 0.5);
                }
            }
            double ld = Spd.invert(ws, q, work);
            if (Double.isNaN(ld)) {
                throw new IllegalArgumentException("the covariance matrix of study '" + c.studies().get(s)
                        + "' is not positive definite");
            }
            logDetS += ld;
            w[s] = ws;
            int[] t = rowsOf(s);
            double[] y = c.yView(s);
            // M += X' W X and u += X' W y, with X row j = e(plus_j) - e(minus)
            for (int i = 0; i < q; i++) {
                double wy = 0;
                for (int j = 0; j < q; j++) {
                    wy += ws[i * q + j] * y[j];
                }
                addOuter(t, i + 1, wy);
                for (int j = 0; j < q; j++) {
                    addM(t, i + 1, j + 1, ws[i * q + j]);
                }
            }
        }
        System.arraycopy(m, 0, vcov, 0, p * p);
        logDetM = p == 0 ? 0 : Spd.invert(vcov, p, aux);
        if (Double.isNaN(logDetM)) {
            throw new IllegalArgumentException("the treatment effects are not estimable (singular information)");
        }
        for (int i = 0; i < p; i++) {
            double s = 0;
            for (int j = 0; j < p; j++) {
                s += vcov[i * p + j] * u[j];
            }
            d[i] = s;
        }
        rss = 0;
        double trWC = 0;
        double rWCWr = 0;
        double[] g = new double[p * p];
        for (int s = 0; s < studies; s++) {
            int q = c.yView(s).length;
            int[] t = rowsOf(s);
            double[] y = c.yView(s);
            double[] ws = w[s];
            double[] r = new double[q];
            for (int i = 0; i < q; i++) {
                r[i] = y[i] - effect(t[i + 1]) + effect(t[0]);
            }
            double[] wr = new double[q];
            for (int i = 0; i < q; i++) {
                double a = 0;
                for (int j = 0; j < q; j++) {
                    a += ws[i * q + j] * r[j];
                }
                wr[i] = a;
                rss += r[i] * a;
            }
            if (!withScore) {
                continue;
            }
            // r' W C W r = (Wr)' C (Wr)
            for (int i = 0; i < q; i++) {
                for (int j = 0; j < q; j++) {
                    rWCWr += wr[i] * wr[j] * (i == j ? 1 : 0.5);
                }
            }
            // WC W (q x q), then tr(W C) and X' (W C W) X
            double[] wc = new double[q * q];
            for (int i = 0; i < q; i++) {
                for (int j = 0; j < q; j++) {
                    double a = 0;
                    for (int l = 0; l < q; l++) {
                        a += ws[i * q + l] * (l == j ? 1 : 0.5);
                    }
                    wc[i * q + j] = a;
                }
                trWC += wc[i * q + i];
            }
            for (int i = 0; i < q; i++) {
                for (int j = 0; j < q; j++) {
                    double a = 0;
                    for (int l = 0; l < q; l++) {
                        a += wc[i * q + l] * ws[l * q + j];
                    }
                    addTo(g, t, i + 1, j + 1, a);
                }
            }
        }
        if (!withScore) {
            score = Double.NaN;
            return score;
        }
        double trMinvG = 0;
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                trMinvG += vcov[i * p + j] * g[j * p + i];
            }
        }
        score = -0.5 * (trWC - trMinvG) + 0.5 * rWCWr;
        return score;
    }

    /** the parameter of a 1-based column code (0: none) */
    private double effect(int t) {
        return t == 0 ? 0 : d[t - 1];
    }

    /** study s's columns as 1-based codes, 0 for none: [minus, plus_1, ..., plus_q] */
    private int[] rowsOf(int s) {
        int q = plus[s].length;
        int[] t = new int[q + 1];
        t[0] = minus[s] + 1;
        for (int j = 0; j < q; j++) {
            t[j + 1] = plus[s][j] + 1;
        }
        return t;
    }

    private static int[][] consistencyPlus(Contrasts c) {
        int[][] out = new int[c.studyCount()][];
        for (int s = 0; s < c.studyCount(); s++) {
            int[] t = c.armsView(s);
            out[s] = new int[t.length - 1];
            for (int j = 1; j < t.length; j++) {
                out[s][j - 1] = t[j] - 1;
            }
        }
        return out;
    }

    private static int[] consistencyMinus(Contrasts c) {
        int[] out = new int[c.studyCount()];
        for (int s = 0; s < c.studyCount(); s++) {
            out[s] = c.armsView(s)[0] - 1;
        }
        return out;
    }

    private void addOuter(int[] t, int i, double value) {
        if (t[i] != 0) {
            u[t[i] - 1] += value;
        }
        if (t[0] != 0) {
            u[t[0] - 1] -= value;
        }
    }

    private void addM(int[] t, int i, int j, double value) {
        addTo(m, t, i, j, value);
    }

    /** target += x_i x_j' * value for contrast rows i, j of a study (x_i = e(t_i) - e(t_0)) */
    private void addTo(double[] target, int[] t, int i, int j, double value) {
        int a1 = t[i] - 1;
        int a0 = t[0] - 1;
        int b1 = t[j] - 1;
        int b0 = t[0] - 1;
        if (a1 >= 0 && b1 >= 0) {
            target[a1 * p + b1] += value;
        }
        if (a1 >= 0 && b0 >= 0) {
            target[a1 * p + b0] -= value;
        }
        if (a0 >= 0 && b1 >= 0) {
            target[a0 * p + b1] -= value;
        }
        if (a0 >= 0 && b0 >= 0) {
            target[a0 * p + b0] += value;
        }
    }

    /** @return the restricted log-likelihood at the last evaluation (metafor's constants) */
    double restrictedLogLik(double logDetXtX) {
        int n = c.contrastCount();
        return -0.5 * (logDetS + logDetM + rss) - 0.5 * (n - p) * Math.log(2 * Math.PI) + 0.5 * logDetXtX;
    }

    /** @return the log-likelihood (ML form) at the last evaluation */
    double logLik() {
        int n = c.contrastCount();
        return -0.5 * (logDetS + rss) - 0.5 * n * Math.log(2 * Math.PI);
    }

    /** @return log|X'X| of the design (for the REML constant) */
    double logDetXtX() {
        double[] xtx = new double[p * p];
        for (int s = 0; s < c.studyCount(); s++) {
            int[] t = rowsOf(s);
            for (int i = 1; i < t.length; i++) {
                addTo(xtx, t, i, i, 1);
            }
        }
        return p == 0 ? 0 : Spd.invert(xtx, p, new double[p * p]);
    }
}
