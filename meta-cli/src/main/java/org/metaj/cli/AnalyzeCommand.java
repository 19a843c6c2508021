package org.metaj.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.metaj.data.DataException;
import org.metaj.data.StudyData;
import org.metaj.model.MetaAnalysis;
import org.metaj.model.MetaResult;
import org.metaj.model.NonConvergenceException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code meta analyze FILE.csv [options]}: one pooled analysis, as text or one JSON object. */
@Command(name = "analyze", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Pool the studies of one CSV file: effect sizes (escalc), the pooled model (rma, rma.mh, "
                + "rma.peto) and, when asked, meta-regression, subgroups, bias and sensitivity analyses and plots.")
public final class AnalyzeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data = new DataOptions();

    @Option(names = "--format", paramLabel = "F", defaultValue = "text", description = "text (default) or json")
    String format;

    @Option(names = "--debug", description = "show stack traces of errors")
    boolean debug;

    @Mixin
    RegressionSection regression = new RegressionSection();

    @Mixin
    SensitivitySection sensitivity = new SensitivitySection();

    @Mixin
    BiasSection bias = new BiasSection();

    @Mixin
    PlotSection plots = new PlotSection();

    @Mixin
    MultilevelSection multilevel = new MultilevelSection();

    /** @return the optional sections, in the order they run */
    List<Section> sections() {
        plots.bias = bias;
        return List.of(regression, sensitivity, bias, plots);
    }

    @Override
    public Integer call() {
        boolean json = parseFormat(format);
        Map<String, Object> out = analyze();
        PrintWriter pw = spec.commandLine().getOut();
        String text = (String) out.remove("_text");
        @SuppressWarnings("unchecked")
        List<String> warnings = (List<String>) out.remove("_stderr");
        if (json) {
            pw.println(Json.write(out));
        } else {
            pw.print(text);
            PrintWriter err = spec.commandLine().getErr();
            for (String w : warnings) {
                err.println("warning: " + w);
            }
            err.flush();
        }
        pw.flush();
        return 0;
    }

    static boolean parseFormat(String format) {
        switch (format.toLowerCase(Locale.ROOT)) {
            case "json":
                return true;
            case "text":
                return false;
            default:
                throw new UsageException("--format must be text or json, got '" + format + "'");
        }
    }

    /**
     * Runs the analysis.
     *
     * @return the JSON answer (with the text answer under the internal key "_text", removed before printing JSON)
     */
    Map<String, Object> analyze() {
        if (multilevel.active()) {
            return multilevel.analyze(data, regression.mods, spec.commandLine().getParseResult());
        }
        StudyData d = data.load();
        MetaAnalysis ma = data.spec();
        String file = data.file().toString();
        if (d.k() == 0) {
            throw new DataException(file, -1, null, "no study left to pool: every row has a missing value in a "
                    + "column the analysis uses (" + String.join("; ", data.notes()) + ")");
        }
        MetaResult r;
        try {
            r = ma.fit(d);
        } catch (NonConvergenceException e) {
            throw new NonConvergenceException(file + ": " + e.getMessage());
        } catch (DataException | UsageException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new UsageException(file + ": " + e.getMessage());
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("file", data.file().toString());
        json.put("measure", d.measure() == null ? "generic" : d.measure().name());
        json.put("method", r.method().label());
        json.put("test", r.test().name().toLowerCase(Locale.ROOT));
        json.put("level", 100 * r.level());
        json.putAll(r.figures());
        json.put("converged", r.converged());
        Map<String, Object> studies = new LinkedHashMap<>();
        studies.put("label", d.labels());
        studies.put("yi", d.yi());
        studies.put("vi", d.vi());
        studies.put("weight", r.weights());
        json.put("studies", studies);
        AnalysisContext ctx = new AnalysisContext(data.file().toString(), data.columns(), d, ma, r, json);
        ctx.text().append(r.toString());
        for (Section s : sections()) {
            s.run(ctx);
        }
        List<String> warnings = new java.util.ArrayList<>(data.notes());
        warnings.addAll(r.warnings());
        warnings.addAll(ctx.warnings());
        json.put("warnings", warnings);
        Map<String, Object> answer = new LinkedHashMap<>(json);
        answer.put("_text", ctx.text().toString());
        // the result's own warnings are already in its text summary; the rest go to stderr in text mode
        List<String> stderr = new java.util.ArrayList<>(data.notes());
        stderr.addAll(ctx.warnings());
        answer.put("_stderr", stderr);
        return answer;
    }
}
