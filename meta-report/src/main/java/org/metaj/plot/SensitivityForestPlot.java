package org.metaj.plot;

import java.util.Locale;

import org.metaj.data.EffectMeasure;
import org.metaj.model.MetaResult;

/**
 * A forest plot of re-estimated pooled effects, one row per analysis: leave-one-out (each row omits one study) or
 * cumulative (each row adds one study, in order). The figures are supplied by the caller, so this class depends on
 * no sensitivity-analysis code. Rows are drawn as points with their confidence interval ({@code class="study"}); the
 * full-data estimate may be added as a reference line and a diamond ({@code class="pooled"}).
 */
public final class SensitivityForestPlot {
    private final String[] labels;
    private final double[] est;
    private final double[] lb;
    private final double[] ub;
    private final EffectMeasure measure;
    private final MetaResult overall;
    private final String title;
    private final String labelHeader;
    private final double level;

    private SensitivityForestPlot(String[] labels, double[] est, double[] lb, double[] ub, EffectMeasure measure,
            MetaResult overall, String title, String labelHeader, double level) {
        this.labels = labels;
        this.est = est;
        this.lb = lb;
        this.ub = ub;
        this.measure = measure;
        this.overall = overall;
        this.title = title;
        this.labelHeader = labelHeader;
        this.level = level;
    }

    /**
     * @param labels   row labels (e.g. the omitted study)
     * @param estimate pooled estimates on the analysis scale
     * @param ciLb     lower bounds
     * @param ciUb     upper bounds
     * @return a plot on a linear axis titled "Leave-one-out analysis"
     */
    public static SensitivityForestPlot of(String[] labels, double[] estimate, double[] ciLb, double[] ciUb) {
        int k = labels.length;
        if (estimate.length != k || ciLb.length != k || ciUb.length != k) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "labels, estimate, ci_lb and ci_ub need one entry per row, got %d, %d, %d, %d", k,
                    estimate.length, ciLb.length, ciUb.length));
        }
        for (int i = 0; i < k; i++) {
            if (!Double.isFinite(estimate[i])) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "row %d (%s): estimate must be finite, got %s", i + 1, labels[i], estimate[i]));
            }
        }
        return new SensitivityForestPlot(labels.clone(), estimate.clone(), ciLb.clone(), ciUb.clone(), null, null,
                "Leave-one-out analysis", "Study omitted", 0.95);
    }

    /** @return a copy whose axis follows the measure (a log axis with ratios for OR, RR, ...) */
    public SensitivityForestPlot withMeasure(EffectMeasure m) {
        return new SensitivityForestPlot(labels, est, lb, ub, m, overall, title, labelHeader, level);
    }

    /** @return a copy with the full-data model as a diamond and dashed reference line (its measure and level) */
    public SensitivityForestPlot withOverall(MetaResult r) {
        EffectMeasure m = measure != null ? measure : r.data().measure();
        return new SensitivityForestPlot(labels, est, lb, ub, m, r, title, labelHeader, r.level());
    }

    /** @return a copy with that title and label-column header (e.g. "Cumulative analysis", "Study added") */
    public SensitivityForestPlot withTitle(String t, String header) {
        return new SensitivityForestPlot(labels, est, lb, ub, measure, overall, t, header, level);
    }

    /** @return the SVG document */
    public String toSvg() {
        ForestLayout f = new ForestLayout();
        f.title = title;
        f.labelHeader = labelHeader;
        f.log = measure != null && measure.isLogScale();
        f.nullValue = Labels.nullValue(measure);
        f.showWeights = false;
        f.diamondsForStudies = true;
        String name = Labels.effectName(measure);
        f.effectHeader = name + " [" + ForestPlot.level(level) + "% CI]";
        f.axisTitle = name + (f.log ? " (log scale)" : "");
        for (int i = 0; i < labels.length; i++) {
            f.rows.add(ForestLayout.Row.study(labels[i], est[i], lb[i], ub[i], Double.NaN));
        }
        if (overall != null) {
            ForestLayout.Row s = ForestLayout.Row.of(ForestLayout.Kind.SUMMARY, "All studies (k = " + overall.k()
                    + ")");
            s.est = overall.estimate();
            s.lb = overall.ciLb();
            s.ub = overall.ciUb();
            f.rows.add(s);
            f.refLine = overall.estimate();
        }
        return f.render();
    }
}
