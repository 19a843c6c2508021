package org.metaj.plot;

import java.util.Objects;

import org.metaj.data.StudyData;
import org.metaj.data.EffectMeasure;
import org.metaj.model.MetaResult;
import org.metaj.stats.Probabilities;

/**
 * A radial (Galbraith) plot (Galbraith, "A note on graphical presentation of estimated odds ratios from several
 * clinical trials", Stat Med 7:889, 1988) as a standalone SVG: each study at x = 1/sqrt(v_i + tau^2) (precision)
 * and y = y_i/sqrt(v_i + tau^2) (standardised estimate), so a study's slope from the origin is its estimate. The
 * pooled estimate is the line through the origin with slope equal to it, and the band {@code +/- z} around it holds
 * about the level's share of studies when there is no excess heterogeneity. Effect-scale rays from the origin with
 * their values at the right margin stand in for Galbraith's arc scale (back-transformed for ratio measures).
 */
public final class RadialPlot {
    private final MetaResult result;
    private final String title;

    private RadialPlot(MetaResult result, String title) {
        this.result = result;
        this.title = title;
    }

    /** @return a radial plot of the result (tau^2 of the model added to each variance) */
    public static RadialPlot of(MetaResult result) {
        return new RadialPlot(Objects.requireNonNull(result, "result"), null);
    }

    /** @return a copy with a title */
    public RadialPlot withTitle(String t) {
        return new RadialPlot(result, t);
    }

    /** @return the SVG document */
    public String toSvg() {
        StudyData d = result.data();
        EffectMeasure m = d.measure();
        boolean log = m != null && m.isLogScale();
        int k = d.k();
        double tau2 = result.method().isRandomEffects() ? result.tau2() : 0;
        double z = Probabilities.normalQuantile(1 - (1 - result.level()) / 2);
        double b = result.estimate();
        double[] x = new double[k];
        double[] y = new double[k];
        double xmax = 0;
        double ymin = 0;
        double ymax = 0;
        double elo = b;
        double ehi = b;
        for (int i = 0; i < k; i++) {
            double s = Math.sqrt(d.vi(i) + tau2);
            x[i] = 1 / s;
            y[i] = d.yi(i) / s;
            xmax = Math.max(xmax, x[i]);
            ymin = Math.min(ymin, y[i]);
            ymax = Math.max(ymax, y[i]);
            elo = Math.min(elo, d.yi(i));
            ehi = Math.max(ehi, d.yi(i));
        }
        xmax *= 1.08;
        ymin = Math.min(ymin, b * xmax - z);
        ymax = Math.max(ymax, b * xmax + z);
        double pad = 0.05 * (ymax - ymin);
        Frame f = new Frame(600, 460, new double[] {0, xmax}, false, new double[] {ymin - pad, ymax + pad}, false,
                title, "Radial (Galbraith) plot", 60);
        Svg s = f.svg;
        double l = f.left();
        double r = f.right();
        double t = f.top();
        double bt = f.bottom();
        double xe = f.x.hi;
        // band
        double[] band = {f.x.px(0), f.y.px(-z), f.x.px(xe), f.y.px(b * xe - z), f.x.px(xe), f.y.px(b * xe + z),
            f.x.px(0), f.y.px(z)};
        double[] bc = Geometry.clip(band, l, t, r, bt);
        if (bc.length > 0) {
            s.el("polygon", "points", Svg.points(bc), "fill", "#eef2f7", "stroke", "none", "class", "band");
        }
        // effect-scale rays
        Axis eff = Axis.of(elo, ehi, 0, 1, log, false);
        s.open("g", "class", "effect-scale");
        if (log) {
            s.text(r + 6, t - 4, "ratio", "start", 10, null, "class", "tick", "fill", "#555555");
        }
        double lastY = log ? t - 8 : Double.NaN;
        for (int i = 0; i < eff.ticks.length; i++) {
            double v = eff.ticks[i];
            double ye = v * xe;
            if (ye < f.y.lo || ye > f.y.hi) {
                continue;
            }
            seg(s, f, 0, 0, xe, ye, "#cccccc", 0.8);
            double py = f.y.px(ye);
            if (Double.isNaN(lastY) || Math.abs(py - lastY) > 13) {
                s.text(r + 6, py + 4, eff.label(i), "start", 10, null, "class", "tick");
                lastY = py;
            }
        }
        s.close("g");
        seg(s, f, 0, 0, xe, b * xe, "#1a1a1a", 1.4, "class", "pooled", "data-estimate", Svg.data(b));
        seg(s, f, 0, z, xe, b * xe + z, "#555555", 1, "stroke-dasharray", "4 3");
        seg(s, f, 0, -z, xe, b * xe - z, "#555555", 1, "stroke-dasharray", "4 3");
        if (f.y.contains(0)) {
            s.line(l, f.y.px(0), r, f.y.px(0), "#999999", 0.8);
        }
        for (int i = 0; i < k; i++) {
            s.raw("<circle class=\"study\" cx=\"" + Svg.num(f.x.px(x[i])) + "\" cy=\"" + Svg.num(f.y.px(y[i]))
                    + "\" r=\"4\" fill=\"#2f5f8f\" data-estimate=\"" + Svg.data(d.yi(i)) + "\"><title>"
                    + Markup.escape(d.label(i)) + "</title></circle>\n");
        }
        String xt = tau2 > 0 ? "Precision 1/\u221a(vi + \u03c4\u00b2)" : "Precision 1/\u221avi";
        f.axes(xt, "Standardised estimate");
        return s.finish();
    }

    private static void seg(Svg s, Frame f, double x0, double y0, double x1, double y1, String stroke, double w,
            String... extra) {
        double[] c = Geometry.clipSegment(f.x.px(x0), f.y.px(y0), f.x.px(x1), f.y.px(y1), f.left(), f.top(),
                f.right(), f.bottom());
        if (c != null) {
            s.line(c[0], c[1], c[2], c[3], stroke, w, extra);
        }
    }
}
