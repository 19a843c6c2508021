package org.metaj.plot;

import java.util.Locale;
import java.util.Objects;

import org.metaj.data.StudyColumns;
import org.metaj.data.StudyData;
import org.metaj.data.EffectMeasure;
import org.metaj.model.MetaResult;

/**
 * A L'Abb&eacute; plot (L'Abb&eacute;, Detsky &amp; O'Rourke, "Meta-analysis in clinical research", Ann Intern Med
 * 107:224, 1987) of binary data as a standalone SVG: each study's event rate in the control group
 * {@code ci/(ci+di)} (x) against the treatment group {@code ai/(ai+bi)} (y), circles with area proportional to the
 * study's weight; the diagonal of no effect; and the pooled effect as a curve: {@code y = x exp(b)} for a risk ratio,
 * {@code odds(y) = odds(x) exp(b)} for an odds ratio (Peto's too), {@code y = x + b} for a risk difference.
 * Needs the 2x2 columns ai, bi, ci, di (or ai, n1i, ci, n2i) in the result's data.
 */
public final class LabbePlot {
    private final MetaResult result;
    private final String title;
    private final String treatment;
    private final String control;

    private LabbePlot(MetaResult result, String title, String treatment, String control) {
        this.result = result;
        this.title = title;
        this.treatment = treatment;
        this.control = control;
    }

    /**
     * @param result a model fitted to a 2x2 measure (OR, RR, RD, PETO)
     * @return the plot
     * @throws IllegalArgumentException when the data have no 2x2 columns
     */
    public static LabbePlot of(MetaResult result) {
        Objects.requireNonNull(result, "result");
        StudyColumns c = result.data().columns();
        boolean full = c.has("ai") && c.has("bi") && c.has("ci") && c.has("di");
        boolean totals = c.has("ai") && c.has("n1i") && c.has("ci") && c.has("n2i");
        if (!full && !totals) {
            throw new IllegalArgumentException("a L'Abbe plot needs the 2x2 columns ai, bi, ci, di (or ai, n1i, ci, "
                    + "n2i); columns present: " + c.numericNames());
        }
        return new LabbePlot(result, null, "treatment", "control");
    }

    /** @return a copy with a title */
    public LabbePlot withTitle(String t) {
        return new LabbePlot(result, t, treatment, control);
    }

    /** @return a copy naming the two groups on the axes (default "treatment", "control") */
    public LabbePlot withGroups(String treatmentName, String controlName) {
        return new LabbePlot(result, title, treatmentName, controlName);
    }

    /** @return the SVG document */
    public String toSvg() {
        StudyData d = result.data();
        StudyColumns c = d.columns();
        int k = d.k();
        double[] ai = c.get("ai");
        double[] ci = c.get("ci");
        double[] n1 = new double[k];
        double[] n2 = new double[k];
        if (c.has("bi") && c.has("di")) {
            double[] bi = c.get("bi");
            double[] di = c.get("di");
            for (int i = 0; i < k; i++) {
                n1[i] = ai[i] + bi[i];
                n2[i] = ci[i] + di[i];
            }
        } else {
            n1 = c.get("n1i");
            n2 = c.get("n2i");
        }
        double[] px = new double[k];
        double[] py = new double[k];
        double hi = 0;
        for (int i = 0; i < k; i++) {
            if (!(n1[i] > 0) || !(n2[i] > 0)) {
                throw c.error(i, n1[i] > 0 ? "n2i" : "n1i", String.format(Locale.ROOT,
                        "group size must be > 0 for an event rate, got %s", n1[i] > 0 ? n2[i] : n1[i]));
            }
            px[i] = ci[i] / n2[i];
            py[i] = ai[i] / n1[i];
            hi = Math.max(hi, Math.max(px[i], py[i]));
        }
        hi = Math.min(1, hi * 1.08 + 1e-9);
        if (hi <= 0) {
            hi = 1;
        }
        Frame f = new Frame(520, 500, new double[] {0, hi}, false, new double[] {0, hi}, false,
                title, "L'Abb\u00e9 plot", 0, 0.04);
        Svg s = f.svg;
        double top = Math.min(f.x.hi, f.y.hi);
        double bot = Math.max(f.x.lo, f.y.lo);
        s.line(f.x.px(bot), f.y.px(bot), f.x.px(top), f.y.px(top), "#777777", 1, "stroke-dasharray", "4 3", "class",
                "no-effect");
        EffectMeasure m = d.measure();
        double b = result.estimate();
        StringBuilder pts = new StringBuilder();
        int n = 120;
        for (int j = 0; j <= n; j++) {
            double x = Math.max(0, f.x.lo) + (f.x.hi - Math.max(0, f.x.lo)) * j / n;
            double y;
            if (m == EffectMeasure.RR) {
                y = x * Math.exp(b);
            } else if (m == EffectMeasure.RD) {
                y = x + b;
            } else if (m == EffectMeasure.OR || m == EffectMeasure.PETO) {
                double o = x / (1 - x) * Math.exp(b);
                y = x >= 1 ? 1 : o / (1 + o);
            } else {
                y = Double.NaN;
            }
            if (y >= f.y.lo && y <= f.y.hi) {
                pts.append(pts.length() > 0 ? " " : "").append(Svg.num(f.x.px(x))).append(',')
                        .append(Svg.num(f.y.px(y)));
            }
        }
        if (pts.length() > 0) {
            s.el("polyline", "points", pts.toString(), "fill", "none", "stroke", "#1a1a1a", "stroke-width", "1.5",
                    "class", "pooled", "data-estimate", Svg.data(b));
        }
        double[] w = result.weights();
        double wmax = 0;
        for (double v : w) {
            wmax = Math.max(wmax, v);
        }
        // largest circles first so small ones stay visible on top
        Integer[] idx = new Integer[k];
        for (int i = 0; i < k; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (p, q) -> Double.compare(w.length > q ? w[q] : 0, w.length > p ? w[p] : 0));
        for (int i : idx) {
            double r = wmax > 0 && i < w.length ? Math.max(3, 16 * Math.sqrt(w[i] / wmax)) : 5;
            s.raw("<circle class=\"study\" cx=\"" + Svg.num(f.x.px(px[i])) + "\" cy=\"" + Svg.num(f.y.px(py[i]))
                    + "\" r=\"" + Svg.num(r) + "\" fill=\"#2f5f8f\" fill-opacity=\"0.55\" stroke=\"#1f3f5f\" "
                    + "data-control=\"" + Svg.data(px[i]) + "\" data-treatment=\"" + Svg.data(py[i]) + "\"><title>"
                    + Markup.escape(d.label(i)) + "</title></circle>\n");
        }
        f.axes("Event rate, " + control, "Event rate, " + treatment);
        return s.finish();
    }
}
