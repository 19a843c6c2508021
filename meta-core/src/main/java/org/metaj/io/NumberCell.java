package org.metaj.io;

import java.util.Locale;

/**
 * Reads one CSV cell as a number in a single left-to-right pass (time linear in the cell's length; no regular
 * expression, so no backtracking: a cell of 100,000 digits followed by a letter is rejected in microseconds).
 *
 * <p>Grammar: optional sign, digits with an optional decimal mark and fraction (at least one digit in all), an
 * optional exponent {@code e[+-]digits}; or {@code Inf}, {@code Infinity}, {@code NaN} (any case), which are
 * numbers but not finite. The other mark (',' when the decimal mark is '.', and '.' when it is ',') is a thousands
 * separator only in its one valid form, digit groups {@code d{1,3}(,ddd)+} before any decimal mark:
 * <ul>
 *   <li>{@code 1.234,5} or {@code 1.234.567} (decimal mark ',') can only be grouped thousands: read as 1234.5 and
 *       1234567;</li>
 *   <li>{@code 1.200} (decimal mark ',') is 1200 in that convention but 1.2 in the other one: <b>ambiguous</b>,
 *       refused (issue 19: it was read as 1.2 and a group size of 1.2 was accepted);</li>
 *   <li>{@code 0.5} or {@code 12.34} (decimal mark ',') cannot be grouping: a decimal point in a file with decimal
 *       commas, refused as <b>mixed marks</b>.</li>
 * </ul>
 */
final class NumberCell {
    /** What a cell holds. */
    enum Kind {
        /** A finite number. */
        NUMBER,
        /** Inf, -Inf, NaN or a number beyond double range (1e400). */
        NON_FINITE,
        /** Not a number. */
        NOT_A_NUMBER,
        /** One group of three digits after the other mark: 1.200 is 1200 or 1.2. */
        AMBIGUOUS,
        /** The other mark used as a decimal mark: 0.5 in a file with decimal commas. */
        MIXED_MARKS
    }

    /**
     * @param kind  what the cell holds
     * @param value the number (NUMBER, NON_FINITE), else NaN
     */
    record Parsed(Kind kind, double value) {
    }

    private static final Parsed NOT_A_NUMBER = new Parsed(Kind.NOT_A_NUMBER, Double.NaN);
    private static final Parsed AMBIGUOUS = new Parsed(Kind.AMBIGUOUS, Double.NaN);
    private static final Parsed MIXED = new Parsed(Kind.MIXED_MARKS, Double.NaN);

    private NumberCell() {
    }

    /**
     * @param cell    the trimmed cell, not a missing-value token
     * @param decimal the decimal mark, '.' or ','
     * @return what the cell holds
     */
    static Parsed parse(String cell, char decimal) {
        char group = decimal == '.' ? ',' : '.';
        int n = cell.length();
        int i = 0;
        boolean negative = false;
        if (i < n && (cell.charAt(i) == '+' || cell.charAt(i) == '-')) {
            negative = cell.charAt(i) == '-';
            i++;
        }
        if (i < n && Character.isLetter(cell.charAt(i))) {
            String word = cell.substring(i).toLowerCase(Locale.ROOT);
            if (word.equals("inf") || word.equals("infinity")) {
                return new Parsed(Kind.NON_FINITE, negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
            }
            if (word.equals("nan") && i == 0) {
                return new Parsed(Kind.NON_FINITE, Double.NaN);
            }
            return NOT_A_NUMBER;
        }
        StringBuilder plain = new StringBuilder(n);
        if (negative) {
            plain.append('-');
        }
        // integer part, with optional grouping marks
        int digits = 0;
        int groups = 0; // grouping marks seen
        int run = 0; // digits since the last grouping mark
        boolean badGroup = false;
        boolean leadingZero = i < n && cell.charAt(i) == '0';
        while (i < n) {
            char c = cell.charAt(i);
            if (c >= '0' && c <= '9') {
                plain.append(c);
                digits++;
                run++;
            } else if (c == group) {
                if (groups == 0) {
                    badGroup |= run < 1 || run > 3 || leadingZero;
                } else {
                    badGroup |= run != 3;
                }
                groups++;
                run = 0;
            } else {
                break;
            }
            i++;
        }
        if (groups > 0) {
            badGroup |= run != 3;
        }
        boolean hasDecimal = false;
        if (i < n && cell.charAt(i) == decimal) {
            hasDecimal = true;
            plain.append('.');
            i++;
            while (i < n && cell.charAt(i) >= '0' && cell.charAt(i) <= '9') {
                plain.append(cell.charAt(i));
                digits++;
                i++;
            }
        }
        if (digits == 0) {
            return NOT_A_NUMBER;
        }
        boolean hasExponent = false;
        if (i < n && (cell.charAt(i) == 'e' || cell.charAt(i) == 'E')) {
            hasExponent = true;
            plain.append('e');
            i++;
            if (i < n && (cell.charAt(i) == '+' || cell.charAt(i) == '-')) {
                plain.append(cell.charAt(i));
                i++;
            }
            int e = 0;
            while (i < n && cell.charAt(i) >= '0' && cell.charAt(i) <= '9') {
                plain.append(cell.charAt(i));
                e++;
                i++;
            }
            if (e == 0) {
                return NOT_A_NUMBER;
            }
        }
        if (i < n) {
            // a grouping mark after the decimal mark, or any other character
            return groups == 0 && !hasDecimal && cell.charAt(i) == group ? MIXED : NOT_A_NUMBER;
        }
        if (groups > 0) {
            if (badGroup) {
                // 0.5, 12.34 or 1.2.3 with decimal commas: the other mark used as a decimal mark
                return groups == 1 && !hasDecimal ? MIXED : NOT_A_NUMBER;
            }
            if (groups == 1 && !hasDecimal && !hasExponent) {
                return AMBIGUOUS;
            }
            if (hasExponent) {
                return NOT_A_NUMBER;
            }
        }
        double v = Double.parseDouble(plain.toString());
        return Double.isFinite(v) ? new Parsed(Kind.NUMBER, v) : new Parsed(Kind.NON_FINITE, v);
    }

    /**
     * @param cell    the trimmed cell
     * @param decimal the decimal mark
     * @return true if the cell holds one decimal mark followed by exactly three digits after one to three leading
     *         digits (not starting with 0) and nothing else: 1,200 with decimal commas, which in a column of counts
     *         is more likely 1200 written with a thousands separator than 1.2
     */
    static boolean looksGrouped(String cell, char decimal) {
        int n = cell.length();
        int i = cell.startsWith("+") || cell.startsWith("-") ? 1 : 0;
        int mark = cell.indexOf(decimal, i);
        if (mark < 0 || n - mark - 1 != 3 || mark - i < 1 || mark - i > 3 || cell.charAt(i) == '0') {
            return false;
        }
        for (int j = i; j < n; j++) {
            char c = cell.charAt(j);
            if (j != mark && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }
}
