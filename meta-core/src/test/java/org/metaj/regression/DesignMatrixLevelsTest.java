package org.metaj.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.metaj.data.DataException;
import org.metaj.data.StudyColumns;

/**
 * A text moderator with about as many levels as studies (a label used as a moderator) is refused with a message
 * naming the column, rather than fitted with a dummy per study for minutes (issue 19, "Scale without surprises").
 */
class DesignMatrixLevelsTest {
    private static StudyColumns withLevels(int k, int levels) {
        String[] s = new String[k];
        for (int i = 0; i < k; i++) {
            s[i] = "L" + (i % levels);
        }
        return StudyColumns.builder(k).source("m.csv").textColumn("tag", s).build();
    }

    @Test
    void moreDummiesThanHalfTheStudiesAreRefused() {
        for (int k : new int[] {4, 10, 41, 1000}) {
            int most = k / 2 + 1; // levels, so k/2 dummies
            assertEquals(most, DesignMatrix.fromColumns(withLevels(k, most), "tag").p());
            DataException e = assertThrows(DataException.class,
                    () -> DesignMatrix.fromColumns(withLevels(k, most + 1), "tag"));
            assertEquals("tag", e.column());
            assertEquals("m.csv", e.source());
            assertTrue(e.getMessage().contains("would need " + most + " dummy coefficients"), e.getMessage());
        }
    }
}
