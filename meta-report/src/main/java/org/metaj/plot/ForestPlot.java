package org.metaj.plot;

import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.metaj.data.StudyData;
import org.metaj.data.EffectMeasure;
import org.metaj.model.MetaResult;
import org.metaj.model.Method;
import org.metaj.model.TestType;
import org.metaj.stats.Probabilities;

/**
 * A forest plot of a fitted model as a standalone SVG document: one row per study with its label, a square whose
 * area is proportional to the study's weight, the study's confidence interval as whiskers (an arrow where it runs
 * off the axis), its estimate and interval as text and its weight in percent; then the pooled diamond (width = the
 * confidence interval), the prediction interval as a dashed bar (random-effects models), and the heterogeneity and
 * overall-effect tests. Ratio measures ({@link EffectMeasure#isLogScale()}) are drawn on a log axis labelled with
 * back-transformed ratios (0.5, 1, 2). Optional subgroup blocks show each subgroup's studies, its subtotal diamond
 * and heterogeneity, and the test for subgroup differences.
 *
 * <p>Study intervals are {@code yi +/- z sqrt(vi)} with the normal quantile at the model's level (as in every forest
 * plot of the Cochrane Handbook, section 10.2.1, and metafor's {@code forest.rma}).
 *
 * <pre>{@code
 * String svg = ForestPlot.of(result).withFavours("Favours vaccine", "Favours control").toSvg();
 * }</pre>
 *
 * <p>Testing hooks: each study marker is a {@code <g class="study" data-estimate=...>}, each summary diamond a
 * {@code <polygon class="pooled">} (subtotals {@code class="pooled subtotal"}), the prediction interval a
 * {@code <g class="pi">}, each study label a {@code <text class="label">}; the axis group carries its value range
 * and pixel range as {@code data-min/data-max/data-px-min/data-px-max}.
 */
public final class ForestPlot {
    /** Order of the study rows. */
    public enum Order {
        /** As in the data. */
        DATA,
        /** By increasing effect size. */
        EFFECT,
        /** By decreasing weight. */
        WEIGHT,
        /** By the numeric column "year" (ties in data order). */
        YEAR
    }

    /** The test for subgroup differences, given as plain values (e.g. from a meta-regression on the subgroup). */
    public static final class SubgroupTest {
        final double qBetween;
        final int df;
        final double pval;

        /**
         * @param qBetween the between-subgroups Q statistic
         * @param df       its degrees of freedom (number of subgroups - 1)
         * @param pval     its p-value
         */
        public SubgroupTest(double qBetween, int df, double pval) {
            this.qBetween = qBetween;
            this.df = df;
            this.pval = pval;
        }

        /**
         * The test computed from the subgroup estimates as a common-effect analysis of the subtotals:
         * {@code Q_between = sum w_g (theta_g - theta_bar)^2}, {@code w_g = 1 / se_g^2}, chi-square on G-1 df
         * (Borenstein et al., Introduction to Meta-Analysis, 2009, ch. 19, "Q-test based on analysis of variance"
         * with separate tau^2 per subgroup; Cochrane Handbook 10.11.3.1).
         *
         * @param groups fitted subgroups
         * @return the test
         */
        public static SubgroupTest fromSubtotals(Map<String, MetaResult> groups) {
            double sw = 0;
            double swy = 0;
            for (MetaResult r : groups.values()) {
                double w = 1 / (r.se() * r.se());
                sw += w;
                swy += w * r.estimate();
            }
            double bar = swy / sw;
            double q = 0;
            for (MetaResult r : groups.values()) {
                double d = r.estimate() - bar;
                q += d * d / (r.se() * r.se());
            }
            int df = groups.size() - 1;
            return new SubgroupTest(q, df, Probabilities.chiSquareUpper(q, df));
        }
    }

