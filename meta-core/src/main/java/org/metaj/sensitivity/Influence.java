package org.metaj.sensitivity;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.metaj.fit.Refitter;
import org.metaj.model.MetaResult;
import org.metaj.model.Method;
import org.metaj.stats.Probabilities;

/**
 * Case-deletion influence diagnostics of an intercept-only (random- or common-effect) model, after Viechtbauer
 * &amp; Cheung (2010, Res Synth Methods 1:112), which carry the regression diagnostics of Belsley, Kuh &amp; Welsch
 * (1980) and Cook (1977) over to meta-analysis. As metafor's {@code influence()}. For each study i the model is
 * refitted without it (same specification, through {@link SubsetFitter}), giving {@code b(-i)}, its variance
 * {@code V(-i)} (Knapp-Hartung scaled by {@code s(-i)^2 = Q(-i)(tau2(-i))/(k-2)} under that test, else
 * {@code s^2 = 1}), {@code tau2(-i)} and {@code QE(-i)}. With the full model's {@code b}, {@code V} and weights
 * {@code w_i = 1/(v_i + tau^2)}:
 * <ul>
 * <li>externally standardised residual {@code (y_i - b(-i)) / sqrt(s^2 v_i + V(-i) + s^2 tau2(-i))};</li>
 * <li>hat value {@code h_i = w_i / sum w}; weight {@code 100 h_i} percent;</li>
 * <li>DFFITS {@code (b - b(-i)) / sqrt(s^2 h_i (tau2(-i) + v_i))};</li>
 * <li>DFBETAS {@code (b - b(-i)) / sqrt(s^2 / sum_j 1/(v_j + tau2(-i)))} (sum over all k studies);</li>
 * <li>Cook's distance {@code (b - b(-i))^2 / V}; covariance ratio {@code V(-i) / V}.</li>
 * </ul>
 * A study is flagged influential when {@code |DFFITS| > 3 sqrt(p/(k-p))}, {@code P(chi2_p <= D) > 0.5},
 * {@code h > 3p/k} or {@code |DFBETAS| > 1} (p = 1 coefficient), the rules of metafor 3.8. Immutable.
 */
public final class Influence {
    private final String[] labels;
    private final double[] rstudent;
    private final double[] dffits;
    private final double[] cooks;
    private final double[] covRatio;
    private final double[] tau2Del;
    private final double[] qeDel;
    private final double[] hat;
    private final double[] weight;
    private final double[] dfbetas;
    private final boolean[] influential;
    private final List<String> warnings = new ArrayList<>();
    /** DFBETAS per coefficient of a meta-regression ({@code [j][i]}), null for an intercept-only model. */
    private double[][] dfbetasByCoefficient;
    private List<String> coefficientNames;

    private Influence(int k, String[] labels) {
        this.labels = labels;
        rstudent = new double[k];
        dffits = new double[k];
        cooks = new double[k];
        covRatio = new double[k];
        tau2Del = new double[k];
        qeDel = new double[k];
        hat = new double[k];
        weight = new double[k];
        dfbetas = new double[k];
        influential = new boolean[k];
    }

    /**
     * @param model an inverse-variance model (not Mantel-Haenszel or Peto) with k >= 2
     * @return the diagnostics
     */
    public static Influence of(MetaResult model) {
        int k = model.k();
        Method m = model.method();
        if (m == Method.MH || m == Method.PETO) {
            throw new IllegalArgumentException("influence diagnostics need an inverse-variance model, got method "
                    + m.label());
        }
        if (k < 2) {
            throw new IllegalArgumentException("influence diagnostics need at least 2 studies, got k = " + k);
        }
        double[] y = model.data().yi();
        double[] v = model.data().vi();
        double b = model.estimate();
        double vb = model.se() * model.se();
        double tau2 = model.tau2();
        double sw = 0;
        for (int i = 0; i < k; i++) {
            sw += 1 / (v[i] + tau2);
        }
        SubsetFitter f = new SubsetFitter(model);
        Influence r = new Influence(k, model.data().labels());
        int[] idx = new int[k];
        final int p = 1;
        double dffitsCut = 3 * Math.sqrt((double) p / (k - p));
        double hatCut = 3.0 * p / k;
        for (int i = 0; i < k; i++) {
            double h = 1 / (v[i] + tau2) / sw;
            r.hat[i] = h;
            r.weight[i] = 100 * h;
            int n = 0;
            for (int j = 0; j < k; j++) {
                if (j != i) {
                    idx[n++] = j;
                }
            }
            if (!f.fit(idx, n, "without study " + (i + 1))) {
                r.rstudent[i] = r.dffits[i] = r.cooks[i] = r.covRatio[i] = r.tau2Del[i] = r.qeDel[i] = Double.NaN;
                r.dfbetas[i] = Double.NaN;
                continue;
            }
            double s2 = f.scale;
            double t2 = f.tau2;
            double vDel = f.se * f.se;
            double bDel = f.estimate;
            r.tau2Del[i] = t2;
            r.qeDel[i] = f.q;
            double resid = y[i] - bDel;
            if (Math.abs(resid) < 100 * Math.ulp(1.0)) {
                resid = 0;
            }
            r.rstudent[i] = resid / Math.sqrt(v[i] * s2 + vDel + t2 * s2);
            double d = b - bDel;
            r.dffits[i] = d / Math.sqrt(s2 * h * (t2 + v[i]));
            double swDel = 0;
            for (int j = 0; j < k; j++) {
                swDel += 1 / (v[j] + t2);
            }
            r.dfbetas[i] = d / Math.sqrt(s2 / swDel);
            r.cooks[i] = d * d / vb;
            r.covRatio[i] = vDel / vb;
            r.influential[i] = Math.abs(r.dffits[i]) > dffitsCut
                    || 1 - Probabilities.chiSquareUpper(r.cooks[i], p) > 0.5 || h > hatCut
                    || Math.abs(r.dfbetas[i]) > 1;
        }
        r.warnings.addAll(f.warnings());
        return r;
    }

