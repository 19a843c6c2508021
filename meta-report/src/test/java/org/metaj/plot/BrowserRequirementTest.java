package org.metaj.plot;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** The browser tests' rule: skip without a browser, fail without one under CI=true. */
class BrowserRequirementTest {
    @Test
    void skipsLocallyFailsInCiRunsWithABrowser() {
        assertThrows(TestAbortedException.class, () -> BrowserRenderTest.requireBrowser(false, null));
        assertThrows(TestAbortedException.class, () -> BrowserRenderTest.requireBrowser(false, "false"));
        assertThrows(AssertionFailedError.class, () -> BrowserRenderTest.requireBrowser(false, "true"));
        assertDoesNotThrow(() -> BrowserRenderTest.requireBrowser(true, "true"));
        assertDoesNotThrow(() -> BrowserRenderTest.requireBrowser(true, null));
    }
}
