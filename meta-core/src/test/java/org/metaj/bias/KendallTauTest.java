package org.metaj.bias;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KendallTauTest {

    @Test
    void nullDistributionIsTheInversionCount() {
        // inversions of permutations of 4: 1, 3, 5, 6, 5, 3, 1 (Mahonian numbers, sum 24), counted by hand
        assertEquals(1 / 24.0, KendallTau.lowerTail(0, 4), 1e-15);
        assertEquals(4 / 24.0, KendallTau.lowerTail(1, 4), 1e-15);
        assertEquals(9 / 24.0, KendallTau.lowerTail(2, 4), 1e-15);
        assertEquals(15 / 24.0, KendallTau.lowerTail(3, 4), 1e-15);
        assertEquals(23 / 24.0, KendallTau.lowerTail(5, 4), 1e-15);
        assertEquals(1.0, KendallTau.lowerTail(6, 4), 0);
        assertEquals(0.0, KendallTau.lowerTail(-1, 4), 0);
    }

    @Test
    void exactPValueMatchesR() {
        // R 4: cor.test(1:10, c(2,1,4,3,6,5,8,7,10,9), method = "kendall") -> tau 0.7777..., p 0.000946318342151642
        double[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        double[] y = {2, 1, 4, 3, 6, 5, 8, 7, 10, 9};
        KendallTau k = KendallTau.test(x, y);
        assertTrue(k.exact);
        assertEquals(0.777777777777777790, k.tau, 1e-15);
        assertEquals(0.000946318342151642, k.pval, 1e-15);
    }

    @Test
    void exactAlsoForFiftyOrMoreWithoutTies() {
        // metafor's ranktest asks for exact = TRUE, so R is exact at any k without ties:
        // R 4: x <- 1:60; y <- (x * 37) %% 61; cor.test(x, y, method = "kendall", exact = TRUE)
        //      -> tau 0.0542372881355932, p 0.5461705542961226
        double[] x = new double[60];
        double[] y = new double[60];
        for (int i = 1; i <= 60; i++) {
            x[i - 1] = i;
            y[i - 1] = (i * 37) % 61;
        }
        KendallTau k = KendallTau.test(x, y);
        assertTrue(k.exact);
        assertEquals(0.0542372881355932, k.tau, 1e-14);
        assertEquals(0.5461705542961226, k.pval, 1e-13);
    }

    @Test
    void tiesUseTheNormalApproximation() {
        // by hand: x = 1,2,3,4, y = 1,1,2,3: concordant 5, discordant 0, one tie in y -> tau_b = 5/sqrt(6*5)
        KendallTau k = KendallTau.test(new double[] {1, 2, 3, 4}, new double[] {1, 1, 2, 3});
        assertFalse(k.exact);
        assertEquals(5 / Math.sqrt(30), k.tau, 1e-15);
    }
}
