package org.metaj.sensitivity;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
        f.put("influence_dfbetas", dfbetas());
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
