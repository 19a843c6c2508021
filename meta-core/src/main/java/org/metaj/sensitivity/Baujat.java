package org.metaj.sensitivity;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.metaj.model.MetaResult;

/**
 * Coordinates of the Baujat plot (Baujat et al. 2002, Stat Med 21:2641): for each study its contribution to the
 * heterogeneity, {@code x_i = (y_i - b)^2 / (v_i + tau^2)} (the squared Pearson residual; for the common-effect
 * model the study's term of Cochran's Q), against its influence on the pooled estimate,
 * {@code y_i = (b(-i) - b)^2 / V(-i)}, with {@code b(-i)}, {@code V(-i)} the estimate and its variance refitted
 * without the study (same specification, through {@link SubsetFitter}). As metafor's {@code baujat()}. Immutable.
 */
public final class Baujat {
    private final String[] labels;
    private final double[] x;
    private final double[] y;

    private Baujat(String[] labels, double[] x, double[] y) {
        this.labels = labels;
        this.x = x;
        this.y = y;
    }

    /**
     * @param model a fitted model with k >= 2
     * @return the coordinates
     */
    public static Baujat of(MetaResult model) {
        int k = model.k();
        if (k < 2) {
            throw new IllegalArgumentException("a Baujat plot needs at least 2 studies, got k = " + k);
        }
        double[] yi = model.data().yi();
        double[] vi = model.data().vi();
        double b = model.estimate();
        double tau2 = model.tau2();
        double[] xs = new double[k];
        double[] ys = new double[k];
        SubsetFitter f = new SubsetFitter(model);
        int[] idx = new int[k];
        for (int i = 0; i < k; i++) {
            double r = yi[i] - b;
            xs[i] = r * r / (tau2 + vi[i]);
            int n = 0;
            for (int j = 0; j < k; j++) {
                if (j != i) {
                    idx[n++] = j;
                }
            }
            if (f.fit(idx, n, "without study " + (i + 1))) {
                double d = f.estimate - b;
                ys[i] = d * d / (f.se * f.se);
            } else {
                ys[i] = Double.NaN;
            }
        }
        return new Baujat(model.data().labels(), xs, ys);
    }

    /** @return contributions to heterogeneity (x axis) */
    public double[] heterogeneity() {
        return x.clone();
    }

    /** @return influences on the pooled estimate (y axis) */
    public double[] influence() {
        return y.clone();
    }

    /** @return the figures {@code baujat_x baujat_y} */
    public Map<String, Object> figures() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("baujat_x", heterogeneity());
        f.put("baujat_y", influence());
        return f;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Baujat coordinates\n\n");
        sb.append(String.format(Locale.ROOT, "%-24s %14s %14s%n", "study", "heterogeneity", "influence"));
        for (int i = 0; i < x.length; i++) {
            sb.append(String.format(Locale.ROOT, "%-24s %14.4f %14.4f%n", Text.clip(labels[i], 24), x[i], y[i]));
        }
        return sb.toString();
    }
}
