package org.metaj.plot;

/**
 * The frame of an x-y plot: plot area, axes with nice ticks, axis titles and a title. Either axis may be a log
 * axis (values are logs; labels back-transformed) and the y axis may be inverted (funnel plots).
 */
final class Frame {
    static final double LEFT = 64;
    static final double RIGHT = 24;
    static final double TOP_TITLED = 40;
    static final double TOP_PLAIN = 18;
    static final double BOTTOM = 56;

    final double width;
    final double height;
    final Axis x;
    final Axis y;
    final Svg svg;

    /**
     * @param xr x range (analysis scale), yr y range; for an inverted y axis yr[0] is drawn at the top
     * @param title a visible title, or null for none
     * @param name  the document's accessible name (its {@code <title>})
     */
    Frame(double width, double height, double[] xr, boolean xLog, double[] yr, boolean yInverted, String title,
            String name, double extraRight) {
        this(width, height, xr, xLog, yr, yInverted, title, name, extraRight, 0);
    }

    /** As above; {@code pad > 0} leaves that fraction of the range free at both ends (markers near the edges). */
    Frame(double width, double height, double[] xr, boolean xLog, double[] yr, boolean yInverted, String title,
            String name, double extraRight, double pad) {
        this.width = width + extraRight;
        double px0 = LEFT;
        double px1 = width - RIGHT;
        this.x = padded(xr, px0, px1, xLog, pad);
        double top = title != null ? TOP_TITLED : TOP_PLAIN;
        height -= title != null ? 0 : TOP_TITLED - TOP_PLAIN;
        double bottom = height - BOTTOM;
        if (yInverted) {
            Axis probe = Axis.of(yr[0], yr[1], top, bottom, false, true);
            // zero stays at the top edge: only the far end is widened to a tick
            this.y = Axis.of(yr[0], probe.hi, top, bottom, false, false);
        } else {
            this.y = padded(yr, bottom, top, false, pad);
        }
        this.height = height;
        this.svg = new Svg(this.width, height, title != null ? title : name);
        svg.raw("<style>text{fill:#1a1a1a}.halo{paint-order:stroke;stroke:#ffffff;stroke-width:3px;"
                + "stroke-linejoin:round}</style>\n");
        if (title != null) {
            svg.text(LEFT, 22, title, "start", 14, null, "class", "title", "font-weight", "bold");
        }
    }

    private static Axis padded(double[] r, double px0, double px1, boolean log, double pad) {
        Axis nice = Axis.of(r[0], r[1], px0, px1, log, true);
        if (pad <= 0) {
            return nice;
        }
        double span = nice.hi - nice.lo;
        return Axis.of(nice.lo - pad * span, nice.hi + pad * span, px0, px1, log, false);
    }

    double left() {
        return x.px0;
    }

    double right() {
        return x.px1;
    }

    double top() {
        return Math.min(y.px0, y.px1);
    }

    double bottom() {
        return Math.max(y.px0, y.px1);
    }

    /** Draws the axes, ticks and titles (call after the content so they sit on top). */
    void axes(String xTitle, String yTitle) {
        Svg s = svg;
        s.el("rect", "x", Svg.num(left()), "y", Svg.num(top()), "width", Svg.num(right() - left()), "height",
                Svg.num(bottom() - top()), "fill", "none", "stroke", "#333333", "stroke-width", "1");
        s.open("g", "class", "axis x-axis", "data-min", Svg.data(x.lo), "data-max", Svg.data(x.hi), "data-px-min",
                Svg.data(x.px0), "data-px-max", Svg.data(x.px1), "data-log", Boolean.toString(x.log));
        double last = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < x.ticks.length; i++) {
            double px = x.px(x.ticks[i]);
            s.line(px, bottom(), px, bottom() + 5, "#333333", 1);
            String lab = x.label(i);
            double w = TextMetrics.width(lab, 11);
            if (px - w / 2 > last + 4) {
                s.text(px, bottom() + 18, lab, "middle", 11, null, "class", "tick");
                last = px + w / 2;
            }
        }
        if (xTitle != null) {
            s.text((left() + right()) / 2, bottom() + 38, xTitle, "middle", 12, null, "class", "axis-title");
        }
        s.close("g");
        s.open("g", "class", "axis y-axis", "data-min", Svg.data(y.lo), "data-max", Svg.data(y.hi), "data-px-min",
                Svg.data(y.px0), "data-px-max", Svg.data(y.px1));
        double lastY = Double.POSITIVE_INFINITY;
        for (int i = 0; i < y.ticks.length; i++) {
            double py = y.px(y.ticks[i]);
            s.line(left() - 5, py, left(), py, "#333333", 1);
            boolean ok = Math.abs(py - lastY) > 14;
            if (ok) {
                s.text(left() - 8, py + 4, y.label(i), "end", 11, null, "class", "tick");
                lastY = py;
            }
        }
        if (yTitle != null) {
            double cx = 16;
            double cy = (top() + bottom()) / 2;
            s.raw("<text x=\"" + Svg.num(cx) + "\" y=\"" + Svg.num(cy) + "\" text-anchor=\"middle\" transform=\"rotate(-90 "
                    + Svg.num(cx) + " " + Svg.num(cy) + ")\" class=\"axis-title\">" + Markup.escape(yTitle) + "</text>\n");
        }
        s.close("g");
    }

    /** Clip-free check: is the point inside the plot area? */
    boolean inside(double px, double py) {
        return px >= left() - 0.01 && px <= right() + 0.01 && py >= top() - 0.01 && py <= bottom() + 0.01;
    }
}
