package org.metaj.data;

import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Conversions between Tablesaw {@link Table}s and {@link StudyColumns}.
 */
public final class Tables {
    /** Name of the column that labels the studies. */
    public static final String STUDY = "study";

    private Tables() {
    }

    /**
     * Converts a table to study columns: numeric columns become {@code double[]} (missing values as NaN), all other
     * columns become text columns (missing values, {@link Cells#isMissing}, as {@code null}); a column named {@code study} supplies the
     * labels (it is also kept as a text column). The source is the table's name; the spreadsheet row of the
     * {@code i}-th record (0-based) is {@code i + 2}, the header being row 1.
     *
     * @param table the table
     * @return the study columns
     */
    public static StudyColumns toStudyColumns(Table table) {
        int k = table.rowCount();
        StudyColumns.Builder b = StudyColumns.builder(k).source(table.name());
        int[] rows = new int[k];
        for (int i = 0; i < k; i++) {
            rows[i] = i + 2;
        }
        b.rows(rows);
        for (Column<?> c : table.columns()) {
            if (c instanceof NumericColumn<?> && !STUDY.equals(c.name())) {
                NumericColumn<?> n = (NumericColumn<?>) c;
                double[] v = new double[k];
                for (int i = 0; i < k; i++) {
                    v[i] = n.isMissing(i) ? Double.NaN : n.getDouble(i);
                }
                b.column(c.name(), v);
            } else {
                String[] s = new String[k];
                for (int i = 0; i < k; i++) {
                    s[i] = c.isMissing(i) || Cells.isMissing(c.getString(i)) ? null : c.getString(i);
                }
                b.textColumn(c.name(), s);
                if (STUDY.equals(c.name())) {
                    String[] l = new String[k];
                    for (int i = 0; i < k; i++) {
                        l[i] = s[i] != null ? s[i] : "Study " + (i + 1);
                    }
                    b.labels(l);
                }
            }
        }
        return b.build();
    }
}
