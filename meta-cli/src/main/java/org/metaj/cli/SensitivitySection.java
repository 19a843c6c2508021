package org.metaj.cli;

import org.metaj.model.MetaResult;
import org.metaj.sensitivity.Baujat;
import org.metaj.sensitivity.Cumulative;
import org.metaj.sensitivity.Influence;
import org.metaj.sensitivity.LeaveOneOut;

import picocli.CommandLine.Option;

/**
 * Sensitivity analyses of the pooled model ({@code --leave1out --influence --cumulative --baujat}): each refits
 * the model with the same specification (org.metaj.sensitivity) and adds its figures under the contract's keys
 * ({@code leave1out_*}, {@code influence_*}, {@code cumulative_*}, {@code baujat_*}) and a table to the text.
 */
public final class SensitivitySection implements Section {
    @Option(names = "--leave1out", description = "leave-one-out analysis (metafor leave1out)")
    boolean leave1out;

    @Option(names = "--influence", description = "case-deletion influence diagnostics (metafor influence)")
    boolean influence;

    @Option(names = "--cumulative", description = "cumulative meta-analysis, in file order unless --cumulative-order")
    boolean cumulative;

    @Option(names = "--cumulative-order", paramLabel = "COL",
            description = "numeric column giving the order of the cumulative analysis (e.g. year)")
    String cumulativeOrder;

    @Option(names = "--baujat", description = "Baujat plot coordinates (contribution to Q vs influence)")
    boolean baujat;

    @Override
    public void run(AnalysisContext ctx) {
        MetaResult r = ctx.result();
        if (cumulativeOrder != null && !cumulative) {
            throw new UsageException("--cumulative-order needs --cumulative");
        }
        if (ctx.regression() != null && (leave1out || cumulative || baujat)) {
            // metafor 3.8-1: leave1out(), cumul() and baujat() of an rma with mods stop with "Method only applicable
            // to models without moderators."
            throw new UsageException((leave1out ? "--leave1out" : cumulative ? "--cumulative" : "--baujat")
                    + " is defined for models without moderators (as metafor's leave1out(), cumul() and baujat());"
                    + " with --mods use --influence, or drop --mods");
        }
        if (leave1out) {
            LeaveOneOut l = LeaveOneOut.of(r);
            ctx.json().putAll(l.figures());
            ctx.text().append('\n').append(l);
            l.warnings().forEach(ctx::warn);
        }
        if (influence) {
            Influence inf = ctx.regression() != null ? Influence.of(ctx.regression()) : Influence.of(r);
            ctx.json().putAll(inf.figures());
            ctx.text().append('\n').append(inf);
            inf.warnings().forEach(ctx::warn);
        }
        if (cumulative) {
            Cumulative c;
            if (cumulativeOrder == null) {
                c = Cumulative.of(r);
            } else {
                if (!r.data().columns().has(cumulativeOrder)) {
                    throw new UsageException("--cumulative-order: no numeric column '" + cumulativeOrder
                            + "'; numeric columns: " + r.data().columns().numericNames());
                }
                c = Cumulative.orderedBy(r, cumulativeOrder);
            }
            ctx.json().putAll(c.figures());
            ctx.text().append('\n').append(c);
            c.warnings().forEach(ctx::warn);
        }
        if (baujat) {
            Baujat b = Baujat.of(r);
            ctx.json().putAll(b.figures());
            ctx.text().append('\n').append(b);
        }
    }
}
