package org.metaj.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.IntConsumer;

import org.metaj.data.Printable;
import org.metaj.data.StudyData;
import org.metaj.model.MetaAnalysis;
import org.metaj.model.MetaResult;
import org.metaj.resample.Bootstrap;
import org.metaj.resample.BootstrapResult;
import org.metaj.resample.IntervalType;
import org.metaj.resample.Statistic;
import org.metaj.resample.StatisticSummary;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code meta bootstrap FILE.csv --replicates B --seed S [--type case|parametric] [--ci TYPE] [--threads T]}: the
 * bootstrap distribution of the pooled estimate, tau^2, tau, I^2 and H^2 under the model the data options describe
 * (see {@link Bootstrap}). The same seed gives the same answer whatever {@code --threads}.
 */
@Command(name = "bootstrap", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Case or parametric bootstrap of the pooled model: bias, standard error and percentile, basic, "
                + "normal or BCa intervals of the estimate, tau^2, tau, I^2 and H^2. Reproducible: the same seed "
                + "gives the same answer whatever the number of threads.")
public final class BootstrapCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data = new DataOptions();

    @Option(names = "--replicates", paramLabel = "B", required = true, description = "number of bootstrap replicates")
    int replicates;

    @Option(names = "--seed", paramLabel = "S", required = true, description = "seed of the random streams")
    long seed;

    @Option(names = "--type", paramLabel = "T", defaultValue = "case", converter = Converters.BootstrapTypeConverter.class,
            completionCandidates = Converters.BootstrapTypeNames.class, description = "case (studies drawn with "
            + "replacement, default) or parametric (y* ~ N(mu, v + tau^2))")
    Bootstrap.Type type = Bootstrap.Type.CASE;

    @Option(names = "--ci", paramLabel = "CI", defaultValue = "percentile", converter = Converters.IntervalConverter.class,
            completionCandidates = Converters.IntervalNames.class, description = "interval type: "
            + "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    IntervalType ci = IntervalType.PERCENTILE;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1", description = "worker threads (default 1; 0 = "
            + "all processors)")
    int threads;

    @Option(names = "--format", paramLabel = "F", defaultValue = "text", converter = Converters.FormatConverter.class,
            completionCandidates = Converters.FormatNames.class,
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    Converters.Format format = Converters.Format.TEXT;

    @Option(names = "--debug", description = "show stack traces of errors")
    boolean debug;

    @Override
    public Integer call() {
        boolean json = format == Converters.Format.JSON;
        Bootstrap.Type t = type;
        IntervalType it = ci;
        if (replicates < 2) {
            throw new UsageException("--replicates must be >= 2, got " + replicates);
        }
        checkMemory(replicates, Runtime.getRuntime());
        if (threads < 0) {
            throw new UsageException("--threads must be >= 0 (0 = all processors), got " + threads);
        }
        int nt = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        StudyData d = data.load();
        MetaAnalysis ma = data.spec().withTau2Interval(false);
        if (!ma.method().isRandomEffects() && ma.method() != org.metaj.model.Method.FE) {
            throw new UsageException("bootstrap needs an inverse-variance method (FE or a tau^2 estimator), got --method "
                    + ma.method().label());
        }
        if (d.k() < 2) {
            throw new UsageException("bootstrap needs at least 2 studies, the file has " + d.k());
        }
        if (it == IntervalType.BCA && d.k() < 3) {
            throw new UsageException("--ci bca needs at least 3 studies: its acceleration comes from the "
                    + "leave-one-out fits, which with k = " + d.k() + " are single studies; use --ci percentile, "
                    + "basic or normal");
        }
        MetaResult fit = ma.fit(d);
        Bootstrap boot = Bootstrap.withDefaults().withType(t).withReplicates(replicates).withSeed(seed)
                .withThreads(nt);
        PrintWriter err = spec.commandLine().getErr();
        Progress progress = System.console() != null ? new Progress(err, replicates) : null;
        BootstrapResult r = boot.run(fit, progress);
        if (progress != null) {
            progress.finish();
        }
        Map<String, Object> out = json(d, fit, r, t, it, nt);
        PrintWriter pw = spec.commandLine().getOut();
        if (json) {
            pw.println(Json.write(out));
        } else {
            pw.print(Printable.sanitize(text(fit, r, it)));
            for (String w : data.notes()) {
                err.println("warning: " + Printable.oneLine(w));
            }
            for (String w : undefined(r, it, d.k())) {
                err.println("warning: " + w);
            }
            err.flush();
        }
        pw.flush();
        return 0;
    }

    private Map<String, Object> json(StudyData d, MetaResult fit, BootstrapResult r, Bootstrap.Type t,
            IntervalType it, int nt) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("file", data.file().toString());
        json.put("measure", d.measure() == null ? "generic" : d.measure().name());
        json.put("method", fit.method().label());
        json.put("test", fit.test().name().toLowerCase(Locale.ROOT));
        json.put("level", 100 * r.level());
        json.put("k", d.k());
        json.put("type", t.name().toLowerCase(Locale.ROOT));
        json.put("ci", it.name().toLowerCase(Locale.ROOT));
        json.put("replicates", r.replicates());
        json.put("failed", r.failed());
        json.put("seed", seed);
        json.put("threads", nt);
        for (Statistic st : Statistic.values()) {
            StatisticSummary s = r.summary(st);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("observed", s.observed());
            m.put("mean", s.mean());
            m.put("se", s.se());
            m.put("bias", s.bias());
            m.put("ci_lb", s.lower(it));
            m.put("ci_ub", s.upper(it));
            json.put(st.key(), m);
        }
        List<String> warnings = new java.util.ArrayList<>(data.notes());
        warnings.addAll(fit.warnings());
        if (r.failed() > 0) {
            warnings.add(String.format(Locale.ROOT, "%d of %d replicates failed to fit and were left out of the "
                    + "statistics", r.failed(), r.replicates()));
        }
        warnings.addAll(undefined(r, it, d.k()));
        json.put("warnings", warnings);
        return json;
    }

    private String text(MetaResult fit, BootstrapResult r, IntervalType it) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%s bootstrap of the %s model (k = %d), %d replicates, seed %d%n",
                r.config().type().name().toLowerCase(Locale.ROOT), fit.method().label(), fit.k(), r.replicates(),
                seed));
        if (r.failed() > 0) {
            b.append(String.format(Locale.ROOT, "%d replicates failed to fit and were left out%n", r.failed()));
        }
        String pct = new java.math.BigDecimal(String.format(Locale.ROOT, "%.4f", 100 * r.level()))
                .stripTrailingZeros().toPlainString();
        String ciName = it.name().toLowerCase(Locale.ROOT) + " " + pct + "% CI";
        b.append(String.format(Locale.ROOT, "%n%-9s %12s %12s %12s %12s   %s%n", "", "observed", "mean", "bias", "se",
                ciName));
        for (Statistic st : Statistic.values()) {
            StatisticSummary s = r.summary(st);
            b.append(String.format(Locale.ROOT, "%-9s %12.4f %12.4f %12.4f %12.4f   [%.4f, %.4f]%n", st.key(),
                    s.observed(), s.mean(), s.bias(), s.se(), s.lower(it), s.upper(it)));
        }
        return b.toString();
    }

    /**
     * Refuses a number of replicates whose statistics cannot fit in the heap: each replicate keeps one double per
     * statistic, and the summaries sort a copy of each, so about {@code 2 x statistics x 8} bytes per replicate.
     */
    static void checkMemory(int replicates, Runtime rt) {
        long perReplicate = 2L * Statistic.values().length * Double.BYTES;
        long need = perReplicate * replicates;
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (need > free) {
            throw new UsageException(String.format(Locale.ROOT, "--replicates %,d needs about %,d MiB for the "
                    + "replicate statistics, but the Java heap has %,d MiB free (at most %,d replicates); lower "
                    + "--replicates or give Java more memory, e.g. JAVA_TOOL_OPTIONS=-Xmx8g", replicates, need >> 20,
                    free >> 20, free / perReplicate));
        }
    }

    /** @return a warning for each statistic whose interval is undefined (NaN) on these data */
    static List<String> undefined(BootstrapResult r, IntervalType it, int k) {
        List<String> w = new java.util.ArrayList<>();
        for (Statistic st : Statistic.values()) {
            StatisticSummary s = r.summary(st);
            if (Double.isNaN(s.lower(it)) || Double.isNaN(s.upper(it))) {
                w.add(String.format(Locale.ROOT, "the %s interval of %s is undefined on these data (k = %d, "
                        + "%d replicates fitted)", it.name().toLowerCase(Locale.ROOT), st.key(), k,
                        r.replicates() - r.failed()));
            }
        }
        return w;
    }

    /** A progress bar on stderr, shown only once the run has taken more than a second. */
    static final class Progress implements IntConsumer {
        private final PrintWriter err;
        private final int total;
        private final long start = System.nanoTime();
        private long lastDraw;
        private boolean shown;

        Progress(PrintWriter err, int total) {
            this.err = err;
            this.total = total;
        }

        @Override
        public synchronized void accept(int done) {
            long now = System.nanoTime();
            if (now - start < 1_000_000_000L || (now - lastDraw < 100_000_000L && done < total)) {
                return;
            }
            lastDraw = now;
            shown = true;
            int width = 40;
            int filled = (int) ((long) width * done / total);
            err.print(String.format(Locale.ROOT, "\rbootstrap [%s%s] %3d%% %d/%d", "#".repeat(filled),
                    " ".repeat(width - filled), (int) (100L * done / total), done, total));
            err.flush();
        }

        synchronized void finish() {
            if (shown) {
                err.println();
                err.flush();
            }
        }
    }
}
