package org.metaj.multilevel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.metaj.data.DataException;
import org.metaj.data.StudyColumns;

/**
 * Sampling covariance matrices built as metafor's {@code vcalc} builds them, block-diagonal by a cluster column
 * (clusters and their rows in file order). Every builder checks each block and names the cluster whose block is not
 * positive definite.
 *
 * <p>The covariance of rows i and j of one cluster is {@code r_ij sqrt(v_i v_j)} with
 * <pre>
 *   r_ij = rho_ij [ [g1_i = g1_j]/sqrt(w1_i w1_j) - [g1_i = g2_j]/sqrt(w1_i w2_j) - [g2_i = g1_j]/sqrt(w2_i w1_j)
 *                   + [g2_i = g2_j]/sqrt(w2_i w2_j) ] / (s_i s_j),   s_i = sqrt(1/w1_i + 1/w2_i)
 * </pre>
 * where {@code g1, g2} name the two groups each effect compares and {@code w1, w2} their sizes: two comparisons
 * that share a group are correlated through that group's sampling error (Gleser &amp; Olkin 2009, in The Handbook of
 * Research Synthesis and Meta-Analysis, 2nd ed., ch. 19, eq. 19.19 for several treatments against one control).
 * Without groups the bracket is 2 / (sqrt 2 sqrt 2) = 1, so {@code r_ij = rho_ij}; {@code rho_ij = rho} for
 * {@code i != j} when a constant correlation is given (metafor's {@code obs} = row), else 1.
 */
public final class VCalc {
    private VCalc() {
    }

    /** The rows of each cluster, in file order, and the clusters in order of their first row. */
    record Clusters(int[][] rows, String[] names) {
    }

    static Clusters clusters(StudyColumns cols, String cluster) {
        String[] key = RandomFormula.values(cols, cluster, "--cluster");
        Map<String, List<Integer>> m = new LinkedHashMap<>();
        for (int i = 0; i < key.length; i++) {
            m.computeIfAbsent(key[i], x -> new ArrayList<>()).add(i);
        }
        int[][] rows = new int[m.size()][];
        String[] names = new String[m.size()];
        int c = 0;
        for (Map.Entry<String, List<Integer>> e : m.entrySet()) {
            rows[c] = e.getValue().stream().mapToInt(Integer::intValue).toArray();
            names[c] = e.getKey();
            c++;
        }
        return new Clusters(rows, names);
    }

    /**
     * {@code vcalc(vi, cluster, obs = row, rho = rho)}: covariance {@code rho sqrt(v_i v_j)} within a cluster.
     *
     * @param cols    the rows
     * @param vi      the sampling variances
     * @param cluster the cluster column
     * @param rho     the correlation, in [-1, 1]
     * @return the block-diagonal V
     */
    public static SamplingCovariance constantCorrelation(StudyColumns cols, double[] vi, String cluster, double rho) {
        return sharedGroups(cols, vi, cluster, rho, null, null, null, null);
    }

    /**
     * {@code vcalc(vi, cluster, grp1, grp2, w1, w2)} (and {@code obs = row, rho} when {@code rho} is not NaN): the
     * covariances of comparisons that share a group (formula in the class comment).
     *
     * @param cols    the rows
     * @param vi      the sampling variances
     * @param cluster the cluster column
     * @param rho     a constant correlation between different rows of a cluster, or NaN for none
     * @param grp1    column naming the first group of each comparison ({@code null}: no groups)
     * @param grp2    column naming the second group
     * @param w1      column with the size of the first group
     * @param w2      column with the size of the second group
     * @return the block-diagonal V
     */
    public static SamplingCovariance sharedGroups(StudyColumns cols, double[] vi, String cluster, double rho,
            String grp1, String grp2, String w1, String w2) {
        if (!Double.isNaN(rho) && !(rho >= -1 && rho <= 1)) {
            throw new IllegalArgumentException("--rho must be in [-1, 1], got " + rho);
        }
        Clusters cl = clusters(cols, cluster);
        int k = cols.size();
        String[] g1 = grp1 == null ? null : RandomFormula.values(cols, grp1, "--shared-groups");
        String[] g2 = grp2 == null ? null : RandomFormula.values(cols, grp2, "--shared-groups");
        double[] n1 = grp1 == null ? null : sizes(cols, w1);
        double[] n2 = grp1 == null ? null : sizes(cols, w2);
        double[][] blocks = new double[cl.rows.length][];
        for (int c = 0; c < cl.rows.length; c++) {
            int[] r = cl.rows[c];
            int n = r.length;
            double[] b = new double[n * n];
            for (int a = 0; a < n; a++) {
                int i = r[a];
                for (int bb = 0; bb < n; bb++) {
                    int j = r[bb];
                    double cor;
                    if (a == bb) {
                        cor = 1;
                    } else {
                        double obs = Double.isNaN(rho) ? 1 : rho;
                        cor = obs;
                        if (g1 != null) {
                            double br = (g1[i].equals(g1[j]) ? 1 / Math.sqrt(n1[i] * n1[j]) : 0)
                                    - (g1[i].equals(g2[j]) ? 1 / Math.sqrt(n1[i] * n2[j]) : 0)
                                    - (g2[i].equals(g1[j]) ? 1 / Math.sqrt(n2[i] * n1[j]) : 0)
                                    + (g2[i].equals(g2[j]) ? 1 / Math.sqrt(n2[i] * n2[j]) : 0);
                            cor = obs * br / (scale(g1, g2, n1, n2, i) * scale(g1, g2, n1, n2, j));
                        }
                    }
                    b[a * n + bb] = cor * Math.sqrt(vi[i] * vi[j]);
                }
            }
            blocks[c] = b;
        }
        return build(cols, k, cl, blocks, cluster);
    }

