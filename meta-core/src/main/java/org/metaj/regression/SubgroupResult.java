package org.metaj.regression;

import static org.metaj.model.PrintFormat.fixed2;
import static org.metaj.model.PrintFormat.fixed4;
import static org.metaj.model.PrintFormat.pValue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The immutable result of {@link SubgroupAnalysis#fit}: one pooled result per level and the test for subgroup
 * differences {@code Q_between} on {@code groups - 1} degrees of freedom.
 */
public final class SubgroupResult {
    private final String column;
    private final boolean pooledTau2;
    private final List<Subgroup> subgroups;
    private final double qBetween;
    private final int qBetweenDf;
    private final double qBetweenPval;
    private final List<String> warnings;

    SubgroupResult(String column, boolean pooledTau2, List<Subgroup> subgroups, double qBetween, int qBetweenDf,
            double qBetweenPval, List<String> warnings) {
        this.column = column;
        this.pooledTau2 = pooledTau2;
        this.subgroups = Collections.unmodifiableList(new ArrayList<>(subgroups));
        this.qBetween = qBetween;
        this.qBetweenDf = qBetweenDf;
        this.qBetweenPval = qBetweenPval;
        this.warnings = Collections.unmodifiableList(new ArrayList<>(warnings));
    }

    /** @return the grouping column */
    public String column() {
        return column;
    }

    /** @return whether one tau^2 was pooled across subgroups */
    public boolean pooledTau2() {
        return pooledTau2;
    }

    /** @return the subgroups, levels in sorted order */
    public List<Subgroup> subgroups() {
        return subgroups;
    }

    /**
     * @param level a level of the column
     * @return its subgroup
     */
    public Subgroup subgroup(String level) {
        for (Subgroup s : subgroups) {
            if (s.level().equals(level)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no subgroup '" + level + "' in column " + column + "; levels: "
                + subgroups.stream().map(Subgroup::level).toList());
    }

    /** @return the test statistic for subgroup differences */
    public double qBetween() {
        return qBetween;
    }

    /** @return its degrees of freedom (groups - 1) */
    public int qBetweenDf() {
        return qBetweenDf;
    }

    /** @return its p-value (chi-square) */
    public double qBetweenPval() {
        return qBetweenPval;
    }

    /** @return warnings, including those of each subgroup's fit (prefixed with the level) */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * @return {@code subgroup_<level>_estimate|se|pval|tau2|k|ci_lb|ci_ub|I2} and
     *         {@code Q_between Q_between_df Q_between_pval}
     */
    public Map<String, Number> figures() {
        return figures("subgroup_", "");
    }

    Map<String, Number> figures(String prefix, String testPrefix) {
        Map<String, Number> f = new LinkedHashMap<>();
        for (Subgroup s : subgroups) {
            String pre = prefix + s.level() + "_";
            f.put(pre + "k", s.k());
            f.put(pre + "estimate", s.estimate());
            f.put(pre + "se", s.se());
            f.put(pre + "pval", s.pval());
            f.put(pre + "ci_lb", s.ciLb());
            f.put(pre + "ci_ub", s.ciUb());
            f.put(pre + "tau2", s.tau2());
            f.put(pre + "I2", s.i2());
        }
        f.put(testPrefix + "Q_between", qBetween);
        f.put(testPrefix + "Q_between_df", qBetweenDf);
        f.put(testPrefix + "Q_between_pval", qBetweenPval);
        return f;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Subgroups by %s (%s)%n%n", column,
                pooledTau2 ? "one tau^2 pooled across subgroups" : "a separate tau^2 in each subgroup"));
        int w = 8;
        for (Subgroup s : subgroups) {
            w = Math.max(w, s.level().length());
        }
        sb.append(String.format(Locale.ROOT, "%-" + w + "s %4s %10s %9s %9s %9s %9s %9s %7s%n", "level", "k",
                "estimate", "se", "pval", "ci.lb", "ci.ub", "tau2", "I2"));
        for (Subgroup s : subgroups) {
            sb.append(String.format(Locale.ROOT, "%-" + w + "s %4d %10s %9s %9s %9s %9s %9s %7s%n", s.level(),
                    s.k(), fixed4(s.estimate()), fixed4(s.se()),
                    pValue(s.pval()), fixed4(s.ciLb()),
                    fixed4(s.ciUb()), fixed4(s.tau2()),
                    fixed2(s.i2())));
        }
        sb.append(String.format(Locale.ROOT, "%nTest for Subgroup Differences:%nQ_between(df = %d) = %s, p-val %s%n",
                qBetweenDf, fixed4(qBetween), pValue(qBetweenPval)));
        for (String s : warnings) {
            sb.append("Warning: ").append(s).append('\n');
        }
        return sb.toString();
    }
}
