package org.metaj.model;

/**
 * The tests that accompany a Mantel-Haenszel fit, as metafor's {@code rma.mh} reports them (its fields {@code MH,
 * MHp, BD, BDp, TA, TAp}). Undefined figures are NaN: the Breslow-Day and Tarone tests exist only for odds ratios
 * (and need two informative tables for a p-value), the Cochran-Mantel-Haenszel test for odds ratios and incidence
 * rate ratios.
 *
 * <ul>
 * <li>Cochran-Mantel-Haenszel test of a common odds ratio of 1 (Cochran 1954, Biometrics 10:417; Mantel &amp;
 * Haenszel 1959, J Natl Cancer Inst 22:719), with the continuity correction 1/2:
 * {@code CMH = (|sum(a_i - n1_i m1_i / N_i)| - 1/2)^2 / sum(n1_i n2_i m1_i m2_i / (N_i^2 (N_i - 1)))}, m1 = a + c,
 * m2 = b + d; for incidence rates (Rothman, Greenland &amp; Lash 2008, Modern Epidemiology, 3rd ed., ch. 15)
 * {@code (|sum(x1_i - x_i t1_i / T_i)| - 1/2)^2 / sum(x_i t1_i t2_i / T_i^2)}, x = x1 + x2, T = t1 + t2; chi^2 on
 * 1 df.</li>
 * <li>Breslow-Day test of homogeneity of the odds ratios (Breslow &amp; Day 1980, IARC Sci Publ 32, sec. 4.4):
 * {@code BD = sum((a_i - A_i)^2 / (1/A_i + 1/B_i + 1/C_i + 1/D_i)^-1)}, where A_i is the expected count of cell a under
 * the common Mantel-Haenszel odds ratio psi with the table's margins fixed, the root in
 * {@code (0, min(n1, m1))} of {@code A (n2 - m1 + A) = psi (n1 - A)(m1 - A)}; over the tables with A &gt; 0 and
 * both margins m1, m2 positive; chi^2 on (that number - 1) df.</li>
 * <li>Tarone's correction of it (Tarone 1985, Biometrika 72:91):
 * {@code TA = BD - (sum(a_i - A_i))^2 / sum((1/A_i + 1/B_i + 1/C_i + 1/D_i)^-1)}, same df.</li>
 * </ul>
 *
 * @param cmh            Cochran-Mantel-Haenszel statistic (metafor {@code MH})
 * @param cmhPval        its p-value ({@code MHp})
 * @param breslowDay     Breslow-Day statistic ({@code BD})
 * @param breslowDayPval its p-value ({@code BDp})
 * @param tarone         Tarone's statistic ({@code TA})
 * @param taronePval     its p-value ({@code TAp})
 */
public record MhTests(double cmh, double cmhPval, double breslowDay, double breslowDayPval, double tarone,
        double taronePval) {
}
