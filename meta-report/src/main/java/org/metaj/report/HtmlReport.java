package org.metaj.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.metaj.data.StudyData;
import org.metaj.data.EffectMeasure;
import org.metaj.model.Method;
import org.metaj.model.Citations;
import org.metaj.model.MetaResult;
import org.metaj.model.TestType;
import org.metaj.model.Tau2Interval;
import org.metaj.plot.ForestPlot;
import org.metaj.plot.FunnelPlot;
import org.metaj.plot.Labels;
import org.metaj.plot.Markup;
import org.metaj.plot.Numbers;
import org.metaj.stats.Probabilities;

/**
 * One self-contained HTML page reporting a meta-analysis: a summary sentence, the forest plot, the model and
 * heterogeneity figures, the funnel plot, the data table (effect sizes, intervals and weights), notes and warnings,
 * and a methods paragraph naming the estimator and the test with their references. Plots are inline SVG, the style
 * is inline CSS; the page loads nothing and runs no script. Other packages add sections as pre-rendered HTML
 * fragments ({@link #withSection}) or key/value tables ({@link #withTable}); every text the report writes itself is
 * HTML-escaped.
 *
 * <pre>{@code
 * String html = HtmlReport.of(result).withTitle("BCG vaccine and tuberculosis").toHtml();
 * }</pre>
 */
public final class HtmlReport {
    private static final class Section {
        final String heading;
        final String html;

        Section(String heading, String html) {
            this.heading = heading;
            this.html = html;
        }
    }

    private final MetaResult result;
    private final String title;
    private final ForestPlot forest;
    private final FunnelPlot funnel;
    private final List<Section> sections;
    private final int digits;
    private final List<List<String>> methodNotes;

    private HtmlReport(MetaResult result, String title, ForestPlot forest, FunnelPlot funnel, List<Section> sections,
            int digits, List<List<String>> methodNotes) {
        this.result = result;
        this.title = title;
        this.forest = forest;
        this.funnel = funnel;
        this.sections = sections;
        this.digits = digits;
        this.methodNotes = methodNotes;
    }

    /** @return a report with the default forest and funnel plots */
    public static HtmlReport of(MetaResult result) {
        Objects.requireNonNull(result, "result");
        return new HtmlReport(result, "Meta-analysis report", ForestPlot.of(result), FunnelPlot.of(result),
                List.of(), 2, List.of());
    }

    /** @return a copy with the page title */
    public HtmlReport withTitle(String t) {
        return new HtmlReport(result, Objects.requireNonNull(t, "title"), forest, funnel, sections, digits,
                methodNotes);
    }

    /** @return a copy with this forest plot (e.g. with subgroups or favours labels), or null for none */
    public HtmlReport withForest(ForestPlot f) {
        return new HtmlReport(result, title, f, funnel, sections, digits, methodNotes);
    }

    /** @return a copy with this funnel plot (e.g. with trim-and-fill studies), or null for none */
    public HtmlReport withFunnel(FunnelPlot f) {
        return new HtmlReport(result, title, forest, f, sections, digits, methodNotes);
    }

    /** @return a copy with that many decimals in the tables (0 to 8) */
    public HtmlReport withDigits(int d) {
        if (d < 0 || d > 8) {
            throw new IllegalArgumentException("digits must be between 0 and 8, got " + d);
        }
        return new HtmlReport(result, title, forest, funnel, sections, d, methodNotes);
    }

    /**
     * Adds a section from a pre-rendered fragment (e.g. an SVG from this library, or a table a bias or regression
     * package built). The fragment is inserted as it is: the caller is responsible for escaping its text (see
     * {@link #escape}); the heading is escaped here.
     *
     * @return a copy with the section appended
     */
    public HtmlReport withSection(String heading, String htmlFragment) {
        List<Section> s = new ArrayList<>(sections);
        s.add(new Section(Objects.requireNonNull(heading, "heading"), Objects.requireNonNull(htmlFragment,
                "htmlFragment")));
        return new HtmlReport(result, title, forest, funnel, List.copyOf(s), digits, methodNotes);
    }

