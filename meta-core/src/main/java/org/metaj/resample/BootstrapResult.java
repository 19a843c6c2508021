package org.metaj.resample;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of a {@link Bootstrap} run: the replicate arrays (indexed by replicate, NaN where the fit failed),
 * the number of failed replicates and, for each {@link Statistic}, a {@link StatisticSummary} over the successful
 * replicates. Immutable.
 */
public final class BootstrapResult {
    private final Bootstrap config;
    private final double level;
    private final int replicates;
    private final int failed;
    private final Map<Statistic, double[]> values = new EnumMap<>(Statistic.class);
    private final Map<Statistic, StatisticSummary> summaries = new EnumMap<>(Statistic.class);
    private final Map<Statistic, double[]> jackknife = new EnumMap<>(Statistic.class);

    BootstrapResult(Bootstrap config, Spec s, double level, Bootstrap.Replicates reps, double[][] loo) {
        this.config = config;
        this.level = level;
        this.replicates = reps.estimate.length;
        int f = 0;
        for (double e : reps.estimate) {
            if (Double.isNaN(e)) {
                f++;
            }
        }
        this.failed = f;
        double[] sortedTau2 = null;
        for (Statistic st : Statistic.values()) {
            double[] all = reps.of(st);
            values.put(st, all);
            double[] ok = new double[replicates - f];
            if (st == Statistic.TAU && sortedTau2 != null) {
                // tau = sqrt(tau2) is monotone: its order statistics are the roots of tau2's
                for (int i = 0; i < ok.length; i++) {
                    ok[i] = Math.sqrt(sortedTau2[i]);
                }
            } else {
                int n = 0;
                for (int r = 0; r < replicates; r++) {
                    if (!Double.isNaN(reps.estimate[r])) {
                        ok[n++] = all[r];
                    }
                }
                Quantiles.sort(ok);
            }
            if (st == Statistic.TAU2) {
                sortedTau2 = ok;
            }
            double[] j = loo[st.ordinal()];
            jackknife.put(st, j.clone());
            summaries.put(st, new StatisticSummary(st, s.observed[st.ordinal()], ok, Quantiles.acceleration(j),
                    level));
        }
    }

    /** @return the configuration that produced this result */
    public Bootstrap config() {
        return config;
    }

    /** @return the confidence level of the intervals */
    public double level() {
        return level;
    }

    /** @return the number of replicates drawn (including failed ones) */
    public int replicates() {
        return replicates;
    }

    /** @return the number of replicates whose fit failed or did not converge (excluded from the summaries) */
    public int failed() {
        return failed;
    }

    /** @return the summary of a statistic */
    public StatisticSummary summary(Statistic s) {
        return summaries.get(s);
    }

    /** @return a copy of the B replicate values of a statistic, in replicate order; NaN where the fit failed */
    public double[] values(Statistic s) {
        return values.get(s).clone();
    }

    /** @return a copy of the leave-one-out values used for the BCa acceleration */
    public double[] jackknifeValues(Statistic s) {
        return jackknife.get(s).clone();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%s bootstrap, %d replicates (%d failed), seed %d, level %.3g%n",
                config.type().name().toLowerCase(Locale.ROOT), replicates, failed, config.seed(), level));
        for (Statistic st : Statistic.values()) {
            StatisticSummary s = summaries.get(st);
            b.append(String.format(Locale.ROOT, "%-8s observed %.6g  bias %.6g  se %.6g  percentile [%.6g, %.6g]%n",
                    st.key(), s.observed(), s.bias(), s.se(), s.lower(IntervalType.PERCENTILE),
                    s.upper(IntervalType.PERCENTILE)));
        }
        return b.toString();
    }
}
