package org.metaj.network;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.metaj.data.DataException;
import org.metaj.data.StudyColumns;

/**
 * Arm-level input of a network meta-analysis: one row per arm with its study, its treatment and the measure's
 * columns ({@code events, n}; {@code mean, sd, n}; {@code events, time}). Rows of one study need not be adjacent;
 * studies keep the order of their first row. Validated on construction: every problem is one
 * {@link DataException} naming the source, the row (as a spreadsheet numbers it) and the column. Immutable.
 */
public final class ArmTable {
    private final String source;
    private final NetworkMeasure measure;
    private final List<String> studies;
    /** arms of study s: indices into the per-arm arrays */
    private final int[][] armsOfStudy;
    private final String[] treatment;
    private final double[] a;
    private final double[] b;
    private final double[] n;
    private final int[] rows;

    private ArmTable(String source, NetworkMeasure measure, List<String> studies, int[][] armsOfStudy,
            String[] treatment, double[] a, double[] b, double[] n, int[] rows) {
        this.source = source;
        this.measure = measure;
        this.studies = studies;
        this.armsOfStudy = armsOfStudy;
        this.treatment = treatment;
        this.a = a;
        this.b = b;
        this.n = n;
        this.rows = rows;
    }

    /**
     * Reads the arms from a table whose labels are the studies (column {@code study}) and which has a text (or
     * numeric) column {@code treatment} and the measure's columns.
     *
     * @param cols    the table, as the CSV reader returns it
     * @param measure the measure
     * @return the validated arms
     * @throws DataException for a missing column, a missing or invalid value, a study with one arm, a treatment
     *                       named twice in one study
     */
    public static ArmTable of(StudyColumns cols, NetworkMeasure measure) {
        if (measure == NetworkMeasure.GEN) {
            return ofContrasts(cols);
        }
        String src = cols.source();
        int m = cols.size();
        String[] trt = treatments(cols);
        for (String c : measure.columns()) {
            if (!cols.has(c)) {
                throw new DataException(src, -1, c, String.format(Locale.ROOT,
                        "missing column; a %s network needs one row per arm with columns study, treatment, %s",
                        measure, String.join(", ", measure.columns())));
            }
        }
        double[] a = cols.get(measure.columns().get(0));
        double[] b = measure == NetworkMeasure.MD ? cols.get("sd") : new double[m];
        double[] n = cols.get(measure == NetworkMeasure.IRR ? "time" : "n");
        for (int i = 0; i < m; i++) {
            check(cols, i, measure, a[i], b[i], n[i], trt[i]);
        }
        Map<String, List<Integer>> byStudy = new LinkedHashMap<>();
        String[] labels = cols.labels();
        for (int i = 0; i < m; i++) {
            if (labels[i] == null || labels[i].isBlank()) {
                throw cols.error(i, "study", "missing study name; every arm must name its study");
            }
            byStudy.computeIfAbsent(labels[i], s -> new ArrayList<>()).add(i);
        }
        int[][] arms = new int[byStudy.size()][];
        int s = 0;
        for (Map.Entry<String, List<Integer>> e : byStudy.entrySet()) {
            List<Integer> idx = e.getValue();
            if (idx.size() < 2) {
                throw cols.error(idx.get(0), "study", String.format(Locale.ROOT,
                        "study '%s' has one arm; a study must compare at least two treatments", e.getKey()));
            }
            Map<String, Integer> seen = new HashMap<>();
            for (int i : idx) {
                Integer prev = seen.put(trt[i], i);
                if (prev != null) {
                    throw cols.error(i, "treatment", String.format(Locale.ROOT,
                            "treatment '%s' appears twice in study '%s' (rows %d and %d); combine the arms or "
                                    + "rename one", trt[i], e.getKey(), cols.row(prev), cols.row(i)));
                }
            }
            arms[s++] = idx.stream().mapToInt(Integer::intValue).toArray();
        }
        return new ArmTable(src, measure, List.copyOf(byStudy.keySet()), arms, trt, a, b, n, cols.rows());
    }

