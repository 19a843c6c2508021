package org.metaj.regression;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.metaj.data.DataException;
import org.metaj.data.StudyColumns;
import org.metaj.data.StudyData;
import org.metaj.fit.FitControl;
import org.metaj.fit.FitSpec;
import org.metaj.fit.OnNonConvergence;
import org.metaj.fit.Refitter;
import org.metaj.kernel.FitWorkspace;
import org.metaj.model.MetaAnalysis;
import org.metaj.model.MetaResult;
import org.metaj.model.Method;
import org.metaj.stats.Probabilities;
import org.metaj.tau2.CommonEffect;
import org.metaj.tau2.Tau2Estimator;
import org.metaj.model.Coefficient;

/**
 * Subgroup analysis: a meta-analysis within each level of a column and the test for subgroup differences
 * (Borenstein, Hedges, Higgins &amp; Rothstein 2009, Introduction to Meta-Analysis, ch. 19; Deeks, Higgins &amp;
 * Altman, Cochrane Handbook ch. 10.11.3). By default each subgroup has its own tau^2 (a separate random-effects
 * model per level); optionally one tau^2 is pooled across subgroups (the mixed-effects model with the subgroup
 * indicators as moderators, Borenstein et al. 2009 ch. 19 "pooled estimate of tau^2").
 *
 * <p>The test for subgroup differences is the common-effect Cochran Q of the subgroup estimates with weights
 * {@code 1/se_g^2}: {@code Q_between = sum_g (theta_g - theta_bar)^2 / se_g^2}, chi-square on {@code G - 1}
 * degrees of freedom. Immutable and thread-safe.
 */
public final class SubgroupAnalysis {
    private static final SubgroupAnalysis DEFAULTS = new SubgroupAnalysis(MetaAnalysis.withDefaults(), false);

    private final MetaAnalysis spec;
    private final boolean pooledTau2;

    private SubgroupAnalysis(MetaAnalysis spec, boolean pooledTau2) {
        this.spec = spec;
        this.pooledTau2 = pooledTau2;
    }

    /** @return REML, z test, 95%, a separate tau^2 in each subgroup */
    public static SubgroupAnalysis withDefaults() {
        return DEFAULTS;
    }

    /** @return a copy fitting each subgroup with this configuration (method, test, level) */
    public SubgroupAnalysis with(MetaAnalysis s) {
        if (s.method() == Method.MH || s.method() == Method.PETO) {
            if (pooledTau2) {
                throw new IllegalArgumentException("a tau^2 pooled across subgroups needs an inverse-variance method, got "
                        + s.method().label());
            }
        }
        return new SubgroupAnalysis(s, pooledTau2);
    }

    /** @return a copy that pools one tau^2 across subgroups (true) or estimates one per subgroup (false) */
    public SubgroupAnalysis withPooledTau2(boolean pooled) {
        if (pooled && (spec.method() == Method.MH || spec.method() == Method.PETO)) {
            throw new IllegalArgumentException("a tau^2 pooled across subgroups needs an inverse-variance method, got "
                    + spec.method().label());
        }
        return new SubgroupAnalysis(spec, pooled);
    }

    /** @return the configuration of each subgroup's model */
    public MetaAnalysis spec() {
        return spec;
    }

    /** @return whether one tau^2 is pooled */
    public boolean pooledTau2() {
        return pooledTau2;
    }

