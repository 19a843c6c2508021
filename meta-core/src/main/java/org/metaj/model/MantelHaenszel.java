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
 * For incidence rates (Rothman, Greenland &amp; Lash 2008, Modern Epidemiology, 3rd ed., ch. 15; Greenland &amp;
 * Robins 1985), on the raw counts x1, x2 and person-times t1, t2, T = t1 + t2:
 * <ul>
 * <li>rate ratio {@code IRR_MH = sum(x1_i t2_i / T_i) / sum(x2_i t1_i / T_i)}, variance of its log
 * {@code sum(t1_i t2_i (x1_i + x2_i) / T_i^2) / (R S)} with R, S the numerator and denominator sums;</li>
 * <li>rate difference {@code IRD_MH = sum((x1_i t2_i - x2_i t1_i) / T_i) / sum(t1_i t2_i / T_i)}, variance
 * {@code sum((t1_i t2_i / T_i)^2 (x1_i / t1_i^2 + x2_i / t2_i^2)) / (sum(t1_i t2_i / T_i))^2}.</li>
 * </ul>
 * With odds ratios and rate ratios the fit carries the Cochran-Mantel-Haenszel test, with odds ratios also the
 * Breslow-Day and Tarone tests of homogeneity ({@link MhTests}).
 * The heterogeneity test is Cochran's Q of the study effect sizes (with their zero-cell correction) around the
 * Mantel-Haenszel estimate, leaving out studies without events (or non-events) in both groups.
 */
final class MantelHaenszel {
    private MantelHaenszel() {
    }

