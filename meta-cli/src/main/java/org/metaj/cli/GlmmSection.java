package org.metaj.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.metaj.data.DataException;
import org.metaj.data.StudyColumns;
import org.metaj.glmm.CountMeasure;
import org.metaj.glmm.Glmm;
import org.metaj.glmm.GlmmModel;
import org.metaj.glmm.GlmmResult;
import org.metaj.model.Coefficient;
import org.metaj.model.NonConvergenceException;

import picocli.CommandLine.Option;

/**
 * {@code meta analyze FILE --measure OR|IRR|PLO|IRLN --glmm [MODEL] [--method FE|ML] [--mods A,B]}: a generalized
 * linear (mixed) model of the counts (metafor's {@code rma.glmm}; CONTRACT-2.md part C). It replaces the
 * inverse-variance model: {@link AnalyzeCommand#analyze()} hands the whole analysis to {@link #analyze} when
 * {@code --glmm} is given. {@code --method} defaults to ML here (the CLI's REML default is read as "not given").
 */
public final class GlmmSection {
    @Option(names = "--glmm", arity = "0..1", fallbackValue = "", paramLabel = "MODEL", description = "generalized "
            + "linear mixed model of the counts (rma.glmm): UM.FS, UM.RS, CM.EL, CM.AL with --measure OR; UM.FS, "
            + "UM.RS, CM.EL with IRR; no model with PLO or IRLN. --method FE or ML (default ML)")
    String glmm;

    /** @return true if {@code --glmm} was given */
    boolean requested() {
        return glmm != null;
    }

    /**
     * Fits the count model and builds the answer (the same answer type as every analysis).
     */
    Analysis.Answer analyze(DataOptions data, List<String> mods) {
        String file = data.file().toString();
        if (data.measure == null) {
            throw new UsageException("--glmm needs --measure OR, IRR, PLO or IRLN");
        }
        Glmm spec;
        try {
            CountMeasure m = CountMeasure.parse(data.measure.name());
            GlmmModel model = glmm.isBlank() ? null : GlmmModel.parse(glmm);
            if (model == null && m.twoGroup()) {
                throw new IllegalArgumentException("--measure " + m + " --glmm needs a model: "
                        + (m == CountMeasure.OR ? "UM.FS, UM.RS, CM.EL or CM.AL" : "UM.FS, UM.RS or CM.EL"));
            }
            spec = Glmm.of(m, model)
                    .withMethod(data.method == org.metaj.model.Method.REML ? "ML" : data.method.label())
                    .withMods(mods == null ? List.of() : mods.stream().map(String::trim).toList());
            spec = spec.withLevel(data.level / 100);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        StudyColumns cols = data.readColumns();
        GlmmResult r;
        try {
            r = spec.fit(cols);
        } catch (DataException | UsageException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new UsageException(file + ": " + e.getMessage());
        }
        if (!r.converged() && data.onNonConvergence == org.metaj.model.MetaAnalysis.OnNonConvergence.FAIL) {
            throw new NonConvergenceException(file + ": the " + r.methodLabel() + " GLMM did not converge");
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("file", file);
        json.put("measure", spec.measure().name());
        json.put("method", r.methodLabel());
        json.put("model", spec.model() == GlmmModel.ONE_GROUP ? null : spec.model().label());
        json.put("level", 100 * r.level());
        json.putAll(r.figures());
        json.put("converged", r.converged());
        Map<String, Object> studies = new LinkedHashMap<>();
        studies.put("label", r.labels());
        json.put("studies", studies);
        List<String> warnings = new ArrayList<>(data.notes());
        warnings.addAll(r.warnings());
        json.put("warnings", warnings);
        return new Analysis.Answer(json, text(spec, r), List.copyOf(warnings), null, null, List.of());
    }

    static String text(Glmm spec, GlmmResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s model (k = %d; %s; measure %s%s)%n",
                r.methodLabel().equals("ML") ? "Random-effects" : "Fixed-effects", r.k(),
                r.methodLabel(), spec.measure(),
                spec.model() == GlmmModel.ONE_GROUP ? "" : ", model " + spec.model().label()));
        sb.append(String.format(Locale.ROOT, "tau^2 = %.4f, I^2 = %.2f%%, H^2 = %.2f%n", r.tau2(), r.i2(), r.h2()));
        sb.append(String.format(Locale.ROOT, "Wald-type test for heterogeneity: QE(df = %d) = %.4f, p = %.4g%n",
                r.qeDf(), r.qeWld(), r.qeWldPval()));
        sb.append(String.format(Locale.ROOT, "Likelihood-ratio test for heterogeneity: QE(df = %d) = %.4f, p = %.4g%n",
                r.qeDf(), r.qeLrt(), r.qeLrtPval()));
        sb.append(String.format(Locale.ROOT, "%-12s %10s %10s %10s %10s %10s %10s%n", "", "estimate", "se", "zval",
                "pval", "ci.lb", "ci.ub"));
        for (Coefficient c : r.coefficients()) {
            sb.append(String.format(Locale.ROOT, "%-12s %10.4f %10.4f %10.4f %10.4g %10.4f %10.4f%n", c.name(),
                    c.estimate(), c.se(), c.statistic(), c.pval(), c.ciLb(), c.ciUb()));
        }
        for (String w : r.warnings()) {
            sb.append("warning: ").append(w).append(System.lineSeparator());
        }
        return sb.toString();
    }
}