    /**
     * @param data   the studies
     * @param column a text or numeric column; studies with a missing value are left out with a warning
     * @return the result
     */
    public SubgroupResult fit(StudyData data, String column) {
        List<String> warnings = new ArrayList<>();
        Map<String, List<Integer>> groups = levels(data.columns(), column, warnings);
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("column '" + column + "' has no non-missing values");
        }
        List<Subgroup> subs = new ArrayList<>();
        if (pooledTau2) {
            pooled(data, column, groups, subs, warnings);
        } else {
            for (Map.Entry<String, List<Integer>> e : groups.entrySet()) {
                StudyData sub = data.subset(e.getValue().stream().mapToInt(Integer::intValue).toArray());
                MetaResult r = spec.fit(sub);
                for (String w : r.warnings()) {
                    warnings.add(column + " = " + e.getKey() + ": " + w);
                }
                subs.add(new Subgroup(e.getKey(), r.k(), r.estimate(), r.se(), r.pval(), r.ciLb(), r.ciUb(),
                        r.tau2(), r.i2(), r));
            }
        }
        int g = subs.size();
        double qb = Double.NaN;
        double qbp = Double.NaN;
        if (g >= 2) {
            double[] est = new double[g];
            double[] var = new double[g];
            for (int j = 0; j < g; j++) {
                est[j] = subs.get(j).estimate();
                var[j] = subs.get(j).se() * subs.get(j).se();
            }
            qb = betweenQ(est, var);
            qbp = Probabilities.chiSquareUpper(qb, g - 1);
        } else {
            warnings.add("only one subgroup (" + subs.get(0).level() + ") in column " + column
                    + ": no test for subgroup differences");
        }
        return new SubgroupResult(column, pooledTau2, subs, qb, g - 1, qbp, warnings);
    }

    /** Cochran's Q of estimates with weights 1/var, through the kernel (common-effect fit). */
    static double betweenQ(double[] est, double[] var) {
        int g = est.length;
        Refitter r = new Refitter(new FitSpec(CommonEffect.INSTANCE, false, 0.95, FitControl.defaults(),
                OnNonConvergence.REPORT), Double.NaN, g, 1);
        r.workspace().load(est, var, g);
        r.fitKernel(g, 1, true);
        return r.kernelFit().qe;
    }

    private void pooled(StudyData data, String column, Map<String, List<Integer>> groups, List<Subgroup> subs,
            List<String> warnings) {
        int g = groups.size();
        int n = 0;
        for (List<Integer> l : groups.values()) {
            n += l.size();
        }
        int[] order = new int[n];
        String[] names = new String[g];
        double[] x = new double[n * g];
        int row = 0;
        int j = 0;
        for (Map.Entry<String, List<Integer>> e : groups.entrySet()) {
            names[j] = e.getKey();
            for (int i : e.getValue()) {
                order[row] = i;
                x[row * g + j] = 1.0;
                row++;
            }
            j++;
        }
        StudyData used = data.subset(order);
        MetaRegression mr = MetaRegression.of(spec);
        MetaRegressionResult fit = mr.fit(used, DesignMatrix.of(names, x, n, false));
        warnings.addAll(fit.warnings());
        double tau2 = fit.tau2();
        Tau2Estimator est = spec.method() == Method.FE ? CommonEffect.INSTANCE : fixed(tau2);
        FitSpec fs = spec.fitSpec().withKnha(false);
        j = 0;
        for (Map.Entry<String, List<Integer>> e : groups.entrySet()) {
            StudyData sub = data.subset(e.getValue().stream().mapToInt(Integer::intValue).toArray());
            int kg = sub.k();
            double i2 = Double.NaN;
            if (kg >= 2) {
                Refitter r = new Refitter(fs.with(est), Double.NaN, kg, 1);
                r.workspace().load(sub.yi(), sub.vi(), kg);
                r.fitKernel(kg, 1, true);
                i2 = r.kernelFit().i2;
            }
            Coefficient c = fit.coefficients().get(j++);
            subs.add(new Subgroup(e.getKey(), kg, c.estimate(), c.se(), c.pval(), c.ciLb(), c.ciUb(), tau2, i2,
                    null));
        }
    }

    /** A tau^2 "estimator" returning a given value (the one pooled across subgroups). */
    private static Tau2Estimator fixed(double tau2) {
        return new Tau2Estimator() {
            @Override
            public double estimate(FitWorkspace ws) {
                ws.iterations = 0;
                ws.converged = true;
                return tau2;
            }

            @Override
            public String name() {
                return "fixed";
            }

            @Override
            public boolean iterative() {
                return false;
            }
        };
    }

    /** Levels in sorted order (text alphabetically, numbers by value) with the indices of their studies. */
    static Map<String, List<Integer>> levels(StudyColumns cols, String column, List<String> warnings) {
        int k = cols.size();
        List<String> missing = new ArrayList<>();
        Map<String, List<Integer>> out = new java.util.LinkedHashMap<>();
        if (cols.hasText(column)) {
            String[] s = cols.getText(column);
            TreeMap<String, List<Integer>> m = new TreeMap<>();
            for (int i = 0; i < k; i++) {
                if (s[i] == null || s[i].isBlank()) {
                    missing.add(cols.label(i) + " (row " + cols.row(i) + ")");
                } else {
                    m.computeIfAbsent(s[i], z -> new ArrayList<>()).add(i);
                }
            }
            out.putAll(m);
        } else if (cols.has(column)) {
            double[] v = cols.get(column);
            TreeMap<Double, List<Integer>> m = new TreeMap<>();
            for (int i = 0; i < k; i++) {
                if (Double.isNaN(v[i])) {
                    missing.add(cols.label(i) + " (row " + cols.row(i) + ")");
                } else {
                    m.computeIfAbsent(v[i], z -> new ArrayList<>()).add(i);
                }
            }
            for (Map.Entry<Double, List<Integer>> e : m.entrySet()) {
                double d = e.getKey();
                String name = d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d)
                        : Double.toString(d);
                out.put(name, e.getValue());
            }
        } else {
            throw new DataException(cols.source(), -1, column, "no such subgroup column; numeric columns: "
                    + cols.numericNames() + ", text columns: " + cols.textNames());
        }
        if (!missing.isEmpty()) {
            warnings.add(String.format(Locale.ROOT, "%d studies left out for a missing value in %s: %s",
                    missing.size(), column, String.join("; ", missing)));
        }
        return out;
    }

    @Override
    public String toString() {
        return "SubgroupAnalysis[" + spec.method().label() + ", " + spec.test() + ", pooledTau2=" + pooledTau2
                + "]";
    }
}
