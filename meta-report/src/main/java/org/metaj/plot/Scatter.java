package org.metaj.plot;

/** A labelled scatter of non-negative figures with axes from zero (Baujat plots). */
final class Scatter {
    private Scatter() {
    }

    static String labelled(double[] x, double[] y, String[] labels, String title, String xTitle, String yTitle) {
        double xmax = 0;
        double ymax = 0;
        double xmin = 0;
        double ymin = 0;
        for (int i = 0; i < x.length; i++) {
            xmax = Math.max(xmax, x[i]);
            ymax = Math.max(ymax, y[i]);
            xmin = Math.min(xmin, x[i]);
            ymin = Math.min(ymin, y[i]);
        }
        xmax = xmax == xmin ? xmin + 1 : xmax + 0.05 * (xmax - xmin);
        ymax = ymax == ymin ? ymin + 1 : ymax + 0.05 * (ymax - ymin);
        Frame f = new Frame(600, 460, new double[] {xmin, xmax}, false, new double[] {ymin, ymax}, false, title, "Baujat plot", 0);
        Svg s = f.svg;
        Geometry.LabelPlacer placer = new Geometry.LabelPlacer(f.left(), f.top(), f.right(), f.bottom());
        double[] px = new double[x.length];
        double[] py = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            px[i] = f.x.px(x[i]);
            py[i] = f.y.px(y[i]);
            placer.reserve(px[i] - 4, py[i] - 4, px[i] + 4, py[i] + 4);
        }
        // label the most extreme points first: they are the ones a reader looks for
        Integer[] idx = new Integer[x.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        final double sx = Math.max(Math.abs(xmax), 1e-300);
        final double sy = Math.max(Math.abs(ymax), 1e-300);
        java.util.Arrays.sort(idx, (a, b) -> Double.compare(x[b] / sx + y[b] / sy, x[a] / sx + y[a] / sy));
        for (int i : idx) {
            s.raw("<circle class=\"study\" cx=\"" + Svg.num(px[i]) + "\" cy=\"" + Svg.num(py[i])
                    + "\" r=\"4\" fill=\"#2f5f8f\" data-x=\"" + Svg.data(x[i]) + "\" data-y=\"" + Svg.data(y[i])
                    + "\"><title>" + Markup.escape(labels[i]) + "</title></circle>\n");
            String shown = TextMetrics.ellipsize(labels[i], 11, 160);
            double[] p = placer.place(px[i], py[i], TextMetrics.width(shown, 11), 11, 4);
            if (p != null) {
                s.text(p[0], p[1], shown, Geometry.anchor(p[2]), 11, shown.equals(labels[i]) ? null : labels[i],
                        "class", "label");
            }
        }
        f.axes(xTitle, yTitle);
        return s.finish();
    }
}
