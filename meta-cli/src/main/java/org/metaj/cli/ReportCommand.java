package org.metaj.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.metaj.data.StudyData;
import org.metaj.model.MetaAnalysis;
import org.metaj.model.MetaResult;
import org.metaj.bias.BeggTest;
import org.metaj.bias.EggerTest;
import org.metaj.bias.TrimAndFill;
import org.metaj.plot.FunnelPlot;
import org.metaj.plot.LabbePlot;
import org.metaj.plot.RadialPlot;
import org.metaj.plot.SensitivityForestPlot;
import org.metaj.model.Citations;
import org.metaj.report.HtmlReport;
import org.metaj.sensitivity.LeaveOneOut;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code meta report FILE.csv [analysis options] -o report.html}: one self-contained HTML page with the data, the
 * model, heterogeneity, forest and funnel plots, a leave-one-out forest plot, a Baujat plot, Egger's and Begg's tests
 * and trim and fill (the funnel plot then shows the filled studies), a radial plot (and a L'Abbe plot for 2x2 data)
 * and a methods paragraph with references.
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

    @Mixin
    ForestOptions forestOptions = new ForestOptions();

    @Option(names = "--debug", description = "show stack traces of errors")
    boolean debug;

    @Override
    public Integer call() {
        StudyData d = data.load();
        MetaAnalysis ma = data.spec();
        MetaResult r = ma.fit(d);
        String t = title != null ? title : "Meta-analysis of " + data.file().getFileName();
        HtmlReport rep = HtmlReport.of(r).withTitle(t).withForest(forestOptions.forest(r));
        if (d.k() >= 3) {
            rep = rep.withSection("Leave-one-out analysis", leaveOneOut(r));
            rep = rep.withSection("Baujat plot", "<div class=\"figure\">" + PlotSection.baujatPlot(r).toSvg()
                    + "</div>");
            rep = rep.withMethodsNote("The model was refitted leaving out each study in turn, and each study's "
                    + "contribution to heterogeneity and influence on the pooled estimate are shown in a Baujat plot",
                    Citations.BAUJAT);
            rep = smallStudyEffects(rep, r);
            rep = rep.withMethodsNote("Small-study effects were assessed with Egger's regression test, Begg's rank "
                    + "correlation test and the trim-and-fill method (estimator L0)", Citations.EGGER, Citations.BEGG,
                    Citations.TRIM_AND_FILL);
        }
        rep = rep.withSection("Radial plot", "<div class=\"figure\">" + RadialPlot.of(r).toSvg() + "</div>")
                .withMethodsNote("A radial plot shows each study's standardised estimate against its precision",
                        Citations.GALBRAITH);
        if (d.measure() != null && d.measure().isTwoByTwo()) {
            rep = rep.withSection("L'Abb\u00e9 plot", "<div class=\"figure\">" + LabbePlot.of(r).toSvg() + "</div>")
                    .withMethodsNote("A L'Abb\u00e9 plot shows the event rates of the two groups of each study",
                            Citations.LABBE);
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

    /** The leave-one-out forest: the model refitted without each study in turn ({@link LeaveOneOut}). */
    static String leaveOneOut(MetaResult r) {
        LeaveOneOut l = LeaveOneOut.of(r);
        String[] labels = r.data().labels();
        return "<div class=\"figure\">" + SensitivityForestPlot.of(labels, l.estimate(), l.ciLb(), l.ciUb())
                .withOverall(r).withTitle(null, "Study omitted").toSvg() + "</div>";
    }

    /**
     * Egger's regression test, Begg's rank correlation and trim and fill as a table, and the funnel plot redrawn
     * with the filled studies (hollow) when trim and fill imputes any.
     */
    static HtmlReport smallStudyEffects(HtmlReport rep, MetaResult r) {
        Map<String, String> t = new LinkedHashMap<>();
        EggerTest.Result e = EggerTest.classic().test(r);
        t.put("Egger's regression test (weighted regression on the standard error)", String.format(Locale.ROOT,
                "t = %.2f, df = %s, %s", e.statistic(), fmtDf(e.df()), p(e.pval())));
        BeggTest b = BeggTest.test(r);
        t.put("Begg's rank correlation test", String.format(Locale.ROOT, "Kendall's tau = %.3f, %s", b.tau(),
                p(b.pval())));
        TrimAndFill.Result tf = TrimAndFill.withDefaults().fit(r);
        boolean log = r.data().measure() != null && r.data().measure().isLogScale();
        t.put("Trim and fill (L0): studies imputed", tf.k0() + " on the " + tf.side().label() + " side");
        t.put("Trim and fill: adjusted estimate", String.format(Locale.ROOT, "%.2f (95%% CI %.2f to %.2f)%s",
                log ? Math.exp(tf.estimate()) : tf.estimate(), log ? Math.exp(tf.ciLb()) : tf.ciLb(),
                log ? Math.exp(tf.ciUb()) : tf.ciUb(), log ? " (back-transformed)" : ""));
        HtmlReport out = rep.withTable("Small-study effects and publication bias", t);
        if (tf.k0() > 0) {
            out = out.withFunnel(FunnelPlot.of(r).withImputed(tf.filledYi(), tf.filledVi(), tf.estimate()));
        }
        return out;
    }

    private static String fmtDf(double df) {
        return df == Math.rint(df) ? Long.toString((long) df) : String.format(Locale.ROOT, "%.2f", df);
    }

    private static String p(double p) {
        return p < 0.001 ? "p < 0.001" : String.format(Locale.ROOT, p < 0.01 ? "p = %.3f" : "p = %.2f", p);
    }
}