    /**
     * Adds a sentence to the methods paragraph (e.g. for the analyses of an added section), followed by the numbers
     * of its references, which join the reference list. The sentence is escaped.
     *
     * @param sentence   e.g. "Small-study effects were assessed with Egger's regression test"
     * @param references full references, e.g. {@link Citations#EGGER}
     * @return a copy with the sentence appended
     */
    public HtmlReport withMethodsNote(String sentence, String... references) {
        List<String> note = new ArrayList<>();
        note.add(Objects.requireNonNull(sentence, "sentence"));
        for (String r : references) {
            note.add(Objects.requireNonNull(r, "reference"));
        }
        List<List<String>> n = new ArrayList<>(methodNotes);
        n.add(List.copyOf(note));
        return new HtmlReport(result, title, forest, funnel, sections, digits, List.copyOf(n));
    }

    /**
     * Adds a section holding a two-column table; keys and values are escaped.
     *
     * @param rows label to value, in display order
     * @return a copy with the section appended
     */
    public HtmlReport withTable(String heading, Map<String, String> rows) {
        StringBuilder b = new StringBuilder("<table class=\"kv\">\n");
        for (Map.Entry<String, String> e : rows.entrySet()) {
            b.append("<tr><th scope=\"row\">").append(escape(e.getKey())).append("</th><td>")
                    .append(escape(e.getValue())).append("</td></tr>\n");
        }
        b.append("</table>\n");
        return withSection(heading, b.toString());
    }

    /**
     * @param s any text, may be null
     * @return the text with {@code & < > " '} escaped for HTML and XML, forbidden control characters dropped
     */
    public static String escape(String s) {
        return Markup.escape(s);
    }

    private static final String CSS = "body{font-family:sans-serif;color:#1a1a1a;background:#ffffff;margin:0;"
            + "line-height:1.45}main{max-width:1080px;margin:0 auto;padding:24px 28px 48px}"
            + "h1{font-size:1.6em;margin:0 0 4px}h2{font-size:1.2em;margin:32px 0 10px;border-bottom:1px solid #ccc;"
            + "padding-bottom:4px}.sub{color:#555;margin:0 0 16px}.summary{background:#f3f6fa;border-left:4px solid "
            + "#2f5f8f;padding:10px 14px;font-size:1.05em}table{border-collapse:collapse;font-size:0.92em;"
            + "margin:6px 0}th,td{padding:4px 10px;text-align:right;border-bottom:1px solid #e2e2e2}"
            + "th{background:#f4f4f4}td:first-child,th:first-child{text-align:left}table.kv th{text-align:left;"
            + "font-weight:normal;color:#333;background:none}table.kv td{text-align:left}.figure{overflow-x:auto}"
            + ".figure svg{max-width:100%;height:auto}#forest svg{width:100%;max-width:1024px}.warn{color:#8a4b00}"
            + "ul.notes{background:#fff8e6;border-left:4px solid #d08c00;padding:8px 14px 8px 32px;margin:8px 0}"
            + "ol.refs{font-size:0.9em;color:#333}"
            + "td.num{font-variant-numeric:tabular-nums}";

