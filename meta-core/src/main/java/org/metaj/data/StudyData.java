package org.metaj.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;


/**
 * The input of a model: per-study effect sizes {@code yi} and sampling variances {@code vi} (metafor's names),
 * with labels, the effect measure that produced them (or {@code null} for generic input), the raw columns they
 * were computed from (needed by Mantel-Haenszel and Peto, and for moderators), and any notes made while computing
 * them (zero cells corrected, studies dropped). Immutable; arrays are copied in and out.
 */
public final class StudyData {
    private final double[] yi;
    private final double[] vi;
    private final EffectMeasure measure;
    private final StudyColumns columns;
    private final List<String> notes;

    private StudyData(double[] yi, double[] vi, EffectMeasure measure, StudyColumns columns, List<String> notes) {
        this.yi = yi;
        this.vi = vi;
        this.measure = measure;
        this.columns = columns;
        this.notes = notes;
    }

    /**
     * Generic inverse-variance input.
     *
     * @param yi effect sizes (not modified)
     * @param vi sampling variances, each finite and {@code >= 0} (not modified)
     * @return the data, labelled "Study 1", "Study 2", ...
     * @throws IllegalArgumentException on lengths that differ or a non-finite value or negative variance
     */
    public static StudyData of(double[] yi, double[] vi) {
        StudyColumns cols = StudyColumns.builder(yi.length).column("yi", yi).column("vi", vi).build();
        return of(cols, yi, vi, null, List.of());
    }

    /**
     * @param columns the raw columns (labels, rows, source, moderators); must have {@code yi.length} studies
     * @param yi      effect sizes
     * @param vi      sampling variances
     * @param measure the measure, or {@code null}
     * @param notes   notes made while computing the effect sizes
     * @return the data
     */
    public static StudyData of(StudyColumns columns, double[] yi, double[] vi, EffectMeasure measure,
            List<String> notes) {
        if (yi.length != vi.length || yi.length != columns.size()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "yi, vi and the study table must have one entry per study: %d, %d, %d", yi.length, vi.length,
                    columns.size()));
        }
        for (int i = 0; i < yi.length; i++) {
            if (!Double.isFinite(yi[i])) {
                throw columns.error(i, "yi", "effect size must be a finite number, got " + yi[i]);
            }
            if (!(vi[i] >= 0) || Double.isInfinite(vi[i])) {
                throw columns.error(i, "vi", "sampling variance must be a finite number >= 0, got " + vi[i]);
            }
        }
        return new StudyData(yi.clone(), vi.clone(), measure, columns,
                Collections.unmodifiableList(new ArrayList<>(notes)));
    }

    /** @return the number of studies */
    public int k() {
        return yi.length;
    }

    /** @return a copy of the effect sizes */
    public double[] yi() {
        return yi.clone();
    }

    /** @return a copy of the sampling variances */
    public double[] vi() {
        return vi.clone();
    }

    /** @return effect size of study i */
    public double yi(int i) {
        return yi[i];
    }

    /** @return sampling variance of study i */
    public double vi(int i) {
        return vi[i];
    }

    /** @return the measure, or {@code null} for generic (yi, vi) input */
    public EffectMeasure measure() {
        return measure;
    }

    /** @return the raw columns, labels and rows */
    public StudyColumns columns() {
        return columns;
    }

    /** @return a copy of the study labels */
    public String[] labels() {
        return columns.labels();
    }

    /** @return label of study i */
    public String label(int i) {
        return columns.label(i);
    }

    /** @return notes made while computing the effect sizes (zero-cell corrections, dropped studies) */
    public List<String> notes() {
        return notes;
    }

    /**
     * @param keep indices of the studies to keep, in the order wanted
     * @return the subset
     */
    public StudyData subset(int[] keep) {
        double[] y = new double[keep.length];
        double[] v = new double[keep.length];
        for (int j = 0; j < keep.length; j++) {
            y[j] = yi[keep[j]];
            v[j] = vi[keep[j]];
        }
        return new StudyData(y, v, measure, columns.subset(keep), notes);
    }

    @Override
    public String toString() {
        return "StudyData[k=" + k() + ", measure=" + (measure == null ? "generic" : measure) + "]";
    }
}
