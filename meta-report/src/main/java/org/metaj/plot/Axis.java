package org.metaj.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A horizontal or vertical axis mapping analysis-scale values to pixels, with "nice" tick values
 * (1, 2, 5 x 10^n; Heckbert, "Nice numbers for graph labels", Graphics Gems, 1990). On a log axis the values are
 * on the log scale (log odds ratios) and the ticks and labels are back-transformed ratios (0.5, 1, 2).
 */
final class Axis {
    final double lo;
    final double hi;
    final double px0;
    final double px1;
    final boolean log;
    final double[] ticks;

    private Axis(double lo, double hi, double px0, double px1, boolean log, double[] ticks) {
        this.lo = lo;
        this.hi = hi;
        this.px0 = px0;
        this.px1 = px1;
        this.log = log;
        this.ticks = ticks;
    }

    /**
     * @param lo  smallest value to show (analysis scale)
     * @param hi  largest value to show
     * @param log whether values are logs of ratios
     * @param nice whether to widen the range to the outermost ticks
     */
    static Axis of(double lo, double hi, double px0, double px1, boolean log, boolean nice) {
        if (!(lo <= hi) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "axis range must be finite with lower <= upper, got [%s, %s]", lo, hi));
        }
        if (hi - lo < 1e-9) {
            double pad = Math.max(Math.abs(lo) * 0.1, log ? 0.1 : 0.5);
            lo -= pad;
            hi += pad;
        }
        double[] t = log ? logTicks(lo, hi) : linearTicks(lo, hi, 6);
        if (nice && t.length >= 2) {
            lo = Math.min(lo, t[0]);
            hi = Math.max(hi, t[t.length - 1]);
        }
        List<Double> keep = new ArrayList<>();
        for (double v : t) {
            if (v >= lo - 1e-9 && v <= hi + 1e-9) {
                keep.add(v);
            }
        }
        double[] ticks = keep.stream().mapToDouble(Double::doubleValue).toArray();
        return new Axis(lo, hi, px0, px1, log, ticks);
    }

    /** @return the pixel position of an analysis-scale value (not clamped) */
    double px(double v) {
        return px0 + (v - lo) / (hi - lo) * (px1 - px0);
    }

    boolean contains(double v) {
        return v >= lo - 1e-12 && v <= hi + 1e-12;
    }

    /** @return the label of tick i (back-transformed on a log axis) */
    String label(int i) {
        return Svg.tick(log ? Math.exp(ticks[i]) : ticks[i]);
    }

    /** Nice linear ticks covering [lo, hi], about {@code n} of them, the outer ones at or beyond the range. */
    static double[] linearTicks(double lo, double hi, int n) {
        double step = niceNum((hi - lo) / Math.max(1, n - 1), true);
        double start = Math.floor(lo / step + 1e-9) * step;
        double end = Math.ceil(hi / step - 1e-9) * step;
        List<Double> t = new ArrayList<>();
        for (double v = start; v <= end + step * 1e-6; v += step) {
            double r = Math.round(v / step) * step;
            t.add(Math.abs(r) < step * 1e-9 ? 0.0 : r);
            if (t.size() > 100) {
                break;
            }
        }
        return t.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Heckbert's nice number: 1, 2, 5 or 10 times a power of ten near x. */
    static double niceNum(double x, boolean round) {
        double e = Math.floor(Math.log10(x));
        double f = x / Math.pow(10, e);
        double nf;
        if (round) {
            nf = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
        } else {
            nf = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
        }
        return nf * Math.pow(10, e);
    }

    /**
     * Ticks for a log axis, as logs of ratios: the ratios 1, 2, 5 x 10^n when the range spans a decade or more
     * (1 x 10^n when that gives too many), else nice linear steps of the ratio, so that narrow ranges still get
     * at least three labelled ticks.
     */
    static double[] logTicks(double lo, double hi) {
        double rlo = Math.exp(lo);
        double rhi = Math.exp(hi);
        for (double[] mant : new double[][] {{1, 2, 5}, {1}}) {
            List<Double> t = new ArrayList<>();
            int e0 = (int) Math.floor(Math.log10(rlo)) - 1;
            int e1 = (int) Math.ceil(Math.log10(rhi)) + 1;
            for (int e = e0; e <= e1; e++) {
                for (double m : mant) {
                    t.add(m * Math.pow(10, e));
                }
            }
            // the outermost ticks at or beyond the range
            List<Double> in = new ArrayList<>();
            double below = Double.NaN;
            double above = Double.NaN;
            for (double v : t) {
                if (v < rlo * (1 - 1e-9)) {
                    below = v;
                } else if (v > rhi * (1 + 1e-9)) {
                    if (Double.isNaN(above)) {
                        above = v;
                    }
                } else {
                    in.add(v);
                }
            }
            int inside = in.size();
            if (inside > 9 && mant.length > 1) {
                continue;
            }
            if (inside >= 2) {
                List<Double> all = new ArrayList<>();
                // widen to the next tick only when that does not stretch the axis by more than an eighth
                double span = Math.log(rhi / rlo);
                if (!Double.isNaN(below) && Math.log(rlo / below) < span / 8) {
                    all.add(below);
                }
                all.addAll(in);
                if (!Double.isNaN(above) && Math.log(above / rhi) < span / 8) {
                    all.add(above);
                }
                return all.stream().mapToDouble(Math::log).toArray();
            }
        }
        double[] lin = linearTicks(rlo, rhi, 5);
        List<Double> out = new ArrayList<>();
        for (double v : lin) {
            if (v > 0) {
                out.add(Math.log(v));
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
