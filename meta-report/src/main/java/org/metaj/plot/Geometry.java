package org.metaj.plot;

import java.util.ArrayList;
import java.util.List;

/** Small geometry helpers: polygon clipping and label placement without overlaps. */
final class Geometry {
    private Geometry() {
    }

    /**
     * Clips a polygon to an axis-aligned rectangle (Sutherland and Hodgman, "Reentrant polygon clipping",
     * Comm. ACM 17:32, 1974).
     *
     * @param xy polygon vertices x0, y0, x1, y1, ...
     * @return the clipped polygon's vertices (possibly empty)
     */
    static double[] clip(double[] xy, double x0, double y0, double x1, double y1) {
        List<double[]> poly = new ArrayList<>();
        for (int i = 0; i < xy.length; i += 2) {
            poly.add(new double[] {xy[i], xy[i + 1]});
        }
        for (int edge = 0; edge < 4; edge++) {
            List<double[]> out = new ArrayList<>();
            for (int i = 0; i < poly.size(); i++) {
                double[] a = poly.get(i);
                double[] b = poly.get((i + 1) % poly.size());
                boolean ina = inside(a, edge, x0, y0, x1, y1);
                boolean inb = inside(b, edge, x0, y0, x1, y1);
                if (ina) {
                    out.add(a);
                }
                if (ina != inb) {
                    out.add(cross(a, b, edge, x0, y0, x1, y1));
                }
            }
            poly = out;
            if (poly.isEmpty()) {
                break;
            }
        }
        double[] r = new double[poly.size() * 2];
        for (int i = 0; i < poly.size(); i++) {
            r[2 * i] = poly.get(i)[0];
            r[2 * i + 1] = poly.get(i)[1];
        }
        return r;
    }

    /**
     * Clips a segment to a rectangle (Liang and Barsky, ACM Trans Graphics 3:1, 1984).
     *
     * @return {x0, y0, x1, y1} of the visible part, or null when none is visible
     */
    static double[] clipSegment(double ax, double ay, double bx, double by, double x0, double y0, double x1,
            double y1) {
        double dx = bx - ax;
        double dy = by - ay;
        double[] p = {-dx, dx, -dy, dy};
        double[] q = {ax - x0, x1 - ax, ay - y0, y1 - ay};
        double t0 = 0;
        double t1 = 1;
        for (int i = 0; i < 4; i++) {
            if (p[i] == 0) {
                if (q[i] < 0) {
                    return null;
                }
            } else {
                double t = q[i] / p[i];
                if (p[i] < 0) {
                    t0 = Math.max(t0, t);
                } else {
                    t1 = Math.min(t1, t);
                }
            }
        }
        if (t0 > t1) {
            return null;
        }
        return new double[] {ax + t0 * dx, ay + t0 * dy, ax + t1 * dx, ay + t1 * dy};
    }

    private static boolean inside(double[] p, int edge, double x0, double y0, double x1, double y1) {
        switch (edge) {
            case 0: return p[0] >= x0;
            case 1: return p[0] <= x1;
            case 2: return p[1] >= y0;
            default: return p[1] <= y1;
        }
    }

    private static double[] cross(double[] a, double[] b, int edge, double x0, double y0, double x1, double y1) {
        double t;
        if (edge < 2) {
            double x = edge == 0 ? x0 : x1;
            t = (x - a[0]) / (b[0] - a[0]);
            return new double[] {x, a[1] + t * (b[1] - a[1])};
        }
        double y = edge == 2 ? y0 : y1;
        t = (y - a[1]) / (b[1] - a[1]);
        return new double[] {a[0] + t * (b[0] - a[0]), y};
    }

    /** Greedy placement of point labels: right, left, above, below the point; none where all would overlap. */
    static final class LabelPlacer {
        private final List<double[]> boxes = new ArrayList<>();
        private final double x0;
        private final double y0;
        private final double x1;
        private final double y1;

        LabelPlacer(double x0, double y0, double x1, double y1) {
            this.x0 = x0;
            this.y0 = y0;
            this.x1 = x1;
            this.y1 = y1;
        }

        /** Reserves a box (e.g. a marker) that labels must not cover. */
        void reserve(double bx0, double by0, double bx1, double by1) {
            boxes.add(new double[] {bx0, by0, bx1, by1});
        }

        /**
         * @return {x, baseline y, anchor (0 start, 1 end, 2 middle)} or null when no position is free
         */
        double[] place(double px, double py, double w, double size, double r) {
            double h = size;
            double[][] cands = {
                {px + r + 3, py + size * 0.35, 0, px + r + 3, py - h / 2, px + r + 3 + w, py + h / 2},
                {px - r - 3, py + size * 0.35, 1, px - r - 3 - w, py - h / 2, px - r - 3, py + h / 2},
                {px, py - r - 4, 2, px - w / 2, py - r - 4 - h, px + w / 2, py - r - 4},
                {px, py + r + 4 + h * 0.8, 2, px - w / 2, py + r + 4, px + w / 2, py + r + 4 + h},
                {px + r, py - r - 3, 0, px + r, py - r - 3 - h, px + r + w, py - r - 3},
                {px + r, py + r + 3 + h * 0.8, 0, px + r, py + r + 3, px + r + w, py + r + 3 + h},
                {px - r, py - r - 3, 1, px - r - w, py - r - 3 - h, px - r, py - r - 3},
                {px - r, py + r + 3 + h * 0.8, 1, px - r - w, py + r + 3, px - r, py + r + 3 + h},
            };
            for (double[] c : cands) {
                if (c[3] < x0 || c[5] > x1 || c[4] < y0 || c[6] > y1) {
                    continue;
                }
                boolean free = true;
                for (double[] b : boxes) {
                    if (c[3] < b[2] && c[5] > b[0] && c[4] < b[3] && c[6] > b[1]) {
                        free = false;
                        break;
                    }
                }
                if (free) {
                    boxes.add(new double[] {c[3], c[4], c[5], c[6]});
                    return new double[] {c[0], c[1], c[2]};
                }
            }
            return null;
        }
    }

    static String anchor(double code) {
        return code == 0 ? "start" : code == 1 ? "end" : "middle";
    }
}
