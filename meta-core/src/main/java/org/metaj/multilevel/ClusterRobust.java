package org.metaj.multilevel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.metaj.data.StudyColumns;
import org.metaj.model.Coefficient;
import org.metaj.stats.Probabilities;

/**
 * Cluster-robust (sandwich) inference on the fixed effects of a fitted multilevel model (metafor's {@code robust}),
 * with {@code B = (X'WX)^-1}, {@code W = M^-1} and residuals {@code e = y - X beta}:
 *
 * <ul>
 * <li>the default (CR1): {@code V_R = n/(n - p) B [sum_j X_j'W_j e_j e_j'W_j X_j] B} over the n clusters j (rows of a
 * cluster that fall in different blocks of M contribute through W's rows), t tests with {@code n - p} degrees of
 * freedom (Hedges, Tipton &amp; Johnson 2010, Res Synth Methods 1:39; metafor's {@code adjust = TRUE});
 * <li>CR2 (Bell &amp; McCaffrey 2002; Pustejovsky &amp; Tipton 2018, J Bus Econ Stat 36:672), as clubSandwich's
 * {@code vcovCR(type = "CR2")} with the model's M as the working and target covariance:
 * {@code V_R = B [sum_j X_j'W_j A_j e_j e_j'A_j W_j X_j] B} with {@code A_j = L_j (L_j'(M_j - X_j B X_j')L_j)^-1/2
 * L_j'}, {@code M_j = L_j L_j'}; each coefficient q is tested by t with Satterthwaite degrees of freedom
 * {@code nu = (sum_j s_j - u_j'B u_j)^2 / sum_ij (delta_ij s_i - u_i'B u_j)^2}, where {@code g_j = A_j W_j X_j B
 * e_q}, {@code s_j = g_j'M_j g_j} and {@code u_j = X_j'g_j} (Pustejovsky &amp; Tipton 2018, eq. 11, with
 * {@code (I - H) M (I - H)' = M - X B X'}). CR2 needs every block of M inside one cluster.
 * </ul>
 */
public final class ClusterRobust {
    private ClusterRobust() {
    }

    /**
     * The result: robust coefficients (SE, t, p, interval), their degrees of freedom, the number of clusters.
     *
     * @param coefficients the coefficients with robust SE, t statistic, p-value and interval
     * @param df           the degrees of freedom per coefficient
     * @param clusters     the number of clusters
     * @param cr2          whether CR2 / Satterthwaite (else CR1, n - p)
     * @param vcov         the robust variance-covariance matrix, row-major p x p
     */
    public record Result(List<Coefficient> coefficients, double[] df, int clusters, boolean cr2, double[] vcov) {
        /** Copies the arrays. */
        public Result {
            coefficients = List.copyOf(coefficients);
            df = df.clone();
            vcov = vcov.clone();
        }

        @Override
        public double[] df() {
            return df.clone();
        }

        @Override
        public double[] vcov() {
            return vcov.clone();
        }

