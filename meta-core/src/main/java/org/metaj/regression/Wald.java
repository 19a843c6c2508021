package org.metaj.regression;

/**
 * The Wald statistic {@code QM = b_S' (V_SS)^-1 b_S} of a set S of coefficients, by an in-place Cholesky
 * factorisation of {@code V_SS} into caller-owned scratch (no allocation, so that permutation loops can call it).
 * Under the z test QM is referred to chi-square on |S| degrees of freedom; under Knapp-Hartung {@code QM/|S|} to
 * F(|S|, k - p) (Knapp &amp; Hartung 2003, Stat Med 22:2693).
 */
final class Wald {
    private Wald() {
    }

    /**
     * @param beta coefficients (length p)
     * @param vb   covariance, row-major p x p
     * @param p    number of coefficients
     * @param from first coefficient of S; S = {from, ..., p-1}
     * @param l    scratch of at least (p-from)^2
     * @param u    scratch of at least p-from
     * @return QM, or NaN if V_SS is not positive definite
     */
    static double statistic(double[] beta, double[] vb, int p, int from, double[] l, double[] u) {
        int m = p - from;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j <= i; j++) {
                double s = vb[(i + from) * p + (j + from)];
                for (int c = 0; c < j; c++) {
                    s -= l[i * m + c] * l[j * m + c];
                }
                if (i == j) {
                    if (!(s > 0)) {
                        return Double.NaN;
                    }
                    l[i * m + i] = Math.sqrt(s);
                } else {
                    l[i * m + j] = s / l[j * m + j];
                }
            }
        }
        // solve L u = b_S; QM = |u|^2
        double qm = 0;
        for (int i = 0; i < m; i++) {
            double s = beta[i + from];
            for (int c = 0; c < i; c++) {
                s -= l[i * m + c] * u[c];
            }
            u[i] = s / l[i * m + i];
            qm += u[i] * u[i];
        }
        return qm;
    }
}
