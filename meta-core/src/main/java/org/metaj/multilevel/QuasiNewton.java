package org.metaj.multilevel;

/**
 * Minimises a smooth function with its gradient: BFGS with the inverse-Hessian update and a backtracking
 * (Armijo) line search (Nocedal &amp; Wright 2006, Numerical Optimization, 2nd ed., alg. 6.1 and 3.1), then
 * Newton steps on a Hessian from forward differences of the analytic gradient (ibid. sec. 8.1) to converge to a
 * relative gradient of about 1e-10. The steps are limited to 5 units of the (transformed) parameters.
 */
final class QuasiNewton {
    /** A function to minimise. */
    interface Objective {
        /**
         * @param x    the point (not modified)
         * @param grad out: the gradient at x (modified)
         * @return the value, or +Infinity outside the domain
         */
        double value(double[] x, double[] grad);
    }

    /** The outcome: the point, its value and gradient, iterations used and whether the gradient test held. */
    record Result(double[] x, double value, double[] gradient, int iterations, boolean converged) {
    }

    private QuasiNewton() {
    }

    static final double MAX_STEP = 5;

    static Result minimize(Objective f, double[] x0, int maxIterations, double gtol) {
        int n = x0.length;
        double[] x = x0.clone();
        double[] g = new double[n];
        if (n == 0) {
            return new Result(x, f.value(x, g), g, 0, true);
        }
        double fx = f.value(x, g);
        if (!Double.isFinite(fx)) {
            return new Result(x, fx, g, 0, false);
        }
        double[] h = identity(n);
        double[] d = new double[n];
        double[] xn = new double[n];
        double[] gn = new double[n];
        double[] s = new double[n];
        double[] y = new double[n];
        double[] hy = new double[n];
        int it = 0;
        boolean first = true;
        int stall = 0;
        // BFGS to a relative gradient of 1e-5 (or until it stalls); the Newton phase below converges from there
        while (it < maxIterations && maxAbs(g) > Math.max(gtol, 1e-5) * Math.max(1, Math.abs(fx)) && stall < 3) {
            it++;
            double gd = 0;
            for (int i = 0; i < n; i++) {
                double v = 0;
                for (int j = 0; j < n; j++) {
                    v -= h[i * n + j] * g[j];
                }
                d[i] = v;
                gd += v * g[i];
            }
            if (!(gd < 0)) {
                h = identity(n);
                gd = 0;
                for (int i = 0; i < n; i++) {
                    d[i] = -g[i];
                    gd -= g[i] * g[i];
                }
            }
            double m = maxAbs(d);
            if (m > MAX_STEP) {
                for (int i = 0; i < n; i++) {
                    d[i] *= MAX_STEP / m;
                }
                gd *= MAX_STEP / m;
            }
            double t = 1;
            double fn;
            while (true) {
                for (int i = 0; i < n; i++) {
                    xn[i] = x[i] + t * d[i];
                }
                fn = f.value(xn, gn);
                if (Double.isFinite(fn) && fn <= fx + 1e-4 * t * gd) {
                    break;
                }
                t *= 0.5;
                if (t < 1e-14) {
                    break;
                }
            }
            if (!(Double.isFinite(fn) && fn <= fx + 1e-4 * t * gd)) {
                break; // no decrease possible along d: let the Newton phase finish
            }
            double sy = 0;
            double yy = 0;
            for (int i = 0; i < n; i++) {
                s[i] = xn[i] - x[i];
                y[i] = gn[i] - g[i];
                sy += s[i] * y[i];
                yy += y[i] * y[i];
            }
            stall = fx - fn <= 1e-14 * Math.abs(fx) ? stall + 1 : 0;
            System.arraycopy(xn, 0, x, 0, n);
            System.arraycopy(gn, 0, g, 0, n);
            fx = fn;
            if (sy > 1e-300) {
                if (first) {
                    double sc = sy / yy;
                    for (int i = 0; i < n * n; i++) {
                        h[i] *= sc;
                    }
                    first = false;
                }
                double yhy = 0;
                for (int i = 0; i < n; i++) {
                    double v = 0;
                    for (int j = 0; j < n; j++) {
                        v += h[i * n + j] * y[j];
                    }
                    hy[i] = v;
                    yhy += y[i] * v;
                }
                double rho = 1 / sy;
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        h[i * n + j] += -rho * (hy[i] * s[j] + s[i] * hy[j]) + (rho * rho * yhy + rho) * s[i] * s[j];
                    }
                }
            }
        }
        // Newton polish
        double[] hess = new double[n * n];
        double[] gp = new double[n];
        double[] xp = new double[n];
        double[] lh = new double[n * n];
        for (int round = 0; round < 30; round++) {
            if (maxAbs(g) <= gtol * Math.max(1, Math.abs(fx))) {
                break;
            }
            for (int j = 0; j < n; j++) {
                // forward differences of the analytic gradient: the Hessian to ~1e-6, enough for Newton steps
                // that converge to the gradient's own precision
                double step = 1e-6 * Math.max(1, Math.abs(x[j]));
                System.arraycopy(x, 0, xp, 0, n);
                xp[j] = x[j] + step;
                double f1 = f.value(xp, gp);
                if (!Double.isFinite(f1)) {
                    xp[j] = x[j] - step;
                    f1 = f.value(xp, gp);
                    step = -step;
                }
                if (!Double.isFinite(f1)) {
                    f.value(x, g);
                    return new Result(x, fx, g, it, maxAbs(g) <= 1e-6 * Math.max(1, Math.abs(fx)));
                }
                for (int i = 0; i < n; i++) {
                    hess[i * n + j] = (gp[i] - g[i]) / step;
                }
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < i; j++) {
                    double v = 0.5 * (hess[i * n + j] + hess[j * n + i]);
                    hess[i * n + j] = v;
                    hess[j * n + i] = v;
                }
            }
            if (!Kernel.cholesky(hess, lh, n)) {
                break;
            }
            System.arraycopy(g, 0, d, 0, n);
            Kernel.forward(lh, n, d, 1);
            Kernel.backward(lh, n, d, 1);
            for (int i = 0; i < n; i++) {
                xn[i] = x[i] - d[i];
            }
            double fn = f.value(xn, gn);
            if (!Double.isFinite(fn) || maxAbs(gn) >= maxAbs(g) || fn > fx + 1e-12 * Math.max(1, Math.abs(fx))) {
                break;
            }
            System.arraycopy(xn, 0, x, 0, n);
            System.arraycopy(gn, 0, g, 0, n);
            fx = fn;
            it++;
        }
        f.value(x, g); // leave the objective's state at the optimum
        return new Result(x, fx, g, it, maxAbs(g) <= 1e-6 * Math.max(1, Math.abs(fx)));
    }

    private static double[] identity(int n) {
        double[] h = new double[n * n];
        for (int i = 0; i < n; i++) {
            h[i * n + i] = 1;
        }
        return h;
    }

    static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }
}
