package org.metaj.plot;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * A minimal SVG writer: string building with XML escaping of every text and attribute value and numbers
 * formatted with {@link Locale#ROOT}. No ids are emitted, so several plots can be inlined in one HTML page.
 */
final class Svg {
    /** Generic font family only: no external fonts. */
    static final String FONT = "sans-serif";

    private final StringBuilder sb = new StringBuilder(8192);

    Svg(double width, double height, String title) {
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"").append(num(width))
                .append("\" height=\"").append(num(height)).append("\" viewBox=\"0 0 ").append(num(width))
                .append(' ').append(num(height)).append("\" font-family=\"").append(FONT)
                .append("\" font-size=\"12\" role=\"img\">\n");
        if (title != null) {
            sb.append("<title>").append(Markup.escape(title)).append("</title>\n");
        }
        sb.append("<rect x=\"0\" y=\"0\" width=\"").append(num(width)).append("\" height=\"").append(num(height))
                .append("\" fill=\"#ffffff\"/>\n");
    }

    /** @return a coordinate with at most two decimals, Locale.ROOT, no exponent */
    static String num(double x) {
        if (!Double.isFinite(x)) {
            return "0";
        }
        double r = Math.round(x * 100) / 100.0;
        if (r == Math.rint(r) && Math.abs(r) < 1e15) {
            return Long.toString((long) r);
        }
        return BigDecimal.valueOf(r).stripTrailingZeros().toPlainString();
    }

    /** @return a data value with up to 10 significant digits, Locale.ROOT */
    static String data(double x) {
        if (Double.isNaN(x)) {
            return "NaN";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "Infinity" : "-Infinity";
        }
        return new BigDecimal(x).round(new MathContext(10)).stripTrailingZeros().toPlainString();
    }

    /** @return a tick label: the shortest representation to 4 significant digits */
    static String tick(double v) {
        if (v == 0 || Math.abs(v) < 1e-12) {
            return "0";
        }
        String s = new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
        return s.replace('-', '\u2212');
    }

    Svg raw(String s) {
        sb.append(s);
        return this;
    }

    Svg open(String tag, String... attrs) {
        sb.append('<').append(tag);
        attrs(attrs);
        sb.append(">\n");
        return this;
    }

    Svg close(String tag) {
        sb.append("</").append(tag).append(">\n");
        return this;
    }

    /** An empty element; attrs are name, value pairs; values are escaped. */
    Svg el(String tag, String... attrs) {
        sb.append('<').append(tag);
        attrs(attrs);
        sb.append("/>\n");
        return this;
    }

    Svg line(double x1, double y1, double x2, double y2, String stroke, double width, String... extra) {
        sb.append("<line x1=\"").append(num(x1)).append("\" y1=\"").append(num(y1)).append("\" x2=\"")
                .append(num(x2)).append("\" y2=\"").append(num(y2)).append("\" stroke=\"").append(stroke)
                .append("\" stroke-width=\"").append(num(width)).append('"');
        attrs(extra);
        sb.append("/>\n");
        return this;
    }

    /**
     * A text element (escaped).
     *
     * @param anchor start, middle or end
     * @param tooltip a full text shown as a {@code <title>} child, or null
     */
    Svg text(double x, double y, String text, String anchor, double size, String tooltip, String... extra) {
        sb.append("<text x=\"").append(num(x)).append("\" y=\"").append(num(y)).append('"');
        if (!"start".equals(anchor)) {
            sb.append(" text-anchor=\"").append(anchor).append('"');
        }
        if (size != 12) {
            sb.append(" font-size=\"").append(num(size)).append('"');
        }
        attrs(extra);
        sb.append('>');
        if (tooltip != null) {
            sb.append("<title>").append(Markup.escape(tooltip)).append("</title>");
        }
        sb.append(Markup.escape(text)).append("</text>\n");
        return this;
    }

    static String points(double... xy) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < xy.length; i += 2) {
            if (i > 0) {
                b.append(' ');
            }
            b.append(num(xy[i])).append(',').append(num(xy[i + 1]));
        }
        return b.toString();
    }

    private void attrs(String[] attrs) {
        if (attrs.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name, value pairs; got " + attrs.length);
        }
        for (int i = 0; i < attrs.length; i += 2) {
            if (attrs[i + 1] == null) {
                continue;
            }
            sb.append(' ').append(attrs[i]).append("=\"").append(Markup.escape(attrs[i + 1])).append('"');
        }
    }

    String finish() {
        sb.append("</svg>\n");
        return sb.toString();
    }
}