    private static double scale(String[] g1, String[] g2, double[] n1, double[] n2, int i) {
        double s = 1 / n1[i] + 1 / n2[i] - (g1[i].equals(g2[i]) ? 2 / Math.sqrt(n1[i] * n2[i]) : 0);
        return Math.sqrt(s);
    }

    private static double[] sizes(StudyColumns cols, String col) {
        if (col == null) {
            throw new IllegalArgumentException("--shared-groups needs --group-sizes N1,N2");
        }
        if (!cols.has(col)) {
            throw new DataException(cols.source(), -1, col, cols.hasText(col) ? "group sizes must be numbers"
                    : "no such column (named in --group-sizes)");
        }
        double[] v = cols.get(col);
        for (int i = 0; i < v.length; i++) {
            if (!(v[i] > 0) || Double.isInfinite(v[i])) {
                throw cols.error(i, col, "group size must be a number > 0, got " + v[i]);
            }
        }
        return v;
    }

    /**
     * Known covariances from columns (metafor's {@code vcalc(..., rvars = c(V1, V2, ...))} with the covariances as
     * given): row a of a cluster holds in column b its covariance with row b of the cluster (rows counted in file
     * order); the lower triangle and the diagonal are read, the upper triangle mirrors the lower; columns beyond
     * the cluster's size are ignored (they hold 0).
     *
     * @param cols    the rows
     * @param cluster the cluster column
     * @param columns the covariance columns, as many as the largest cluster has rows
     * @return the block-diagonal V
     */
    public static SamplingCovariance fromColumns(StudyColumns cols, String cluster, List<String> columns) {
        Clusters cl = clusters(cols, cluster);
        int largest = 0;
        String largestName = null;
        for (int c = 0; c < cl.rows.length; c++) {
            if (cl.rows[c].length > largest) {
                largest = cl.rows[c].length;
                largestName = cl.names[c];
            }
        }
        if (columns.size() != largest) {
            throw new DataException(cols.source(), -1, String.join(",", columns), String.format(Locale.ROOT,
                    "--vcov-columns names %d columns but the largest cluster (%s %s) has %d rows: give one "
                            + "column per row of the largest cluster", columns.size(), cluster, largestName,
                    largest));
        }
        double[][] v = new double[columns.size()][];
        for (int j = 0; j < columns.size(); j++) {
            String name = columns.get(j).trim();
            if (!cols.has(name)) {
                throw new DataException(cols.source(), -1, name, cols.hasText(name) ? "covariances must be numbers"
                        : "no such column (named in --vcov-columns)");
            }
            v[j] = cols.get(name);
        }
        double[][] blocks = new double[cl.rows.length][];
        for (int c = 0; c < cl.rows.length; c++) {
            int[] r = cl.rows[c];
            int n = r.length;
            double[] b = new double[n * n];
            for (int a = 0; a < n; a++) {
                for (int bb = 0; bb <= a; bb++) {
                    double x = v[bb][r[a]];
                    if (!Double.isFinite(x)) {
                        throw cols.error(r[a], columns.get(bb).trim(), "covariance must be a finite number, got "
                                + x);
                    }
                    b[a * n + bb] = x;
                    b[bb * n + a] = x;
                }
            }
            blocks[c] = b;
        }
        return build(cols, cols.size(), cl, blocks, cluster);
    }

    private static SamplingCovariance build(StudyColumns cols, int k, Clusters cl, double[][] blocks,
            String cluster) {
        for (int c = 0; c < blocks.length; c++) {
            int n = cl.rows[c].length;
            for (int a = 0; a < n; a++) {
                double d = blocks[c][a * n + a];
                if (!(d > 0) || Double.isInfinite(d)) {
                    throw cols.error(cl.rows[c][a], cluster, String.format(Locale.ROOT,
                            "cluster %s: sampling variance must be > 0, got %s", cl.names[c], d));
                }
            }
            if (!SamplingCovariance.positiveSemiDefinite(blocks[c], n)) {
                throw new DataException(cols.source(), cols.row(cl.rows[c][0]), cluster, String.format(Locale.ROOT,
                        "cluster %s (%d rows): the sampling covariance block is not positive definite", cl.names[c],
                        n));
            }
        }
        return SamplingCovariance.of(k, cl.rows, blocks, cl.names);
    }
}
