package org.metaj.plot;

import java.util.ArrayList;
import java.util.List;

/**
 * The row-based layout shared by {@link ForestPlot} and {@link SensitivityForestPlot}: a label column, the plot
 * area, an estimate column and a weight column; one row of fixed height per entry, so the height grows with the
 * number of studies and every label keeps its size. Values are on the analysis scale; a log axis shows ratios.
 */
final class ForestLayout {
    static final double ROW = 20;
    static final double FONT = 12;
    static final double SMALL = 11;
    static final double MARGIN = 14;
    static final double GAP = 18;

    enum Kind { STUDY, HEADER, SUMMARY, PI, SPACER, NOTE }

    static final class Row {
        Kind kind;
        String label;
        double est = Double.NaN;
        double lb = Double.NaN;
        double ub = Double.NaN;
        double weight = Double.NaN;
        /** 1 for the overall summary, 2 for a subtotal. */
        int level = 1;
        String cssClass;
        String extraText;

        static Row study(String label, double est, double lb, double ub, double weight) {
            Row r = new Row();
            r.kind = Kind.STUDY;
            r.label = label;
            r.est = est;
            r.lb = lb;
            r.ub = ub;
            r.weight = weight;
            return r;
        }

        static Row of(Kind k, String label) {
            Row r = new Row();
            r.kind = k;
            r.label = label;
            return r;
        }
    }

    // configuration
    final List<Row> rows = new ArrayList<>();
    final List<String> footer = new ArrayList<>();
    String title;
    String labelHeader = "Study";
    String effectHeader;
    String weightHeader = "Weight";
    boolean showWeights = true;
    boolean log;
    double nullValue = 0;
    double refLine = Double.NaN;
    String favoursLeft;
    String favoursRight;
    String axisTitle;
    double[] fixedRange;
    double plotWidth = 360;
    double maxLabelWidth = 260;
    int digits = 2;
    boolean diamondsForStudies;

    String render() {
        // ---- horizontal layout
        List<String> estTexts = new ArrayList<>();
        double labelW = TextMetrics.width(labelHeader, FONT) + 4;
        double estW = TextMetrics.width(effectHeader, FONT);
        for (Row r : rows) {
            String t = estText(r);
            estTexts.add(t);
            if (t != null) {
                estW = Math.max(estW, TextMetrics.width(t, FONT));
            }
            if (r.kind == Kind.STUDY || r.kind == Kind.SUMMARY || r.kind == Kind.PI || r.kind == Kind.HEADER) {
                double size = r.kind == Kind.HEADER || r.kind == Kind.SUMMARY ? FONT * 1.08 : FONT;
                labelW = Math.max(labelW, Math.min(maxLabelWidth, TextMetrics.width(r.label, size)));
            }
        }
        double weightW = showWeights ? Math.max(TextMetrics.width(weightHeader, FONT),
                TextMetrics.width("100.0%", FONT)) : 0;
        double x0 = MARGIN;
        double plotX0 = x0 + labelW + GAP;
        double plotX1 = plotX0 + plotWidth;
        double estX = plotX1 + GAP;
        double weightX1 = estX + estW + (showWeights ? GAP + weightW : 0);
        double width = weightX1 + MARGIN;
        for (String f : footer) {
            width = Math.max(width, 2 * MARGIN + TextMetrics.width(f, SMALL));
        }
        if (title != null) {
            width = Math.max(width, 2 * MARGIN + TextMetrics.width(title, FONT * 1.25));
        }

        // ---- axis range
        Axis axis = makeAxis(plotX0, plotX1);
        double nullPx = Double.isNaN(nullValue) || !axis.contains(nullValue) ? Double.NaN : axis.px(nullValue);
        // favours labels must fit below the axis
        double favW = 0;
        if (favoursLeft != null || favoursRight != null) {
            double fl = favoursLeft == null ? 0 : TextMetrics.width(favoursLeft, SMALL);
            double fr = favoursRight == null ? 0 : TextMetrics.width(favoursRight, SMALL);
            double centre = Double.isNaN(nullPx) ? (plotX0 + plotX1) / 2 : nullPx;
            favW = Math.max(0, centre + 8 + fr + MARGIN - width);
            width += favW;
            double leftNeed = centre - 8 - fl;
            if (leftNeed < MARGIN) {
                // should not happen: the label column sits left of the plot; keep inside by shifting below
                favoursLeft = TextMetrics.ellipsize(favoursLeft, SMALL, centre - 8 - MARGIN);
            }
        }

        // ---- vertical layout
        double y = MARGIN;
        double titleY = Double.NaN;
        if (title != null) {
            titleY = y + FONT * 1.25;
            y += FONT * 1.25 + 10;
        }
        double headerY = y + FONT;
        y += ROW + 6;
        double rowsTop = y;
        double[] rowY = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            rowY[i] = y + ROW / 2;
            y += ROW;
        }
        double rowsBottom = y;
        double axisY = y + 6;
        double tickLabelY = axisY + 6 + FONT;
        double axisTitleY = tickLabelY + 6 + FONT;
        double favY = axisTitleY + (axisTitle != null ? 8 + SMALL : 0);
        y = (favoursLeft != null || favoursRight != null) ? favY + 8 : axisTitleY + 8;
        double footerY0 = y + SMALL;
        y += footer.size() * (SMALL + 6) + MARGIN;
        double height = y;

