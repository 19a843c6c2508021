package org.metaj.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import org.metaj.data.Printable;

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

    @Option(names = "--format", paramLabel = "F", defaultValue = "text", converter = Converters.FormatConverter.class,
            completionCandidates = Converters.FormatNames.class,
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    Converters.Format format = Converters.Format.TEXT;

    @Option(names = "--debug", description = "show stack traces of errors")
    boolean debug;

    @Mixin
    AnalysisSections sections = new AnalysisSections();

    @Override
    public Integer call() {
        Analysis.Answer a = analyze(System.console() != null ? spec.commandLine().getErr() : null);
        PrintWriter pw = spec.commandLine().getOut();
        switch (format) {
            case JSON:
                pw.println(Json.write(a.json()));
                break;
            case TEXT:
                pw.print(Printable.sanitize(a.text()));
                PrintWriter err = spec.commandLine().getErr();
                for (String w : a.notices()) {
                    err.println("warning: " + Printable.oneLine(w));
                }
                err.flush();
                break;
            default:
                throw new IllegalStateException("format " + format);
        }
        pw.flush();
        return 0;
    }

    /** @return the outputs checked against the input, then the analysis run */
    Analysis.Answer analyze() {
        return analyze(null);
    }

    /** @param progress a terminal to show progress on, or null */
    Analysis.Answer analyze(PrintWriter progress) {
        Outputs.check(List.of(data.file()), sections.outputs());
        if (sections.multilevel.active()) {
            return sections.multilevel.analyze(data, sections.regression.mods,
                    spec == null ? null : spec.commandLine().getParseResult());
        }
        if (sections.glmm.requested()) {
            String[] mods = sections.regression.mods;
            return sections.glmm.analyze(data, mods == null ? null : List.of(mods));
        }
        return Analysis.run(data, sections, false, progress);
    }
}
