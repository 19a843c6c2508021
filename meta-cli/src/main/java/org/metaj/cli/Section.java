package org.metaj.cli;

/**
 * An optional part of {@code meta analyze} (meta-regression, subgroups, bias tests, plots, ...). The extension
 * pattern: a section is a picocli mixin class that declares its own {@code @Option}s and implements this
 * interface; {@link AnalyzeCommand} holds one {@code @Mixin} field per section and lists it in
 * {@link AnalyzeCommand#sections()}. {@link #run} does nothing unless the section's options ask for it, adds its
 * figures to {@link AnalysisContext#json()} under the contract's keys (nested maps are fine: the checker flattens
 * them with "_"), and appends a readable block to {@link AnalysisContext#text()}.
 */
public interface Section {
    /**
     * @param ctx the data, the fitted model and the outputs
     * @throws UsageException                    when the section's options do not fit the data
     * @throws org.metaj.data.DataException     for bad data
     */
    void run(AnalysisContext ctx);
}
