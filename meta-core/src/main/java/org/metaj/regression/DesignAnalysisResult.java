package org.metaj.regression;

import static org.metaj.model.PrintFormat.fixed4;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.metaj.model.MetaResult;

/**
 * The immutable result of {@link DesignAnalysis#fit}: the sham-controlled and pragmatic classes pooled separately
 * with their test for a difference, and the trials against an active comparator pooled on their own.
 */
public final class DesignAnalysisResult {
    private final SubgroupResult tested;
    private final MetaResult active;
    private final List<String> warnings;

    DesignAnalysisResult(SubgroupResult tested, MetaResult active, List<String> warnings) {
        this.tested = tested;
        this.active = active;
        this.warnings = Collections.unmodifiableList(new ArrayList<>(warnings));
    }

    /** @return the sham-controlled and pragmatic subgroups and the test of their difference */
    public SubgroupResult comparison() {
        return tested;
    }

    /** @return the sham-controlled class, or {@code null} if there is none */
    public Subgroup shamControlled() {
        return find(DesignAnalysis.SHAM);
    }

    /** @return the pragmatic class, or {@code null} if there is none */
    public Subgroup pragmatic() {
        return find(DesignAnalysis.PRAGMATIC);
    }

    /** @return the pooled trials against an active comparator, or {@code null} if there are none */
    public MetaResult active() {
        return active;
    }

    /** @return warnings */
    public List<String> warnings() {
        return warnings;
    }

    private Subgroup find(String level) {
        for (Subgroup s : tested.subgroups()) {
            if (s.level().equals(level)) {
                return s;
            }
        }
        return null;
    }

    /**
     * @return {@code design_<class>_k|estimate|se|pval|ci_lb|ci_ub|tau2|I2} for sham-controlled, pragmatic and
     *         active, and {@code design_Q_between design_Q_between_df design_Q_between_pval}
     */
    public Map<String, Number> figures() {
        Map<String, Number> f = new LinkedHashMap<>(tested.figures("design_", "design_"));
        if (active != null) {
            String pre = "design_" + DesignAnalysis.ACTIVE + "_";
            f.put(pre + "k", active.k());
            f.put(pre + "estimate", active.estimate());
            f.put(pre + "se", active.se());
            f.put(pre + "pval", active.pval());
            f.put(pre + "ci_lb", active.ciLb());
            f.put(pre + "ci_ub", active.ciUb());
            f.put(pre + "tau2", active.tau2());
            f.put(pre + "I2", active.i2());
        }
        return f;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("By design: sham-controlled vs pragmatic trials\n\n");
        sb.append(tested);
        if (active != null) {
            sb.append(String.format(Locale.ROOT, "%nActive comparator (k = %d, outside the test): %s [%s, %s]%n",
                    active.k(), fixed4(active.estimate()), fixed4(active.ciLb()),
                    fixed4(active.ciUb())));
        }
        return sb.toString();
    }
}
