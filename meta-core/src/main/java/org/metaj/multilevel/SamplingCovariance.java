package org.metaj.multilevel;

import java.util.Arrays;
import java.util.Locale;

/**
 * The known sampling covariance matrix {@code V} of the effect sizes, block-diagonal by cluster: rows of different
 * clusters are independent; within a cluster the block is dense. Never stored as a k x k matrix. Immutable.
 *
 * <p>Build one with {@link #diagonal} (independent rows) or with {@link VCalc} (metafor's {@code vcalc}).
 */
public final class SamplingCovariance {
    private final int k;
    private final int[][] rows;
    private final double[][] blocks;
    private final String[] names;

    private SamplingCovariance(int k, int[][] rows, double[][] blocks, String[] names) {
        this.k = k;
        this.rows = rows;
        this.blocks = blocks;
        this.names = names;
    }

    /**
     * @param vi the sampling variances (copied)
     * @return independent rows: V = diag(vi)
     */
    public static SamplingCovariance diagonal(double[] vi) {
        int k = vi.length;
        int[][] r = new int[k][];
        double[][] b = new double[k][];
        String[] n = new String[k];
        for (int i = 0; i < k; i++) {
            if (!(vi[i] >= 0) || Double.isInfinite(vi[i])) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "sampling variance of row %d must be finite and >= 0, got %s", i + 1, vi[i]));
            }
            r[i] = new int[] {i};
            b[i] = new double[] {vi[i]};
            n[i] = Integer.toString(i + 1);
        }
        return new SamplingCovariance(k, r, b, n);
    }

    /**
     * @param k      the number of rows
     * @param rows   the rows of each cluster (every row in exactly one cluster; copied)
     * @param blocks each cluster's covariance block, row-major n x n in the order of its rows (copied)
     * @param names  each cluster's name, for messages
     * @return the matrix
     * @throws IllegalArgumentException if the rows do not partition 0..k-1, a block is not symmetric or not
     *                                  positive semi-definite (naming the cluster)
     */
    public static SamplingCovariance of(int k, int[][] rows, double[][] blocks, String[] names) {
        if (rows.length != blocks.length || rows.length != names.length) {
            throw new IllegalArgumentException("rows, blocks and names differ in length");
        }
        boolean[] seen = new boolean[k];
        int[][] r = new int[rows.length][];
        double[][] b = new double[rows.length][];
        for (int c = 0; c < rows.length; c++) {
            int n = rows[c].length;
            r[c] = rows[c].clone();
            for (int i : r[c]) {
                if (i < 0 || i >= k || seen[i]) {
                    throw new IllegalArgumentException("row " + (i + 1) + " is outside 0.." + k
                            + " or in two clusters");
                }
                seen[i] = true;
            }
            if (blocks[c].length != n * n) {
                throw new IllegalArgumentException("cluster " + names[c] + ": block of " + blocks[c].length
                        + " values for " + n + " rows");
            }
            b[c] = blocks[c].clone();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double v = b[c][i * n + j];
                    if (!Double.isFinite(v)) {
                        throw new IllegalArgumentException("cluster " + names[c] + ": covariance is not finite");
                    }
                    if (Math.abs(v - b[c][j * n + i]) > 1e-12 * (Math.abs(v) + Math.abs(b[c][j * n + i]))) {
                        throw new IllegalArgumentException("cluster " + names[c] + ": covariance block is not "
                                + "symmetric");
                    }
                }
            }
            if (!positiveSemiDefinite(b[c], n)) {
                throw new IllegalArgumentException("cluster " + names[c]
                        + ": the sampling covariance block is not positive definite");
            }
        }
        for (int i = 0; i < k; i++) {
            if (!seen[i]) {
                throw new IllegalArgumentException("row " + (i + 1) + " is in no cluster");
            }
        }
        return new SamplingCovariance(k, r, b, names.clone());
    }

    /**
     * Whether a symmetric block is positive semi-definite: a Cholesky factorisation that allows a zero pivot only
     * where the rest of its column is zero (a row of variance 0), relative tolerance 1e-12.
     */
    static boolean positiveSemiDefinite(double[] a, int n) {
        double[] l = new double[n * n];
        double maxDiag = 0;
        for (int j = 0; j < n; j++) {
            maxDiag = Math.max(maxDiag, a[j * n + j]);
        }
        double tol = 1e-12 * maxDiag;
        for (int j = 0; j < n; j++) {
            double d = a[j * n + j];
            for (int c = 0; c < j; c++) {
                d -= l[j * n + c] * l[j * n + c];
            }
            if (d < -tol) {
                return false;
            }
            double ljj = d > tol ? Math.sqrt(d) : 0;
            l[j * n + j] = ljj;
            for (int i = j + 1; i < n; i++) {
                double s = a[i * n + j];
                for (int c = 0; c < j; c++) {
                    s -= l[i * n + c] * l[j * n + c];
                }
                if (ljj == 0) {
                    if (Math.abs(s) > tol) {
                        return false;
                    }
                    l[i * n + j] = 0;
                } else {
                    l[i * n + j] = s / ljj;
                }
            }
        }
        return true;
    }

    /** @return the number of rows */
    public int k() {
        return k;
    }

    /** @return the number of clusters (blocks) */
    public int clusters() {
        return rows.length;
    }

    /** @return the rows of cluster c (a copy) */
    public int[] rows(int c) {
        return rows[c].clone();
    }

    /** @return the covariance block of cluster c, row-major (a copy) */
    public double[] block(int c) {
        return blocks[c].clone();
    }

    /** @return the name of cluster c */
    public String name(int c) {
        return names[c];
    }

    int[] rowsShared(int c) {
        return rows[c];
    }

    double[] blockShared(int c) {
        return blocks[c];
    }

    /** @return the diagonal (the sampling variances) */
    public double[] variances() {
        double[] v = new double[k];
        for (int c = 0; c < rows.length; c++) {
            int n = rows[c].length;
            for (int i = 0; i < n; i++) {
                v[rows[c][i]] = blocks[c][i * n + i];
            }
        }
        return v;
    }

    /** @return whether every cluster holds one row */
    public boolean isDiagonal() {
        return rows.length == k;
    }

    /** @return the rows of the subset, in that order, as a new matrix (clusters keep their names) */
    public SamplingCovariance subset(int[] keep) {
        int[] newIndex = new int[k];
        Arrays.fill(newIndex, -1);
        for (int i = 0; i < keep.length; i++) {
            newIndex[keep[i]] = i;
        }
        java.util.List<int[]> r = new java.util.ArrayList<>();
        java.util.List<double[]> b = new java.util.ArrayList<>();
        java.util.List<String> nm = new java.util.ArrayList<>();
        for (int c = 0; c < rows.length; c++) {
            int n = rows[c].length;
            int[] pos = new int[n];
            int m = 0;
            for (int i = 0; i < n; i++) {
                if (newIndex[rows[c][i]] >= 0) {
                    pos[m++] = i;
                }
            }
            if (m == 0) {
                continue;
            }
            int[] rr = new int[m];
            double[] bb = new double[m * m];
            for (int i = 0; i < m; i++) {
                rr[i] = newIndex[rows[c][pos[i]]];
                for (int j = 0; j < m; j++) {
                    bb[i * m + j] = blocks[c][pos[i] * n + pos[j]];
                }
            }
            r.add(rr);
            b.add(bb);
            nm.add(names[c]);
        }
        return new SamplingCovariance(keep.length, r.toArray(new int[0][]), b.toArray(new double[0][]),
                nm.toArray(new String[0]));
    }
}
