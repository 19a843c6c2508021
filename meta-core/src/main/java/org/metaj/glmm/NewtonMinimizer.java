package org.metaj.glmm;

/**
 * Newton's method with a backtracking line search for a smooth objective whose derivatives are taken numerically:
 * the gradient by central differences with two Richardson extrapolation steps (steps h, h/2, h/4; error
 * O(h^6)), the Hessian by central differences, extrapolated the same way ({@link #hessian}). A Hessian that is not
 * positive definite is regularised by adding a multiple of the identity (Levenberg-Marquardt).
 *
 * <p>Why numerical derivatives: the objectives here are marginal likelihoods approximated by adaptive quadrature
 * whose nodes move with the parameters; their derivatives are sums over the derivatives of the conditional modes and
 * would each need their own code. Richardson extrapolation makes the central differences accurate to about
 * {@code 1e-10} relative on these well-scaled functions, far below the stated tolerance; the optimum is reached when
 * the Newton step is below {@code 1e-10} in every coordinate.
 */
final class NewtonMinimizer {
    private NewtonMinimizer() {
    }

    /** Outcome of a minimisation. */
    record Result(double[] x, double value, boolean converged, int iterations) {
    }

    static double step(double xi) {
        return 1e-3 * (1 + Math.abs(xi));
    }

    /** Central-difference gradient with Richardson extrapolation. */
    static double[] gradient(Objective f, double[] x) {
        int n = x.length;
        double[] g = new double[n];
        double[] w = x.clone();
        for (int i = 0; i < n; i++) {
            double h = step(x[i]);
            double[] d = new double[3];
            for (int s = 0; s < 3; s++) {
                double hs = h / (1 << s);
                w[i] = x[i] + hs;
                double fp = f.value(w);
                w[i] = x[i] - hs;
                double fm = f.value(w);
                w[i] = x[i];
                d[s] = (fp - fm) / (2 * hs);
            }
            g[i] = richardson(d);
        }
        return g;
    }

    private static double richardson(double[] d) {
        double b1 = (4 * d[1] - d[0]) / 3;
        double b2 = (4 * d[2] - d[1]) / 3;
        return (16 * b2 - b1) / 15;
    }

