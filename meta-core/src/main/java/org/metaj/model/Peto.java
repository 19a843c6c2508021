package org.metaj.model;

import java.util.Locale;

import org.metaj.data.StudyData;
import org.metaj.data.EffectMeasure;

/**
 * Peto's one-step pooled log odds ratio (Yusuf, Peto, Lewis, Collins &amp; Sleight 1985, Prog Cardiovasc Dis
 * 27:335) on the raw counts: {@code log OR = sum(O_i - E_i) / sum V_i}, {@code SE = 1/sqrt(sum V_i)}, with
 * {@code E_i = n1_i (a_i + c_i) / n_i} and hypergeometric variance
 * {@code V_i = n1_i n2_i (a_i + c_i)(b_i + d_i) / (n_i^2 (n_i - 1))}. Heterogeneity:
 * {@code Q = sum (O_i - E_i)^2 / V_i - (sum(O_i - E_i))^2 / sum V_i} over the studies with {@code V_i > 0}.
 * Matches metafor's {@code rma.peto()}.
 *
 * <p>The method estimates an odds ratio and nothing else (metafor's {@code rma.peto} has no measure argument), so
 * data computed for another measure (RR, RD, ...) are refused rather than given a log odds ratio under their label.
 */
final class Peto {
    private Peto() {
    }

    static MetaResult fit(MetaAnalysis spec, StudyData data) {
        EffectMeasure m = data.measure();
        if (m != EffectMeasure.OR && m != EffectMeasure.PETO) {
            throw new IllegalArgumentException("Peto's method pools odds ratios only: it needs measure OR or PETO, "
                    + "got " + (m == null ? "precomputed yi/vi" : m.name())
                    + " (for other measures use an inverse-variance method, or MH for RR and RD)");
        }
        CountTables t = CountTables.of(data, "Peto's method");
        int k = t.k();
        double so = 0, sv = 0, sq = 0;
        int used = 0;
        double[] wts = new double[k];
        for (int i = 0; i < k; i++) {
            double a = t.a()[i], b = t.b()[i], c = t.c()[i], d = t.d()[i];
            double n1 = a + b;
            double n2 = c + d;
            double n = n1 + n2;
            double e = n1 * (a + c) / n;
            double v = n1 * n2 * (a + c) * (b + d) / (n * n * (n - 1));
            wts[i] = v;
            if (v > 0) {
                so += a - e;
                sv += v;
                sq += (a - e) * (a - e) / v;
                used++;
            }
        }
        if (!(sv > 0)) {
            throw new org.metaj.data.DataException(data.columns().source(), -1, null, String.format(Locale.ROOT,
                    "Peto's odds ratio is not estimable: no table has events and non-events (k = %d)", k));
        }
        double est = so / sv;
        MetaResult.Builder b = MantelHaenszel.common(spec, data, est, Math.sqrt(1 / sv));
        MantelHaenszel.setQ(b, sq - so * so / sv, used - 1);
        b.weights = MantelHaenszel.percent(wts);
        return b.build();
    }
}
