package org.metaj.model;

import java.util.Locale;

/**
 * Numbers in the plain-text printouts ({@code toString()}) of the result types, in the layout of metafor's print
 * methods: four decimals, two for percentages, p-values as {@code < .0001} below 1e-4; "NA" for NaN;
 * {@link Locale#ROOT} always. Shared by {@link MetaResult} and the regression results.
 */
public final class PrintFormat {
    private PrintFormat() {
    }

    /** @return {@code x} with four decimals, "NA" for NaN */
    public static String fixed4(double x) {
        return Double.isNaN(x) ? "NA" : String.format(Locale.ROOT, "%.4f", x);
    }

    /** @return {@code x} with two decimals, "NA" for NaN */
    public static String fixed2(double x) {
        return Double.isNaN(x) ? "NA" : String.format(Locale.ROOT, "%.2f", x);
    }

    /** @return a p-value with four decimals, "&lt; .0001" below 1e-4, "NA" for NaN */
    public static String pValue(double p) {
        return Double.isNaN(p) ? "NA" : p < 1e-4 ? "< .0001" : String.format(Locale.ROOT, "%.4f", p);
    }
}