    private final MetaResult result;
    private final Map<String, MetaResult> subgroups;
    private final SubgroupTest subgroupTest;
    private final Order order;
    private final String favoursLeft;
    private final String favoursRight;
    private final double[] range;
    private final String title;
    private final String effectLabel;
    private final boolean predictionInterval;
    private final int digits;
    private final double plotWidth;
    private final double maxLabelWidth;

    private ForestPlot(MetaResult result, Map<String, MetaResult> subgroups, SubgroupTest subgroupTest, Order order,
            String favoursLeft, String favoursRight, double[] range, String title, String effectLabel,
            boolean predictionInterval, int digits, double plotWidth, double maxLabelWidth) {
        this.result = result;
        this.subgroups = subgroups;
        this.subgroupTest = subgroupTest;
        this.order = order;
        this.favoursLeft = favoursLeft;
        this.favoursRight = favoursRight;
        this.range = range;
        this.title = title;
        this.effectLabel = effectLabel;
        this.predictionInterval = predictionInterval;
        this.digits = digits;
        this.plotWidth = plotWidth;
        this.maxLabelWidth = maxLabelWidth;
    }

    /**
     * @param result a fitted model
     * @return a forest plot with the defaults: data order, "Favours treatment" left and "Favours control" right,
     *         automatic axis, prediction interval for random-effects models, two decimals
     */
    public static ForestPlot of(MetaResult result) {
        Objects.requireNonNull(result, "result");
        return new ForestPlot(result, null, null, Order.DATA, "Favours treatment", "Favours control", null, null,
                null, true, 2, 360, 260);
    }

    /**
     * Subgroup blocks: each subgroup's studies (from its result's data), its subtotal diamond and heterogeneity,
     * followed by the overall model this plot was made of and the test for subgroup differences.
     *
     * @param groups subgroup name to the model fitted to that subgroup, in display order
     * @param test   the test for subgroup differences, or null to compute {@link SubgroupTest#fromSubtotals}
     * @return a copy with subgroups
     */
    public ForestPlot withSubgroups(Map<String, MetaResult> groups, SubgroupTest test) {
        if (groups == null || groups.isEmpty()) {
            throw new IllegalArgumentException("subgroups must be a non-empty map of name to result, got " + groups);
        }
        Map<String, MetaResult> copy = new LinkedHashMap<>(groups);
        SubgroupTest t = test != null ? test : (copy.size() > 1 ? SubgroupTest.fromSubtotals(copy) : null);
        return new ForestPlot(result, copy, t, order, favoursLeft, favoursRight, range, title, effectLabel,
                predictionInterval, digits, plotWidth, maxLabelWidth);
    }

    /** @return a copy with the rows in that order (within each subgroup) */
    public ForestPlot withOrder(Order o) {
        return new ForestPlot(result, subgroups, subgroupTest, Objects.requireNonNull(o, "order"), favoursLeft,
                favoursRight, range, title, effectLabel, predictionInterval, digits, plotWidth, maxLabelWidth);
    }

    /**
     * @param left  text under the left half of the axis (effects below the null), or null for none; not drawn for
     *              measures without a value of no effect (proportions)
     * @param right text under the right half, or null
     * @return a copy with those labels
     */
    public ForestPlot withFavours(String left, String right) {
        return new ForestPlot(result, subgroups, subgroupTest, order, left, right, range, title, effectLabel,
                predictionInterval, digits, plotWidth, maxLabelWidth);
    }