    /** @return the HTML document */
    public String toHtml() {
        StudyData d = result.data();
        EffectMeasure m = d.measure();
        boolean log = m != null && m.isLogScale();
        String eff = Labels.effectName(m);
        String lvl = pct(result.level());
        StringBuilder h = new StringBuilder(65536);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
                .append(escape(title)).append("</title>\n<style>").append(CSS).append("</style>\n</head>\n<body>\n<main>\n");
        h.append("<h1>").append(escape(title)).append("</h1>\n");
        String source = d.columns().source() == null ? null
                : d.columns().source().replaceAll(".*[/\\\\]", "");
        h.append("<p class=\"sub\">").append(escape(modelName(result))).append("; k = ").append(result.k())
                .append(" studies").append(m != null ? "; measure: " + escape(m.description()) : "")
                .append(source != null && !source.isEmpty() ? "; data: " + escape(source) : "").append("</p>\n");

        // summary sentence
        h.append("<p class=\"summary\" id=\"summary\">").append(escape(summarySentence(eff, lvl, log)))
                .append("</p>\n");

        List<String> notes = new ArrayList<>(d.notes());
        if (!notes.isEmpty() || !result.warnings().isEmpty()) {
            h.append("<ul class=\"notes\" id=\"warnings\">\n");
            for (String n : notes) {
                h.append("<li>").append(escape(n)).append("</li>\n");
            }
            for (String n : result.warnings()) {
                h.append("<li class=\"warn\">Warning: ").append(escape(n)).append("</li>\n");
            }
            h.append("</ul>\n");
        }

        if (forest != null) {
            h.append("<h2>Forest plot</h2>\n<div class=\"figure\" id=\"forest\">\n").append(stripProlog(forest.toSvg()))
                    .append("</div>\n");
        }

        // model
        h.append("<h2>Model</h2>\n<table id=\"model\">\n<tr><th></th><th>Estimate</th><th>").append(lvl)
                .append("% CI</th><th>SE</th><th>").append(result.test() == TestType.KNHA ? "t" : "z")
                .append("</th><th>p</th></tr>\n");
        h.append("<tr><td>Pooled (").append(escape(log ? "log scale" : "analysis scale")).append(")</td>")
                .append(num(result.estimate())).append(td(f(result.ciLb()) + " to " + f(result.ciUb())))
                .append(num(result.se())).append(num(result.statistic())).append(td(Numbers.pValue(result.pval())))
                .append("</tr>\n");
        if (log) {
            h.append("<tr><td>").append(escape(eff)).append("</td>").append(num(Math.exp(result.estimate())))
                    .append(td(f(Math.exp(result.ciLb())) + " to " + f(Math.exp(result.ciUb()))))
                    .append("<td></td><td></td><td></td></tr>\n");
        }
        if (result.method().isRandomEffects()) {
            double lb = log ? Math.exp(result.piLb()) : result.piLb();
            double ub = log ? Math.exp(result.piUb()) : result.piUb();
            h.append("<tr><td>Prediction interval").append(log ? " (" + escape(eff) + ")" : "").append("</td><td></td>")
                    .append(td(f(lb) + " to " + f(ub))).append("<td></td><td></td><td></td></tr>\n");
        }
        h.append("</table>\n");

        // heterogeneity
        Map<String, String> het = new LinkedHashMap<>();
        if (result.method().isRandomEffects()) {
            Tau2Interval ti = result.tau2Interval();
            het.put("\u03c4\u00b2 (" + result.method().label() + ")", f4(result.tau2())
                    + (ti != null ? " (" + lvl + "% CI " + f4(ti.tau2Lb()) + " to " + f4(ti.tau2Ub()) + ")" : ""));
            het.put("\u03c4", f4(result.tau()));
        }
        Tau2Interval ti = result.tau2Interval();
        het.put("I\u00b2", Numbers.fixed(result.i2(), 1) + "%"
                + (ti != null ? " (" + lvl + "% CI " + Numbers.fixed(ti.i2Lb(), 1) + "% to "
                        + Numbers.fixed(ti.i2Ub(), 1) + "%)" : ""));
        het.put("H\u00b2", Numbers.fixed(result.h2(), 2));
        het.put("Cochran's Q", Numbers.fixed(result.q(), 2) + " on " + result.qDf() + " df, "
                + Numbers.pValue(result.qPval()));
        h.append("<h2>Heterogeneity</h2>\n<table class=\"kv\" id=\"heterogeneity\">\n");
        for (Map.Entry<String, String> e : het.entrySet()) {
            h.append("<tr><th scope=\"row\">").append(escape(e.getKey())).append("</th><td>")
                    .append(escape(e.getValue())).append("</td></tr>\n");
        }
        h.append("</table>\n");

        if (funnel != null) {
            h.append("<h2>Funnel plot</h2>\n<div class=\"figure\" id=\"funnel\">\n").append(stripProlog(funnel.toSvg()))
                    .append("</div>\n");
        }

        // data
        double z = Probabilities.normalQuantile(1 - (1 - result.level()) / 2);
        double[] w = result.weights();
        h.append("<h2>Studies</h2>\n<table id=\"data\">\n<tr><th>Study</th><th>y<sub>i</sub></th><th>v<sub>i</sub></th>")
                .append("<th>").append(escape(eff)).append("</th><th>").append(lvl).append("% CI</th><th>Weight</th></tr>\n");
        for (int i = 0; i < d.k(); i++) {
            double se = Math.sqrt(d.vi(i));
            double lb = d.yi(i) - z * se;
            double ub = d.yi(i) + z * se;
            double e = d.yi(i);
            if (log) {
                e = Math.exp(e);
                lb = Math.exp(lb);
                ub = Math.exp(ub);
            }
            h.append("<tr><td>").append(escape(d.label(i))).append("</td>").append(num(d.yi(i)))
                    .append(td(Numbers.fixed(d.vi(i), Math.max(4, digits)))).append(num(e))
                    .append(td(f(lb) + " to " + f(ub))).append(td(i < w.length ? Numbers.fixed(w[i], 1) + "%" : ""))
                    .append("</tr>\n");
        }
        h.append("</table>\n");

        for (Section s : sections) {
            h.append("<h2>").append(escape(s.heading)).append("</h2>\n<div class=\"section\">\n").append(s.html)
                    .append("\n</div>\n");
        }

        // methods
        Set<String> refs = new LinkedHashSet<>();
        h.append("<h2>Methods</h2>\n<p id=\"methods\">").append(escape(methods(refs, lvl))).append("</p>\n");
        h.append("<ol class=\"refs\">\n");
        for (String r : refs) {
            h.append("<li>").append(escape(r)).append("</li>\n");
        }
        h.append("</ol>\n</main>\n</body>\n</html>\n");
        return h.toString();
    }

