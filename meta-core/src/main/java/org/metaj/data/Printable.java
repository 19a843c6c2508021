package org.metaj.data;

import java.util.Locale;

/**
 * Makes text from the data (study labels, column names, category values) safe to print on a terminal: the one
 * sanitiser of text output, as {@code Markup.escape} is of markup. A label is data, not instructions to the
 * terminal, so characters that steer a terminal or reorder the rest of a line are shown as escapes instead of
 * taking effect:
 * <ul>
 *   <li>C0 controls except line feed and tab (ESC starts terminal control sequences; a carriage return rewrites
 *       the line), DEL, and C1 controls U+0080..U+009F (U+009B is a one-character CSI): {@code \x1B};</li>
 *   <li>bidirectional embeddings, overrides and isolates U+202A..U+202E and U+2066..U+2069, which when left
 *       unterminated reverse the rest of the line (Unicode TR 9; "Trojan Source", Boucher &amp; Anderson 2021),
 *       and the line and paragraph separators U+2028, U+2029: {@code \u202E}.</li>
 * </ul>
 * Letters of every script, right-to-left ones included, and the implicit marks LRM/RLM pass unchanged.
 */
public final class Printable {
    private Printable() {
    }

    /**
     * @param s text, may be {@code null}
     * @return the text with the characters above escaped ({@code "null"} for {@code null}); line feeds and tabs are
     *         kept, so a multi-line report keeps its lines
     */
    public static String sanitize(String s) {
        if (s == null) {
            return "null";
        }
        int n = s.length();
        int i = 0;
        while (i < n && !unsafe(s.charAt(i))) {
            i++;
        }
        if (i == n) {
            return s;
        }
        StringBuilder b = new StringBuilder(n + 16).append(s, 0, i);
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (!unsafe(c)) {
                b.append(c);
            } else if (c < 0x100) {
                b.append(String.format(Locale.ROOT, "\\x%02X", (int) c));
            } else {
                b.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
            }
        }
        return b.toString();
    }

    /**
     * @param s text, may be {@code null}
     * @return {@link #sanitize} of the text on one line: line feeds and tabs escaped too
     */
    public static String oneLine(String s) {
        return sanitize(s).replace("\n", "\\x0A").replace("\t", "\\x09");
    }

    private static boolean unsafe(char c) {
        if (c < 0x20) {
            return c != '\n' && c != '\t';
        }
        return c == 0x7F || (c >= 0x80 && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)
                || c == 0x2028 || c == 0x2029;
    }
}
