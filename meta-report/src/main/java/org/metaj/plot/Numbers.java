package org.metaj.plot;

import java.util.Locale;

/**
 * Numbers as people read them on plots and in reports ({@link Locale#ROOT} always): fixed decimals with a true minus
 * sign (U+2212), "NA" for NaN, no "-0.00"; p-values in the "p &lt; 0.001" style.
 */
public final class Numbers {
    private Numbers() {
    }

    /**
     * @param x      a number
     * @param digits decimals
     * @return {@code x} with {@code digits} decimals, "NA" for NaN, "\u221e"/"\u2212\u221e" for infinities, minus as
     *         U+2212 and no negative zero
     */
    public static String fixed(double x, int digits) {
        if (Double.isNaN(x)) {
            return "NA";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "\u221e" : "\u2212\u221e";
        }
        String s = String.format(Locale.ROOT, "%." + digits + "f", x);
        if (s.matches("-0\\.?0*")) {
            s = s.substring(1);
        }
        return s.replace('-', '\u2212');
    }

    /**
     * @param p a p-value
     * @return "p &lt; 0.001" below 0.001, "p = 0.004" (three decimals) below 0.01, else "p = 0.04" (two decimals);
     *         "p = NA" for NaN
     */
    public static String pValue(double p) {
        if (Double.isNaN(p)) {
            return "p = NA";
        }
        if (p < 0.001) {
            return "p < 0.001";
        }
        return "p = " + String.format(Locale.ROOT, p < 0.01 ? "%.3f" : "%.2f", p);
    }
}