    private String summarySentence(String eff, String lvl, boolean log) {
        StringBuilder b = new StringBuilder();
        double e = log ? Math.exp(result.estimate()) : result.estimate();
        double lb = log ? Math.exp(result.ciLb()) : result.ciLb();
        double ub = log ? Math.exp(result.ciUb()) : result.ciUb();
        b.append(modelName(result)).append(" of ").append(result.k()).append(" studies: pooled ")
                .append(eff.toLowerCase(Locale.ROOT)).append(' ').append(f(e)).append(" (").append(lvl)
                .append("% CI ").append(f(lb)).append(" to ").append(f(ub)).append("; ")
                .append(Numbers.pValue(result.pval()))
                .append(").");
        if (result.method().isRandomEffects() && Double.isFinite(result.piLb())) {
            double pl = log ? Math.exp(result.piLb()) : result.piLb();
            double pu = log ? Math.exp(result.piUb()) : result.piUb();
            b.append(" Prediction interval ").append(f(pl)).append(" to ").append(f(pu)).append('.');
        }
        b.append(" Heterogeneity: I\u00b2 = ").append(Numbers.fixed(result.i2(), 1)).append("%, Q = ")
                .append(Numbers.fixed(result.q(), 2)).append(" (df = ").append(result.qDf()).append(", ")
                .append(Numbers.pValue(result.qPval())).append(").");
        return b.toString();
    }

