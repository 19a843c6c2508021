package org.metaj.model;

import java.util.Locale;

import org.metaj.data.StudyData;
import org.metaj.data.EffectMeasure;
import org.metaj.stats.Probabilities;

/**
 * Mantel-Haenszel common-effect pooling of 2x2 tables (Mantel &amp; Haenszel 1959, J Natl Cancer Inst 22:719),
 * on the raw counts (no zero-cell correction), as metafor's {@code rma.mh()}:
 * <ul>
 * <li>odds ratio {@code OR_MH = sum(a_i d_i / n_i) / sum(b_i c_i / n_i)}, variance of its log by Robins,
 * Breslow &amp; Greenland (1986, Biometrics 42:311);</li>
 * <li>risk ratio {@code RR_MH = sum(a_i n2_i / n_i) / sum(c_i n1_i / n_i)}, variance of its log by Greenland &amp;
 * Robins (1985, Biometrics 41:55);</li>
 * <li>risk difference {@code RD_MH = sum((a_i n2_i - c_i n1_i)/n_i) / sum(n1_i n2_i / n_i)}, with the variance
 * of Sato, Greenland &amp; Robins (1989, Biometrics 45:1323), consistent both for many small and for few large
 * tables: {@code Var = (RD_MH P + Q) / W^2}, {@code W = sum(n1_i n2_i / n_i)},
 * {@code P = sum((n1_i^2 c_i - n2_i^2 a_i + n1_i n2_i (n2_i - n1_i) / 2) / n_i^2)},
 * {@code Q = sum((a_i (n2_i - c_i) + c_i (n1_i - a_i)) / (2 n_i))}. (The older Greenland-Robins 1985 binomial
 * variance {@code sum(w_i^2 (a_i b_i / n1_i^3 + c_i d_i / n2_i^3)) / W^2} is not what metafor's {@code rma.mh}
 * reports: checked against metafor 3.8-1 on six 2x2 data sets, reference/cases-extra.jsonl.)</li>
 * </ul>
 * The heterogeneity test is Cochran's Q of the study effect sizes (with their zero-cell correction) around the
 * Mantel-Haenszel estimate, leaving out studies without events (or non-events) in both groups.
 */
final class MantelHaenszel {
    private MantelHaenszel() {
    }

    static MetaResult fit(MetaAnalysis spec, StudyData data) {
        EffectMeasure m = data.measure();
        if (m != EffectMeasure.OR && m != EffectMeasure.RR && m != EffectMeasure.RD) {
            throw new IllegalArgumentException("Mantel-Haenszel pooling needs measure OR, RR or RD, got "
                    + (m == null ? "precomputed yi/vi" : m.name()));
        }
        CountTables t = CountTables.of(data, "Mantel-Haenszel");
        int k = t.k();
        double est;
        double var;
        double[] wmh = new double[k];
        if (m == EffectMeasure.OR) {
            double r = 0, s = 0, pr = 0, psqr = 0, qs = 0;
            for (int i = 0; i < k; i++) {
                double n = t.a()[i] + t.b()[i] + t.c()[i] + t.d()[i];
                double ri = t.a()[i] * t.d()[i] / n;
                double si = t.b()[i] * t.c()[i] / n;
                double pi = (t.a()[i] + t.d()[i]) / n;
                double qi = (t.b()[i] + t.c()[i]) / n;
                r += ri;
                s += si;
                pr += pi * ri;
                psqr += pi * si + qi * ri;
                qs += qi * si;
                wmh[i] = si;
            }
            est = Math.log(r / s);
            var = pr / (2 * r * r) + psqr / (2 * r * s) + qs / (2 * s * s);
        } else if (m == EffectMeasure.RR) {
            double r = 0, s = 0, num = 0;
            for (int i = 0; i < k; i++) {
                double n1 = t.a()[i] + t.b()[i];
                double n2 = t.c()[i] + t.d()[i];
                double n = n1 + n2;
                double a = t.a()[i];
                double c = t.c()[i];
                r += a * n2 / n;
                s += c * n1 / n;
                num += (n1 * n2 * (a + c) - a * c * n) / (n * n);
                wmh[i] = c * n1 / n;
            }
            est = Math.log(r / s);
            var = num / (r * s);
        } else {
            double num = 0, den = 0, p = 0, q = 0;
            for (int i = 0; i < k; i++) {
                double a = t.a()[i], b = t.b()[i], c = t.c()[i], d = t.d()[i];
                double n1 = a + b;
                double n2 = c + d;
                double n = n1 + n2;
                num += (a * n2 - c * n1) / n;
                den += n1 * n2 / n;
                p += (n1 * n1 * c - n2 * n2 * a + n1 * n2 * (n2 - n1) / 2) / (n * n);
                q += (a * (n2 - c) + c * (n1 - a)) / (2 * n);
                wmh[i] = n1 * n2 / n;
            }
            est = num / den;
            var = (est * p + q) / (den * den);
        }
        if (!Double.isFinite(est) || !(var > 0)) {
            throw new org.metaj.data.DataException(data.columns().source(), -1, null, String.format(Locale.ROOT,
                    "the Mantel-Haenszel %s is not estimable from these tables (estimate %s, variance %s)", m,
                    est, var));
        }
        MetaResult.Builder b = common(spec, data, est, Math.sqrt(var));
        heterogeneity(b, data, t, est);
        b.weights = percent(wmh);
        return b.build();
    }

