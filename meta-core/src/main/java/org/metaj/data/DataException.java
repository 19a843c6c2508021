package org.metaj.data;

import java.util.Locale;

/**
 * Bad study data: names the source, the row (1-based, as a spreadsheet shows it, header = row 1), the column
 * and what was expected. It is an {@link IllegalArgumentException}, so library callers that do not care about
 * the structure can treat it as one.
 */
public final class DataException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int row;
    private final String column;
    private final String problem;

    /**
     * @param source  the file or table name, or {@code null}
     * @param row     the 1-based row as shown in a spreadsheet, or {@code -1} when the problem is not tied to a row
     * @param column  the column name, or {@code null}
     * @param problem what is wrong and what was expected
     */
    public DataException(String source, int row, String column, String problem) {
        super(format(source, row, column, problem));
        this.source = source;
        this.row = row;
        this.column = column;
        this.problem = problem;
    }

    private static String format(String source, int row, String column, String problem) {
        StringBuilder sb = new StringBuilder();
        if (source != null) {
            sb.append(source).append(": ");
        }
        if (row >= 0) {
            sb.append(String.format(Locale.ROOT, "row %d", row));
            sb.append(column != null ? ", " : ": ");
        }
        if (column != null) {
            sb.append("column ").append(column).append(": ");
        }
        sb.append(problem);
        return sb.toString();
    }

    /** @return the source (file or table) name, or {@code null} */
    public String source() {
        return source;
    }

    /** @return the 1-based spreadsheet row, or {@code -1} */
    public int row() {
        return row;
    }

    /** @return the column name, or {@code null} */
    public String column() {
        return column;
    }

    /** @return the description of the problem, without source, row and column */
    public String problem() {
        return problem;
    }
}
