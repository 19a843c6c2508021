package org.metaj.glmm;

/** Small dense symmetric positive-definite algebra on row-major arrays (Cholesky). */
final class Linear {
    private Linear() {
    }

    /**
     * Cholesky factor L (lower, row-major) of a; returns false if a is not positive definite.
     *
     * @param a not modified
     * @param l modified: the factor
     */
    static boolean cholesky(double[] a, double[] l, int n) {
        java.util.Arrays.fill(l, 0, n * n, 0);
        return org.metaj.stats.Cholesky.factor(a, l, n);
    }

    /** Solves a x = b for SPD a; x modified. Throws if a is not positive definite. */
    static void solveSpd(double[] a, double[] b, double[] x, int n) {
        double[] l = new double[n * n];
        if (!cholesky(a, l, n)) {
            throw new ArithmeticException("matrix not positive definite");
        }
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i * n + k] * x[k];
            }
            x[i] = s / l[i * n + i];
        }
        for (int i = n - 1; i >= 0; i--) {
            double s = x[i];
            for (int k = i + 1; k < n; k++) {
                s -= l[k * n + i] * x[k];
            }
            x[i] = s / l[i * n + i];
        }
    }

    static double logDetSpd(double[] a, int n) {
        double[] l = new double[n * n];
        if (!cholesky(a, l, n)) {
            return Double.NaN;
        }
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += 2 * Math.log(l[i * n + i]);
        }
        return s;
    }

    /** @return the inverse of SPD a (row-major), or null if a is not positive definite */
    static double[] inverseSpd(double[] a, int n) {
        double[] l = new double[n * n];
        if (!cholesky(a, l, n)) {
            return null;
        }
        double[] inv = new double[n * n];
        double[] e = new double[n];
        double[] col = new double[n];
        for (int j = 0; j < n; j++) {
            java.util.Arrays.fill(e, 0);
            e[j] = 1;
            solveSpd(a, e, col, n);
            for (int i = 0; i < n; i++) {
                inv[i * n + j] = col[i];
            }
        }
        return inv;
    }
}