    /**
     * The diagnostics of a meta-regression {@code y = X b + u + e}, as metafor's {@code influence()} of an
     * {@code rma} with {@code mods}: for each study i the model is refitted without it through the one refit path
     * (the model's specification and control), giving {@code b(-i)}, {@code V(-i)} (Knapp-Hartung scaled by
     * {@code s2(-i)}), {@code tau2(-i)}, {@code QE(-i)}. With the full fit's {@code b}, {@code V},
     * {@code W = diag(1/(v + tau2))}:
     * <ul>
     * <li>hat value {@code h_i = w_i x_i'(X'WX)^-1 x_i}; weight {@code 100 w_i / sum w};</li>
     * <li>rstudent {@code (y_i - x_i'b(-i)) / sqrt(s2(-i) v_i + x_i'V(-i)x_i + s2(-i) tau2(-i))};</li>
     * <li>DFFITS {@code x_i'(b - b(-i)) / sqrt(s2(-i) h_i (tau2(-i) + v_i))};</li>
     * <li>DFBETAS {@code (b_j - b_j(-i)) / sqrt(s2(-i) [(X'W(-i)X)^-1]_jj)}, {@code W(-i) = diag(1/(v + tau2(-i)))}
     * over all k studies;</li>
     * <li>Cook's distance {@code d' V^-1 d}, {@code d = b - b(-i)}, and covariance ratio {@code det V(-i) / det V},
     * over all p coefficients (as metafor 3.8-1 computes them), {@code m = p};</li>
     * </ul>
     * flagged when {@code |DFFITS| > 3 sqrt(p/(k-p))}, {@code P(chi2_m <= D) > 0.5}, {@code h > 3p/k} or any
     * {@code |DFBETAS| > 1} (Viechtbauer &amp; Cheung 2010, Res Synth Methods 1:112; Belsley, Kuh &amp; Welsch 1980).
     *
     * @param model a fitted meta-regression with k > p + 1 studies
     * @return the diagnostics
     */
    public static Influence of(org.metaj.regression.MetaRegressionResult model) {
        int k = model.k();
        int p = model.p();
        if (k - 1 <= p) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "influence diagnostics of a model with %d"
                    + " coefficients need at least %d studies, got k = %d", p, p + 2, k));
        }
        org.metaj.regression.DesignMatrix design = model.design();
        double[] x = design.rowMajor();
        double[] y = model.data().yi();
        double[] v = model.data().vi();
        double[] b = model.beta();
        double[] vb = model.vb();
        double tau2 = model.tau2();
        // metafor's influence() takes Cook's distance and the covariance ratio over all p coefficients (btt = 1..p)
        int from = 0;
        int m = p;
        double[] vbS = sub(vb, p, from);
        double[] vbSInv = new double[m * m];
        double logDetFull = invertSpd(vbS, m, vbSInv);
        if (Double.isNaN(logDetFull)) {
            throw new IllegalArgumentException("influence diagnostics: the covariance of the coefficients is singular");
        }
        // (X'WX)^-1 of the full fit, for the hat values
        double[] w = new double[k];
        double sw = 0;
        for (int i = 0; i < k; i++) {
            w[i] = 1 / (v[i] + tau2);
            sw += w[i];
        }
        double[] ainvFull = xtwxInverse(x, w, k, p);
        Influence r = new Influence(k, model.data().labels());
        r.dfbetasByCoefficient = new double[p][k];
        r.coefficientNames = design.names();
        Refitter f = new Refitter(model.spec().model().fitSpec(), tau2, k, p);
        int[] idx = new int[k];
        double[] wDel = new double[k];
        double[] d = new double[p];
        double dffitsCut = 3 * Math.sqrt((double) p / (k - p));
        double hatCut = 3.0 * p / k;
        for (int i = 0; i < k; i++) {
            double h = w[i] * quad(ainvFull, x, i, p);
            r.hat[i] = h;
            r.weight[i] = 100 * w[i] / sw;
            int n = 0;
            for (int j = 0; j < k; j++) {
                if (j != i) {
                    idx[n++] = j;
                }
            }
            if (!f.fitSubset(y, v, x, p, idx, n, "without study " + (i + 1))) {
                r.rstudent[i] = r.dffits[i] = r.cooks[i] = r.covRatio[i] = r.tau2Del[i] = r.qeDel[i] = Double.NaN;
                r.dfbetas[i] = Double.NaN;
                for (int j = 0; j < p; j++) {
                    r.dfbetasByCoefficient[j][i] = Double.NaN;
                }
                continue;
            }
            org.metaj.kernel.KernelFit out = f.kernelFit();
            double s2 = out.knhaScale;
            double t2 = out.tau2;
            r.tau2Del[i] = t2;
            r.qeDel[i] = out.qe;
            double predDel = 0;
            double predFull = 0;
            for (int j = 0; j < p; j++) {
                predDel += x[i * p + j] * out.beta[j];
                predFull += x[i * p + j] * b[j];
                d[j] = b[j] - out.beta[j];
            }
            double vPredDel = quad(out.vb, x, i, p);
            double resid = y[i] - predDel;
            if (Math.abs(resid) < 100 * Math.ulp(1.0)) {
                resid = 0;
            }
            r.rstudent[i] = resid / Math.sqrt(v[i] * s2 + vPredDel + t2 * s2);
            r.dffits[i] = (predFull - predDel) / Math.sqrt(s2 * h * (t2 + v[i]));
            for (int j = 0; j < k; j++) {
                wDel[j] = 1 / (v[j] + t2);
            }
            double[] vbDel = xtwxInverse(x, wDel, k, p);
            boolean big = false;
            for (int j = 0; j < p; j++) {
                double dfb = d[j] / Math.sqrt(s2 * vbDel[j * p + j]);
                r.dfbetasByCoefficient[j][i] = dfb;
                big |= Math.abs(dfb) > 1;
            }
            r.dfbetas[i] = r.dfbetasByCoefficient[0][i];
            double cook = 0;
            for (int s = 0; s < m; s++) {
                for (int t = 0; t < m; t++) {
                    cook += d[from + s] * vbSInv[s * m + t] * d[from + t];
                }
            }
            r.cooks[i] = cook;
            double[] vbDelS = sub(out.vb, p, from);
            r.covRatio[i] = Math.exp(invertSpd(vbDelS, m, new double[m * m]) - logDetFull);
            r.influential[i] = Math.abs(r.dffits[i]) > dffitsCut
                    || 1 - Probabilities.chiSquareUpper(cook, m) > 0.5 || h > hatCut || big;
        }
        r.warnings.addAll(f.warnings());
        return r;
    }

    /** The block {@code [from..p) x [from..p)} of a p x p row-major matrix. */
    private static double[] sub(double[] a, int p, int from) {
        int m = p - from;
        double[] s = new double[m * m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                s[i * m + j] = a[(from + i) * p + from + j];
            }
        }
        return s;
    }

    /**
     * Inverts a small symmetric positive-definite matrix by its Cholesky factor {@code A = LL'} (Golub &amp; Van
     * Loan 2013, alg. 4.2.1).
     *
     * @param a   the matrix, row-major m x m (not modified)
     * @param m   dimension
     * @param inv out: the inverse (modified)
     * @return {@code log det A}; NaN if A is not positive definite
     */
    static double invertSpd(double[] a, int m, double[] inv) {
        double[] l = new double[m * m];
        for (int j = 0; j < m; j++) {
            double d = a[j * m + j];
            for (int t = 0; t < j; t++) {
                d -= l[j * m + t] * l[j * m + t];
            }
            if (!(d > 0)) {
                return Double.NaN;
            }
            double ljj = Math.sqrt(d);
            l[j * m + j] = ljj;
            for (int i = j + 1; i < m; i++) {
                double s = a[i * m + j];
                for (int t = 0; t < j; t++) {
                    s -= l[i * m + t] * l[j * m + t];
                }
                l[i * m + j] = s / ljj;
            }
        }
        double logDet = 0;
        for (int j = 0; j < m; j++) {
            logDet += 2 * Math.log(l[j * m + j]);
        }
        // columns of the inverse: solve L z = e_c, then L' x = z
        double[] z = new double[m];
        for (int c = 0; c < m; c++) {
            for (int i = 0; i < m; i++) {
                double s = i == c ? 1 : 0;
                for (int t = 0; t < i; t++) {
                    s -= l[i * m + t] * z[t];
                }
                z[i] = s / l[i * m + i];
            }
            for (int i = m - 1; i >= 0; i--) {
                double s = z[i];
                for (int t = i + 1; t < m; t++) {
                    s -= l[t * m + i] * inv[t * m + c];
                }
                inv[i * m + c] = s / l[i * m + i];
            }
        }
        return logDet;
    }

    /** {@code x_i' A x_i}. */
    private static double quad(double[] a, double[] x, int i, int p) {
        double q = 0;
        for (int s = 0; s < p; s++) {
            for (int t = 0; t < p; t++) {
                q += x[i * p + s] * a[s * p + t] * x[i * p + t];
            }
        }
        return q;
    }

    /** {@code (X'WX)^-1}, p x p. */
    private static double[] xtwxInverse(double[] x, double[] w, int k, int p) {
        double[] a = new double[p * p];
        for (int i = 0; i < k; i++) {
            for (int s = 0; s < p; s++) {
                for (int t = 0; t < p; t++) {
                    a[s * p + t] += w[i] * x[i * p + s] * x[i * p + t];
                }
            }
        }
        double[] inv = new double[p * p];
        if (Double.isNaN(invertSpd(a, p, inv))) {
            java.util.Arrays.fill(inv, Double.NaN);
        }
        return inv;
    }

    /** @return externally standardised (studentized deleted) residuals */
    public double[] rstudent() {
        return rstudent.clone();
    }

    /** @return DFFITS */
    public double[] dffits() {
        return dffits.clone();
    }

    /** @return Cook's distances */
    public double[] cooks() {
        return cooks.clone();
    }

    /** @return covariance ratios */
    public double[] covRatio() {
        return covRatio.clone();
    }

    /** @return tau^2 with each study deleted */
    public double[] tau2Deleted() {
        return tau2Del.clone();
    }

    /** @return Q_E with each study deleted */
    public double[] qeDeleted() {
        return qeDel.clone();
    }

    /** @return hat values */
    public double[] hat() {
        return hat.clone();
    }

    /** @return weights in percent */
    public double[] weight() {
        return weight.clone();
    }

    /** @return DFBETAS of the intercept */
    public double[] dfbetas() {
        return dfbetas.clone();
    }

    /** @return which studies are flagged influential */
    public boolean[] influential() {
        return influential.clone();
    }

    /** @return warnings of the refits */
    public List<String> warnings() {
        return Collections.unmodifiableList(warnings);
    }

    /** @return the contract figures ({@code influence_inf}: 1 = influential, 0 = not) */
    public Map<String, Object> figures() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("influence_rstudent", rstudent());
        f.put("influence_dffits", dffits());
        f.put("influence_cooks", cooks());
        f.put("influence_cov_r", covRatio());
        f.put("influence_tau2_del", tau2Deleted());
        f.put("influence_QE_del", qeDeleted());
        f.put("influence_hat", hat());
        f.put("influence_weight", weight());
        if (dfbetasByCoefficient == null) {
            f.put("influence_dfbetas", dfbetas());
        } else {
            for (int j = 0; j < coefficientNames.size(); j++) {
                f.put("influence_dfbetas_" + coefficientNames.get(j), dfbetasByCoefficient[j].clone());
            }
        }
        double[] inf = new double[influential.length];
        for (int i = 0; i < inf.length; i++) {
            inf[i] = influential[i] ? 1 : 0;
        }
        f.put("influence_inf", inf);
        return f;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Influence diagnostics\n\n");
        sb.append(String.format(Locale.ROOT, "%-24s %9s %9s %9s %9s %9s %10s %7s %7s %9s %s%n", "study", "rstudent",
                "dffits", "cook.d", "cov.r", "tau2.del", "QE.del", "hat", "weight", "dfbs", "inf"));
        for (int i = 0; i < rstudent.length; i++) {
            sb.append(String.format(Locale.ROOT, "%-24s %9.4f %9.4f %9.4f %9.4f %9.4f %10.4f %7.4f %7.2f %9.4f %s%n",
                    Text.clip(labels[i], 24), rstudent[i], dffits[i], cooks[i], covRatio[i], tau2Del[i], qeDel[i],
                    hat[i], weight[i], dfbetas[i], influential[i] ? "*" : ""));
        }
        for (String w : warnings) {
            sb.append("Warning: ").append(w).append('\n');
        }
        return sb.toString();
    }
}
