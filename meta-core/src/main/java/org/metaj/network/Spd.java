package org.metaj.network;

/**
 * Dense symmetric positive-definite algebra for the small matrices of a network (one study's contrasts, and the
 * p x p information matrix of the treatment effects): Cholesky factorisation, inverse and log-determinant, in place
 * on row-major arrays.
 */
final class Spd {
    private Spd() {
    }

    /**
     * Inverts {@code a} in place.
     *
     * @param a row-major n x n symmetric positive-definite matrix (modified: replaced by its inverse)
     * @param n dimension
     * @param work scratch of at least n * n (modified)
     * @return the log-determinant of the original matrix, or NaN if it is not numerically positive definite
     */
    static double invert(double[] a, int n, double[] work) {
        double[] l = work;
        double maxDiag = 0;
        for (int j = 0; j < n; j++) {
            maxDiag = Math.max(maxDiag, Math.abs(a[j * n + j]));
        }
        double logDet = 0;
        for (int j = 0; j < n; j++) {
            double d = a[j * n + j];
            for (int c = 0; c < j; c++) {
                d -= l[j * n + c] * l[j * n + c];
            }
            if (!(d > 1e-14 * maxDiag)) {
                return Double.NaN;
            }
            double ljj = Math.sqrt(d);
            logDet += 2 * Math.log(ljj);
            l[j * n + j] = ljj;
            for (int i = j + 1; i < n; i++) {
                double s = a[i * n + j];
                for (int c = 0; c < j; c++) {
                    s -= l[i * n + c] * l[j * n + c];
                }
                l[i * n + j] = s / ljj;
            }
        }
        for (int col = 0; col < n; col++) {
            for (int i = 0; i < n; i++) {
                double s = i == col ? 1.0 : 0.0;
                for (int c = 0; c < i; c++) {
                    s -= l[i * n + c] * a[c * n + col];
                }
                a[i * n + col] = s / l[i * n + i];
            }
            for (int i = n - 1; i >= 0; i--) {
                double s = a[i * n + col];
                for (int c = i + 1; c < n; c++) {
                    s -= l[c * n + i] * a[c * n + col];
                }
                a[i * n + col] = s / l[i * n + i];
            }
        }
        return logDet;
    }
}
