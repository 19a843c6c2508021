package org.metaj.sensitivity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.metaj.data.StudyColumns;
import org.metaj.model.MetaResult;

/**
 * Cumulative meta-analysis (Lau et al. 1992, N Engl J Med 327:248): the model of a {@link MetaResult} refitted on
 * the first 1, 2, ..., k studies of a given order (file order by default, or sorted by a column such as the
 * publication year), with the same specification, as metafor's {@code cumul()}. Refits go through
 * {@link SubsetFitter}. The first fit (one study) reports that study with tau^2 = 0. Immutable.
 *
 * <p>Figures: {@code cumulative_estimate cumulative_se cumulative_pval cumulative_ci_lb cumulative_ci_ub
 * cumulative_tau2 cumulative_I2 cumulative_H2 cumulative_Q cumulative_Q_pval} (arrays, entry j = the fit of the
 * first j+1 studies of the order) and {@code cumulative_order} (the 1-based study numbers added at each step).
 */
public final class Cumulative {
    private final int[] order;
    private final String[] labels;
    private final RefitSeries s;
    private final List<String> warnings = new ArrayList<>();

    private Cumulative(int[] order, String[] labels) {
        int k = order.length;
        this.order = order;
        this.labels = labels;
        s = new RefitSeries(k);
    }

    /**
     * @param model a fitted model
     * @return the cumulative analysis in the order of the data
     */
    public static Cumulative of(MetaResult model) {
        int[] o = new int[model.k()];
        for (int i = 0; i < o.length; i++) {
            o[i] = i;
        }
        return run(model, o);
    }

    /**
     * @param model a fitted model
     * @param order a permutation of {@code 0..k-1}: the study added at each step
     * @return the cumulative analysis in that order
     */
    public static Cumulative of(MetaResult model, int[] order) {
        int k = model.k();
        if (order.length != k) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "the order must list each of the %d studies once, got %d entries", k, order.length));
        }
        boolean[] seen = new boolean[k];
        for (int o : order) {
            if (o < 0 || o >= k || seen[o]) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "the order must be a permutation of 0..%d, got %s", k - 1, Arrays.toString(order)));
            }
            seen[o] = true;
        }
        return run(model, order.clone());
    }

    /**
     * @param model a fitted model
     * @param key   one value per study; studies are added in increasing order of the key (ties in data order,
     *              NaN last)
     * @return the cumulative analysis
     */
    public static Cumulative orderedBy(MetaResult model, double[] key) {
        int k = model.k();
        if (key.length != k) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "the ordering key needs one value per study (%d), got %d", k, key.length));
        }
        Integer[] o = new Integer[k];
        for (int i = 0; i < k; i++) {
            o[i] = i;
        }
        Arrays.sort(o, (a, b) -> Double.compare(key[a], key[b])); // stable; Double.compare puts NaN last
        int[] order = new int[k];
        for (int i = 0; i < k; i++) {
            order[i] = o[i];
        }
        return run(model, order);
    }

    /**
     * @param model  a fitted model
     * @param column a numeric column of the model's data (e.g. {@code year})
     * @return the cumulative analysis in increasing order of the column
     */
    public static Cumulative orderedBy(MetaResult model, String column) {
        StudyColumns c = model.data().columns();
        if (!c.has(column)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "no numeric column '%s' to order by; numeric columns: %s", column, c.numericNames()));
        }
        return orderedBy(model, c.get(column));
    }

    private static Cumulative run(MetaResult model, int[] order) {
        SubsetFitter f = new SubsetFitter(model);
        Cumulative r = new Cumulative(order, model.data().labels());
        for (int j = 0; j < order.length; j++) {
            f.fit(order, j + 1, "for the first " + (j + 1) + " studies");
            r.s.record(j, f);
        }
        r.warnings.addAll(f.warnings());
        return r;
    }

    /** @return the order (0-based study indices added at each step) */
    public int[] order() {
        return order.clone();
    }

    /** @return cumulative estimates */
    public double[] estimate() {
        return s.estimate.clone();
    }

    /** @return their standard errors */
    public double[] se() {
        return s.se.clone();
    }

    /** @return p-values */
    public double[] pval() {
        return s.pval.clone();
    }

    /** @return lower confidence bounds */
    public double[] ciLb() {
        return s.ciLb.clone();
    }

    /** @return upper confidence bounds */
    public double[] ciUb() {
        return s.ciUb.clone();
    }

    /** @return cumulative tau^2 */
    public double[] tau2() {
        return s.tau2.clone();
    }

    /** @return cumulative I^2 */
    public double[] i2() {
        return s.i2.clone();
    }

    /** @return cumulative Q */
    public double[] q() {
        return s.q.clone();
    }

    /** @return warnings of the refits */
    public List<String> warnings() {
        return Collections.unmodifiableList(warnings);
    }

    /** @return the contract figures */
    public Map<String, Object> figures() {
        Map<String, Object> f = s.figures("cumulative");
        double[] o = new double[order.length];
        for (int i = 0; i < o.length; i++) {
            o[i] = order[i] + 1;
        }
        f.put("cumulative_order", o);
        return f;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Cumulative meta-analysis\n\n");
        sb.append(String.format(Locale.ROOT, "%-24s %10s %9s %9s %9s %9s %9s %8s%n", "adding", "estimate", "se",
                "pval", "ci.lb", "ci.ub", "tau2", "I2"));
        for (int j = 0; j < order.length; j++) {
            sb.append(String.format(Locale.ROOT, "%-24s %10.4f %9.4f %9.4f %9.4f %9.4f %9.4f %8.2f%n",
                    Text.clip(labels[order[j]], 24), s.estimate[j], s.se[j], s.pval[j], s.ciLb[j], s.ciUb[j],
                    s.tau2[j], s.i2[j]));
        }
        for (String w : warnings) {
            sb.append("Warning: ").append(w).append('\n');
        }
        return sb.toString();
    }
}
