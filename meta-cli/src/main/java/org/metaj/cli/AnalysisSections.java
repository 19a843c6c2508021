package org.metaj.cli;

import java.util.ArrayList;
import java.util.List;

import org.metaj.data.EffectMeasure;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * The registry of analysis sections: one picocli mixin that {@code analyze} (and so {@code batch}) and
 * {@code report} both carry, so that every analysis option is accepted, checked and run in the same way by each.
 * A new section is one field here and one line in {@link #entries()}: its options then appear in the help of every
 * command, its figures in the JSON, its text in the text answer and its block in the HTML report.
 */
public final class AnalysisSections {
    /** The command these options belong to (for which options the user gave). */
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Mixin
    RegressionSection regression = new RegressionSection();

    @Mixin
    SensitivitySection sensitivity = new SensitivitySection();

    @Mixin
    BiasSection bias = new BiasSection();

    @Mixin
    PlotSection plots = new PlotSection();

    /** Multilevel and multivariate models (CONTRACT-2 part A): with --random the whole analysis is theirs. */
    @Mixin
    MultilevelSection multilevel = new MultilevelSection();

    /** The count models (CONTRACT-2 part C): with --glmm the whole analysis is the GLMM's. */
    @Mixin
    GlmmSection glmm = new GlmmSection();

    /**
     * Most Monte Carlo draws of {@code --permutation N}: each draw refits the model, so a million draws of a
     * 13-study meta-regression take minutes; more buys no precision a p-value needs (its Monte Carlo SE at
     * p = 0.05 is 0.0002 with a million draws).
     */
    static final int MAX_PERMUTATIONS = 1_000_000;

    /** A section and the heading of its block in the report. */
    record Entry(String title, Section section) {
    }

    /** @return the sections, in the order they run */
    List<Entry> entries() {
        plots.bias = bias;
        return List.of(
                new Entry("Meta-regression, subgroups and permutation tests (as asked)", regression),
                new Entry("Sensitivity analyses (as asked)", sensitivity),
                new Entry("Bias tests and adjusted estimates (as asked)", bias),
                new Entry("Plots", plots));
    }

    /** @return the files the plot options will write */
    List<Outputs.Output> outputs() {
        List<Outputs.Output> out = new ArrayList<>();
        add(out, "--forest", plots.forest);
        add(out, "--funnel", plots.funnel);
        add(out, "--baujat-plot", plots.baujat);
        add(out, "--radial", plots.radial);
        add(out, "--labbe", plots.labbe);
        return out;
    }

    private static void add(List<Outputs.Output> out, String option, java.nio.file.Path p) {
        if (p != null) {
            out.add(new Outputs.Output(option, p));
        }
    }

    /**
     * Refuses options that would be accepted and then ignored: a qualifier without the analysis it qualifies.
     *
     * @param report true for {@code meta report}, which runs trim and fill and Egger's test by default (their
     *               qualifiers then apply without {@code --trimfill} or {@code --egger})
     * @param measure the effect measure, or null for precomputed effects
     * @throws UsageException naming the option and what it needs
     */
    void validate(boolean report, EffectMeasure measure) {
        ParseResult given = command == null ? null : command.commandLine().getParseResult();
        java.util.function.Predicate<String> has = o -> given != null && given.hasMatchedOption(o);
        if (regression.pooledTau2 && regression.subgroup == null && !regression.byDesign) {
            throw new UsageException("--pooled-tau2 needs --subgroup COL or --by-design");
        }
        if (has.test("--seed") && regression.permutation == null) {
            throw new UsageException("--seed sets the permutation draws: it needs --permutation N");
        }
        if (has.test("--comparator") && !regression.byDesign) {
            throw new UsageException("--comparator needs --by-design");
        }
        if (regression.permutation != null && !regression.permutation.trim().equalsIgnoreCase("exact")) {
            try {
                long n = Long.parseLong(regression.permutation.trim());
                if (n > MAX_PERMUTATIONS) {
                    throw new UsageException(String.format(java.util.Locale.ROOT, "--permutation draws must be at "
                            + "most %,d (each draw refits the model), got %,d; use --permutation exact for an exact "
                            + "test", MAX_PERMUTATIONS, n));
                }
            } catch (NumberFormatException e) {
                // not a number: the section names the accepted values
            }
        }
        if (sensitivity.cumulativeOrder != null && !sensitivity.cumulative) {
            throw new UsageException("--cumulative-order needs --cumulative");
        }
        if (!report && !bias.trimfill) {
            if (bias.trimfillSide != null) {
                throw new UsageException("--trimfill-side needs --trimfill");
            }
            if (has.test("--trimfill-estimator")) {
                throw new UsageException("--trimfill-estimator needs --trimfill");
            }
        }
        if (!report && !bias.egger && (has.test("--egger-model") || has.test("--egger-predictor"))) {
            throw new UsageException((has.test("--egger-model") ? "--egger-model" : "--egger-predictor")
                    + " needs --egger");
        }
        if (plots.labbe != null && (measure == null || !measure.isTwoByTwo())) {
            throw new UsageException("--labbe needs a 2x2 measure (OR, RR, RD, PETO), got "
                    + (measure == null ? "generic yi/vi data" : measure));
        }
    }
}
