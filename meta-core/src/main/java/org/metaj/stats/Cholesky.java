package org.metaj.stats;

/**
 * The Cholesky factorisation {@code A = L L'} of a small dense symmetric positive-definite matrix on row-major arrays
 * (Golub &amp; Van Loan 2013, Algorithm 4.2.1), shared by the models that work block by block (multilevel, GLMM).
 */
public final class Cholesky {
    private Cholesky() {
    }

    /**
     * Factors the lower triangle of {@code a} into {@code l}; the upper triangle of {@code l} is not touched, and
     * {@code l} may be {@code a} itself (in place).
     *
     * @param a the matrix, row-major n x n (lower triangle read; not modified unless it is {@code l})
     * @param l out: the lower factor (modified)
     * @param n the dimension
     * @return false if a pivot is not positive (the matrix is not numerically positive definite)
     */
    public static boolean factor(double[] a, double[] l, int n) {
        for (int j = 0; j < n; j++) {
            double d = a[j * n + j];
            for (int c = 0; c < j; c++) {
                d -= l[j * n + c] * l[j * n + c];
            }
            if (!(d > 0)) {
                return false;
            }
            double ljj = Math.sqrt(d);
            l[j * n + j] = ljj;
            for (int i = j + 1; i < n; i++) {
                double s = a[i * n + j];
                for (int c = 0; c < j; c++) {
                    s -= l[i * n + c] * l[j * n + c];
                }
                l[i * n + j] = s / ljj;
            }
        }
        return true;
    }
}
