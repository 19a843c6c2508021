package org.metaj.data;

import java.util.Locale;
import java.util.Set;

/**
 * The one definition of a missing value in a table cell, used for numeric and text columns alike (by the CSV
 * reader and by {@link Tables}): an empty cell, or one of {@value #TOKENS_TEXT} in any letter case. {@code NaN}
 * is not among them: in a numeric column it is an error (it usually comes from a failed computation), in a text
 * column it is text.
 */
public final class Cells {
    /** The tokens, as documented in README.md. */
    public static final String TOKENS_TEXT = "NA, N/A, #N/A, .";

    private static final Set<String> TOKENS = Set.of("na", "n/a", "#n/a", ".");

    private Cells() {
    }

    /**
     * @param cell a cell as read (leading and trailing white space is ignored), or {@code null}
     * @return true if the cell is a missing value
     */
    public static boolean isMissing(String cell) {
        if (cell == null) {
            return true;
        }
        String s = cell.strip();
        return s.isEmpty() || s.length() <= 4 && TOKENS.contains(s.toLowerCase(Locale.ROOT));
    }
}
