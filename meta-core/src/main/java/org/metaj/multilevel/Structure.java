package org.metaj.multilevel;

import java.util.Locale;

/**
 * The variance-covariance structure {@code G} of the correlated random effects of a term {@code ~ inner | outer}
 * (metafor's {@code struct}): the true effects of the {@code L} levels of {@code inner} within one level of
 * {@code outer} have covariance matrix {@code G} (L x L); different levels of {@code outer} are independent.
 * Levels are indexed in sorted order. With variances {@code tau2_a} and correlations {@code rho}:
 *
 * <ul>
 * <li>{@link #CS} compound symmetry: {@code G_aa = tau2}, {@code G_ab = rho tau2};
 * <li>{@link #HCS} heteroscedastic CS: {@code G_aa = tau2_a}, {@code G_ab = rho sqrt(tau2_a tau2_b)};
 * <li>{@link #UN} unstructured: {@code G_ab = rho_ab sqrt(tau2_a tau2_b)}, one rho per pair, ordered as R's lower
 * triangle column by column ((2,1), (3,1), ..., (L,1), (3,2), ...);
 * <li>{@link #AR} first-order autoregressive: {@code G_ab = tau2 rho^|a-b|};
 * <li>{@link #HAR} heteroscedastic AR: {@code G_ab = sqrt(tau2_a tau2_b) rho^|a-b|};
 * <li>{@link #ID} identity: {@code G = tau2 I};
 * <li>{@link #DIAG} diagonal: {@code G = diag(tau2_a)}.
 * </ul>
 *
 * (Viechtbauer 2010, J Stat Softw 36(3); Berkey, Hoaglin, Antczak-Bouckoms, Mosteller &amp; Colditz 1998, Stat Med
 * 17:2537 for the multivariate model; Ishak, Platt, Joseph, Hanley &amp; Caro 2007, Clin Trials 4:451 for AR.)
 *
 * <p>The optimiser works on the transformed scale {@code log tau2} and {@code atanh rho};
 * {@link #derivative} gives {@code dG} with respect to those transformed parameters.
 */
public enum Structure {
    /** compound symmetry (one variance, one correlation) */
    CS,
    /** heteroscedastic compound symmetry (a variance per level, one correlation) */
    HCS,
    /** unstructured (a variance per level, a correlation per pair) */
    UN,
    /** first-order autoregressive (one variance, one correlation) */
    AR,
    /** heteroscedastic AR(1) (a variance per level, one correlation) */
    HAR,
    /** identity (one variance, no correlation) */
    ID,
    /** diagonal (a variance per level, no correlation) */
    DIAG;

    /**
     * @param name the structure's name, case-insensitive
     * @return the structure
     * @throws IllegalArgumentException naming the accepted names
     */
    public static Structure parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown variance structure '" + name
                    + "'; expected CS, HCS, UN, AR, HAR, ID or DIAG");
        }
    }

    /** @return the number of variances for {@code levels} levels of the inner factor */
    public int tau2Count(int levels) {
        return switch (this) {
            case CS, AR, ID -> 1;
            case HCS, UN, HAR, DIAG -> levels;
        };
    }

    /** @return the number of correlations for {@code levels} levels of the inner factor */
    public int rhoCount(int levels) {
        return switch (this) {
            case CS, HCS, AR, HAR -> 1;
            case UN -> levels * (levels - 1) / 2;
            case ID, DIAG -> 0;
        };
    }

    /** @return the fewest levels of the inner factor the structure can be estimated with */
    public int minLevels() {
        return switch (this) {
            case CS, HCS, UN, AR, HAR -> 2;
            case ID, DIAG -> 1;
        };
    }

    private double var(double[] tau2, int a) {
        return tau2.length == 1 ? tau2[0] : tau2[a];
    }

    /** index in the UN correlation vector of the pair (a, b), a != b: R's lower triangle column by column */
    static int pairIndex(int a, int b, int levels) {
        int i = Math.max(a, b);
        int j = Math.min(a, b);
        // columns 0..j-1 hold (L-1) + (L-2) + ... + (L-j) pairs
        return j * levels - j * (j + 1) / 2 + (i - j - 1);
    }

    /** AR correlation rho^lag, with 0^0 = 1 */
    private static double pow(double rho, int lag) {
        double r = 1;
        for (int t = 0; t < lag; t++) {
            r *= rho;
        }
        return r;
    }

    /**
     * Fills {@code G}.
     *
     * @param tau2   the variances, length {@link #tau2Count} (not modified)
     * @param rho    the correlations, length {@link #rhoCount} (not modified)
     * @param levels L
     * @param g      out: G, row-major L x L (modified)
     */
    public void fill(double[] tau2, double[] rho, int levels, double[] g) {
        for (int a = 0; a < levels; a++) {
            for (int b = 0; b < levels; b++) {
                double v;
                if (a == b) {
                    v = var(tau2, a);
                } else {
                    v = switch (this) {
                        case CS -> rho[0] * tau2[0];
                        case HCS -> rho[0] * Math.sqrt(tau2[a] * tau2[b]);
                        case UN -> rho[pairIndex(a, b, levels)] * Math.sqrt(tau2[a] * tau2[b]);
                        case AR -> tau2[0] * pow(rho[0], Math.abs(a - b));
                        case HAR -> Math.sqrt(tau2[a] * tau2[b]) * pow(rho[0], Math.abs(a - b));
                        case ID, DIAG -> 0.0;
                    };
                }
                g[a * levels + b] = v;
            }
        }
    }

    /**
     * The derivative of {@code G} with respect to one transformed parameter: {@code q < tau2Count} is
     * {@code log tau2_q}, else {@code atanh rho_(q - tau2Count)}.
     *
     * @param tau2   the variances (not modified)
     * @param rho    the correlations (not modified)
     * @param levels L
     * @param q      the parameter
     * @param dg     out: dG/dq, row-major L x L (modified)
     */
    public void derivative(double[] tau2, double[] rho, int levels, int q, double[] dg) {
        int nt = tau2Count(levels);
        if (q < nt) {
            // d/dlog tau2_q: G_ab scales with sqrt(tau2_a tau2_b) (or tau2 for one variance)
            fill(tau2, rho, levels, dg);
            for (int a = 0; a < levels; a++) {
                for (int b = 0; b < levels; b++) {
                    double f;
                    if (nt == 1) {
                        f = 1;
                    } else {
                        f = ((a == q ? 1 : 0) + (b == q ? 1 : 0)) / 2.0;
                    }
                    dg[a * levels + b] *= f;
                }
            }
            return;
        }
        int r = q - nt;
        for (int a = 0; a < levels; a++) {
            for (int b = 0; b < levels; b++) {
                double v = 0;
                if (a != b) {
                    double jac = 1 - rho[r] * rho[r]; // d rho / d atanh(rho)
                    int lag = Math.abs(a - b);
                    v = switch (this) {
                        case CS -> tau2[0] * jac;
                        case HCS -> Math.sqrt(tau2[a] * tau2[b]) * jac;
                        case UN -> pairIndex(a, b, levels) == r ? Math.sqrt(tau2[a] * tau2[b]) * jac : 0.0;
                        case AR -> tau2[0] * lag * pow(rho[0], lag - 1) * jac;
                        case HAR -> Math.sqrt(tau2[a] * tau2[b]) * lag * pow(rho[0], lag - 1) * jac;
                        case ID, DIAG -> 0.0;
                    };
                }
                dg[a * levels + b] = v;
            }
        }
    }
}
