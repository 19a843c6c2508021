package org.metaj.plot;

import java.util.Locale;

/**
 * A Baujat plot (Baujat et al., "A graphical method for exploring heterogeneity in meta-analyses", Stat Med
 * 21:2641, 2002) as a standalone SVG: for each study its contribution to the overall heterogeneity statistic Q
 * (x) against its influence on the pooled result (y). The figures are supplied by the caller (e.g. from a
 * leave-one-out analysis), so this class computes nothing statistical. Studies in the top right are those that
 * both drive heterogeneity and move the estimate. Points are labelled where the label does not overlap another;
 * every point carries its label as a tooltip.
 */
public final class BaujatPlot {
    private final double[] x;
    private final double[] y;
    private final String[] labels;
    private final String title;

    private BaujatPlot(double[] x, double[] y, String[] labels, String title) {
        this.x = x;
        this.y = y;
        this.labels = labels;
        this.title = title;
    }

    /**
     * @param contribution per-study contribution to Q (x axis), finite and >= 0
     * @param influence    per-study influence on the pooled estimate (y axis), finite and >= 0
     * @param labels       study labels
     * @return the plot
     */
    public static BaujatPlot of(double[] contribution, double[] influence, String[] labels) {
        int k = contribution.length;
        if (influence.length != k || labels.length != k) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "contribution, influence and labels need one entry per study, got %d, %d, %d", k,
                    influence.length, labels.length));
        }
        if (k == 0) {
            throw new IllegalArgumentException("a Baujat plot needs at least one study, got 0");
        }
        for (int i = 0; i < k; i++) {
            if (!Double.isFinite(contribution[i]) || !Double.isFinite(influence[i])) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "study %d (%s): contribution and influence must be finite, got %s and %s", i + 1, labels[i],
                        contribution[i], influence[i]));
            }
        }
        return new BaujatPlot(contribution.clone(), influence.clone(), labels.clone(), null);
    }

    /** @return a copy with a title */
    public BaujatPlot withTitle(String t) {
        return new BaujatPlot(x, y, labels, t);
    }

    /** @return the SVG document */
    public String toSvg() {
        return Scatter.labelled(x, y, labels, title,
                "Contribution to overall heterogeneity (Q)", "Influence on overall result");
    }
}