        /**
         * @return {@code robust_estimate se pval ci_lb ci_ub df} (intercept-only) or {@code robust_coef_<name>_*}
         */
        public Map<String, Object> figures() {
            Map<String, Object> f = new LinkedHashMap<>();
            boolean one = coefficients.size() == 1;
            for (int q = 0; q < coefficients.size(); q++) {
                Coefficient c = coefficients.get(q);
                String key = one ? "robust_" : "robust_coef_" + c.name() + "_";
                f.put(key + "estimate", c.estimate());
                f.put(key + "se", c.se());
                f.put(key + "tval", c.statistic());
                f.put(key + "pval", c.pval());
                f.put(key + "ci_lb", c.ciLb());
                f.put(key + "ci_ub", c.ciUb());
                f.put(key + "df", df[q]);
            }
            f.put("robust_clusters", clusters);
            f.put("robust_method", cr2 ? "CR2" : "CR1");
            return f;
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "%nCluster-robust inference (%s; %d clusters%s):%n%n",
                    cr2 ? "CR2, Satterthwaite df" : "CR1, df = n - p", clusters, ""));
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"", "estimate", "se", "tval", "df", "pval", "ci.lb", "ci.ub"});
            for (int q = 0; q < coefficients.size(); q++) {
                Coefficient c = coefficients.get(q);
                rows.add(new String[] {c.name(), org.metaj.model.PrintFormat.fixed4(c.estimate()),
                    org.metaj.model.PrintFormat.fixed4(c.se()), org.metaj.model.PrintFormat.fixed4(c.statistic()),
                    org.metaj.model.PrintFormat.fixed2(df[q]), org.metaj.model.PrintFormat.pValue(c.pval()),
                    org.metaj.model.PrintFormat.fixed4(c.ciLb()), org.metaj.model.PrintFormat.fixed4(c.ciUb())});
            }
            MultilevelFit.table(sb, rows);
            return sb.toString();
        }
    }

    /**
     * @param fit     the fitted model
     * @param cols    the model's rows (the cluster column is read from them)
     * @param cluster the cluster column
     * @param cr2     CR2 with Satterthwaite df (clubSandwich) instead of the default CR1
     * @return the robust inference
     */
    public static Result of(MultilevelFit fit, StudyColumns cols, String cluster, boolean cr2) {
        String[] key = RandomFormula.values(cols, cluster, "--robust");
        RandomFormula.Codes c = RandomFormula.codes(key, null);
        return of(fit, c.code(), c.levels().size(), cr2);
    }

    /**
     * @param fit      the fitted model
     * @param cluster  the cluster code (0-based) of every row
     * @param clusters the number of clusters
     * @param cr2      CR2 with Satterthwaite df instead of CR1
     * @return the robust inference
     */
    public static Result of(MultilevelFit fit, int[] cluster, int clusters, boolean cr2) {
        int k = fit.k();
        int p = fit.model().design().p();
        if (cluster.length != k) {
            throw new IllegalArgumentException("cluster codes: " + cluster.length + " for " + k + " rows");
        }
        if (clusters <= p) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "--robust needs more clusters (%d) than coefficients (%d)", clusters, p));
        }
        double[] b = fit.vcov();
        double[] wx = fit.wx();
        double[] e = fit.residuals();
        double[] beta = fit.beta();
        int[][] members = members(cluster, clusters);
        double[] vr = new double[p * p];
        double[] df = new double[p];
        if (!cr2) {
            // u_j = B sum_{i in j} (W X)_i' e_i
            double[] u = new double[p];
            double[] t = new double[p];
            for (int[] rows : members) {
                java.util.Arrays.fill(t, 0);
                for (int i : rows) {
                    for (int c = 0; c < p; c++) {
                        t[c] += wx[i * p + c] * e[i];
                    }
                }
                mul(b, t, u, p);
                for (int a = 0; a < p; a++) {
                    for (int d = 0; d < p; d++) {
                        vr[a * p + d] += u[a] * u[d];
                    }
                }
            }
            double f = (double) clusters / (clusters - p);
            for (int i = 0; i < p * p; i++) {
                vr[i] *= f;
            }
            java.util.Arrays.fill(df, clusters - p);
        } else {
            cr2(fit, members, b, wx, e, vr, df);
        }
        List<Coefficient> coefs = new ArrayList<>();
        double level = fit.level();
        for (int q = 0; q < p; q++) {
            double se = Math.sqrt(vr[q * p + q]);
            double tv = beta[q] / se;
            double crit = Probabilities.tQuantile(1 - (1 - level) / 2, df[q]);
            coefs.add(new Coefficient(fit.model().design().name(q), beta[q], se, tv,
                    Probabilities.tTwoSided(tv, df[q]), beta[q] - crit * se, beta[q] + crit * se));
        }
        return new Result(coefs, df, clusters, cr2, vr);
    }

    private static int[][] members(int[] cluster, int clusters) {
        int[] n = new int[clusters];
        for (int c : cluster) {
            n[c]++;
        }
        int[][] m = new int[clusters][];
        for (int j = 0; j < clusters; j++) {
            m[j] = new int[n[j]];
        }
        int[] pos = new int[clusters];
        for (int i = 0; i < cluster.length; i++) {
            m[cluster[i]][pos[cluster[i]]++] = i;
        }
        return m;
    }

    private static void mul(double[] a, double[] x, double[] out, int p) {
        for (int i = 0; i < p; i++) {
            double s = 0;
            for (int j = 0; j < p; j++) {
                s += a[i * p + j] * x[j];
            }
            out[i] = s;
        }
    }

    private static void cr2(MultilevelFit fit, int[][] members, double[] bm, double[] wx, double[] e, double[] vr,
            double[] df) {
        MultilevelModel model = fit.model();
        int p = model.design().p();
        Kernel kernel = new Kernel(model);
        double[] s2 = fit.sigma2();
        kernel.evaluate(s2, fit.tau2(), fit.rho(), fit.control().method() == MultilevelControl.Estimation.REML,
                null);
        // every block of M must lie inside one cluster
        int[] clusterOf = new int[fit.k()];
        for (int j = 0; j < members.length; j++) {
            for (int i : members[j]) {
                clusterOf[i] = j;
            }
        }
        for (int blk = 0; blk < kernel.nb; blk++) {
            int[] r = kernel.rows[blk];
            for (int i : r) {
                if (clusterOf[i] != clusterOf[r[0]]) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT, "--clubsandwich needs clusters "
                            + "that contain the random-effects and sampling-covariance groups: rows %d and %d are "
                            + "correlated but in different clusters", r[0] + 1, i + 1));
                }
            }
        }
        int nc = members.length;
        double[][] aw = new double[nc][]; // A_j W_j X_j, n_j x p
        double[][] mj = new double[nc][];
        double[] meat = new double[p * p];
        double[] ev = new double[p];
        for (int j = 0; j < nc; j++) {
            int[] r = members[j];
            int n = r.length;
            double[] m = new double[n * n];
            for (int a = 0; a < n; a++) {
                for (int c = 0; c < n; c++) {
                    m[a * n + c] = kernel.marginal(r[a], r[c], s2);
                }
            }
            mj[j] = m;
            double[] l = new double[n * n];
            if (!Kernel.cholesky(m, l, n)) {
                throw new IllegalArgumentException("the marginal covariance of cluster " + (j + 1)
                        + " is not positive definite");
            }
            // G = L'(M_j - X_j B X_j')L
            double[] d = new double[n * n];
            for (int a = 0; a < n; a++) {
                for (int c = 0; c < n; c++) {
                    double s = 0;
                    for (int u = 0; u < p; u++) {
                        for (int v = 0; v < p; v++) {
                            s += model.design().get(r[a], u) * bm[u * p + v] * model.design().get(r[c], v);
                        }
                    }
                    d[a * n + c] = m[a * n + c] - s;
                }
            }
            double[][] lm = new double[n][n];
            for (int a = 0; a < n; a++) {
                for (int c = 0; c < n; c++) {
                    lm[a][c] = c <= a ? l[a * n + c] : 0;
                }
            }
            RealMatrix lr = new Array2DRowRealMatrix(lm, false);
            double[][] dd = new double[n][n];
            for (int a = 0; a < n; a++) {
                for (int c = 0; c < n; c++) {
                    dd[a][c] = d[a * n + c];
                }
            }
            RealMatrix g = lr.transpose().multiply(new Array2DRowRealMatrix(dd, false)).multiply(lr);
            g = g.add(g.transpose()).scalarMultiply(0.5);
            EigenDecomposition eig = new EigenDecomposition(g);
            RealMatrix q = eig.getV();
            double[] lam = eig.getRealEigenvalues();
            double[][] isq = new double[n][n];
            for (int a = 0; a < n; a++) {
                isq[a][a] = 1 / Math.sqrt(lam[a]);
            }
            RealMatrix gih = q.multiply(new Array2DRowRealMatrix(isq, false)).multiply(q.transpose());
            RealMatrix amat = lr.multiply(gih).multiply(lr.transpose());
            // A_j W_j X_j and the meat term X_j'W_j A_j e_j
            double[][] wxj = new double[n][p];
            for (int a = 0; a < n; a++) {
                for (int c = 0; c < p; c++) {
                    wxj[a][c] = wx[r[a] * p + c];
                }
            }
            RealMatrix awx = amat.multiply(new Array2DRowRealMatrix(wxj, false));
            aw[j] = new double[n * p];
            for (int a = 0; a < n; a++) {
                for (int c = 0; c < p; c++) {
                    aw[j][a * p + c] = awx.getEntry(a, c);
                }
            }
            java.util.Arrays.fill(ev, 0);
            for (int a = 0; a < n; a++) {
                for (int c = 0; c < p; c++) {
                    ev[c] += aw[j][a * p + c] * e[r[a]];
                }
            }
            for (int a = 0; a < p; a++) {
                for (int c = 0; c < p; c++) {
                    meat[a * p + c] += ev[a] * ev[c];
                }
            }
        }
        // V_R = B meat B
        double[] tmp = new double[p * p];
        for (int a = 0; a < p; a++) {
            for (int c = 0; c < p; c++) {
                double s = 0;
                for (int u = 0; u < p; u++) {
                    s += bm[a * p + u] * meat[u * p + c];
                }
                tmp[a * p + c] = s;
            }
        }
        for (int a = 0; a < p; a++) {
            for (int c = 0; c < p; c++) {
                double s = 0;
                for (int u = 0; u < p; u++) {
                    s += tmp[a * p + u] * bm[u * p + c];
                }
                vr[a * p + c] = s;
            }
        }
        // Satterthwaite df per coefficient
        double[] bq = new double[p];
        double[] uj = new double[p];
        double[] bu = new double[p];
        for (int q = 0; q < p; q++) {
            for (int a = 0; a < p; a++) {
                bq[a] = bm[a * p + q];
            }
            double sum = 0;
            double sumSq = 0;
            double[] sAcc = new double[p * p];
            for (int j = 0; j < nc; j++) {
                int[] r = members[j];
                int n = r.length;
                double[] g = new double[n];
                for (int a = 0; a < n; a++) {
                    double s = 0;
                    for (int c = 0; c < p; c++) {
                        s += aw[j][a * p + c] * bq[c];
                    }
                    g[a] = s;
                }
                double sj = 0;
                for (int a = 0; a < n; a++) {
                    for (int c = 0; c < n; c++) {
                        sj += g[a] * mj[j][a * n + c] * g[c];
                    }
                }
                java.util.Arrays.fill(uj, 0);
                for (int a = 0; a < n; a++) {
                    for (int c = 0; c < p; c++) {
                        uj[c] += model.design().get(r[a], c) * g[a];
                    }
                }
                mul(bm, uj, bu, p);
                double ubu = 0;
                for (int c = 0; c < p; c++) {
                    ubu += uj[c] * bu[c];
                }
                sum += sj - ubu;
                sumSq += sj * sj - 2 * sj * ubu;
                for (int a = 0; a < p; a++) {
                    for (int c = 0; c < p; c++) {
                        sAcc[a * p + c] += uj[a] * uj[c];
                    }
                }
            }
            // tr(B S B S)
            double[] bs = new double[p * p];
            for (int a = 0; a < p; a++) {
                for (int c = 0; c < p; c++) {
                    double s = 0;
                    for (int u = 0; u < p; u++) {
                        s += bm[a * p + u] * sAcc[u * p + c];
                    }
                    bs[a * p + c] = s;
                }
            }
            double tr = 0;
            for (int a = 0; a < p; a++) {
                for (int c = 0; c < p; c++) {
                    tr += bs[a * p + c] * bs[c * p + a];
                }
            }
            sumSq += tr;
            df[q] = sum * sum / sumSq;
        }
    }
}