    /** Central-difference Hessian (row-major) with Richardson extrapolation. */
    static double[] hessian(Objective f, double[] x) {
        int n = x.length;
        double[] hm = new double[n * n];
        double[] w = x.clone();
        double f0 = f.value(x);
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double hi = step(x[i]);
                double hj = step(x[j]);
                double[] d = new double[3];
                for (int s = 0; s < 3; s++) {
                    double t = 1.0 / (1 << s);
                    if (i == j) {
                        w[i] = x[i] + t * hi;
                        double fp = f.value(w);
                        w[i] = x[i] - t * hi;
                        double fm = f.value(w);
                        w[i] = x[i];
                        d[s] = (fp - 2 * f0 + fm) / (t * hi * t * hi);
                    } else {
                        double[] v = new double[4];
                        int c = 0;
                        for (int si = 1; si >= -1; si -= 2) {
                            for (int sj = 1; sj >= -1; sj -= 2) {
                                w[i] = x[i] + si * t * hi;
                                w[j] = x[j] + sj * t * hj;
                                v[c++] = f.value(w);
                            }
                        }
                        w[i] = x[i];
                        w[j] = x[j];
                        d[s] = (v[0] - v[1] - v[2] + v[3]) / (4 * t * t * hi * hj);
                    }
                }
                hm[i * n + j] = richardson(d);
                hm[j * n + i] = hm[i * n + j];
            }
        }
        return hm;
    }

    /**
     * An objective that is a sum over groups, each depending only on some coordinates (a study's own intercept, the
     * shared coefficients and standard deviations): derivatives are taken group by group, so that a model with a
     * parameter per study costs O(k) rather than O(k^3) evaluations.
     */
    interface Grouped {
        int groups();

        /** @return the coordinates group g depends on */
        int[] local(int g);

        /** @return the value of group g at x (x not modified) */
        double value(int g, double[] x);
    }

    /** The total of a grouped objective, as an {@link Objective}. */
    static Objective total(Grouped f) {
        return x -> {
            double s = 0;
            for (int g = 0; g < f.groups(); g++) {
                s += f.value(g, x);
            }
            return Double.isNaN(s) ? Double.POSITIVE_INFINITY : s;
        };
    }

    /**
     * Gradient and Hessian of a grouped objective, summed over groups, each by Richardson-extrapolated central
     * differences in its own coordinates.
     *
     * @param grad modified: the gradient
     * @return the Hessian, row-major
     */
    static double[] gradHess(Grouped f, double[] x, double[] grad) {
        int n = x.length;
        double[] hm = new double[n * n];
        java.util.Arrays.fill(grad, 0);
        double[] w = x.clone();
        for (int g = 0; g < f.groups(); g++) {
            final int gg = g;
            int[] loc = f.local(g);
            double f0 = f.value(g, x);
            for (int a = 0; a < loc.length; a++) {
                int i = loc[a];
                double hi = step(x[i]);
                double[] d1 = new double[3];
                double[] d2 = new double[3];
                for (int s = 0; s < 3; s++) {
                    double hs = hi / (1 << s);
                    w[i] = x[i] + hs;
                    double fp = f.value(gg, w);
                    w[i] = x[i] - hs;
                    double fm = f.value(gg, w);
                    w[i] = x[i];
                    d1[s] = (fp - fm) / (2 * hs);
                    d2[s] = (fp - 2 * f0 + fm) / (hs * hs);
                }
                grad[i] += richardson(d1);
                hm[i * n + i] += richardson(d2);
                for (int b = a + 1; b < loc.length; b++) {
                    int j = loc[b];
                    double hj = step(x[j]);
                    double[] d = new double[3];
                    for (int s = 0; s < 3; s++) {
                        double t = 1.0 / (1 << s);
                        double[] v = new double[4];
                        int c = 0;
                        for (int si = 1; si >= -1; si -= 2) {
                            for (int sj = 1; sj >= -1; sj -= 2) {
                                w[i] = x[i] + si * t * hi;
                                w[j] = x[j] + sj * t * hj;
                                v[c++] = f.value(gg, w);
                            }
                        }
                        w[i] = x[i];
                        w[j] = x[j];
                        d[s] = (v[0] - v[1] - v[2] + v[3]) / (4 * t * t * hi * hj);
                    }
                    double hij = richardson(d);
                    hm[i * n + j] += hij;
                    hm[j * n + i] += hij;
                }
            }
        }
        return hm;
    }

    /** Newton's method on a grouped objective (see {@link #minimize(Objective, double[], int)}). */
    static Result minimize(Grouped gf, double[] x0, int maxIter) {
        return newton(total(gf), x0, maxIter, (x, g) -> gradHess(gf, x, g));
    }

    /**
     * @param f       the objective
     * @param x0      start, not modified
     * @param maxIter iteration limit
     * @return the minimiser found
     */
    static Result minimize(Objective f, double[] x0, int maxIter) {
        return newton(f, x0, maxIter, (x, g) -> {
            double[] gx = gradient(f, x);
            System.arraycopy(gx, 0, g, 0, gx.length);
            return hessian(f, x);
        });
    }

    /** The gradient (into {@code g}) and the Hessian (returned, row-major) of the objective at {@code x}. */
    private interface Derivatives {
        double[] at(double[] x, double[] g);
    }

    /**
     * Damped Newton iterations: the step solves {@code (H + lambda I) s = g} with {@code lambda} raised from 0 only
     * while {@code H} is not numerically positive definite, then is halved until the objective does not rise;
     * converged when a full undamped step moves every coordinate less than 1e-10.
     */
    private static Result newton(Objective f, double[] x0, int maxIter, Derivatives derivatives) {
        int n = x0.length;
        double[] x = x0.clone();
        double fx = f.value(x);
        double[] stepv = new double[n];
        double[] g = new double[n];
        for (int it = 1; it <= maxIter; it++) {
            double[] h = derivatives.at(x, g);
            double lambda = 0;
            double[] hh = h.clone();
            double scale = 0;
            for (int i = 0; i < n; i++) {
                scale = Math.max(scale, Math.abs(h[i * n + i]));
            }
            while (true) {
                try {
                    Linear.solveSpd(hh, g, stepv, n);
                    break;
                } catch (ArithmeticException e) {
                    lambda = lambda == 0 ? 1e-6 * Math.max(scale, 1) : lambda * 10;
                    hh = h.clone();
                    for (int i = 0; i < n; i++) {
                        hh[i * n + i] += lambda;
                    }
                    if (lambda > 1e12 * Math.max(scale, 1)) {
                        return new Result(x, fx, false, it);
                    }
                }
            }
            double t = 1;
            double[] xn = new double[n];
            double fn;
            while (true) {
                for (int i = 0; i < n; i++) {
                    xn[i] = x[i] - t * stepv[i];
                }
                fn = f.value(xn);
                if (fn <= fx + 1e-12 * Math.abs(fx) || t < 1e-10) {
                    break;
                }
                t /= 2;
            }
            double maxStep = 0;
            for (int i = 0; i < n; i++) {
                maxStep = Math.max(maxStep, Math.abs(t * stepv[i]));
            }
            if (!(fn <= fx + 1e-12 * Math.abs(fx))) {
                return new Result(x, fx, maxStep < 1e-8, it);
            }
            x = xn;
            fx = fn;
            if (maxStep < 1e-10 && lambda == 0) {
                return new Result(x, fx, true, it);
            }
        }
        return new Result(x, fx, false, maxIter);
    }
}
