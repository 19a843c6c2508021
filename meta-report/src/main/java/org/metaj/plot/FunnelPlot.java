package org.metaj.plot;

import java.util.Locale;
import java.util.Objects;

import org.metaj.data.StudyData;
import org.metaj.data.EffectMeasure;
import org.metaj.model.MetaResult;
import org.metaj.stats.Probabilities;

/**
 * A funnel plot as a standalone SVG: each study's effect size against its standard error, the standard error axis
 * inverted (precise studies at the top; Light &amp; Pillemer, Summing Up, 1984; Sterne &amp; Egger, J Clin Epidemiol
 * 54:1046, 2001), a vertical line at the pooled estimate and the pseudo-confidence region
 * {@code estimate +/- z se} (dashed). Contour enhancement (Peters et al., J Clin Epidemiol 61:991, 2008) shades the
 * regions where a study would be significant at p &lt; 0.10, 0.05 and 0.01 against the null, centred on the value of
 * no effect. Studies imputed by trim-and-fill are drawn as hollow circles ({@link #withImputed}). Ratio measures use a
 * log axis labelled with ratios.
 *
 * <p>Testing hooks: {@code class="study"} on each observed point, {@code class="imputed"} on each imputed one,
 * {@code class="pooled"} on the estimate line, {@code class="pseudo-ci"} on the pseudo-confidence region.
 */
public final class FunnelPlot {
    private final MetaResult result;
    private final double[] impYi;
    private final double[] impVi;
    private final double adjusted;
    private final boolean contours;
    private final String title;
    private final String effectLabel;

    private FunnelPlot(MetaResult result, double[] impYi, double[] impVi, double adjusted, boolean contours,
            String title, String effectLabel) {
        this.result = result;
        this.impYi = impYi;
        this.impVi = impVi;
        this.adjusted = adjusted;
        this.contours = contours;
        this.title = title;
        this.effectLabel = effectLabel;
    }

    /** @return a contour-enhanced funnel plot of the result's studies */
    public static FunnelPlot of(MetaResult result) {
        Objects.requireNonNull(result, "result");
        return new FunnelPlot(result, new double[0], new double[0], Double.NaN, true, null, null);
    }

