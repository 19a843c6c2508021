package org.metaj.cli;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.metaj.data.DataException;
import org.metaj.data.StudyColumns;
import org.metaj.data.StudyData;
import org.metaj.data.EffectMeasure;
import org.metaj.effect.EffectSizeResult;
import org.metaj.effect.EffectSizes;
import org.metaj.effect.ZeroCellRule;
import org.metaj.io.CsvReader;
import org.metaj.model.MetaAnalysis;
import org.metaj.model.Method;
import org.metaj.model.TestType;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The options every analysing subcommand shares (input file, effect measure, model), and the one path from a CSV
 * file to {@link StudyData} and a configured {@link MetaAnalysis}: read, validate, compute effect sizes.
 */
public final class DataOptions {
    @Parameters(index = "0", paramLabel = "FILE.csv", description = "CSV file, one row per study (metafor's column "
            + "names: yi,vi | m1i,sd1i,n1i,m2i,sd2i,n2i | ai,bi,ci,di | ai,n1i,ci,n2i | ri,ni | xi,ni | x1i,t1i,x2i,t2i)")
    Path file;

    @Option(names = "--transf", paramLabel = "NAME", description = "back-transformation of the estimate and intervals "
            + "(metafor's transf): exp, ztor, ilogit, iarcsin, ipft.hm, isqrt, iirft.hm, iahw, iabt or none "
            + "(default: chosen from the measure, e.g. exp for OR, ztor for ZCOR, ipft.hm for PFT)")
    String transf;

    @Option(names = "--measure", paramLabel = "M", converter = Converters.MeasureConverter.class,
            completionCandidates = Converters.MeasureNames.class, description = "${COMPLETION-CANDIDATES} (escalc); "
            + "omit for precomputed yi, vi (or sei)")
    EffectMeasure measure;

    @Option(names = "--method", paramLabel = "X", defaultValue = "REML", converter = Converters.MethodConverter.class,
            completionCandidates = Converters.MethodNames.class, description = "${COMPLETION-CANDIDATES} "
            + "(default: ${DEFAULT-VALUE})")
    Method method = Method.REML;

    @Option(names = "--test", paramLabel = "z|knha", defaultValue = "z", converter = Converters.TestConverter.class,
            completionCandidates = Converters.TestNames.class, description = "Wald z or Knapp-Hartung (knha; also t, "
            + "hksj; inverse-variance methods only) (default: ${DEFAULT-VALUE})")
    TestType test = TestType.Z;

    @Option(names = "--level", paramLabel = "L", defaultValue = "95", description = "confidence level in percent, "
            + "above 1 and below 100, e.g. 95 or 99 (default: ${DEFAULT-VALUE})")
    double level;

    @Option(names = "--add", paramLabel = "A", description = "zero-cell correction added to each cell (default 0.5)")
    Double add;

    @Option(names = "--to", paramLabel = "RULE", description = "which studies get the correction: only0 (default), "
            + "all, if0all, none")
    String to;

    @Option(names = "--vtype", paramLabel = "V", description = "escalc's variance type: LS (default, large-sample), "
            + "HO (MD, ROM: equal variances assumed), LS2 (SMD, SMDH, SMD1, SMCC, SMCR), UB (SMD, SMD1, RD, PR, UCOR), "
            + "ST or CS (RPB, PHI), AV (SMD, SMD1, ROM, RD, COR, UCOR, PCOR, SPCOR, PR, PLN, PLO), AVHO (ROM)")
    String vtype;

    @Option(names = "--drop00", description = "drop studies with no events (or no non-events) in both groups")
    boolean drop00;

    @Option(names = "--label", paramLabel = "COL", description = "column that labels the studies (default: study)")
    String label;

    @Option(names = "--delimiter", paramLabel = "C", description = "field separator: , ; tab (default: detected)")
    String delimiter;

    @Option(names = "--decimal", paramLabel = "C", description = "decimal mark: . or , (default: detected)")
    String decimal;

    @Option(names = "--on-nonconvergence", paramLabel = "P", defaultValue = "report",
            converter = Converters.PolicyConverter.class, completionCandidates = Converters.PolicyNames.class,
            description = "when an iterative tau^2 estimator does not converge: report (default; result flagged, "
            + "warning), fail (exit 4), DL (refit with DerSimonian-Laird, with a warning)")
    MetaAnalysis.OnNonConvergence onNonConvergence = MetaAnalysis.OnNonConvergence.REPORT;

    @Option(names = "--max-iterations", paramLabel = "N", defaultValue = "1000", description = "iteration limit "
            + "of the iterative tau^2 estimators ML, REML, EB (default: ${DEFAULT-VALUE})")
    int maxIterations;

    private final List<String> notes = new ArrayList<>();
    private StudyColumns columns;

    /** @return notes from reading and effect-size computation (missing values left out, zero cells corrected) */
    public List<String> notes() {
        return notes;
    }

