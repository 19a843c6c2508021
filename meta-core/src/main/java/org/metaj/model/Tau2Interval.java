package org.metaj.model;

/**
 * Q-profile confidence interval for tau^2 (Viechtbauer 2007, Stat Med 26:37) and the intervals for tau, I^2 and
 * H^2 that follow from it by monotone transformation. Matches metafor {@code confint(rma(...))}.
 *
 * @param tau2Lb     lower bound of tau^2
 * @param tau2Ub     upper bound of tau^2
 * @param tauLb      lower bound of tau
 * @param tauUb      upper bound of tau
 * @param i2Lb       lower bound of I^2 (percent)
 * @param i2Ub       upper bound of I^2 (percent)
 * @param h2Lb       lower bound of H^2
 * @param h2Ub       upper bound of H^2
 * @param level      confidence level, e.g. 0.95
 * @param truncatedLower true if the lower bound was set to 0 because Q(0) is below the critical value
 * @param hitLimit   true if a bound reached the search limit and is itself only a bound
 */
public record Tau2Interval(double tau2Lb, double tau2Ub, double tauLb, double tauUb, double i2Lb, double i2Ub,
        double h2Lb, double h2Ub, double level, boolean truncatedLower, boolean hitLimit) {
}
