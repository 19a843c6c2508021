package org.metaj.model;

/**
 * One coefficient of a fitted model (a meta-regression, a multilevel, network or GLMM model).
 *
 * @param name      column name of the design ({@code intrcpt}, {@code ablat}, {@code allocrandom})
 * @param estimate  the weighted least-squares estimate
 * @param se        its standard error (Knapp-Hartung adjusted under that test)
 * @param statistic z (or t under Knapp-Hartung) statistic
 * @param pval      two-sided p-value
 * @param ciLb      lower confidence bound
 * @param ciUb      upper confidence bound
 */
public record Coefficient(String name, double estimate, double se, double statistic, double pval, double ciLb,
        double ciUb) {
}
