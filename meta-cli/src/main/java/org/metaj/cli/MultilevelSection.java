package org.metaj.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.metaj.data.DataException;
import org.metaj.data.StudyData;
import org.metaj.model.NonConvergenceException;
import org.metaj.multilevel.ClusterRobust;
import org.metaj.multilevel.MultilevelControl;
import org.metaj.multilevel.MultilevelFit;
import org.metaj.multilevel.MultilevelSpec;
import org.metaj.multilevel.ProfileIntervals;
import org.metaj.multilevel.Structure;

import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/**
 * Multilevel and multivariate models ({@code --random}, org.metaj.multilevel; CONTRACT-2.md part A): metafor's
 * {@code rma.mv} with sampling covariances built as {@code vcalc} builds them, cluster-robust inference
 * ({@code robust}) and profile-likelihood intervals of the variance components ({@code confint}). When
 * {@code --random} is given, {@link AnalyzeCommand} hands the whole analysis to {@link #analyze} instead of
 * fitting the univariate model; {@code --mods}, {@code --method} (REML, ML), {@code --test} (z, t), {@code --level},
 * {@code --measure} and the reading options apply as for {@code rma}.
 */
public final class MultilevelSection {
    @Option(names = "--random", paramLabel = "FORMULA", description = "a random-effects term, repeatable: "
            + "\"~ 1 | A\", nested \"~ 1 | A/B\", or \"~ inner | outer\" with --struct (metafor rma.mv random =)")
    List<String> random = new ArrayList<>();

    @Option(names = "--struct", paramLabel = "S", description = "structure of an \"~ inner | outer\" term: CS "
            + "(default), HCS, UN, AR, HAR, ID, DIAG")
    String struct;

    @Option(names = "--cluster", paramLabel = "C", description = "column of the clusters of correlated sampling "
            + "errors (with --rho, --vcov-columns or --shared-groups)")
    String cluster;

    @Option(names = "--vcov-columns", paramLabel = "V1,V2", split = ",", description = "known sampling covariances:"
            + " row i of a cluster holds its covariances with the cluster's 1st, 2nd, ... row")
    List<String> vcovColumns = new ArrayList<>();

    @Option(names = "--rho", paramLabel = "R", description = "constant correlation of the sampling errors within a "
            + "cluster (metafor vcalc(vi, cluster, obs = row, rho = R))")
    Double rho;

    @Option(names = "--shared-groups", paramLabel = "G1,G2", split = ",", description = "the two groups each effect "
            + "compares: effects of a cluster that share a group are correlated (vcalc grp1, grp2)")
    List<String> sharedGroups = new ArrayList<>();

    @Option(names = "--group-sizes", paramLabel = "N1,N2", split = ",", description = "sizes of the two groups "
            + "(vcalc w1, w2)")
    List<String> groupSizes = new ArrayList<>();

    @Option(names = "--robust", paramLabel = "C", description = "cluster-robust tests and intervals, clusters from "
            + "column C (metafor robust)")
    String robust;

    @Option(names = "--clubsandwich", description = "with --robust: CR2 and Satterthwaite df (clubSandwich)")
    boolean clubsandwich;

    @Option(names = "--variance-ci", description = "profile-likelihood intervals of the variance components "
            + "(metafor confint)")
    boolean varianceCi;

    /** Options of other commands' parts that a multilevel analysis takes as well. */
    private static final Set<String> SHARED = Set.of("--mods", "--method", "--test", "--level", "--measure", "--add",
            "--to", "--vtype", "--drop00", "--label", "--delimiter", "--decimal", "--on-nonconvergence",
            "--max-iterations", "--format", "--debug");

    /** @return whether a multilevel option was given (then {@link #analyze} answers) */
    boolean active() {
        return !random.isEmpty() || struct != null || cluster != null || !vcovColumns.isEmpty() || rho != null
                || !sharedGroups.isEmpty() || !groupSizes.isEmpty() || robust != null || clubsandwich
                || varianceCi;
    }