    static MetaResult.Builder common(MetaAnalysis spec, StudyData data, double est, double se) {
        MetaResult.Builder b = new MetaResult.Builder();
        b.spec = spec.with(TestType.Z);
        b.data = data;
        b.k = data.k();
        b.tau2 = 0;
        b.estimate = est;
        b.se = se;
        b.statistic = est / se;
        b.pval = Probabilities.normalTwoSided(b.statistic);
        double crit = Probabilities.normalQuantile(1 - (1 - spec.level()) / 2);
        b.ciLb = est - crit * se;
        b.ciUb = est + crit * se;
        b.piLb = b.ciLb;
        b.piUb = b.ciUb;
        if (spec.test() == TestType.KNHA) {
            b.warnings.add(spec.method().label() + " pooling has no Knapp-Hartung test; the z test is reported");
        }
        return b;
    }

    private static void heterogeneity(MetaResult.Builder b, StudyData data, CountTables t, double est) {
        double q = 0;
        int used = 0;
        for (int i = 0; i < t.k(); i++) {
            if (t.doubleZero(i)) {
                continue;
            }
            double dd = data.yi(i) - est;
            q += dd * dd / data.vi(i);
            used++;
        }
        setQ(b, q, used - 1);
    }

    /**
     * Q on df, with I2 = 100 max(0, Q - df) / Q and H2 = Q / df (Higgins &amp; Thompson 2002, Stat Med 21:1539).
     * For a single table (df = 0, Q = 0) the degenerate values metafor 3.8-1 reports: p = P(chi2_0 >= 0) = 1,
     * I2 = 0, H2 = 1.
     */
    static void setQ(MetaResult.Builder b, double q, int df) {
        b.q = q;
        b.qDf = df;
        if (df == 0) {
            b.qPval = 1;
            b.i2 = 0;
            b.h2 = 1;
            return;
        }
        b.qPval = Probabilities.chiSquareUpper(q, df);
        b.i2 = df > 0 ? (q > df ? 100.0 * (q - df) / q : 0.0) : Double.NaN;
        b.h2 = df > 0 ? q / df : Double.NaN;
    }

    static double[] percent(double[] w) {
        double s = 0;
        for (double x : w) {
            s += x;
        }
        double[] r = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            r[i] = 100.0 * w[i] / s;
        }
        return r;
    }
}
