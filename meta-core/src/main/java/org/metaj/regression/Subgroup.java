package org.metaj.regression;

import org.metaj.model.MetaResult;

/**
 * The pooled result of one subgroup.
 *
 * @param level    the level of the grouping column
 * @param k        studies in the subgroup
 * @param estimate pooled estimate
 * @param se       its standard error
 * @param pval     its two-sided p-value
 * @param ciLb     lower confidence bound
 * @param ciUb     upper confidence bound
 * @param tau2     tau^2 (the subgroup's own, or the one pooled across subgroups)
 * @param i2       I^2 in percent
 * @param result   the subgroup's full meta-analysis when each subgroup has its own tau^2, else {@code null}
 */
public record Subgroup(String level, int k, double estimate, double se, double pval, double ciLb, double ciUb,
        double tau2, double i2, MetaResult result) {
}