    private String methods(Set<String> refs, String lvl) {
        Method m = result.method();
        EffectMeasure em = result.data().measure();
        StringBuilder b = new StringBuilder();
        if (em != null) {
            b.append("The effect measure was the ").append(em.description());
            if (em.isLogScale()) {
                b.append("; results are shown back-transformed to the ")
                        .append(Labels.effectName(em).toLowerCase(Locale.ROOT)).append(" scale");
            }
            b.append(". ");
        }
        if (m.isRandomEffects()) {
            b.append("Studies were pooled in a random-effects model with inverse-variance weights [")
                    .append(ref(refs, Citations.INVERSE_VARIANCE)).append("]; the between-study variance \u03c4\u00b2 was estimated by ")
                    .append(m.description().replaceAll(" \\([^)]*\\)$", "")).append(" [").append(ref(refs, Citations.of(m))).append("]. ");
        } else if (m == Method.FE) {
            b.append("Studies were pooled in a common-effect model with inverse-variance weights [")
                    .append(ref(refs, Citations.of(m))).append("]. ");
        } else if (m == Method.MH) {
            b.append("Studies were pooled in a common-effect model by the Mantel-Haenszel method [")
                    .append(ref(refs, Citations.of(m))).append("], with the variance of Robins, Breslow and Greenland [")
                    .append(ref(refs, "Robins J, Breslow N, Greenland S. Estimators of the Mantel-Haenszel variance "
                            + "consistent in both sparse data and large-strata limiting models. Biometrics. "
                            + "1986;42:311-323.")).append("]. ");
        } else {
            b.append("Studies were pooled by Peto's one-step odds ratio method [").append(ref(refs, Citations.of(m)))
                    .append("]. ");
        }
        if (result.test() == TestType.KNHA) {
            b.append("The pooled estimate was tested, and its ").append(lvl)
                    .append("% confidence interval formed, with the Knapp-Hartung adjustment and a t distribution on k - 1 degrees of freedom [")
                    .append(ref(refs, Citations.KNHA)).append("]. ");
        } else {
            b.append("The pooled estimate was tested with a Wald-type z test and its ").append(lvl)
                    .append("% confidence interval formed from the normal distribution. ");
        }
        b.append("Heterogeneity was assessed with Cochran's Q [").append(ref(refs, Citations.COCHRAN_Q))
                .append("] and I\u00b2 [").append(ref(refs, Citations.I2)).append("]");
        if (result.tau2Interval() != null) {
            b.append("; the confidence interval for \u03c4\u00b2 is the Q-profile interval [")
                    .append(ref(refs, Citations.Q_PROFILE)).append("]");
        }
        b.append(". ");
        if (m.isRandomEffects()) {
            b.append("The prediction interval for the effect in a new study follows Higgins et al. [")
                    .append(ref(refs, Citations.PREDICTION)).append("]. ");
        }
        if (funnel != null) {
            b.append("The funnel plot is contour-enhanced [").append(ref(refs, Citations.CONTOUR_FUNNEL))
                    .append("]. ");
        }
        for (List<String> note : methodNotes) {
            b.append(note.get(0).replaceAll("[.\\s]+$", ""));
            if (note.size() > 1) {
                b.append(" [");
                for (int i = 1; i < note.size(); i++) {
                    b.append(i > 1 ? ", " : "").append(ref(refs, note.get(i)));
                }
                b.append(']');
            }
            b.append(". ");
        }
        b.append("Computed with metaj, whose figures are checked against R metafor 3.8-1.");
        return b.toString();
    }

    private static String ref(Set<String> refs, String r) {
        refs.add(r);
        int i = 1;
        for (String s : refs) {
            if (s.equals(r)) {
                return Integer.toString(i);
            }
            i++;
        }
        throw new IllegalStateException();
    }

    static String modelName(MetaResult r) {
        Method m = r.method();
        if (m.isRandomEffects()) {
            return "Random-effects model (" + m.label() + (r.test() == TestType.KNHA ? ", Knapp-Hartung" : "") + ")";
        }
        return m == Method.FE ? "Common-effect model (inverse variance)"
                : m == Method.MH ? "Common-effect model (Mantel-Haenszel)" : "Common-effect model (Peto)";
    }

    private static String stripProlog(String svg) {
        return svg.startsWith("<?xml") ? svg.substring(svg.indexOf("?>") + 2) : svg;
    }

    private String num(double x) {
        return "<td class=\"num\">" + escape(f(x)) + "</td>";
    }

    private static String td(String s) {
        return "<td class=\"num\">" + escape(s) + "</td>";
    }

    private String f(double x) {
        return Numbers.fixed(x, digits);
    }

    private static String f4(double x) {
        return Numbers.fixed(x, 4);
    }

    private static String pct(double level) {
        double v = 100 * level;
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
