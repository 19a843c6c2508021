package org.metaj.plot;

/**
 * Estimated widths of text in a generic sans-serif font, so that layouts need no font files. The advance widths
 * are about those of DejaVu Sans, the widest common default sans-serif (Helvetica, Arial and Liberation Sans are
 * narrower), so estimates err on the side of more space.
 */
public final class TextMetrics {
    private TextMetrics() {
    }

    /**
     * @param s    text
     * @param size font size in px
     * @return the estimated advance width in px
     */
    public static double width(String s, double size) {
        double em = 0;
        for (int i = 0; i < s.length(); i++) {
            em += charWidth(s.charAt(i));
        }
        return em * size;
    }

    static double charWidth(char c) {
        if (c >= '0' && c <= '9') {
            return 0.636;
        }
        switch (c) {
            case ' ': case '.': case ',': case ':': case ';': case '\'': case '!': case '|':
                return 0.318;
            case 'i': case 'j': case 'l':
                return 0.278;
            case 'f': case 't': case 'r': case '(': case ')': case '[': case ']': case '-': case '/':
                return 0.41;
            case 'm': case 'M': case 'W': case '%': case '\u2014':
                return 0.98;
            case 'w':
                return 0.818;
            case '\u2212': case '+': case '=': case '<': case '>': case '\u00b2':
                return 0.84;
            case 'I':
                return 0.3;
            default:
                if (c >= 'A' && c <= 'Z') {
                    return 0.75;
                }
                if (c >= 'a' && c <= 'z') {
                    return 0.62;
                }
                return c < 0x80 ? 0.62 : 0.8;
        }
    }

    /**
     * Shortens a text to fit a width, ending it with an ellipsis.
     *
     * @return the text itself when it fits, else its longest prefix + "\u2026" that fits
     */
    static String ellipsize(String s, double size, double maxWidth) {
        if (width(s, size) <= maxWidth) {
            return s;
        }
        double ell = width("\u2026", size);
        StringBuilder b = new StringBuilder();
        double w = 0;
        for (int i = 0; i < s.length(); i++) {
            double cw = charWidth(s.charAt(i)) * size;
            if (w + cw + ell > maxWidth) {
                break;
            }
            b.append(s.charAt(i));
            w += cw;
        }
        return b.toString().stripTrailing() + "\u2026";
    }
}
