package org.metaj.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.metaj.data.StudyData;
import org.metaj.model.MetaAnalysis;
import org.metaj.model.MetaResult;
import org.metaj.plot.BaujatPlot;
import org.metaj.plot.LabbePlot;
import org.metaj.plot.RadialPlot;
import org.metaj.plot.SensitivityForestPlot;
import org.metaj.report.HtmlReport;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code meta report FILE.csv [analysis options] -o report.html}: one self-contained HTML page with the data, the
 * model, heterogeneity, forest and funnel plots, a leave-one-out forest plot, Baujat and radial plots (and a L'Abbe
 * plot for 2x2 data) and a methods paragraph with references.
 */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write a self-contained HTML report of the analysis of one CSV file (no network, no scripts).")
public final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data = new DataOptions();

    @Option(names = {"-o", "--output"}, paramLabel = "FILE.html", required = true, description = "the HTML file")
    Path output;

    @Option(names = "--title", paramLabel = "T", description = "page title (default: the file name)")
    String title;

    @Option(names = "--sort", paramLabel = "ORDER", defaultValue = "data",
            description = "forest plot row order: data (default), effect, weight or year")
    String sort;

    @Option(names = "--favours", paramLabel = "LEFT|RIGHT", split = "\\|",
            description = "forest plot labels under the axis, e.g. --favours 'Favours vaccine|Favours control'")
    String[] favours;

    @Option(names = "--debug", description = "show stack traces of errors")
    boolean debug;

    @Override
    public Integer call() {
        StudyData d = data.load();
        MetaAnalysis ma = data.spec();
        MetaResult r = ma.fit(d);
        String t = title != null ? title : "Meta-analysis of " + data.file().getFileName();
        HtmlReport rep = HtmlReport.of(r).withTitle(t).withForest(PlotSection.forest(r, sort, favours));
        if (d.k() >= 3) {
            rep = rep.withSection("Leave-one-out analysis", leaveOneOut(ma, r));
            double[][] xy = PlotSection.baujat(ma, r);
            rep = rep.withSection("Baujat plot", "<div class=\"figure\">" + BaujatPlot.of(xy[0], xy[1], d.labels())
                    .toSvg() + "</div>");
        }
        rep = rep.withSection("Radial plot", "<div class=\"figure\">" + RadialPlot.of(r).toSvg() + "</div>");
        if (d.measure() != null && d.measure().isTwoByTwo()) {
            rep = rep.withSection("L'Abb\u00e9 plot", "<div class=\"figure\">" + LabbePlot.of(r).toSvg() + "</div>");
        }
        try {
            Path parent = output.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(output, rep.toHtml(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException("cannot write the report to " + output + ": " + e.getMessage());
        }
        PrintWriter err = spec.commandLine().getErr();
        for (String n : data.notes()) {
            err.println("warning: " + n);
        }
        for (String w : r.warnings()) {
            err.println("warning: " + w);
        }
        err.flush();
        PrintWriter out = spec.commandLine().getOut();
        out.println("Report written to " + output);
        out.flush();
        return 0;
    }

    /** The leave-one-out forest: the model refitted without each study in turn. */
    static String leaveOneOut(MetaAnalysis ma, MetaResult r) {
        StudyData d = r.data();
        int k = d.k();
        String[] labels = new String[k];
        double[] est = new double[k];
        double[] lb = new double[k];
        double[] ub = new double[k];
        for (int i = 0; i < k; i++) {
            int[] keep = new int[k - 1];
            for (int j = 0, n = 0; j < k; j++) {
                if (j != i) {
                    keep[n++] = j;
                }
            }
            MetaResult ri = ma.fit(d.subset(keep));
            labels[i] = d.label(i);
            est[i] = ri.estimate();
            lb[i] = ri.ciLb();
            ub[i] = ri.ciUb();
        }
        return "<div class=\"figure\">" + SensitivityForestPlot.of(labels, est, lb, ub).withOverall(r).withTitle(null, "Study omitted").toSvg()
                + "</div>";
    }
}
