package org.metaj.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.metaj.data.StudyColumns;
import org.metaj.io.CsvReader;
import org.metaj.model.Coefficient;
import org.metaj.network.ArmTable;
import org.metaj.network.DesignByTreatment;
import org.metaj.network.NetworkMeasure;
import org.metaj.network.NetworkMetaAnalysis;
import org.metaj.network.NetworkResult;
import org.metaj.network.NodeSplit;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code meta network FILE.csv --measure M --reference T}: network meta-analysis from arm-level data (one row per
 * arm: {@code study, treatment} and {@code events, n}, {@code mean, sd, n} or {@code events, time}). Figures and
 * options follow the command-line contract, part B.
 */
@Command(name = "network", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Network meta-analysis: every treatment against a reference, from one row per arm.",
        footer = {"", "Example:", "  meta network datasets/smoking-hasselblad1998.csv --measure OR "
                + "--reference no_contact"})
public final class NetworkCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "CSV file, one row per arm")
    Path file;

    @Option(names = "--measure", paramLabel = "M",
            description = "OR, RR (events, n), MD (mean, sd, n) or IRR (events, time), one row per arm; or GEN "
                    + "(study, treat1, treat2, yi, vi or sei: one row per two-arm study; the default when the file "
                    + "has treat1 and treat2 columns)")
    String measure;

    @Option(names = "--reference", paramLabel = "T", required = true, description = "the reference treatment")
    String reference;

    @Option(names = "--method", paramLabel = "X", defaultValue = "REML",
            description = "REML (random effects, default) or FE (common effect)")
    String method;

    @Option(names = "--small-values", paramLabel = "good|bad", defaultValue = "bad",
            description = "for ranking: are small values good or bad (default)?")
    String smallValues;

    @Option(names = "--level", paramLabel = "L", defaultValue = "95", description = "confidence level in percent")
    double level;

    @Option(names = "--label", paramLabel = "COL", defaultValue = "study", description = "the study column")
    String label;

    @Option(names = "--format", paramLabel = "F", defaultValue = "text", converter = Converters.FormatConverter.class,
            description = "text (default) or json")
    Converters.Format format = Converters.Format.TEXT;

    @Option(names = "--debug", description = "show stack traces of errors")
    boolean debug;

    @Override
    public Integer call() {
        boolean json = format == Converters.Format.JSON;
        NetworkResult r = fit();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(figures(r)));
        } else {
            out.print(org.metaj.data.Printable.sanitize(text(r)));
            PrintWriter err = spec.commandLine().getErr();
            r.warnings().forEach(w -> err.println("warning: " + org.metaj.data.Printable.oneLine(w)));
            err.flush();
        }
        out.flush();
        return 0;
    }

    /** Reads, validates and fits. */
    NetworkResult fit() {
        NetworkMeasure m;
        NetworkMetaAnalysis.Method meth;
        NetworkMetaAnalysis.SmallValues sv;
        StudyColumns cols;
        try {
            cols = CsvReader.withDefaults().withLabelColumn(label).read(file).columns();
        } catch (java.io.UncheckedIOException e) {
            throw new UsageException(e.getMessage());
        }
        try {
            if (measure == null && !(cols.has("treat1") || cols.hasText("treat1"))) {
                throw new UsageException("--measure is required for arm-level input (OR, RR, MD or IRR)");
            }
            m = measure == null ? NetworkMeasure.GEN : NetworkMeasure.parse(measure);
            meth = NetworkMetaAnalysis.Method.parse(method);
            sv = NetworkMetaAnalysis.SmallValues.parse(smallValues);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        ArmTable arms = ArmTable.of(cols, m);
        return NetworkMetaAnalysis.of(reference).with(meth).with(sv).withLevel(level).fit(arms);
    }

    /** The JSON answer (contract part B). */
    static Map<String, Object> figures(NetworkResult r) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("model", "network");
        o.put("measure", r.measure().name());
        o.put("method", r.methodLabel());
        o.put("reference", r.treatments().get(0));
        o.put("k", r.studyCount());
        o.put("n_treatments", r.treatments().size());
        o.put("n_contrasts", r.contrastCount());
        o.put("tau2", r.tau2());
        o.put("Q", r.q());
        o.put("Q_df", r.qDf());
        o.put("Q_pval", r.qPval());
        o.put("Q_het", r.qHet());
        o.put("Q_het_df", r.qHetDf());
        o.put("Q_het_pval", r.qHetPval());
        o.put("Q_inc", r.qInc());
        o.put("Q_inc_df", r.qIncDf());
        o.put("Q_inc_pval", r.qIncPval());
        DesignByTreatment dbt = r.designByTreatment();
        Map<String, Object> db = new LinkedHashMap<>();
        db.put("tau2", dbt.tau2());
        db.put("Q", dbt.q());
        db.put("df", dbt.df());
        db.put("pval", dbt.pval());
        o.put("dbt", db);
        Map<String, Object> d = new LinkedHashMap<>();
        for (Coefficient c : r.coefficients()) {
            d.put(key(c.name()), coefficient(c));
        }
        o.put("d", d);
        double[] ps = r.pScores();
        Map<String, Object> p = new LinkedHashMap<>();
        for (int i = 0; i < ps.length; i++) {
            p.put(key(r.treatments().get(i)), ps[i]);
        }
        o.put("pscore", p);
        Map<String, Object> league = new LinkedHashMap<>();
        Coefficient[][] t = r.league();
        for (int i = 0; i < t.length; i++) {
            for (int j = 0; j < t.length; j++) {
                if (i != j) {
                    league.put(key(r.treatments().get(i)) + "_vs_" + key(r.treatments().get(j)),
                            coefficient(t[i][j]));
                }
            }
        }
        o.put("league", league);
        Map<String, Object> splits = new LinkedHashMap<>();
        for (NodeSplit ns : r.nodeSplits()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("studies", ns.studies());
            m.put("direct", ns.direct());
            m.put("direct_se", ns.directSe());
            m.put("indirect", ns.indirect());
            m.put("indirect_se", ns.indirectSe());
            m.put("network", ns.network());
            m.put("direct_proportion", ns.directProportion());
            m.put("difference", ns.difference());
            m.put("difference_se", ns.differenceSe());
            m.put("zval", ns.z());
            m.put("pval", ns.pval());
            splits.put(key(ns.first()) + "_vs_" + key(ns.second()), m);
        }
        o.put("netsplit", splits);
        o.put("warnings", r.warnings());
        return o;
    }

    private static Map<String, Object> coefficient(Coefficient c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("estimate", c.estimate());
        m.put("se", c.se());
        m.put("zval", c.statistic());
        m.put("pval", c.pval());
        m.put("ci_lb", c.ciLb());
        m.put("ci_ub", c.ciUb());
        return m;
    }

    /** A treatment name as a JSON key: every character outside A-Za-z0-9 becomes '_' (contract part B). */
    static String key(String treatment) {
        StringBuilder sb = new StringBuilder(treatment.length());
        for (int i = 0; i < treatment.length(); i++) {
            char ch = treatment.charAt(i);
            sb.append((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ? ch : '_');
        }
        return sb.toString();
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String fmtP(double p) {
        return Double.isNaN(p) ? "-" : p < 1e-4 ? "<.0001" : String.format(Locale.ROOT, "%.4f", p);
    }

    /** The printout: the model, every treatment against the reference, heterogeneity and P-scores. */
    static String text(NetworkResult r) {
        StringBuilder sb = new StringBuilder();
        boolean exp = r.measure().isLogScale();
        sb.append(String.format(Locale.ROOT, "Network meta-analysis (%s, %s): %d studies, %d treatments, %d contrasts%n",
                r.methodLabel().equals("FE") ? "common effect" : "random effects, REML", r.measure(),
                r.studyCount(), r.treatments().size(), r.contrastCount()));
        if (r.methodLabel().equals("REML")) {
            sb.append(String.format(Locale.ROOT, "tau^2 = %.4f (tau = %.4f)%n", r.tau2(), Math.sqrt(r.tau2())));
        }
        sb.append(String.format(Locale.ROOT, "%nAgainst %s (%s%s, %.0f%% CI):%n", r.treatments().get(0),
                exp ? "exp " : "", r.measure(), 100 * r.level()));
        int w = 9;
        for (String t : r.treatments()) {
            w = Math.max(w, t.length());
        }
        double[] ps = r.pScores();
        sb.append(String.format(Locale.ROOT, "  %-" + w + "s %10s %10s %10s %8s %8s%n", "treatment", "estimate",
                "ci.lb", "ci.ub", "pval", "P-score"));
        sb.append(String.format(Locale.ROOT, "  %-" + w + "s %10s %10s %10s %8s %8.3f%n", r.treatments().get(0),
                "(ref)", "", "", "", ps[0]));
        List<Coefficient> cs = r.coefficients();
        for (int i = 0; i < cs.size(); i++) {
            Coefficient c = cs.get(i);
            sb.append(String.format(Locale.ROOT, "  %-" + w + "s %10.4f %10.4f %10.4f %8.4f %8.3f%n", c.name(),
                    exp ? Math.exp(c.estimate()) : c.estimate(), exp ? Math.exp(c.ciLb()) : c.ciLb(),
                    exp ? Math.exp(c.ciUb()) : c.ciUb(), c.pval(), ps[i + 1]));
        }
        sb.append(String.format(Locale.ROOT, "%nHeterogeneity and inconsistency (Krahn et al. 2013):%n"));
        sb.append(String.format(Locale.ROOT, "  total          Q = %9.4f, df = %3d, p = %s%n", r.q(), r.qDf(),
                fmtP(r.qPval())));
        sb.append(String.format(Locale.ROOT, "  within designs Q = %9.4f, df = %3d, p = %s%n", r.qHet(), r.qHetDf(),
                fmtP(r.qHetPval())));
        sb.append(String.format(Locale.ROOT, "  between designs Q = %8.4f, df = %3d, p = %s%n", r.qInc(), r.qIncDf(),
                fmtP(r.qIncPval())));
        DesignByTreatment dbt = r.designByTreatment();
        sb.append(String.format(Locale.ROOT, "  design-by-treatment interaction (tau^2 = %.4f): Q = %.4f, df = %d, "
                + "p = %s%n", dbt.tau2(), dbt.q(), dbt.df(), fmtP(dbt.pval())));
        if (!r.nodeSplits().isEmpty()) {
            sb.append(String.format(Locale.ROOT, "%nDirect vs indirect evidence (node-splitting by back-calculation):%n"));
            int cw = 10;
            for (NodeSplit ns : r.nodeSplits()) {
                cw = Math.max(cw, ns.first().length() + ns.second().length() + 4);
            }
            sb.append(String.format(Locale.ROOT, "  %-" + cw + "s %3s %9s %9s %9s %8s%n", "comparison", "k", "direct",
                    "indirect", "diff", "pval"));
            for (NodeSplit ns : r.nodeSplits()) {
                sb.append(String.format(Locale.ROOT, "  %-" + cw + "s %3d %9.4f %9s %9s %8s%n", ns.first() + " vs "
                        + ns.second(), ns.studies(), ns.direct(), fmt(ns.indirect()), fmt(ns.difference()),
                        fmtP(ns.pval())));
            }
        }
        return sb.toString();
    }
}
