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
        // The interaction model's information matrix is block-diagonal by design (a design's parameters appear in
        // its studies only): fit it design by design and add the scores, residual sums of squares and dfs.
        int designs = c.designs().size();
        java.util.List<ConsistencyFit> parts = new java.util.ArrayList<>();
        int p = 0;
        for (int g = 0; g < designs; g++) {
            java.util.List<Integer> members = new java.util.ArrayList<>();
            for (int s = 0; s < c.studyCount(); s++) {
                if (c.design(s) == g) {
                    members.add(s);
                }
            }
            Contrasts sub = c.subset(members.stream().mapToInt(Integer::intValue).toArray());
            int q = sub.yView(0).length;
            int[][] plus = new int[sub.studyCount()][q];
            int[] minus = new int[sub.studyCount()];
            for (int s = 0; s < sub.studyCount(); s++) {
                for (int j = 0; j < q; j++) {
                    plus[s][j] = j;
                }
                minus[s] = -1;
            }
            parts.add(new ConsistencyFit(sub, q, plus, minus));
            p += q;
        }
        double tau2 = 0;
        if (random) {
            tau2 = ConsistencyFit.remlRoot(t -> {
                double sc = 0;
                for (ConsistencyFit f : parts) {
                    sc += f.evaluate(t, true);
                }
                return sc;
            }, ConsistencyFit.meanVariance(c));
        }
        double rss = 0;
        for (ConsistencyFit f : parts) {
            f.evaluate(tau2, false);
            rss += f.rss;
        }
        ConsistencyFit cons = new ConsistencyFit(c);
        cons.evaluate(tau2, false);
        double q = Math.max(cons.rss - rss, 0);
        int df = p - cons.p;
        return new DesignByTreatment(tau2, q, df, df > 0 ? Probabilities.chiSquareUpper(q, df) : Double.NaN);
    }
}
