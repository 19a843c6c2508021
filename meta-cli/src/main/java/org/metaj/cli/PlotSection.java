package org.metaj.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import org.metaj.bias.TrimAndFill;
import org.metaj.model.MetaResult;
import org.metaj.plot.BaujatPlot;
import org.metaj.plot.FunnelPlot;
import org.metaj.plot.LabbePlot;
import org.metaj.plot.RadialPlot;
import org.metaj.sensitivity.Baujat;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Plots of {@code meta analyze}: {@code --forest F.svg --funnel F.svg --baujat-plot F.svg --radial F.svg
 * --labbe F.svg}.
 * Each writes a standalone SVG file and is listed under {@code "plots"} in the JSON answer.
 */
public final class PlotSection implements Section {
    /** The bias section of the same command, whose trim-and-fill settings the funnel plot follows. */
    BiasSection bias;

    @Option(names = "--forest", paramLabel = "FILE.svg", converter = Converters.OutputFile.class, description = "write a forest plot (SVG)")
    Path forest;

    @Option(names = "--funnel", paramLabel = "FILE.svg", converter = Converters.OutputFile.class, description = "write a contour-enhanced funnel plot (SVG; "
            + "with --trimfill the filled studies are drawn hollow)")
    Path funnel;

    @Option(names = "--baujat-plot", paramLabel = "FILE.svg", converter = Converters.OutputFile.class,
            description = "write a Baujat plot (SVG; --baujat prints its coordinates)")
    Path baujat;

    @Option(names = "--radial", paramLabel = "FILE.svg", converter = Converters.OutputFile.class, description = "write a radial (Galbraith) plot (SVG)")
    Path radial;

    @Option(names = "--labbe", paramLabel = "FILE.svg", converter = Converters.OutputFile.class, description = "write a L'Abbe plot (SVG; 2x2 data only)")
    Path labbe;

    @Mixin
    ForestOptions forestOptions = new ForestOptions();

    @Override
    public void run(AnalysisContext ctx) {
        Map<String, Object> written = AnalysisContext.object();
        MetaResult r = ctx.result();
        if (forest != null) {
            write(forest, forestOptions.forest(r).toSvg(), "forest", written, ctx);
        }
        if (funnel != null) {
            FunnelPlot fp = FunnelPlot.of(r);
            if (bias != null && bias.trimfill) {
                TrimAndFill.Result tf = bias.trimFill().fit(r);
                fp = fp.withImputed(tf.filledYi(), tf.filledVi(), tf.estimate());
            }
            write(funnel, fp.toSvg(), "funnel", written, ctx);
        }
        if (baujat != null) {
            write(baujat, baujatPlot(r).toSvg(), "baujat", written, ctx);
        }
        if (radial != null) {
            write(radial, RadialPlot.of(r).toSvg(), "radial", written, ctx);
        }
        if (labbe != null) {
            if (r.data().measure() == null || !r.data().measure().isTwoByTwo()) {
                throw new UsageException("--labbe needs a 2x2 measure (OR, RR, RD, PETO), got "
                        + (r.data().measure() == null ? "generic yi/vi data" : r.data().measure()));
            }
            write(labbe, LabbePlot.of(r).toSvg(), "labbe", written, ctx);
        }
        if (!written.isEmpty()) {
            ctx.json().put("plots", written);
        }
    }

    /** @return the Baujat plot of the coordinates computed by {@link Baujat} (as metafor's {@code baujat()}) */
    static BaujatPlot baujatPlot(MetaResult r) {
        if (r.k() < 2) {
            throw new UsageException("a Baujat plot needs at least 2 studies, got " + r.k());
        }
        Baujat b = Baujat.of(r);
        return BaujatPlot.of(b.heterogeneity(), b.influence(), r.data().labels());
    }

    private static void write(Path p, String content, String name, Map<String, Object> written,
            AnalysisContext ctx) {
        Outputs.write("the " + (name.equals("labbe") ? "L'Abb\u00e9" : name) + " plot", p, content);
        written.put(name, p.toString());
        ctx.text().append(String.format(Locale.ROOT, "%s plot written to %s%n", displayName(name), p));
    }

    private static String displayName(String s) {
        return s.equals("labbe") ? "L'Abb\u00e9" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
