package org.metaj.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** Terminal control sequences and bidi overrides in labels are shown, not obeyed (issue 19, messages). */
class PrintableTest {
    @Test
    void controlsAndBidiOverridesAreEscaped() {
        assertEquals("\\x1B[2J\\x1B]0;pwned\\x07Smith", Printable.sanitize("\u001b[2J\u001b]0;pwned\u0007Smith"));
        assertEquals("a\\x0Db", Printable.sanitize("a\rb"));
        assertEquals("\\x9B31m \\x7F", Printable.sanitize("\u009b31m \u007f"));
        assertEquals("\\u202Eevil\\u2066x\\u2069 \\u2028", Printable.sanitize("\u202eevil\u2066x\u2069 \u2028"));
        assertEquals("line 1\n\tline 2", Printable.sanitize("line 1\n\tline 2"));
        assertEquals("line 1\\x0A\\x09line 2", Printable.oneLine("line 1\n\tline 2"));
    }

    @Test
    void textOfEveryScriptPassesUnchanged() {
        String s = "M\u00fcller \u05d9\u05e9\u05e8\u05d0\u05dc \u0645\u0635\u0631 \u4e2d\u6587 \u200f\u200e \ud83d\ude00";
        assertSame(s, Printable.sanitize(s));
    }
}
