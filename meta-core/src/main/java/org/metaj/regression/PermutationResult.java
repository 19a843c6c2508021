package org.metaj.regression;

import static org.metaj.model.PrintFormat.pValue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The immutable result of a {@link PermutationTest}: permutation p-values of each coefficient and of QM. */
public final class PermutationResult {
    private final List<String> names;
    private final double[] pvals;
    private final double qmPval;
    private final boolean exact;
    private final long evaluated;
    private final long failed;
    private final double arrangements;
    private final double seed;
    private final List<String> warnings;

    PermutationResult(List<String> names, double[] pvals, double qmPval, boolean exact, long evaluated, long failed,
            double arrangements, double seed, List<String> warnings) {
        this.names = List.copyOf(names);
        this.pvals = pvals.clone();
        this.qmPval = qmPval;
        this.exact = exact;
        this.evaluated = evaluated;
        this.failed = failed;
        this.arrangements = arrangements;
        this.seed = seed;
        this.warnings = Collections.unmodifiableList(new ArrayList<>(warnings));
    }

    /** @return coefficient names */
    public List<String> names() {
        return names;
    }

    /**
     * @param name coefficient name
     * @return its permutation p-value
     */
    public double pval(String name) {
        int j = names.indexOf(name);
        if (j < 0) {
            throw new IllegalArgumentException("no coefficient '" + name + "'; coefficients: " + names);
        }
        return pvals[j];
    }

    /** @return a copy of the permutation p-values, in coefficient order */
    public double[] pvals() {
        return pvals.clone();
    }

    /** @return permutation p-value of the omnibus test QM */
    public double qmPval() {
        return qmPval;
    }

    /** @return whether every arrangement was enumerated */
    public boolean exact() {
        return exact;
    }

    /** @return arrangements refitted successfully (the denominator of the p-values) */
    public long evaluated() {
        return evaluated;
    }

    /** @return arrangements whose refit failed */
    public long failed() {
        return failed;
    }

    /** @return warnings */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * @return {@code coef_<name>_permutation_pval}, {@code QM_permutation_pval}, {@code permutation_iterations},
     *         {@code permutation_exact} (1 or 0)
     */
    public Map<String, Number> figures() {
        Map<String, Number> f = new LinkedHashMap<>();
        for (int j = 0; j < names.size(); j++) {
            f.put("coef_" + names.get(j) + "_permutation_pval", pvals[j]);
        }
        f.put("QM_permutation_pval", qmPval);
        f.put("permutation_iterations", evaluated + failed);
        f.put("permutation_exact", exact ? 1 : 0);
        return f;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(exact ? String.format(Locale.ROOT, "Exact permutation test (%.0f arrangements)%n", arrangements)
                : String.format(Locale.ROOT, "Monte Carlo permutation test (%d draws, seed %.0f)%n",
                        evaluated + failed, seed));
        int w = 8;
        for (String n : names) {
            w = Math.max(w, n.length());
        }
        for (int j = 0; j < names.size(); j++) {
            sb.append(String.format(Locale.ROOT, "%-" + w + "s permutation p = %s%n", names.get(j),
                    pValue(pvals[j])));
        }
        sb.append(String.format(Locale.ROOT, "%-" + w + "s permutation p = %s%n", "QM",
                pValue(qmPval)));
        for (String s : warnings) {
            sb.append("Warning: ").append(s).append('\n');
        }
        return sb.toString();
    }
}
