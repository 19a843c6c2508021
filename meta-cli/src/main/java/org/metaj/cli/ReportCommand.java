package org.metaj.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.metaj.data.DataException;
import org.metaj.data.StudyData;
import org.metaj.model.MetaResult;
import org.metaj.bias.BeggTest;
import org.metaj.bias.EggerTest;
import org.metaj.bias.TrimAndFill;
import org.metaj.data.Printable;
import org.metaj.model.MetaAnalysis;
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
        description = "Write a self-contained HTML report of the analysis of one CSV file (no network, no scripts). "
                + "Takes every option of 'meta analyze': the analyses they ask for are added to the report.")
public final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data = new DataOptions();

    @Option(names = {"-o", "--output"}, paramLabel = "FILE.html", required = true,
            converter = Converters.OutputFile.class, description = "the HTML file")
    Path output;

    @Option(names = "--title", paramLabel = "T", description = "page title (default: the file name)")
    String title;

    @Option(names = "--debug", description = "show stack traces of errors")
    boolean debug;

    @Mixin
    AnalysisSections sections = new AnalysisSections();

    @Override
    public Integer call() {
        List<Outputs.Output> outputs = new ArrayList<>();
        outputs.add(new Outputs.Output("-o", output));
        outputs.addAll(sections.outputs());
        Outputs.check(List.of(data.file()), outputs);
        if (sections.multilevel.active() || sections.glmm.requested()) {
            throw new UsageException("meta report does not cover multilevel (--random) or GLMM (--glmm) models yet; "
                    + "use meta analyze for their figures");
        }
        Analysis.Answer a = Analysis.run(data, sections, true,
                System.console() != null ? spec.commandLine().getErr() : null);
        StudyData d = a.data();
        MetaResult r = a.result();
        List<String> skipped = new ArrayList<>();
        String t = title != null ? title : "Meta-analysis of " + data.file().getFileName();
        HtmlReport rep = HtmlReport.of(r).withTitle(t).withForest(sections.plots.forestOptions.forest(r));
        if (d.k() >= 3) {
            rep = part(rep, skipped, "Leave-one-out analysis",
                    x -> x.withSection("Leave-one-out analysis", leaveOneOut(r)));
            rep = part(rep, skipped, "Baujat plot", x -> x.withSection("Baujat plot", "<div class=\"figure\">"
                    + PlotSection.baujatPlot(r).toSvg() + "</div>"));
            rep = rep.withMethodsNote("The model was refitted leaving out each study in turn, and each study's "
                    + "contribution to heterogeneity and influence on the pooled estimate are shown in a Baujat plot",
                    Citations.BAUJAT);
            rep = smallStudyEffects(rep, r, sections.bias, skipped);
            rep = rep.withMethodsNote("Small-study effects were assessed with Egger's regression test, Begg's rank "
                    + "correlation test and the trim-and-fill method (estimator "
                    + sections.bias.trimfillEstimator + ")", Citations.EGGER, Citations.BEGG,
                    Citations.TRIM_AND_FILL);
        }
        rep = part(rep, skipped, "Radial plot", x -> x.withSection("Radial plot", "<div class=\"figure\">"
                + RadialPlot.of(r).toSvg() + "</div>"));
        rep = rep.withMethodsNote("A radial plot shows each study's standardised estimate against its precision",
                Citations.GALBRAITH);
        if (d.measure() != null && d.measure().isTwoByTwo()) {
            rep = part(rep, skipped, "L'Abb\u00e9 plot", x -> x.withSection("L'Abb\u00e9 plot",
                    "<div class=\"figure\">" + LabbePlot.of(r).toSvg() + "</div>"));
            rep = rep.withMethodsNote("A L'Abb\u00e9 plot shows the event rates of the two groups of each study",
                    Citations.LABBE);
        }
        // the analyses asked for with analyze's options, each as its own block
        for (Analysis.Block b : a.blocks()) {
            if (b.skipped() != null) {
                rep = rep.withSection(b.title(), "<p>Not computed on these data: " + HtmlReport.escape(b.skipped())
                        + "</p>");
            } else if (!b.text().isBlank()) {
                rep = rep.withSection(b.title(), "<pre>" + HtmlReport.escape(b.text().strip()) + "</pre>");
            }
        }
        Outputs.write("the report", output, rep.toHtml());
        PrintWriter err = spec.commandLine().getErr();
        for (String n : a.notices()) {
            err.println("warning: " + Printable.oneLine(n));
        }
        for (String w : r.warnings()) {
            err.println("warning: " + Printable.oneLine(w));
        }
        for (String w : skipped) {
            err.println("warning: " + w);
        }
        err.flush();
        PrintWriter out = spec.commandLine().getOut();
        out.println("Report written to " + output);
        out.flush();
        return 0;
    }

    /**
     * Adds one part of the report, or, when it is undefined on these data (e.g. a constant predictor), a line
     * saying why and a warning: the rest of the report is still written.
     */
    static HtmlReport part(HtmlReport rep, List<String> skipped, String title,
            java.util.function.UnaryOperator<HtmlReport> add) {
        try {
            return add.apply(rep);
        } catch (UsageException | IllegalArgumentException | ArithmeticException
                | IllegalStateException e) {
            String why = Messages.shorten(e.getMessage());
            skipped.add(title + " not shown: " + why);
            return rep.withSection(title, "<p>Not computed on these data: " + HtmlReport.escape(why) + "</p>");
        }
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
    static HtmlReport smallStudyEffects(HtmlReport rep, MetaResult r, BiasSection bias, List<String> skipped) {
        Map<String, String> t = new LinkedHashMap<>();
        String egger = "Egger's regression test (weighted regression on the standard error)";
        try {
            EggerTest.Result e = bias.eggerTest().test(r);
            t.put(egger, String.format(Locale.ROOT, "t = %.2f, df = %s, %s", e.statistic(), fmtDf(e.df()),
                    p(e.pval())));
        } catch (IllegalArgumentException | ArithmeticException | IllegalStateException ex) {
            t.put(egger, "not computed: " + Messages.shorten(ex.getMessage()));
            skipped.add("Egger's test not shown: " + Messages.shorten(ex.getMessage()));
        }
        String begg = "Begg's rank correlation test";
        try {
            BeggTest b = BeggTest.test(r);
            t.put(begg, String.format(Locale.ROOT, "Kendall's tau = %.3f, %s", b.tau(), p(b.pval())));
        } catch (IllegalArgumentException | ArithmeticException | IllegalStateException ex) {
            t.put(begg, "not computed: " + Messages.shorten(ex.getMessage()));
            skipped.add("Begg's test not shown: " + Messages.shorten(ex.getMessage()));
        }
        TrimAndFill.Result tf = null;
        try {
            tf = bias.trimFill().fit(r);
            boolean log = r.data().measure() != null && r.data().measure().isLogScale();
            t.put("Trim and fill (" + bias.trimfillEstimator + "): studies imputed", tf.k0() + " on the "
                    + tf.side().label() + " side");
            t.put("Trim and fill: adjusted estimate", String.format(Locale.ROOT, "%.2f (95%% CI %.2f to %.2f)%s",
                    log ? Math.exp(tf.estimate()) : tf.estimate(), log ? Math.exp(tf.ciLb()) : tf.ciLb(),
                    log ? Math.exp(tf.ciUb()) : tf.ciUb(), log ? " (back-transformed)" : ""));
        } catch (IllegalArgumentException | ArithmeticException | IllegalStateException ex) {
            t.put("Trim and fill", "not computed: " + Messages.shorten(ex.getMessage()));
            skipped.add("trim and fill not shown: " + Messages.shorten(ex.getMessage()));
        }
        HtmlReport out = rep.withTable("Small-study effects and publication bias", t);
        if (tf != null && tf.k0() > 0) {
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
