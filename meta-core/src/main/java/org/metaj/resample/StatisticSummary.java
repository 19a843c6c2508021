package org.metaj.resample;

import java.util.EnumMap;
import java.util.Map;

/**
 * The bootstrap summary of one {@link Statistic}: observed value, mean of the successful replicates,
 * {@code bias = mean - observed}, standard error (standard deviation of the replicates, divisor {@code n - 1};
 * Efron &amp; Tibshirani 1993, eq. 6.6) and the confidence interval of each {@link IntervalType}. Immutable.
 */
public final class StatisticSummary {
    private final Statistic statistic;
    private final double observed;
    private final double mean;
    private final double se;
    private final int n;
    private final Map<IntervalType, double[]> intervals;

    StatisticSummary(Statistic statistic, double observed, double[] sorted, double acceleration, double level) {
        this.statistic = statistic;
        this.observed = observed;
        this.n = sorted.length;
        double m = 0;
        for (double t : sorted) {
            m += t;
        }
        m = n > 0 ? m / n : Double.NaN;
        double ss = 0;
        for (double t : sorted) {
            ss += (t - m) * (t - m);
        }
        this.mean = m;
        this.se = n > 1 ? Math.sqrt(ss / (n - 1)) : Double.NaN;
        double alpha = 1 - level;
        double lo = Quantiles.quantile(sorted, alpha / 2);
        double hi = Quantiles.quantile(sorted, 1 - alpha / 2);
        double z = org.metaj.stats.Probabilities.normalQuantile(1 - alpha / 2);
        double bias = m - observed;
        Map<IntervalType, double[]> ci = new EnumMap<>(IntervalType.class);
        ci.put(IntervalType.PERCENTILE, new double[] {lo, hi});
        ci.put(IntervalType.BASIC, new double[] {2 * observed - hi, 2 * observed - lo});
        ci.put(IntervalType.NORMAL, new double[] {observed - bias - z * se, observed - bias + z * se});
        ci.put(IntervalType.BCA, Quantiles.bca(sorted, observed, acceleration, level));
        this.intervals = ci;
    }

    /** @return which statistic */
    public Statistic statistic() {
        return statistic;
    }

    /** @return the value in the original fit */
    public double observed() {
        return observed;
    }

    /** @return the mean of the successful replicates */
    public double mean() {
        return mean;
    }

    /** @return {@code mean - observed} */
    public double bias() {
        return mean - observed;
    }

    /** @return the bootstrap standard error */
    public double se() {
        return se;
    }

    /** @return the number of successful replicates summarised */
    public int n() {
        return n;
    }

    /** @return the lower bound of the interval of the given type (NaN if undefined, e.g. BCa with z0 infinite) */
    public double lower(IntervalType t) {
        return intervals.get(t)[0];
    }

    /** @return the upper bound of the interval of the given type */
    public double upper(IntervalType t) {
        return intervals.get(t)[1];
    }
}