    /** @return the file as given */
    public Path file() {
        return file;
    }

    /** @return the columns read, after {@link #load()} */
    public StudyColumns columns() {
        return columns;
    }

    /** @return the measure, or {@code null} for precomputed effects */
    public EffectMeasure measure() {
        return measure;
    }

    /**
     * Reads the file and computes the effect sizes.
     *
     * @return the studies
     */
    public StudyData load() {
        return effects(readColumns());
    }

    /**
     * Reads the file only (no effect sizes): for models of the raw counts.
     *
     * @return the columns read (also kept for {@link #columns()})
     */
    StudyColumns readColumns() {
        Character delim = null;
        if (delimiter != null) {
            String d = delimiter.equalsIgnoreCase("tab") || delimiter.equals("\\t") ? "\t" : delimiter;
            if (d.length() != 1) {
                throw new UsageException("--delimiter must be one character (',' ';' or tab), got '" + delimiter + "'");
            }
            delim = d.charAt(0);
        }
        Character dec = null;
        if (decimal != null) {
            if (!decimal.equals(".") && !decimal.equals(",")) {
                throw new UsageException("--decimal must be '.' or ',', got '" + decimal + "'");
            }
            dec = decimal.charAt(0);
        }
        CsvReader.Result read;
        try {
            read = CsvReader.withDefaults().withDelimiter(delim).withDecimal(dec).withLabelColumn(label).read(file);
        } catch (UncheckedIOException e) {
            throw new UsageException(e.getMessage());
        } catch (DataException e) {
            throw e;
        } catch (IllegalArgumentException e) { // the label column is not in the file: name the option
            throw new UsageException(e.getMessage().replace(": label column", ": --label column"));
        }
        columns = read.columns();
        notes.addAll(read.notes());
        return columns;
    }

