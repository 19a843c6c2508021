package org.metaj.sensitivity;

/** Small text helpers for the printed tables of this package. */
final class Text {
    private Text() {
    }

    static String clip(String s, int width) {
        if (s == null) {
            return "";
        }
        return s.length() <= width ? s : s.substring(0, width - 1) + "~";
    }
}