    static MetaResult fit(MetaAnalysis spec, StudyData data) {
        EffectMeasure m = data.measure();
        if (m == EffectMeasure.IRR || m == EffectMeasure.IRD) {
            return fitRates(spec, data, m);
        }
        if (m != EffectMeasure.OR && m != EffectMeasure.RR && m != EffectMeasure.RD) {
            throw new IllegalArgumentException("Mantel-Haenszel pooling needs measure OR, RR, RD, IRR or IRD, got "
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
        if (m == EffectMeasure.OR) {
            b.mhTests = oddsRatioTests(t, Math.exp(est));
        }
        return b.build();
    }

    /** The Mantel-Haenszel tests of the 2x2 tables (see {@link MhTests}), at the common odds ratio psi. */
    static MhTests oddsRatioTests(CountTables t, double psi) {
        int k = t.k();
        double dev = 0, var = 0, m1sum = 0, m2sum = 0;
        for (int i = 0; i < k; i++) {
            double a = t.a()[i], b = t.b()[i], c = t.c()[i], d = t.d()[i];
            double n1 = a + b, n2 = c + d, n = n1 + n2, m1 = a + c, m2 = b + d;
            m1sum += m1;
            m2sum += m2;
            dev += a - n1 / n * m1;
            var += (n1 / n) * (n2 / n) * (m1 * (m2 / (n - 1)));
        }
        double cmh = Double.NaN, cmhP = Double.NaN;
        if (m1sum > 0 && m2sum > 0) {
            double x = Math.abs(dev) - 0.5;
            cmh = x * x / var;
            cmhP = Probabilities.chiSquareUpper(cmh, 1);
        }
        double bd = 0, sumDev = 0, sumInfo = 0;
        int used = 0;
        for (int i = 0; i < k; i++) {
            double a = t.a()[i], b = t.b()[i], c = t.c()[i], d = t.d()[i];
            double n1 = a + b, n2 = c + d, n = n1 + n2, m1 = a + c, m2 = b + d;
            double ea;
            if (psi == 1) {
                ea = n1 / n * m1;
            } else {
                // the smaller root of (psi - 1) A^2 - (psi (n1 + m1) + n2 - m1) A + psi n1 m1 = 0
                double bb = psi * (n1 + m1) + (n2 - m1);
                double disc = Math.sqrt(bb * bb - 4 * n1 * m1 * psi * (psi - 1));
                ea = (bb - disc) / (2 * (psi - 1));
            }
            if (!(ea > 0 && m1 > 0 && m2 > 0)) {
                continue;
            }
            double eb = n1 - ea, ec = m1 - ea, ed = n - n1 - m1 + ea;
            double info = 1 / (1 / ea + 1 / eb + 1 / ec + 1 / ed);
            bd += (a - ea) * (a - ea) / info;
            sumDev += a - ea;
            sumInfo += info;
            used++;
        }
        bd = Math.max(0, bd);
        double ta = Math.max(0, bd - sumDev * sumDev / sumInfo);
        double bdP = used > 1 ? Probabilities.chiSquareUpper(bd, used - 1) : Double.NaN;
        double taP = used > 1 ? Probabilities.chiSquareUpper(ta, used - 1) : Double.NaN;
        if (used == 0) {
            bd = Double.NaN;
            ta = Double.NaN;
        }
        return new MhTests(cmh, cmhP, bd, bdP, ta, taP);
    }

    private static MetaResult fitRates(MetaAnalysis spec, StudyData data, EffectMeasure m) {
        org.metaj.data.StudyColumns cols = data.columns();
        double[] x1 = cols.get("x1i");
        double[] t1 = cols.get("t1i");
        double[] x2 = cols.get("x2i");
        double[] t2 = cols.get("t2i");
        int k = x1.length;
        double est;
        double var;
        double[] w = new double[k];
        double cmh = Double.NaN, cmhP = Double.NaN;
        if (m == EffectMeasure.IRR) {
            double r = 0, s = 0, v = 0, x1sum = 0, x2sum = 0, dev = 0, cvar = 0;
            for (int i = 0; i < k; i++) {
                double tt = t1[i] + t2[i];
                r += x1[i] * (t2[i] / tt);
                s += x2[i] * (t1[i] / tt);
                v += (t1[i] / tt) * (t2[i] / tt) * (x1[i] + x2[i]);
                x1sum += x1[i];
                x2sum += x2[i];
                double x = x1[i] + x2[i];
                dev += x1[i] - x * (t1[i] / tt);
                cvar += x * (t1[i] / tt) * (t2[i] / tt);
                w[i] = x2[i] * (t1[i] / tt);
            }
            if (x1sum == 0 || x2sum == 0) {
                throw new org.metaj.data.DataException(cols.source(), -1, "x1i/x2i", String.format(Locale.ROOT,
                        "the Mantel-Haenszel IRR is not estimable: the studies have %s events in group 1 and %s in "
                                + "group 2 in all; expected events in both groups", x1sum, x2sum));
            }
            est = Math.log(r / s);
            var = v / (r * s);
            double x = Math.abs(dev) - 0.5;
            cmh = x * x / cvar;
            cmhP = Probabilities.chiSquareUpper(cmh, 1);
        } else {
            double num = 0, den = 0, v = 0;
            for (int i = 0; i < k; i++) {
                double tt = t1[i] + t2[i];
                double wi = (t1[i] / tt) * t2[i];
                num += (x1[i] * t2[i] - x2[i] * t1[i]) / tt;
                den += wi;
                v += wi * wi * (x1[i] / (t1[i] * t1[i]) + x2[i] / (t2[i] * t2[i]));
                w[i] = wi;
            }
            est = num / den;
            var = v / (den * den);
        }
        if (!Double.isFinite(est) || !(var > 0)) {
            throw new org.metaj.data.DataException(cols.source(), -1, null, String.format(Locale.ROOT,
                    "the Mantel-Haenszel %s is not estimable from these studies (estimate %s, variance %s)", m,
                    est, var));
        }
        MetaResult.Builder b = common(spec, data, est, Math.sqrt(var));
        double q = 0;
        int used = 0;
        for (int i = 0; i < k; i++) {
            if (x1[i] == 0 && x2[i] == 0) {
                continue; // metafor's rma.mh: escalc(drop00 = TRUE) leaves these out of Q
            }
            double dd = data.yi(i) - est;
            q += dd * dd / data.vi(i);
            used++;
        }
        setQ(b, Math.max(0, q), used - 1);
        b.weights = percent(w);
        if (m == EffectMeasure.IRR) {
            b.mhTests = new MhTests(cmh, cmhP, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
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
