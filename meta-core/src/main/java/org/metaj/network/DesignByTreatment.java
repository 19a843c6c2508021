package org.metaj.network;

import org.metaj.stats.Probabilities;

/**
 * The global test of the design-by-treatment interaction model (Higgins, Jackson, Barrett, Lu, Ades &amp; White
 * 2012, Res Synth Methods 3:98; in the form of Krahn, Binder &amp; König 2013): the model that gives every design
 * its own effects (one parameter per contrast of each design) against the consistency model. Under a common
 * effect the statistic is {@code Q_inc}. Under random effects, tau^2 is estimated (REML) in the
 * design-by-treatment model — heterogeneity within designs only — and the statistic is the difference of the two
 * models' generalised residual sums of squares at that tau^2 (a Wald-type test), chi-squared on the difference in
 * the number of parameters.
 *
 * @param tau2      the heterogeneity variance used (0 under FE; the design-by-treatment model's REML estimate)
 * @param q         the statistic
 * @param df        its degrees of freedom
 * @param pval      its p-value (NaN with 0 df)
 */
public record DesignByTreatment(double tau2, double q, int df, double pval) {

    static DesignByTreatment of(Contrasts c, boolean random) {
        int studies = c.studyCount();
        int[] offset = new int[c.designs().size()];
        int p = 0;
        int[] size = new int[c.designs().size()];
        for (int s = 0; s < studies; s++) {
            size[c.design(s)] = c.yView(s).length;
        }
        for (int g = 0; g < offset.length; g++) {
            offset[g] = p;
            p += size[g];
        }
        int[][] plus = new int[studies][];
        int[] minus = new int[studies];
        for (int s = 0; s < studies; s++) {
            int q = c.yView(s).length;
            plus[s] = new int[q];
            for (int j = 0; j < q; j++) {
                plus[s][j] = offset[c.design(s)] + j;
            }
            minus[s] = -1;
        }
        ConsistencyFit dbt = new ConsistencyFit(c, p, plus, minus);
        double tau2 = random ? dbt.fitReml() : 0;
        dbt.evaluate(tau2, false);
        ConsistencyFit cons = new ConsistencyFit(c);
        cons.evaluate(tau2, false);
        double q = Math.max(cons.rss - dbt.rss, 0);
        int df = p - cons.p;
        return new DesignByTreatment(tau2, q, df, df > 0 ? Probabilities.chiSquareUpper(q, df) : Double.NaN);
    }
}
