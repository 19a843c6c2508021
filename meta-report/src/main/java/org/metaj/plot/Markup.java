package org.metaj.plot;

/** Text for XML and HTML markup: the one escaping routine of the SVG plots and the HTML report. */
public final class Markup {
    private Markup() {
    }

    /**
     * XML-escapes {@code & < > " '} and drops characters that XML 1.0 forbids.
     *
     * @param s any text, may be null
     * @return the escaped text ("" for null)
     */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&': b.append("&amp;"); break;
                case '<': b.append("&lt;"); break;
                case '>': b.append("&gt;"); break;
                case '"': b.append("&quot;"); break;
                case '\'': b.append("&#39;"); break;
                default:
                    if (c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF)) {
                        b.append(c);
                    }
            }
        }
        return b.toString();
    }
}