    /**
     * Runs the multilevel analysis.
     *
     * @param data   the shared data options
     * @param mods   the moderators of {@code --mods} (or null)
     * @param parsed the parsed command line, to refuse options that do not apply (or null)
     * @return the answer map as {@link AnalyzeCommand#analyze()} returns it ("_text", "_stderr" internal)
     */
    Analysis.Answer analyze(DataOptions data, String[] mods, ParseResult parsed) {
        if (random.isEmpty()) {
            throw new UsageException("--struct, --cluster, --vcov-columns, --rho, --shared-groups, --group-sizes, "
                    + "--robust, --clubsandwich and --variance-ci belong to a multilevel model: give --random");
        }
        if (parsed != null) {
            Set<String> mine = Set.of("--random", "--struct", "--cluster", "--vcov-columns", "--rho",
                    "--shared-groups", "--group-sizes", "--robust", "--clubsandwich", "--variance-ci");
            for (OptionSpec o : parsed.matchedOptions()) {
                String name = o.longestName();
                if (!mine.contains(name) && !SHARED.contains(name)) {
                    throw new UsageException(name + " does not apply to a multilevel model (--random)");
                }
            }
        }
        if (clubsandwich && robust == null) {
            throw new UsageException("--clubsandwich needs --robust C");
        }
        String file = data.file().toString();
        MultilevelControl control = MultilevelControl.withDefaults();
        try {
            control = control.with(MultilevelControl.Estimation.parse(data.method.label()));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--method: " + e.getMessage());
        }
        // --test t (metafor's test = "t", dfs = "residual") is read as the t-based test KNHA stands for
        control = control.withTTest(data.test != org.metaj.model.TestType.Z);
        control = control.withLevel(data.level / 100);
        if (data.maxIterations < 1) {
            throw new UsageException("--max-iterations must be >= 1, got " + data.maxIterations);
        }
        control = control.withMaxIterations(data.maxIterations);
        String policy = data.onNonConvergence.name().toLowerCase(Locale.ROOT);
        if (!policy.equals("report") && !policy.equals("fail")) {
            throw new UsageException("--on-nonconvergence of a multilevel model must be report or fail, got '"
                    + data.onNonConvergence + "'");
        }
        MultilevelSpec spec = MultilevelSpec.withDefaults().withRandom(random)
                .withMods(mods == null ? List.of() : Arrays.asList(mods)).withCluster(cluster)
                .withVcovColumns(vcovColumns).withSharedGroups(sharedGroups, groupSizes)
                .withRho(rho == null ? Double.NaN : rho);
        if (struct != null) {
            try {
                spec = spec.with(Structure.parse(struct));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--struct: " + e.getMessage());
            }
        }
        StudyData d = data.load();
        if (d.k() == 0) {
            throw new DataException(file, -1, null, "no effect size left: every row has a missing value in a "
                    + "column the analysis uses");
        }
        MultilevelFit fit;
        ClusterRobust.Result rob = null;
        ProfileIntervals.Result ci = null;
        try {
            fit = spec.build(d).fit(control);
            if (!fit.converged() && policy.equals("fail")) {
                throw new NonConvergenceException(file + ": the multilevel model did not converge in "
                        + control.maxIterations() + " iterations");
            }
            if (robust != null) {
                rob = ClusterRobust.of(fit, d.columns(), robust, clubsandwich);
            }
            if (varianceCi) {
                ci = ProfileIntervals.of(fit);
            }
        } catch (DataException | UsageException | NonConvergenceException e) {
            throw e;
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new UsageException(file + ": " + e.getMessage());
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("file", file);
        json.put("measure", d.measure() == null ? "generic" : d.measure().name());
        json.put("model", "rma.mv");
        json.put("method", control.method().name());
        json.put("test", control.tTest() ? "t" : "z");
        json.put("level", 100 * control.level());
        json.putAll(fit.figures());
        StringBuilder text = new StringBuilder(fit.toString());
        if (rob != null) {
            json.putAll(rob.figures());
            text.append(rob);
        }
        if (ci != null) {
            json.putAll(ci.figures());
            text.append(ci);
        }
        json.put("converged", fit.converged());
        json.put("iterations", fit.iterations());
        Map<String, Object> studies = new LinkedHashMap<>();
        studies.put("label", d.labels());
        studies.put("yi", d.yi());
        studies.put("vi", d.vi());
        json.put("studies", studies);
        List<String> warnings = new ArrayList<>(data.notes());
        warnings.addAll(fit.warnings());
        json.put("warnings", warnings);
        return new Analysis.Answer(json, text.toString(), List.copyOf(data.notes()), null, null, List.of());
    }
}
