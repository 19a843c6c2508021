package org.metaj.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.metaj.data.DataException;
import org.metaj.data.StudyData;
import org.metaj.model.MetaAnalysis;
import org.metaj.model.MetaResult;
import org.metaj.fit.NonConvergenceException;

/**
 * The one path from the options of a command to its answer: read the data, fit the pooled model, run every
 * section of {@link AnalysisSections} in order. {@code analyze}, {@code batch} and {@code report} all call
 * {@link #run}; they differ only in how they present the {@link Answer}.
 */
final class Analysis {
    private Analysis() {
    }

    /**
     * What one section added.
     *
     * @param title   the section's heading
     * @param text    its readable block (empty when it had nothing to do)
     * @param skipped why it could not be computed on these data ({@code report} only), or null
     */
    record Block(String title, String text, String skipped) {
    }

    /**
     * The answer of one analysis.
     *
     * @param json    the JSON object ({@code analyze --format json}, the {@code "result"} of {@code batch})
     * @param text    the readable answer ({@code analyze} in text mode)
     * @param notices the warnings to show on stderr in text mode (reading notes and the sections' warnings; the
     *                pooled model's own warnings are already in {@code text})
     * @param data    the studies
     * @param result  the fitted pooled model
     * @param blocks  each section's block, in order
     */
    record Answer(Map<String, Object> json, String text, List<String> notices, StudyData data, MetaResult result,
            List<Block> blocks) {
    }

    /**
     * @param data     the data and model options
     * @param sections the analysis sections
     * @param report   true for {@code meta report}: a section that is undefined on these data (e.g. Egger's test
     *                 when all variances are equal) is skipped with a warning and the rest still run; otherwise
     *                 its error ends the run
     * @return the answer
     */
    static Answer run(DataOptions data, AnalysisSections sections, boolean report) {
        return run(data, sections, report, (java.io.PrintWriter) null);
    }

    /**
     * As {@link #run(DataOptions, AnalysisSections, boolean)}, showing on {@code progress} (a terminal) which
     * section is running once the run has taken more than two seconds.
     *
     * @param progress where to show progress, or null for none (batch, pipes, tests)
     */
    static Answer run(DataOptions data, AnalysisSections sections, boolean report, java.io.PrintWriter progress) {
        try (Ticker ticker = progress == null ? null : new Ticker(progress)) {
            return compute(data, sections, report, ticker);
        }
    }

    private static Answer compute(DataOptions data, AnalysisSections sections, boolean report, Ticker ticker) {
        StudyData d = data.load();
        MetaAnalysis ma = data.spec();
        sections.validate(report, d.measure());
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
        json.put("file", file);
        json.put("measure", d.measure() == null ? "generic" : d.measure().name());
        json.put("method", r.method().label());
        json.put("test", r.test().name().toLowerCase(Locale.ROOT));
        json.put("level", 100 * r.level());
        json.putAll(r.figures());
        org.metaj.effect.Transform t = data.transform(d.measure());
        try {
            json.putAll(r.backTransformed(t));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--transf: " + e.getMessage());
        }
        json.put("converged", r.converged());
        Map<String, Object> studies = new LinkedHashMap<>();
        studies.put("label", d.labels());
        studies.put("yi", d.yi());
        studies.put("vi", d.vi());
        studies.put("weight", r.weights());
        json.put("studies", studies);
        AnalysisContext ctx = new AnalysisContext(file, data.columns(), d, ma, r, json);
        String pooled = r.toString(t);
        ctx.text().append(pooled);
        List<Block> blocks = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (AnalysisSections.Entry e : sections.entries()) {
            if (ticker != null) {
                ticker.now(e.title().replace(" (as asked)", "").toLowerCase(Locale.ROOT));
            }
            int from = ctx.text().length();
            Map<String, Object> before = report ? new LinkedHashMap<>(json) : null;
            try {
                e.section().run(ctx);
                blocks.add(new Block(e.title(), ctx.text().substring(from), null));
            } catch (UsageException | NonConvergenceException ex) {
                throw ex;
            } catch (IllegalArgumentException | ArithmeticException | IllegalStateException ex) {
                if (!report) {
                    throw ex;
                }
                // undo what the section wrote before it failed, and say why it is missing
                ctx.text().setLength(from);
                json.clear();
                json.putAll(before);
                String why = Messages.shorten(ex.getMessage());
                blocks.add(new Block(e.title(), "", why));
                skipped.add(e.title().toLowerCase(Locale.ROOT) + " not computed: " + why);
            }
        }
        boolean mods = ctx.regression() != null;
        if (mods) {
            // under --mods the answer is the meta-regression's alone (issue 11, finding 2): drop the printout of
            // the model without moderators; the regression's own warnings are in ctx.warnings()
            ctx.text().delete(0, pooled.length());
        }
        List<String> warnings = new ArrayList<>(data.notes());
        if (!mods) {
            warnings.addAll(r.warnings());
        }
        warnings.addAll(ctx.warnings());
        warnings.addAll(skipped);
        json.put("warnings", warnings);
        // the result's own warnings are already in its text summary; the rest go to stderr in text mode
        List<String> notices = new ArrayList<>(data.notes());
        notices.addAll(ctx.warnings());
        notices.addAll(skipped);
        return new Answer(json, ctx.text().toString(), List.copyOf(notices), d, r, List.copyOf(blocks));
    }

    /**
     * A line on stderr, redrawn each second once a run has taken two, naming the running step and the time spent:
     * long permutation tests and refits on large data then say that they are working. Cleared when done.
     */
    static final class Ticker implements AutoCloseable {
        private final java.io.PrintWriter err;
        private final long start = System.nanoTime();
        private final Thread thread;
        private volatile String step = "fitting the model";
        private volatile boolean shown;

        Ticker(java.io.PrintWriter err) {
            this.err = err;
            thread = new Thread(this::loop, "meta-progress");
            thread.setDaemon(true);
            thread.start();
        }

        void now(String s) {
            step = s;
        }

        private void loop() {
            try {
                Thread.sleep(2000);
                while (!Thread.currentThread().isInterrupted()) {
                    long s = (System.nanoTime() - start) / 1_000_000_000L;
                    synchronized (err) {
                        err.print(String.format(Locale.ROOT, "\rmeta: %s ... %d s   ", step, s));
                        err.flush();
                    }
                    shown = true;
                    Thread.sleep(1000);
                }
            } catch (InterruptedException e) {
                // done
            }
        }

        @Override
        public void close() {
            thread.interrupt();
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (shown) {
                synchronized (err) {
                    err.print("\r" + " ".repeat(60) + "\r");
                    err.flush();
                }
            }
        }
    }
}
