package org.metaj.cli;

import org.metaj.model.MetaResult;
import org.metaj.plot.ForestPlot;

import picocli.CommandLine.Option;

/**
 * The forest plot options shared by {@code meta analyze --forest} ({@link PlotSection}) and {@code meta report}:
 * {@code --sort ORDER --favours 'LEFT|RIGHT'}, and the forest plot of a result they describe.
 */
public final class ForestOptions {
    @Option(names = "--sort", paramLabel = "ORDER", defaultValue = "data",
            converter = Converters.OrderConverter.class, completionCandidates = Converters.OrderNames.class,
            description = "forest plot row order: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    ForestPlot.Order sort = ForestPlot.Order.DATA;

    @Option(names = "--favours", paramLabel = "LEFT|RIGHT", split = "\\|",
            description = "forest plot labels under the axis, e.g. --favours 'Favours vaccine|Favours control'")
    String[] favours;

    /** @return the forest plot of {@code r} in the row order and with the labels of these options */
    ForestPlot forest(MetaResult r) {
        ForestPlot f = ForestPlot.of(r).withOrder(sort);
        if (favours != null) {
            if (favours.length != 2) {
                throw new UsageException("--favours takes 'LEFT|RIGHT', got " + favours.length + " part(s)");
            }
            f = f.withFavours(favours[0], favours[1]);
        }
        return f;
    }
}
