package org.metaj.glmm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.metaj.data.DataException;
import org.metaj.data.StudyColumns;

/**
 * The studies a count model is fitted to: the counts (as doubles), the moderator matrix and the labels, after the
 * checks and the omissions metafor's {@code rma.glmm} makes: rows with a missing value in a used column are left
 * out (warning); two-group studies without events in both groups, or (odds ratios) without non-events in both, are
 * left out ({@code drop00 = TRUE}, warning). Impossible counts are errors naming the row and column.
 *
 * @param measure  the measure
 * @param labels   study labels
 * @param c1       events: a (OR), x1 (IRR), x (PLO, IRLN)
 * @param n1       group size n1 (OR), person-time t1 (IRR), n (PLO), t (IRLN)
 * @param c2       events of group 2: c (OR), x2 (IRR); null for one group
 * @param n2       n2 (OR), t2 (IRR); null for one group
 * @param x        the moderator matrix k x p, row-major, intercept first
 * @param names    coefficient names ({@code intrcpt}, then the moderators)
 * @param warnings what was left out, and why
 */
record CountStudies(CountMeasure measure, List<String> labels, double[] c1, double[] n1, double[] c2, double[] n2,
        double[] x, List<String> names, List<String> warnings) {

    int k() {
        return c1.length;
    }

    int p() {
        return names.size();
    }

    static CountStudies of(StudyColumns cols, CountMeasure m, List<String> mods) {
        int k = cols.size();
        List<String> warnings = new ArrayList<>();
        double[] a;
        double[] s1;
        double[] c = null;
        double[] s2 = null;
        String[] colNames;
        switch (m) {
            case OR: {
                require(cols, m, "ai", "ci");
                if (!(cols.has("bi") || cols.has("n1i")) || !(cols.has("di") || cols.has("n2i"))) {
                    throw new IllegalArgumentException("--measure OR --glmm needs columns ai, bi, ci, di or ai, n1i, "
                            + "ci, n2i; the data have " + cols.numericNames());
                }
                a = cols.get("ai");
                c = cols.get("ci");
                s1 = cols.has("n1i") ? cols.get("n1i") : plus(a, cols.get("bi"));
                s2 = cols.has("n2i") ? cols.get("n2i") : plus(c, cols.get("di"));
                colNames = new String[] {"ai", cols.has("n1i") ? "n1i" : "bi", "ci", cols.has("n2i") ? "n2i" : "di"};
                break;
            }
            case IRR:
                require(cols, m, "x1i", "t1i", "x2i", "t2i");
                a = cols.get("x1i");
                s1 = cols.get("t1i");
                c = cols.get("x2i");
                s2 = cols.get("t2i");
                colNames = new String[] {"x1i", "t1i", "x2i", "t2i"};
                break;
            case PLO:
                require(cols, m, "xi", "ni");
                a = cols.get("xi");
                s1 = cols.get("ni");
                colNames = new String[] {"xi", "ni"};
                break;
            case IRLN:
                require(cols, m, "xi", "ti");
                a = cols.get("xi");
                s1 = cols.get("ti");
                colNames = new String[] {"xi", "ti"};
                break;
            default:
                throw new AssertionError(m);
        }
        for (String mod : mods) {
            if (!cols.has(mod)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "--mods: no numeric column '%s'; numeric columns: %s", mod, cols.numericNames()));
            }
        }
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            boolean missing = Double.isNaN(a[i]) || Double.isNaN(s1[i]) || (c != null && Double.isNaN(c[i]))
                    || (s2 != null && Double.isNaN(s2[i]));
            for (String mod : mods) {
                missing |= Double.isNaN(cols.get(mod)[i]);
            }
            if (missing) {
                warnings.add(String.format(Locale.ROOT, "study '%s' (row %d) left out: a missing value",
                        cols.label(i), cols.row(i)));
                continue;
            }
            check(cols, i, colNames[0], a[i], m == CountMeasure.IRR || m == CountMeasure.IRLN ? "events" : "events");
            checkSize(cols, i, m, colNames[1], a[i], s1[i]);
            if (c != null) {
                check(cols, i, colNames[2], c[i], "events");
                checkSize(cols, i, m, colNames[3], c[i], s2[i]);
            }
            if (m == CountMeasure.OR) {
                if (s1[i] == 0 && s2[i] == 0) {
                    throw cols.error(i, "n1i", String.format(Locale.ROOT,
                            "study '%s' has a table with all cells zero (no participants in either group)",
                            cols.label(i)));
                }
                boolean noEvents = a[i] == 0 && c[i] == 0;
                boolean noNon = a[i] == s1[i] && c[i] == s2[i];
                if (noEvents || noNon) {
                    warnings.add(String.format(Locale.ROOT, "study '%s' (row %d) left out: no %s in both groups "
                            + "(metafor's drop00)", cols.label(i), cols.row(i), noEvents ? "events" : "non-events"));
                    continue;
                }
            }
            if (m == CountMeasure.IRR && a[i] == 0 && c[i] == 0) {
                warnings.add(String.format(Locale.ROOT, "study '%s' (row %d) left out: no events in both groups "
                        + "(metafor's drop00)", cols.label(i), cols.row(i)));
                continue;
            }
            keep.add(i);
        }
        int kk = keep.size();
        int p = 1 + mods.size();
        double[] x = new double[kk * p];
        List<String> labels = new ArrayList<>();
        double[] ka = new double[kk];
        double[] k1 = new double[kk];
        double[] kc = c == null ? null : new double[kk];
        double[] k2 = s2 == null ? null : new double[kk];
        for (int r = 0; r < kk; r++) {
            int i = keep.get(r);
            labels.add(cols.label(i));
            ka[r] = a[i];
            k1[r] = s1[i];
            if (kc != null) {
                kc[r] = c[i];
                k2[r] = s2[i];
            }
            x[r * p] = 1;
            for (int j = 0; j < mods.size(); j++) {
                x[r * p + 1 + j] = cols.get(mods.get(j))[i];
            }
        }
        List<String> names = new ArrayList<>();
        names.add("intrcpt");
        names.addAll(mods);
        return new CountStudies(m, List.copyOf(labels), ka, k1, kc, k2, x, List.copyOf(names),
                List.copyOf(warnings));
    }

    private static void require(StudyColumns cols, CountMeasure m, String... names) {
        for (String n : names) {
            if (!cols.has(n)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "--measure %s --glmm needs columns %s; the data have %s", m, String.join(", ", names),
                        cols.numericNames()));
            }
        }
    }

    private static double[] plus(double[] u, double[] v) {
        double[] r = new double[u.length];
        for (int i = 0; i < u.length; i++) {
            r[i] = u[i] + v[i];
        }
        return r;
    }

    private static void check(StudyColumns cols, int i, String col, double v, String what) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw cols.error(i, col, String.format(Locale.ROOT, "study '%s' has %s count %s; expected a count >= 0",
                    cols.label(i), what, v));
        }
        if (v != Math.rint(v)) {
            throw cols.error(i, col, String.format(Locale.ROOT, "study '%s' has count %s; expected a whole number",
                    cols.label(i), v));
        }
    }

    private static void checkSize(StudyColumns cols, int i, CountMeasure m, String col, double events, double size) {
        boolean time = m == CountMeasure.IRR || m == CountMeasure.IRLN;
        if (time) {
            if (!(size > 0) || Double.isInfinite(size)) {
                throw cols.error(i, col, String.format(Locale.ROOT,
                        "study '%s' has person-time %s; expected a person-time > 0", cols.label(i), size));
            }
            return;
        }
        if (!(size >= 0) || size != Math.rint(size) || Double.isInfinite(size)) {
            throw cols.error(i, col, String.format(Locale.ROOT,
                    "study '%s' has group size %s; expected a whole number >= 0", cols.label(i), size));
        }
        if (events > size) {
            throw cols.error(i, col, String.format(Locale.ROOT,
                    "study '%s' has %s events but group size %s; expected events <= group size", cols.label(i),
                    events, size));
        }
    }

    /**
     * metafor's {@code escalc} sampling variances of the study effects with its defaults (add 1/2 to every cell of a
     * study with a zero cell): OR {@code 1/a + 1/b + 1/c + 1/d}; IRR {@code 1/x1 + 1/x2}; PLO {@code 1/x + 1/(n - x)};
     * IRLN {@code 1/x}. They enter only I^2 and H^2 (the typical within-study variance).
     */
    double[] escalcVariances() {
        int k = k();
        double[] v = new double[k];
        for (int i = 0; i < k; i++) {
            switch (measure) {
                case OR: {
                    double a = c1[i], b = n1[i] - c1[i], c = c2[i], d = n2[i] - c2[i];
                    double add = (a == 0 || b == 0 || c == 0 || d == 0) ? 0.5 : 0;
                    v[i] = 1 / (a + add) + 1 / (b + add) + 1 / (c + add) + 1 / (d + add);
                    break;
                }
                case IRR: {
                    double add = (c1[i] == 0 || c2[i] == 0) ? 0.5 : 0;
                    v[i] = 1 / (c1[i] + add) + 1 / (c2[i] + add);
                    break;
                }
                case PLO: {
                    double add = (c1[i] == 0 || c1[i] == n1[i]) ? 0.5 : 0;
                    v[i] = 1 / (c1[i] + add) + 1 / (n1[i] - c1[i] + add);
                    break;
                }
                case IRLN: {
                    double add = c1[i] == 0 ? 0.5 : 0;
                    v[i] = 1 / (c1[i] + add);
                    break;
                }
                default:
                    throw new AssertionError(measure);
            }
        }
        return v;
    }
}