    /** Computes the effect sizes from columns already read. */
    StudyData effects(StudyColumns cols) {
        this.columns = cols;
        EffectSizes es = EffectSizes.withDefaults();
        if (add != null) {
            if (!(add >= 0) || Double.isInfinite(add)) {
                throw new UsageException("--add must be a number >= 0, got " + add);
            }
            es = es.withAdd(add);
        }
        if (to != null) {
            try {
                es = es.withTo(ZeroCellRule.valueOf(to.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--to must be only0, all, if0all or none, got '" + to + "'");
            }
        }
        if (drop00) {
            es = es.withDrop00(true);
        }
        if (vtype != null) {
            final EffectSizes base = es;
            es = parse(() -> base.withVtype(vtype), "--vtype");
        }
        EffectMeasure m = measure();
        boolean generic = cols.has("yi") && (cols.has("vi") || cols.has("sei"));
        EffectSizeResult r;
        if (m == null) {
            if (!generic) {
                throw new DataException(cols.source(), -1, null, "no --measure given and no precomputed yi with vi "
                        + "(or sei) columns; " + suggestMeasure(cols));
            }
            r = es.generic(cols);
        } else if (!hasColumnsFor(m, cols) && generic) {
            r = es.generic(cols);
            notes.add("the file holds precomputed yi/vi: they are taken to be on the " + m + " scale");
            StudyData d = r.toStudyData();
            notes.addAll(r.notes());
            mixedScales(d);
            return StudyData.of(d.columns(), d.yi(), d.vi(), m, d.notes());
        } else {
            if (!hasColumnsFor(m, cols)) {
                throw new DataException(cols.source(), -1, null, missingColumns(m, cols));
            }
            try {
                r = es.compute(m, cols);
            } catch (DataException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw new UsageException("--vtype " + (vtype == null ? "" : vtype.trim()) + ": " + e.getMessage()); // not offered
            }
        }
        notes.addAll(r.notes());
        StudyData d = r.toStudyData();
        mixedScales(d);
        return d;
    }

    /**
     * Precomputed effects from a file with a {@code scale} column that names more than one scale (e.g. responder
     * differences in percent beside VAS millimetres) cannot be pooled meaningfully: say so, loudly, rather than
     * return a number that looks like an answer. (The analysis still runs; select the rows of one scale.)
     */
    private void mixedScales(StudyData d) {
        if (!d.columns().hasText("scale")) {
            return;
        }
        java.util.Set<String> scales = new java.util.TreeSet<>();
        for (String v : d.columns().getText("scale")) {
            if (v != null && !v.isBlank()) {
                scales.add(v.trim());
            }
        }
        if (scales.size() > 1) {
            notes.add("the studies pooled are on " + scales.size() + " different scales (column scale: "
                    + String.join(", ", scales) + "); a pooled estimate across scales is not interpretable: "
                    + "analyse one scale at a time, or use a standardised measure");
        }
    }

    /** @return the configured analysis */
    public MetaAnalysis spec() {
        if (!(level > 1 && level < 100)) {
            throw new UsageException(String.format(Locale.ROOT, "--level is a confidence level in percent, above 1 "
                    + "and below 100 (e.g. 95), got %s%s", new java.math.BigDecimal(Double.toString(level))
                    .stripTrailingZeros().toPlainString(), level > 0 && level <= 1
                    ? String.format(Locale.ROOT, "; for a %s%% interval write --level %s",
                            pct(100 * level), pct(100 * level)) : ""));
        }
        if (test == TestType.KNHA && (method == Method.MH || method == Method.PETO)) {
            throw new UsageException("--test knha applies to inverse-variance models; " + method.label()
                    + " pooling is tested with a z test (omit --test, or choose an inverse-variance --method)");
        }
        // which measure offers which --vtype is the measure registry's business (EffectSizes refuses the rest);
        // precomputed yi/vi take none
        if (vtype != null && measure == null) {
            throw new UsageException("--vtype " + vtype.trim() + " chooses how escalc computes the variances; it "
                    + "needs --measure, and precomputed yi/vi take none");
        }
        if (maxIterations < 1) {
            throw new UsageException("--max-iterations must be >= 1, got " + maxIterations);
        }
        return MetaAnalysis.withDefaults().with(method).with(test).withLevel(level / 100)
                .with(onNonConvergence).withMaxIterations(maxIterations);
    }

    private static String pct(double v) {
        return new java.math.BigDecimal(String.format(Locale.ROOT, "%.6f", v)).stripTrailingZeros().toPlainString();
    }

    static boolean hasColumnsFor(EffectMeasure m, StudyColumns cols) {
        for (List<String> set : m.columnSets()) {
            if (set.stream().allMatch(cols::has)) {
                return true;
            }
        }
        return false;
    }

    private static String missingColumns(EffectMeasure m, StudyColumns cols) {
        StringBuilder sb = new StringBuilder();
        sb.append("measure ").append(m).append(" needs columns ");
        List<String> alts = new ArrayList<>();
        for (List<String> set : m.columnSets()) {
            alts.add(String.join(",", set));
        }
        sb.append(String.join(" or ", alts));
        List<String> present = new ArrayList<>(cols.numericNames());
        present.addAll(cols.textNames());
        sb.append("; the file has ").append(String.join(",", present));
        for (List<String> set : m.columnSets()) {
            for (String need : set) {
                if (!cols.has(need)) {
                    for (String have : present) {
                        if (!CsvReader.NUMERIC.contains(have) && distance(need, have) <= 2) {
                            sb.append(String.format(Locale.ROOT, " (found '%s': did you mean '%s'?)", have, need));
                        } else if (cols.hasText(need) && have.equals(need)) {
                            sb.append(String.format(Locale.ROOT, " (column '%s' is not numeric)", need));
                        }
                    }
                }
            }
        }
        return sb.toString();
    }

    private static String suggestMeasure(StudyColumns cols) {
        List<String> fits = new ArrayList<>();
        for (EffectMeasure m : EffectMeasure.values()) {
            if (hasColumnsFor(m, cols)) {
                fits.add(m.name());
            }
        }
        if (fits.isEmpty()) {
            List<String> present = new ArrayList<>(cols.numericNames());
            present.addAll(cols.textNames());
            StringBuilder hints = new StringBuilder();
            for (String have : present) {
                if (CsvReader.NUMERIC.contains(have)) {
                    continue;
                }
                for (String known : CsvReader.NUMERIC) {
                    if (distance(known, have) <= (known.length() <= 2 ? 1 : 2)) {
                        hints.append(String.format(Locale.ROOT, " (found '%s': did you mean '%s'?)", have, known));
                        break;
                    }
                }
            }
            for (String need : new String[] {"yi", "vi"}) {
                if (cols.hasText(need)) {
                    hints.append(String.format(Locale.ROOT, " (column '%s' is not numeric)", need));
                }
            }
            return "the columns (" + String.join(",", present) + ") fit no measure; expected metafor's names, e.g. "
                    + "yi,vi or m1i,sd1i,n1i,m2i,sd2i,n2i or ai,bi,ci,di" + hints;
        }
        return "the columns fit --measure " + String.join(", ", fits);
    }

    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int c = Character.toLowerCase(a.charAt(i - 1)) == Character.toLowerCase(b.charAt(j - 1)) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + c);
            }
        }
        return d[a.length()][b.length()];
    }

    private static <T> T parse(java.util.function.Supplier<T> f, String option) {
        try {
            return f.get();
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + ": " + e.getMessage());
        }
    }

    /** @return the back-transformation asked for, or the measure's default */
    org.metaj.effect.Transform transform(EffectMeasure m) {
        if (transf == null) {
            return org.metaj.effect.Transform.forMeasure(m);
        }
        try {
            return org.metaj.effect.Transform.parse(transf);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--transf: " + e.getMessage());
        }
    }
}
