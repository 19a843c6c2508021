package org.metaj.glmm;

/**
 * The rows of a count model, grouped by study: per row the response, the family, its size (binomial n), an offset,
 * a row of the fixed-effects design and a row of the random-effects design; rows of one study are contiguous.
 * Immutable after construction (arrays are not exposed).
 *
 * <p>For the non-central hypergeometric family a row also holds the log binomial coefficients
 * {@code log C(n1, u) + log C(n2, m1 - u)} over its support {@code u = lo..hi}.
 */
final class CountRows {
    final int n;
    final int p;
    final int q;
    final RowFamily[] family;
    final double[] y;
    final double[] size;
    final double[] offset;
    /** row-major n x p. */
    final double[] x;
    /** row-major n x q. */
    final double[] z;
    /** rows of study g are groupStart[g] .. groupStart[g + 1] - 1. */
    final int[] groupStart;
    final int[] lo;
    final double[][] logCoef;

    CountRows(RowFamily[] family, double[] y, double[] size, double[] offset, double[] x, int p, double[] z, int q,
            int[] groupStart, int[] lo, double[][] logCoef) {
        this.n = y.length;
        this.p = p;
        this.q = q;
        this.family = family;
        this.y = y;
        this.size = size;
        this.offset = offset;
        this.x = x;
        this.z = z;
        this.groupStart = groupStart;
        this.lo = lo;
        this.logCoef = logCoef;
    }

    int groups() {
        return groupStart.length - 1;
    }

    /**
     * The log-density of row r at eta (up to the constant of its family) and, in {@code out[0..1]}, its score and
     * information.
     *
     * @param out modified: {@code out[0] = d l / d eta}, {@code out[1] = - d^2 l / d eta^2}
     */
    double logDensity(int r, double eta, double[] out) {
        switch (family[r]) {
            case BINOMIAL: {
                double pr = eta >= 0 ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta) / (1 + Math.exp(eta));
                double m = size[r];
                out[0] = y[r] - m * pr;
                out[1] = m * pr * (1 - pr);
                return y[r] * eta - m * RowFamily.log1pExp(eta);
            }
            case POISSON: {
                double mu = Math.exp(eta);
                out[0] = y[r] - mu;
                out[1] = mu;
                return y[r] * eta - mu;
            }
            case NCHG: {
                double[] c = logCoef[r];
                int l = lo[r];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < c.length; j++) {
                    max = Math.max(max, c[j] + (l + j) * eta);
                }
                double s = 0, s1 = 0, s2 = 0;
                for (int j = 0; j < c.length; j++) {
                    double w = Math.exp(c[j] + (l + j) * eta - max);
                    double u = l + j;
                    s += w;
                    s1 += w * u;
                    s2 += w * u * u;
                }
                double mean = s1 / s;
                out[0] = y[r] - mean;
                out[1] = Math.max(0, s2 / s - mean * mean);
                return c[(int) y[r] - l] + y[r] * eta - max - Math.log(s);
            }
            default:
                throw new AssertionError(family[r]);
        }
    }
}