    /**
     * @param yi       effect sizes of imputed studies (analysis scale)
     * @param vi       their sampling variances
     * @param adjusted the adjusted pooled estimate (drawn dashed), or NaN for none
     * @return a copy with imputed (hollow) points
     */
    public FunnelPlot withImputed(double[] yi, double[] vi, double adjusted) {
        if (yi.length != vi.length) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "imputed yi and vi must have the same length, got %d and %d", yi.length, vi.length));
        }
        for (int i = 0; i < yi.length; i++) {
            if (!Double.isFinite(yi[i]) || !(vi[i] >= 0) || Double.isInfinite(vi[i])) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "imputed study %d needs a finite yi and vi >= 0, got yi = %s, vi = %s", i + 1, yi[i], vi[i]));
            }
        }
        return new FunnelPlot(result, yi.clone(), vi.clone(), adjusted, contours, title, effectLabel);
    }

    /** @return a copy with (default) or without the significance contours */
    public FunnelPlot withContours(boolean on) {
        return new FunnelPlot(result, impYi, impVi, adjusted, on, title, effectLabel);
    }

    /** @return a copy with a title */
    public FunnelPlot withTitle(String t) {
        return new FunnelPlot(result, impYi, impVi, adjusted, contours, t, effectLabel);
    }

    /** @return a copy naming the x axis */
    public FunnelPlot withEffectLabel(String l) {
        return new FunnelPlot(result, impYi, impVi, adjusted, contours, title, l);
    }

    /** @return the SVG document */
    public String toSvg() {
        StudyData d = result.data();
        EffectMeasure m = d.measure();
        boolean log = m != null && m.isLogScale();
        double nullValue = Labels.nullValue(m);
        boolean showContours = contours && !Double.isNaN(nullValue);
        double z = Probabilities.normalQuantile(1 - (1 - result.level()) / 2);
        double est = result.estimate();
        int k = d.k();
        double seMax = 0;
        double xlo = est;
        double xhi = est;
        for (int i = 0; i < k; i++) {
            seMax = Math.max(seMax, Math.sqrt(d.vi(i)));
            xlo = Math.min(xlo, d.yi(i));
            xhi = Math.max(xhi, d.yi(i));
        }
        for (int i = 0; i < impYi.length; i++) {
            seMax = Math.max(seMax, Math.sqrt(impVi[i]));
            xlo = Math.min(xlo, impYi[i]);
            xhi = Math.max(xhi, impYi[i]);
        }
        if (seMax == 0) {
            seMax = 1;
        }
        seMax *= 1.05;
        xlo = Math.min(xlo, est - z * seMax);
        xhi = Math.max(xhi, est + z * seMax);
        double pad = 0.04 * (xhi - xlo);
        xlo -= pad;
        xhi += pad;
        double legendW = showContours ? 150 : 0;
        Frame f = new Frame(560, 440, new double[] {xlo, xhi}, log, new double[] {0, seMax}, true,
                title, "Funnel plot", legendW);
        Svg s = f.svg;
        double l = f.left();
        double r = f.right();
        double t = f.top();
        double b = f.bottom();
        double seBottom = f.y.hi;
        if (showContours) {
            s.el("rect", "x", Svg.num(l), "y", Svg.num(t), "width", Svg.num(r - l), "height", Svg.num(b - t), "fill",
                    "#c4c4c4", "class", "contour", "data-p", "0.01");
            double[][] bands = {{2.5758293035489004, 0.01}, {1.959963984540054, 0.05}, {1.6448536269514722, 0.10}};
            String[] fills = {"#dcdcdc", "#eeeeee", "#ffffff"};
            for (int j = 0; j < bands.length; j++) {
                double zc = bands[j][0];
                double[] tri = {f.x.px(nullValue), f.y.px(0), f.x.px(nullValue - zc * seBottom), f.y.px(seBottom),
                    f.x.px(nullValue + zc * seBottom), f.y.px(seBottom)};
                double[] c = Geometry.clip(tri, l, t, r, b);
                if (c.length > 0) {
                    s.el("polygon", "points", Svg.points(c), "fill", fills[j], "class", "contour", "data-z",
                            Svg.data(zc));
                }
            }
        }
        // pseudo-confidence region around the estimate
        double[] pseudo = {f.x.px(est - z * seBottom), f.y.px(seBottom), f.x.px(est), f.y.px(0),
            f.x.px(est + z * seBottom), f.y.px(seBottom)};
        double[] pc = Geometry.clip(pseudo, l, t, r, b);
        if (pc.length > 0) {
            s.el("polyline", "points", Svg.points(pc), "fill", "none", "stroke", "#333333", "stroke-width", "1",
                    "stroke-dasharray", "5 4", "class", "pseudo-ci");
        }
        s.line(f.x.px(est), t, f.x.px(est), b, "#1a1a1a", 1.3, "class", "pooled", "data-estimate", Svg.data(est));
        if (!Double.isNaN(adjusted) && f.x.contains(adjusted)) {
            s.line(f.x.px(adjusted), t, f.x.px(adjusted), b, "#8b0000", 1.3, "stroke-dasharray", "2 3", "class",
                    "adjusted", "data-estimate", Svg.data(adjusted));
        }
        for (int i = 0; i < impYi.length; i++) {
            double se = Math.sqrt(impVi[i]);
            s.raw("<circle class=\"imputed\" cx=\"" + Svg.num(f.x.px(impYi[i])) + "\" cy=\"" + Svg.num(f.y.px(se))
                    + "\" r=\"4\" fill=\"#ffffff\" stroke=\"#1a1a1a\" stroke-width=\"1.3\" data-estimate=\""
                    + Svg.data(impYi[i]) + "\"><title>imputed study " + (i + 1) + "</title></circle>\n");
        }
        for (int i = 0; i < k; i++) {
            double se = Math.sqrt(d.vi(i));
            s.raw("<circle class=\"study\" cx=\"" + Svg.num(f.x.px(d.yi(i))) + "\" cy=\"" + Svg.num(f.y.px(se))
                    + "\" r=\"4\" fill=\"#1a1a1a\" data-estimate=\"" + Svg.data(d.yi(i)) + "\" data-se=\""
                    + Svg.data(se) + "\"><title>" + Markup.escape(d.label(i)) + "</title></circle>\n");
        }
        String name = effectLabel != null ? effectLabel : Labels.effectName(m);
        f.axes(name + (log ? " (log scale)" : ""), "Standard error");
        if (showContours) {
            double lx = r + 20;
            double ly = t + 4;
            String[] fills = {"#ffffff", "#eeeeee", "#dcdcdc", "#c4c4c4"};
            String[] text = {"p > 0.10", "0.05 < p < 0.10", "0.01 < p < 0.05", "p < 0.01"};
            s.text(lx, ly + 10, "Significance", "start", 11, null, "class", "legend", "font-weight", "bold");
            for (int j = 0; j < 4; j++) {
                double yy = ly + 22 + j * 20;
                s.el("rect", "x", Svg.num(lx), "y", Svg.num(yy), "width", "14", "height", "14", "fill", fills[j],
                        "stroke", "#888888");
                s.text(lx + 20, yy + 11, text[j], "start", 11, null, "class", "legend");
            }
            double yy = ly + 22 + 4 * 20 + 8;
            s.line(lx, yy + 7, lx + 14, yy + 7, "#333333", 1, "stroke-dasharray", "5 4");
            s.text(lx + 20, yy + 11, ForestPlot.level(result.level()) + "% pseudo-CI", "start", 11, null, "class",
                    "legend");
            yy += 20;
            s.line(lx, yy + 7, lx + 14, yy + 7, "#1a1a1a", 1.3);
            s.text(lx + 20, yy + 11, "pooled estimate", "start", 11, null, "class", "legend");
            if (impYi.length > 0) {
                yy += 20;
                s.el("circle", "cx", Svg.num(lx + 7), "cy", Svg.num(yy + 7), "r", "4", "fill", "#ffffff", "stroke",
                        "#1a1a1a");
                s.text(lx + 20, yy + 11, "imputed study", "start", 11, null, "class", "legend");
            }
            if (!Double.isNaN(adjusted)) {
                yy += 20;
                s.line(lx, yy + 7, lx + 14, yy + 7, "#8b0000", 1.3, "stroke-dasharray", "2 3");
                s.text(lx + 20, yy + 11, "adjusted estimate", "start", 11, null, "class", "legend");
            }
        }
        return s.finish();
    }
}
