package org.metaj.data;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Raw per-study input columns (metafor's names: {@code m1i, sd1i, n1i, ai, bi, ri, ni, xi, x1i, t1i, yi, vi, ...}),
 * immutable and columnar. Besides the numbers it remembers where each study came from (source name and the
 * spreadsheet row of each study) so that every error can name file, row and column.
 *
 * <p>Arrays are copied on the way in and on the way out.
 */
public final class StudyColumns {
    private final String source;
    private final String[] labels;
    private final int[] rows;
    private final Map<String, double[]> numeric;
    private final Map<String, String[]> text;

    private StudyColumns(String source, String[] labels, int[] rows, Map<String, double[]> numeric,
            Map<String, String[]> text) {
        this.source = source;
        this.labels = labels;
        this.rows = rows;
        this.numeric = numeric;
        this.text = text;
    }

    /** @return a builder for {@code k} studies */
    public static Builder builder(int k) {
        return new Builder(k);
    }

    /** @return the number of studies */
    public int size() {
        return labels.length;
    }

    /** @return the source name (file or table), or {@code null} */
    public String source() {
        return source;
    }

    /** @return a copy of the study labels */
    public String[] labels() {
        return labels.clone();
    }

    /** @return label of study {@code i} */
    public String label(int i) {
        return labels[i];
    }

    /** @return the spreadsheet row (1-based, header = 1) of study {@code i} */
    public int row(int i) {
        return rows[i];
    }

    /** @return a copy of the spreadsheet rows */
    public int[] rows() {
        return rows.clone();
    }

    /** @return true if a numeric column of that name exists */
    public boolean has(String name) {
        return numeric.containsKey(name);
    }

    /** @return true if a text column of that name exists */
    public boolean hasText(String name) {
        return text.containsKey(name);
    }

    /** @return the names of the numeric columns, in insertion order */
    public Set<String> numericNames() {
        return Collections.unmodifiableSet(numeric.keySet());
    }

    /** @return the names of the text columns, in insertion order */
    public Set<String> textNames() {
        return Collections.unmodifiableSet(text.keySet());
    }

    /**
     * @param name column name
     * @return a copy of the numeric column
     * @throws DataException if there is no such column
     */
    public double[] get(String name) {
        double[] v = numeric.get(name);
        if (v == null) {
            throw new DataException(source, -1, name,
                    "missing column; numeric columns present: " + numeric.keySet());
        }
        return v.clone();
    }

    /**
     * @param name column name
     * @return a copy of the text column
     * @throws DataException if there is no such column
     */
    public String[] getText(String name) {
        String[] v = text.get(name);
        if (v == null) {
            throw new DataException(source, -1, name, "missing column; text columns present: " + text.keySet());
        }
        return v.clone();
    }

    /** @return an error for study {@code i} in {@code column} */
    public DataException error(int i, String column, String problem) {
        return new DataException(source, rows[i], column, problem);
    }

    /**
     * Keeps only the studies whose index is listed, in that order.
     *
     * @param keep indices into this table
     * @return a new table
     */
    public StudyColumns subset(int[] keep) {
        Builder b = new Builder(keep.length).source(source);
        String[] l = new String[keep.length];
        int[] r = new int[keep.length];
        for (int j = 0; j < keep.length; j++) {
            l[j] = labels[keep[j]];
            r[j] = rows[keep[j]];
        }
        b.labels(l).rows(r);
        for (Map.Entry<String, double[]> e : numeric.entrySet()) {
            double[] src = e.getValue();
            double[] dst = new double[keep.length];
            for (int j = 0; j < keep.length; j++) {
                dst[j] = src[keep[j]];
            }
            b.column(e.getKey(), dst);
        }
        for (Map.Entry<String, String[]> e : text.entrySet()) {
            String[] src = e.getValue();
            String[] dst = new String[keep.length];
            for (int j = 0; j < keep.length; j++) {
                dst[j] = src[keep[j]];
            }
            b.textColumn(e.getKey(), dst);
        }
        return b.build();
    }

    /** Builder; every array is copied. */
    public static final class Builder {
        private final int k;
        private String source;
        private String[] labels;
        private int[] rows;
        private final Map<String, double[]> numeric = new LinkedHashMap<>();
        private final Map<String, String[]> text = new LinkedHashMap<>();

        private Builder(int k) {
            if (k < 0) {
                throw new IllegalArgumentException("number of studies must be >= 0, got " + k);
            }
            this.k = k;
        }

        /** @param s source name for error messages (file name) */
        public Builder source(String s) {
            this.source = s;
            return this;
        }

        /** @param l study labels, length k */
        public Builder labels(String... l) {
            check("labels", l.length);
            this.labels = l.clone();
            return this;
        }

        /** @param l study labels, length k */
        public Builder labels(List<String> l) {
            return labels(l.toArray(new String[0]));
        }

        /** @param r spreadsheet rows (1-based, header = 1), length k */
        public Builder rows(int... r) {
            check("rows", r.length);
            this.rows = r.clone();
            return this;
        }

        /** @param name column name; @param values length k */
        public Builder column(String name, double... values) {
            check(name, values.length);
            numeric.put(name, values.clone());
            return this;
        }

        /** @param name column name; @param values length k */
        public Builder textColumn(String name, String... values) {
            check(name, values.length);
            text.put(name, values.clone());
            return this;
        }

        private void check(String name, int n) {
            if (n != k) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "column %s has %d values, expected %d (one per study)", name, n, k));
            }
        }

        /** @return the immutable table */
        public StudyColumns build() {
            String[] l = labels;
            if (l == null) {
                l = new String[k];
                for (int i = 0; i < k; i++) {
                    l[i] = "Study " + (i + 1);
                }
            }
            int[] r = rows;
            if (r == null) {
                r = new int[k];
                for (int i = 0; i < k; i++) {
                    r[i] = i + 2;
                }
            }
            return new StudyColumns(source, l, r, new LinkedHashMap<>(numeric), new LinkedHashMap<>(text));
        }
    }

    @Override
    public String toString() {
        return "StudyColumns[" + (source == null ? "" : source + ", ") + "k=" + labels.length + ", numeric="
                + numeric.keySet() + ", text=" + text.keySet() + ", labels=" + Arrays.toString(labels) + "]";
    }
}
