package org.metaj.model;

import org.metaj.data.StudyColumns;
import org.metaj.data.StudyData;

/** The raw (uncorrected) 2x2 counts of the studies, read from the data's columns. */
record CountTables(double[] a, double[] b, double[] c, double[] d) {

    static CountTables of(StudyData data, String method) {
        StudyColumns cols = data.columns();
        if (!(cols.has("ai") && cols.has("ci") && (cols.has("bi") || cols.has("n1i"))
                && (cols.has("di") || cols.has("n2i")))) {
            throw new IllegalArgumentException(method
                    + " needs 2x2 counts (columns ai, bi, ci, di or ai, n1i, ci, n2i); the data have "
                    + cols.numericNames());
        }
        double[] a = cols.get("ai");
        double[] c = cols.get("ci");
        double[] b = cols.has("bi") ? cols.get("bi") : minus(cols.get("n1i"), a);
        double[] d = cols.has("di") ? cols.get("di") : minus(cols.get("n2i"), c);
        return new CountTables(a, b, c, d);
    }

    private static double[] minus(double[] n, double[] x) {
        double[] r = new double[n.length];
        for (int i = 0; i < n.length; i++) {
            r[i] = n[i] - x[i];
        }
        return r;
    }

    int k() {
        return a.length;
    }

    /** @return true if study i has no events in both groups or no non-events in both groups */
    boolean doubleZero(int i) {
        return (a[i] == 0 && c[i] == 0) || (b[i] == 0 && d[i] == 0);
    }
}