        Svg s = new Svg(width, height, title != null ? title : "Forest plot");
        s.raw("<style>text{fill:#1a1a1a}.hdr{font-weight:bold}.sum{font-weight:bold}"
                + ".halo{paint-order:stroke;stroke:#ffffff;stroke-width:3px;stroke-linejoin:round}</style>\n");
        if (title != null) {
            s.text(x0, titleY, title, "start", FONT * 1.25, null, "class", "title", "font-weight", "bold");
        }
        // header
        s.text(x0, headerY, labelHeader, "start", FONT, null, "class", "hdr");
        s.text(estX, headerY, effectHeader, "start", FONT, null, "class", "hdr");
        if (showWeights) {
            s.text(weightX1, headerY, weightHeader, "end", FONT, null, "class", "hdr");
        }
        s.line(x0, rowsTop - 4, weightX1, rowsTop - 4, "#888888", 1);

        // reference lines behind everything
        if (!Double.isNaN(nullPx)) {
            s.line(nullPx, rowsTop - 2, nullPx, axisY, "#555555", 1, "class", "null-line");
        }
        if (!Double.isNaN(refLine) && axis.contains(refLine)) {
            s.line(axis.px(refLine), rowsTop - 2, axis.px(refLine), axisY, "#777777", 1, "stroke-dasharray", "4 3",
                    "class", "ref-line");
        }