    /** Contrast-level input (GEN): each row, a two-arm study, becomes two pseudo-arms. */
    private static ArmTable ofContrasts(StudyColumns cols) {
        String src = cols.source();
        int k = cols.size();
        String[] t1 = treatments(cols, "treat1");
        String[] t2 = treatments(cols, "treat2");
        if (!cols.has("yi")) {
            throw new DataException(src, -1, "yi", "missing column; contrast-level network input needs columns "
                    + "study, treat1, treat2, yi and vi (or sei)");
        }
        double[] yi = cols.get("yi");
        double[] vi;
        if (cols.has("vi")) {
            vi = cols.get("vi");
        } else if (cols.has("sei")) {
            vi = cols.get("sei");
            for (int i = 0; i < k; i++) {
                vi[i] = vi[i] * vi[i];
            }
        } else {
            throw new DataException(src, -1, "vi", "missing column; contrast-level network input needs vi (or sei) "
                    + "beside yi");
        }
        String[] labels = cols.labels();
        Map<String, Integer> seen = new HashMap<>();
        List<String> studies = new ArrayList<>();
        int[][] arms = new int[k][];
        String[] trt = new String[2 * k];
        double[] a = new double[2 * k];
        double[] b = new double[2 * k];
        int[] rows = new int[2 * k];
        for (int i = 0; i < k; i++) {
            if (!Double.isFinite(yi[i])) {
                throw cols.error(i, "yi", "expected a finite effect size, got " + num(yi[i]));
            }
            if (!(vi[i] > 0) || Double.isInfinite(vi[i])) {
                throw cols.error(i, cols.has("vi") ? "vi" : "sei", "the sampling variance must be finite and > 0, "
                        + "got " + num(vi[i]));
            }
            if (t1[i].equals(t2[i])) {
                throw cols.error(i, "treat2", String.format(Locale.ROOT, "treat1 and treat2 are both '%s'; a "
                        + "contrast compares two different treatments", t1[i]));
            }
            String study = labels[i] == null || labels[i].isBlank() ? "row " + cols.row(i) : labels[i];
            Integer prev = seen.put(study, i);
            if (prev != null) {
                throw cols.error(i, "study", String.format(Locale.ROOT, "study '%s' has a second contrast (rows %d "
                        + "and %d); contrast-level input takes two-arm studies: give multi-arm studies one row per "
                        + "arm", study, cols.row(prev), cols.row(i)));
            }
            studies.add(study);
            trt[2 * i] = t1[i];
            a[2 * i] = yi[i];
            b[2 * i] = vi[i];
            trt[2 * i + 1] = t2[i];
            rows[2 * i] = cols.row(i);
            rows[2 * i + 1] = cols.row(i);
            arms[i] = new int[] {2 * i, 2 * i + 1};
        }
        return new ArmTable(src, NetworkMeasure.GEN, List.copyOf(studies), arms, trt, a, b, new double[2 * k], rows);
    }

    private static String[] treatments(StudyColumns cols) {
        return treatments(cols, "treatment");
    }

    private static String[] treatments(StudyColumns cols, String column) {
        if (cols.hasText(column)) {
            String[] t = cols.getText(column);
            for (int i = 0; i < t.length; i++) {
                if (t[i] == null || t[i].isBlank()) {
                    throw cols.error(i, column, "missing treatment name");
                }
                t[i] = t[i].trim();
            }
            return t;
        }
        if (cols.has(column)) {
            double[] v = cols.get(column);
            String[] t = new String[v.length];
            for (int i = 0; i < v.length; i++) {
                if (Double.isNaN(v[i])) {
                    throw cols.error(i, column, "missing treatment name");
                }
                t[i] = v[i] == Math.rint(v[i]) && Math.abs(v[i]) < 1e15 ? Long.toString((long) v[i])
                        : Double.toString(v[i]);
            }
            return t;
        }
        throw new DataException(cols.source(), -1, column, column.equals("treatment")
                ? "missing column; a network needs one row per arm with columns study, treatment and the measure's "
                        + "columns (or one row per two-arm study with study, treat1, treat2, yi, vi)"
                : "missing column; contrast-level network input needs columns study, treat1, treat2, yi and vi");
    }

    private static void check(StudyColumns cols, int i, NetworkMeasure measure, double a, double b, double n,
            String trt) {
        List<String> c = measure.columns();
        switch (measure) {
            case OR, RR, RD -> {
                whole(cols, i, c.get(0), a, 0);
                whole(cols, i, c.get(1), n, 1);
                if (a > n) {
                    throw cols.error(i, "events", String.format(Locale.ROOT,
                            "events (%s) exceed the group size n (%s)", num(a), num(n)));
                }
            }
            case MD -> {
                finite(cols, i, "mean", a);
                if (!(b >= 0) || Double.isInfinite(b)) {
                    throw cols.error(i, "sd", "standard deviation must be a finite number >= 0, got " + num(b));
                }
                whole(cols, i, "n", n, 1);
            }
            case GEN -> throw new IllegalStateException("contrast rows are checked in ofContrasts");
            case IRR -> {
                whole(cols, i, "events", a, 0);
                if (!(n > 0) || Double.isInfinite(n)) {
                    throw cols.error(i, "time", "person-time must be a finite number > 0, got " + num(n));
                }
            }
        }
    }

    private static void finite(StudyColumns cols, int i, String col, double v) {
        if (!Double.isFinite(v)) {
            throw cols.error(i, col, "expected a finite number, got " + num(v));
        }
    }

    private static void whole(StudyColumns cols, int i, String col, double v, double min) {
        if (!(v >= min) || Double.isInfinite(v) || v != Math.rint(v)) {
            throw cols.error(i, col, String.format(Locale.ROOT, "expected a whole number >= %s, got %s",
                    num(min), num(v)));
        }
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "a missing value" : v == Math.rint(v) && Math.abs(v) < 1e15
                ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
    }

    /** @return the file or table name used in messages */
    public String source() {
        return source;
    }

    /** @return the measure */
    public NetworkMeasure measure() {
        return measure;
    }

    /** @return the study names, in the order of their first row */
    public List<String> studies() {
        return studies;
    }

    /** @return the number of studies */
    public int studyCount() {
        return studies.size();
    }

    /** @return the arm indices of study {@code s} (a copy) */
    public int[] arms(int s) {
        return armsOfStudy[s].clone();
    }

    /** @return the treatment of arm {@code i} */
    public String treatment(int i) {
        return treatment[i];
    }

    /** @return the spreadsheet row of arm {@code i} */
    public int row(int i) {
        return rows[i];
    }

    double a(int i) {
        return a[i];
    }

    double b(int i) {
        return b[i];
    }

    double n(int i) {
        return n[i];
    }

    int[] armsView(int s) {
        return armsOfStudy[s];
    }
}
