package org.metaj.kernel;

/**
 * In-place Cholesky factorisation and inversion of a small symmetric positive-definite matrix, written for the
 * allocation-free kernel (p is the number of model coefficients, rarely above 10). Only the lower triangle of the
 * input is read.
 */
final class Cholesky {
    /** Relative pivot below which the matrix is treated as singular. */
    static final double TOLERANCE = 1e-13;

    private Cholesky() {
    }

    /**
     * @param a    symmetric matrix, row-major p x p, lower triangle used (not modified)
     * @param l    out: the Cholesky factor (lower), p x p (modified)
     * @param inv  out: the inverse, p x p (modified)
     * @param p    dimension
     * @return false if the matrix is not numerically positive definite
     */
    static boolean invert(double[] a, double[] l, double[] inv, int p) {
        double maxDiag = 0;
        for (int j = 0; j < p; j++) {
            maxDiag = Math.max(maxDiag, Math.abs(a[j * p + j]));
        }
        for (int j = 0; j < p; j++) {
            double d = a[j * p + j];
            for (int c = 0; c < j; c++) {
                d -= l[j * p + c] * l[j * p + c];
            }
            if (!(d > TOLERANCE * maxDiag)) {
                return false;
            }
            double ljj = Math.sqrt(d);
            l[j * p + j] = ljj;
            for (int i = j + 1; i < p; i++) {
                double s = a[i * p + j];
                for (int c = 0; c < j; c++) {
                    s -= l[i * p + c] * l[j * p + c];
                }
                l[i * p + j] = s / ljj;
            }
            for (int i = 0; i < j; i++) {
                l[i * p + j] = 0;
            }
        }
        // inverse: solve L L' X = I column by column, using inv as storage
        for (int col = 0; col < p; col++) {
            for (int i = 0; i < p; i++) {
                double s = i == col ? 1.0 : 0.0;
                for (int c = 0; c < i; c++) {
                    s -= l[i * p + c] * inv[c * p + col];
                }
                inv[i * p + col] = s / l[i * p + i];
            }
            for (int i = p - 1; i >= 0; i--) {
                double s = inv[i * p + col];
                for (int c = i + 1; c < p; c++) {
                    s -= l[c * p + i] * inv[c * p + col];
                }
                inv[i * p + col] = s / l[i * p + i];
            }
        }
        return true;
    }
}
