package org.metaj.tau2;

/**
 * When a tau^2 estimator gives zero, stated in terms of Cochran's statistic {@code Q = Q(0)} (common-effect weights)
 * alone; the tau^2 contract suite checks each estimator against the rule its registry line names.
 */
public enum Truncation {
    /** No rule in {@code Q} alone (HE, HSk, SJ, ML, REML, GENQ: positive or zero by their own formulas). */
    NONE,
    /** Zero by assumption, whatever the data (the common-effect model, Mantel-Haenszel, Peto). */
    ALWAYS,
    /** Zero exactly when {@code Q <= k - p} (DL and PM, and iterative DL whose first step is DL). */
    AT_DF,
    /**
     * Zero in the limit when {@code Q <= k - p}: the iteration approaches the boundary geometrically and stops within
     * its convergence threshold of 0; positive when {@code Q > k - p} (EB, iterative SJ).
     */
    TOWARDS_DF,
    /** Zero exactly when {@code Q <= k} (Hunter-Schmidt). */
    AT_K,
    /** Zero exactly when {@code Q <=} the median of the chi-square distribution with {@code k - p} df (PMM). */
    AT_CHISQ_MEDIAN
}