    /**
     * @param lo axis lower limit on the display scale (a ratio for log measures, e.g. 0.1)
     * @param hi axis upper limit
     * @return a copy with a fixed axis; intervals beyond it get arrows
     */
    public ForestPlot withAxis(double lo, double hi) {
        boolean log = isLog();
        if (!(lo < hi) || (log && !(lo > 0))) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "axis limits must satisfy %slo < hi, got [%s, %s]", log ? "0 < " : "", lo, hi));
        }
        return new ForestPlot(result, subgroups, subgroupTest, order, favoursLeft, favoursRight,
                new double[] {lo, hi}, title, effectLabel, predictionInterval, digits, plotWidth, maxLabelWidth);
    }

    /** @return a copy with a title above the plot (null for none) */
    public ForestPlot withTitle(String t) {
        return new ForestPlot(result, subgroups, subgroupTest, order, favoursLeft, favoursRight, range, t,
                effectLabel, predictionInterval, digits, plotWidth, maxLabelWidth);
    }

    /** @return a copy naming the effect in the header and axis (default from the measure, e.g. "Risk ratio") */
    public ForestPlot withEffectLabel(String label) {
        return new ForestPlot(result, subgroups, subgroupTest, order, favoursLeft, favoursRight, range, title,
                label, predictionInterval, digits, plotWidth, maxLabelWidth);
    }

    /** @return a copy showing (default) or hiding the prediction interval */
    public ForestPlot withPredictionInterval(boolean show) {
        return new ForestPlot(result, subgroups, subgroupTest, order, favoursLeft, favoursRight, range, title,
                effectLabel, show, digits, plotWidth, maxLabelWidth);
    }

    /** @return a copy with that many decimals in the estimate column (0 to 6) */
    public ForestPlot withDigits(int d) {
        if (d < 0 || d > 6) {
            throw new IllegalArgumentException("digits must be between 0 and 6, got " + d);
        }
        return new ForestPlot(result, subgroups, subgroupTest, order, favoursLeft, favoursRight, range, title,
                effectLabel, predictionInterval, d, plotWidth, maxLabelWidth);
    }

    /** @return a copy with the plot area that wide in px (default 360) and labels cut at maxLabelWidth px */
    public ForestPlot withSize(double plotAreaWidth, double maxLabelW) {
        if (!(plotAreaWidth >= 100) || !(maxLabelW >= 40)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "plot area must be >= 100 px and label width >= 40 px, got %s and %s", plotAreaWidth,
                    maxLabelW));
        }
        return new ForestPlot(result, subgroups, subgroupTest, order, favoursLeft, favoursRight, range, title,
                effectLabel, predictionInterval, digits, plotAreaWidth, maxLabelW);
    }

    private boolean isLog() {
        EffectMeasure m = result.data().measure();
        return m != null && m.isLogScale();
    }

    /** @return the SVG document */
    public String toSvg() {
        EffectMeasure m = result.data().measure();
        ForestLayout f = new ForestLayout();
        f.title = title;
        f.log = isLog();
        f.digits = digits;
        f.nullValue = Labels.nullValue(m);
        // no "favours" labels where there is no value of no effect (proportions)
        f.favoursLeft = Double.isNaN(f.nullValue) ? null : favoursLeft;
        f.favoursRight = Double.isNaN(f.nullValue) ? null : favoursRight;
        f.fixedRange = range;
        f.plotWidth = plotWidth;
        f.maxLabelWidth = maxLabelWidth;
        String name = effectLabel != null ? effectLabel : Labels.effectName(m);
        String lvl = level(result.level());
        f.effectHeader = name + " [" + lvl + "% CI]";
        f.axisTitle = name + (f.log ? " (log scale)" : "");
        if (subgroups == null) {
            addStudies(f, result);
        } else {
            f.weightHeader = "Weight*";
            for (Map.Entry<String, MetaResult> e : subgroups.entrySet()) {
                f.rows.add(ForestLayout.Row.of(ForestLayout.Kind.HEADER, e.getKey()));
                MetaResult g = e.getValue();
                addStudies(f, g);
                ForestLayout.Row sub = summary(g, "Subtotal (k = " + g.k() + ")");
                sub.level = 2;
                f.rows.add(sub);
                f.rows.add(ForestLayout.Row.of(ForestLayout.Kind.NOTE, heterogeneity(g)));
                f.rows.add(ForestLayout.Row.of(ForestLayout.Kind.SPACER, ""));
            }
        }
        boolean re = result.method().isRandomEffects();
        String model = re ? "Random-effects model" : result.method() == Method.MH ? "Mantel-Haenszel model"
                : result.method() == Method.PETO ? "Peto model" : "Common-effect model";
        f.rows.add(summary(result, (subgroups != null ? "Overall: " : "") + model + " (k = " + result.k() + ")"));
        if (re && predictionInterval && Double.isFinite(result.piLb())) {
            ForestLayout.Row pi = ForestLayout.Row.of(ForestLayout.Kind.PI, "Prediction interval");
            pi.lb = result.piLb();
            pi.ub = result.piUb();
            f.rows.add(pi);
        }
        f.refLine = Double.NaN;
        f.footer.add(heterogeneity(result));
        f.footer.add(overall(result));
        if (subgroupTest != null) {
            f.footer.add(String.format(Locale.ROOT, "Test for subgroup differences: Q = %s, df = %d, %s",
                    Numbers.fixed(subgroupTest.qBetween, 2), subgroupTest.df, Numbers.pValue(subgroupTest.pval)));
            f.footer.add("* Weights within each subgroup.");
        }
        return f.render();
    }

    private void addStudies(ForestLayout f, MetaResult r) {
        StudyData d = r.data();
        int k = d.k();
        double z = Probabilities.normalQuantile(1 - (1 - r.level()) / 2);
        double[] w = r.weights();
        Integer[] idx = new Integer[k];
        for (int i = 0; i < k; i++) {
            idx[i] = i;
        }
        switch (order) {
            case EFFECT:
                Arrays.sort(idx, Comparator.comparingDouble(d::yi));
                break;
            case WEIGHT:
                Arrays.sort(idx, Comparator.comparingDouble((Integer i) -> -w[i]));
                break;
            case YEAR:
                if (!d.columns().has("year")) {
                    throw new IllegalArgumentException("order YEAR needs a numeric column 'year'; columns present: "
                            + d.columns().numericNames());
                }
                double[] year = d.columns().get("year");
                Arrays.sort(idx, Comparator.comparingDouble((Integer i) -> year[i]));
                break;
            default:
                break;
        }
        for (int i : idx) {
            double se = Math.sqrt(d.vi(i));
            f.rows.add(ForestLayout.Row.study(d.label(i), d.yi(i), d.yi(i) - z * se, d.yi(i) + z * se,
                    i < w.length ? w[i] : Double.NaN));
        }
    }

    private static ForestLayout.Row summary(MetaResult r, String label) {
        ForestLayout.Row s = ForestLayout.Row.of(ForestLayout.Kind.SUMMARY, label);
        s.est = r.estimate();
        s.lb = r.ciLb();
        s.ub = r.ciUb();
        return s;
    }

    static String level(double level) {
        return Svg.tick(100 * level);
    }

    /** @return e.g. "Heterogeneity: τ² = 0.31 (REML); I² = 92.1%; Q = 152.23, df = 12, p < 0.001" */
    static String heterogeneity(MetaResult r) {
        if (r.qDf() < 1) {
            return "Heterogeneity: not applicable (one study)";
        }
        StringBuilder b = new StringBuilder("Heterogeneity: ");
        if (r.method().isRandomEffects()) {
            b.append("\u03c4\u00b2 = ").append(Numbers.fixed(r.tau2(), r.tau2() < 0.01 && r.tau2() > 0 ? 4 : 3))
                    .append(" (").append(r.method().label()).append("); ");
        }
        b.append("I\u00b2 = ").append(Numbers.fixed(r.i2(), 1)).append("%; Q = ").append(Numbers.fixed(r.q(), 2))
                .append(", df = ").append(r.qDf()).append(", ").append(Numbers.pValue(r.qPval()));
        return b.toString();
    }

    /** @return e.g. "Test for overall effect: z = −3.97, p < 0.001" */
    static String overall(MetaResult r) {
        boolean t = r.test() == TestType.KNHA;
        String stat = t ? "t(" + Svg.tick(r.df()) + ")" : "z";
        return "Test for overall effect: " + stat + " = " + Numbers.fixed(r.statistic(), 2) + ", "
                + Numbers.pValue(r.pval());
    }
}
