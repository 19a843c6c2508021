package org.metaj.cli;

import java.util.Locale;
import java.util.Map;

import org.metaj.model.MetaAnalysis;
import org.metaj.model.Method;
import org.metaj.regression.DesignAnalysis;
import org.metaj.regression.DesignAnalysisResult;
import org.metaj.regression.MetaRegression;
import org.metaj.regression.MetaRegressionResult;
import org.metaj.regression.PermutationResult;
import org.metaj.regression.PermutationTest;
import org.metaj.regression.SubgroupAnalysis;
import org.metaj.regression.SubgroupResult;

import picocli.CommandLine.Option;

/**
 * Explaining heterogeneity ({@code --mods --subgroup --pooled-tau2 --permutation --seed --by-design},
 * org.metaj.regression): mixed-effects meta-regression (its {@code k tau2 QM QM_pval QE QE_pval R2 I2 H2} replace
 * the pooled model's top-level figures, plus {@code coef_<name>_*}), subgroup analysis ({@code subgroup_<level>_*},
 * {@code Q_between*}), permutation tests ({@code coef_<name>_permutation_pval}, {@code QM_permutation_pval}) and
 * the by-design analysis of sham-controlled against pragmatic trials ({@code design_*}).
 */
public final class RegressionSection implements Section {
    @Option(names = "--mods", paramLabel = "A,B", split = ",",
            description = "meta-regression on these columns (metafor mods = ~ A + B); text columns are dummy-coded "
                    + "against their first level in alphabetical order")
    String[] mods;

    @Option(names = "--subgroup", paramLabel = "COL",
            description = "a separate model in each level of COL and the test for subgroup differences")
    String subgroup;

    @Option(names = "--pooled-tau2", description = "with --subgroup or --by-design: one tau^2 pooled across "
            + "subgroups instead of one per subgroup")
    boolean pooledTau2;

    @Option(names = "--permutation", paramLabel = "exact|N",
            description = "permutation test of the fitted model (metafor permutest): exact, or N Monte Carlo draws "
                    + "(exact anyway when there are no more than N arrangements)")
    String permutation;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "seed of the Monte Carlo permutation draws (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--by-design", description = "pool sham-controlled (comparator sham) and pragmatic trials "
            + "(usual_care, no_treatment, waiting_list) separately and test their difference; active comparators "
            + "pooled apart")
    boolean byDesign;

    @Option(names = "--comparator", paramLabel = "COL", defaultValue = "comparator",
            description = "with --by-design: the column naming each trial's comparator (default: ${DEFAULT-VALUE})")
    String comparator;

    @Override
    public void run(AnalysisContext ctx) {
        boolean hasMods = mods != null && mods.length > 0;
        if (!hasMods && subgroup == null && permutation == null && !byDesign) {
            return;
        }
        MetaAnalysis spec = ctx.spec();
        Method m = spec.method();
        if ((hasMods || permutation != null) && !m.isInverseVariance()) {
            throw new UsageException("--mods and --permutation need an inverse-variance method ("
                    + Method.labels(Method::isInverseVariance) + "), got --method " + m.label());
        }
        if (pooledTau2 && subgroup == null && !byDesign) {
            throw new UsageException("--pooled-tau2 needs --subgroup COL or --by-design");
        }
        MetaRegressionResult reg = null;
        if (hasMods) {
            // the one specification: method, test, level, --max-iterations and --on-nonconvergence, with the mods
            MetaRegression mr = MetaRegression.of(spec.withModerators(mods));
            reg = mr.fit(ctx.data());
            ctx.useRegression(reg);
            // one fit in the answer: the figures of the model without moderators are replaced, not mixed in
            Map<String, Object> json = ctx.json();
            for (String key : ctx.result().figures().keySet()) {
                json.remove(key);
            }
            json.putAll(reg.figures());
            json.put("converged", reg.converged());
            json.put("iterations", reg.iterations());
            Map<String, Object> studies = AnalysisContext.object();
            studies.put("label", reg.data().labels());
            studies.put("yi", reg.data().yi());
            studies.put("vi", reg.data().vi());
            studies.put("weight", reg.weights());
            json.put("studies", studies);
            ctx.json().put("moderators", reg.design().names().toArray(new String[0]));
            ctx.text().append('\n').append(reg);
            reg.warnings().forEach(ctx::warn);
        }
        if (permutation != null) {
            PermutationTest pt = PermutationTest.withDefaults().withSeed(seed);
            String p = permutation.trim().toLowerCase(Locale.ROOT);
            if (p.equals("exact")) {
                pt = pt.exact();
            } else {
                int n;
                try {
                    n = Integer.parseInt(p);
                } catch (NumberFormatException e) {
                    throw new UsageException("--permutation must be 'exact' or a number of draws >= 2, got '"
                            + permutation + "'");
                }
                if (n < 2) {
                    throw new UsageException("--permutation draws must be >= 2, got " + n);
                }
                pt = pt.withIterations(n).withSeed(seed);
            }
            PermutationResult pr = reg != null ? pt.test(reg) : pt.test(ctx.result());
            ctx.json().putAll(pr.figures());
            ctx.text().append('\n').append(pr);
            pr.warnings().forEach(ctx::warn);
        }
        if (subgroup != null) {
            SubgroupResult sr = SubgroupAnalysis.withDefaults().with(spec).withPooledTau2(pooledTau2)
                    .fit(ctx.data(), subgroup);
            ctx.json().putAll(sr.figures());
            ctx.text().append('\n').append(sr);
            sr.warnings().forEach(ctx::warn);
        }
        if (byDesign) {
            DesignAnalysisResult dr = DesignAnalysis.withDefaults().with(spec).withColumn(comparator)
                    .with(SubgroupAnalysis.withDefaults().with(spec).withPooledTau2(pooledTau2)).fit(ctx.data());
            ctx.json().putAll(dr.figures());
            ctx.text().append('\n').append(dr);
            dr.warnings().forEach(ctx::warn);
        }
    }
}
