package org.metaj.bias;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.metaj.data.StudyData;
import org.metaj.model.MetaResult;

/**
 * Rank correlation test for funnel-plot asymmetry (Begg &amp; Mazumdar 1994, Biometrics 50:1088), as metafor's
 * {@code ranktest()}: Kendall's tau between the standardised deviates
 * {@code y*_i = (y_i - b) / sqrt(v_i - 1/sum w)}, {@code b = sum w y / sum w}, {@code w = 1/v} (the common-effect
 * estimate), and the variances {@code v_i}. The p-value is exact when neither variable has ties (whatever k), else
 * the tie-corrected normal approximation ({@link KendallTau}). Immutable.
 */
public final class BeggTest {
    private final double tau;
    private final double pval;
    private final boolean exact;
    private final int k;

    private BeggTest(double tau, double pval, boolean exact, int k) {
        this.tau = tau;
        this.pval = pval;
        this.exact = exact;
        this.k = k;
    }

    /**
     * @param fitted a fitted model (only its effects and variances are used)
     * @return the test
     */
    public static BeggTest test(MetaResult fitted) {
        return test(fitted.data());
    }

    /**
     * @param data effects and variances, k >= 3
     * @return the test
     */
    public static BeggTest test(StudyData data) {
        int k = data.k();
        if (k < 3) {
            throw new IllegalArgumentException("the rank correlation test needs at least 3 studies, got k = " + k);
        }
        double[] y = data.yi();
        double[] v = data.vi();
        double sw = 0;
        double swy = 0;
        for (int i = 0; i < k; i++) {
            sw += 1 / v[i];
            swy += y[i] / v[i];
        }
        double b = swy / sw;
        double vb = 1 / sw;
        double[] ys = new double[k];
        for (int i = 0; i < k; i++) {
            ys[i] = (y[i] - b) / Math.sqrt(v[i] - vb);
        }
        KendallTau kt = KendallTau.test(ys, v);
        return new BeggTest(kt.tau, kt.pval, kt.exact, k);
    }

    /** @return Kendall's tau (tau-b) */
    public double tau() {
        return tau;
    }

    /** @return the two-sided p-value */
    public double pval() {
        return pval;
    }

    /** @return whether the p-value is exact (no ties) */
    public boolean exact() {
        return exact;
    }

    /** @return the figures {@code begg_tau begg_pval} */
    public Map<String, Object> figures() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("begg_tau", tau);
        f.put("begg_pval", pval);
        return f;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Rank correlation test for funnel plot asymmetry (k = %d)%n%n"
                + "Kendall's tau = %.4f, p = %.4f (%s)%n", k, tau, pval, exact ? "exact" : "normal approximation");
    }
}