        // rows
        double maxW = 0;
        for (Row r : rows) {
            if (r.kind == Kind.STUDY && r.weight > maxW) {
                maxW = r.weight;
            }
        }
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            double yc = rowY[i];
            double base = yc + FONT * 0.35;
            switch (r.kind) {
                case HEADER:
                    s.text(x0, base, TextMetrics.ellipsize(r.label, FONT * 1.08, labelW), "start", FONT, r.label,
                            "class", "label hdr");
                    break;
                case NOTE:
                    s.text(x0 + 8, base, r.label, "start", SMALL, null, "class", "note halo", "fill", "#333333");
                    break;
                case SPACER:
                    break;
                case STUDY:
                    drawStudy(s, axis, r, yc, maxW);
                    labelText(s, x0, base, r.label, labelW, "label");
                    break;
                case SUMMARY:
                    drawDiamond(s, axis, r, yc);
                    s.text(x0, base, TextMetrics.ellipsize(r.label, FONT * 1.08, labelW), "start", FONT, r.label,
                            "class", "label sum");
                    break;
                case PI:
                    drawPi(s, axis, r, yc);
                    s.text(x0, base, TextMetrics.ellipsize(r.label, FONT, labelW), "start", FONT, r.label,
                            "class", "label");
                    break;
                default:
                    throw new IllegalStateException(r.kind.toString());
            }
            String t = estTexts.get(i);
            if (t != null) {
                s.text(estX, base, t, "start", FONT, null, "class",
                        "est" + (r.kind == Kind.SUMMARY ? " sum" : ""));
            }
            if (showWeights && r.kind == Kind.STUDY && !Double.isNaN(r.weight)) {
                s.text(weightX1, base, Numbers.fixed(r.weight, 1) + "%", "end", FONT, null, "class", "weight");
            }
        }
        s.line(x0, rowsBottom + 1, weightX1, rowsBottom + 1, "#cccccc", 1);

        // axis
        s.open("g", "class", "axis", "data-min", Svg.data(axis.lo), "data-max", Svg.data(axis.hi), "data-px-min",
                Svg.data(plotX0), "data-px-max", Svg.data(plotX1), "data-log", Boolean.toString(log));
        s.line(plotX0, axisY, plotX1, axisY, "#333333", 1);
        double lastRight = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < axis.ticks.length; t++) {
            double px = axis.px(axis.ticks[t]);
            s.line(px, axisY, px, axisY + 5, "#333333", 1);
            String lab = axis.label(t);
            double w = TextMetrics.width(lab, SMALL);
            if (px - w / 2 > lastRight + 4) {
                s.text(px, tickLabelY, lab, "middle", SMALL, null, "class", "tick", "data-value",
                        Svg.data(axis.ticks[t]));
                lastRight = px + w / 2;
            }
        }
        if (axisTitle != null) {
            s.text((plotX0 + plotX1) / 2, axisTitleY, axisTitle, "middle", FONT, null, "class", "axis-title");
        }
        s.close("g");
        if (favoursLeft != null || favoursRight != null) {
            double centre = Double.isNaN(nullPx) ? (plotX0 + plotX1) / 2 : nullPx;
            if (favoursLeft != null) {
                s.text(centre - 8, favY, "\u2190 " + favoursLeft, "end", SMALL, null, "class", "favours",
                        "fill", "#444444");
            }
            if (favoursRight != null) {
                s.text(centre + 8, favY, favoursRight + " \u2192", "start", SMALL, null, "class", "favours",
                        "fill", "#444444");
            }
        }
        double fy = footerY0;
        for (String f : footer) {
            s.text(x0, fy, f, "start", SMALL, null, "class", "footer", "fill", "#333333");
            fy += SMALL + 6;
        }
        return s.finish();
    }

    private void labelText(Svg s, double x, double base, String label, double labelW, String cls) {
        String shown = TextMetrics.ellipsize(label, FONT, labelW);
        s.text(x, base, shown, "start", FONT, shown.equals(label) ? null : label, "class", cls);
    }

    private String estText(Row r) {
        if (r.kind == Kind.STUDY || r.kind == Kind.SUMMARY || r.kind == Kind.PI) {
            if (r.kind == Kind.PI && r.extraText == null) {
                return "[" + show(r.lb) + ", " + show(r.ub) + "]";
            }
            if (r.extraText != null) {
                return r.extraText;
            }
            return show(r.est) + " [" + show(r.lb) + ", " + show(r.ub) + "]";
        }
        return null;
    }

    String show(double v) {
        return Numbers.fixed(log ? Math.exp(v) : v, digits);
    }

    private Axis makeAxis(double px0, double px1) {
        if (fixedRange != null) {
            double lo = log ? Math.log(fixedRange[0]) : fixedRange[0];
            double hi = log ? Math.log(fixedRange[1]) : fixedRange[1];
            return Axis.of(lo, hi, px0, px1, log, false);
        }
        // core: estimates, summary CIs and PIs, the null value; full: plus all study CIs
        double cLo = Double.POSITIVE_INFINITY;
        double cHi = Double.NEGATIVE_INFINITY;
        double fLo = Double.POSITIVE_INFINITY;
        double fHi = Double.NEGATIVE_INFINITY;
        for (Row r : rows) {
            if (r.kind == Kind.STUDY) {
                cLo = min(cLo, r.est);
                cHi = max(cHi, r.est);
                fLo = min(fLo, r.lb);
                fHi = max(fHi, r.ub);
            } else if (r.kind == Kind.SUMMARY || r.kind == Kind.PI) {
                cLo = min(cLo, r.lb);
                cHi = max(cHi, r.ub);
            }
        }
        if (!Double.isNaN(nullValue)) {
            cLo = Math.min(cLo, nullValue);
            cHi = Math.max(cHi, nullValue);
        }
        if (!(cLo <= cHi)) {
            cLo = -1;
            cHi = 1;
        }
        fLo = Math.min(fLo, cLo);
        fHi = Math.max(fHi, cHi);
        double core = Math.max(cHi - cLo, 1e-6);
        double lo = fLo;
        double hi = fHi;
        // very wide study CIs would squeeze everything else: cap the axis at the core span either side
        if (fHi - fLo > 3 * core) {
            lo = Math.max(fLo, cLo - core);
            hi = Math.min(fHi, cHi + core);
        }
        return Axis.of(lo, hi, px0, px1, log, true);
    }

    private static double min(double a, double b) {
        return Double.isNaN(b) ? a : Math.min(a, b);
    }

    private static double max(double a, double b) {
        return Double.isNaN(b) ? a : Math.max(a, b);
    }

    private void drawStudy(Svg s, Axis a, Row r, double yc, double maxW) {
        s.open("g", "class", r.cssClass != null ? r.cssClass : "study", "data-estimate", Svg.data(r.est),
                "data-ci-lb", Svg.data(r.lb), "data-ci-ub", Svg.data(r.ub), "data-weight",
                Double.isNaN(r.weight) ? null : Svg.data(r.weight));
        s.raw("<title>" + Markup.escape(r.label + ": " + estText(r)) + "</title>\n");
        double x0 = a.px0;
        double x1 = a.px1;
        double lb = Double.isNaN(r.lb) ? r.est : r.lb;
        double ub = Double.isNaN(r.ub) ? r.est : r.ub;
        double l = Math.max(a.px(lb), x0);
        double u = Math.min(a.px(ub), x1);
        if (u > l) {
            s.line(l, yc, u, yc, "#333333", 1.2);
        }
        if (a.px(lb) < x0 - 0.5) {
            s.el("polygon", "points", Svg.points(x0, yc, x0 + 7, yc - 4, x0 + 7, yc + 4), "fill", "#333333",
                    "class", "arrow");
        }
        if (a.px(ub) > x1 + 0.5) {
            s.el("polygon", "points", Svg.points(x1, yc, x1 - 7, yc - 4, x1 - 7, yc + 4), "fill", "#333333",
                    "class", "arrow");
        }
        if (a.contains(r.est)) {
            double cx = a.px(r.est);
            if (diamondsForStudies || Double.isNaN(r.weight) || maxW <= 0) {
                s.el("circle", "cx", Svg.num(cx), "cy", Svg.num(yc), "r", "3.5", "fill", "#2f5f8f");
            } else {
                double side = Math.max(4, 14 * Math.sqrt(r.weight / maxW));
                s.el("rect", "x", Svg.num(cx - side / 2), "y", Svg.num(yc - side / 2), "width", Svg.num(side),
                        "height", Svg.num(side), "fill", "#2f5f8f");
            }
        }
        s.close("g");
    }

    private void drawDiamond(Svg s, Axis a, Row r, double yc) {
        double l = clamp(a, r.lb);
        double u = clamp(a, r.ub);
        double c = clamp(a, r.est);
        double h = r.level == 1 ? 7 : 5.5;
        s.el("polygon", "class", r.level == 1 ? "pooled" : "pooled subtotal", "data-estimate", Svg.data(r.est),
                "data-ci-lb", Svg.data(r.lb), "data-ci-ub", Svg.data(r.ub), "points",
                Svg.points(l, yc, c, yc - h, u, yc, c, yc + h), "fill", r.level == 1 ? "#1a1a1a" : "#666666",
                "stroke", "#1a1a1a", "stroke-width", "1");
    }

    private void drawPi(Svg s, Axis a, Row r, double yc) {
        double l = clamp(a, r.lb);
        double u = clamp(a, r.ub);
        s.open("g", "class", "pi", "data-pi-lb", Svg.data(r.lb), "data-pi-ub", Svg.data(r.ub));
        s.line(l, yc, u, yc, "#1a1a1a", 1.6, "stroke-dasharray", "5 3");
        s.line(l, yc - 4, l, yc + 4, "#1a1a1a", 1.6);
        s.line(u, yc - 4, u, yc + 4, "#1a1a1a", 1.6);
        s.close("g");
    }

    private static double clamp(Axis a, double v) {
        return Math.max(a.px0, Math.min(a.px1, a.px(v)));
    }
}
