package org.metaj.effect;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.metaj.data.EffectMeasure;
import org.metaj.data.StudyColumns;
import org.metaj.data.StudyData;
import org.metaj.data.Tables;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The effect sizes {@code yi} and sampling variances {@code vi} computed by {@link EffectSizes}, for the studies
 * that were kept, together with their raw columns and the notes made on the way (zero-cell corrections, studies
 * left out). Immutable; arrays are copied on the way out.
 *
 * <p>For the 2x2 measures the columns always hold the raw, uncorrected {@code ai, bi, ci, di, n1i, n2i} (the
 * correction is applied only inside the computation of {@code yi} and {@code vi}); for the incidence-rate measures
 * they hold {@code x1i, t1i, x2i, t2i}. Mantel-Haenszel and Peto's method need these raw counts.
 */
public final class EffectSizeResult {
    private final EffectMeasure measure;
    private final StudyColumns columns;
    private final double[] yi;
    private final double[] vi;
    private final List<String> notes;

    EffectSizeResult(EffectMeasure measure, StudyColumns columns, double[] yi, double[] vi, List<String> notes) {
        if (yi.length != vi.length || yi.length != columns.size()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "yi, vi and columns must have one entry per study: %d, %d, %d", yi.length, vi.length,
                    columns.size()));
        }
        this.measure = measure;
        this.columns = columns;
        this.yi = yi.clone();
        this.vi = vi.clone();
        this.notes = Collections.unmodifiableList(new ArrayList<>(notes));
    }

    /** @return the measure, or {@code null} for generic (precomputed) input */
    public EffectMeasure measure() {
        return measure;
    }

    /** @return the number of studies kept */
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

    /** @return the columns of the studies kept (raw, uncorrected counts; other columns kept as moderators) */
    public StudyColumns columns() {
        return columns;
    }

    /** @return the notes: zero-cell corrections and studies left out, each naming row and label */
    public List<String> notes() {
        return notes;
    }

    /** @return the model input */
    public StudyData toStudyData() {
        return StudyData.of(columns, yi, vi, measure, notes);
    }

    /**
     * @return a table with a {@code study} string column first, then the numeric and text columns of the studies
     *         kept, then {@code yi} and {@code vi}; named after the source (or "escalc" without one)
     */
    public Table toTable() {
        Table t = Table.create(columns.source() != null ? columns.source() : "escalc");
        t.addColumns(StringColumn.create(Tables.STUDY, columns.labels()));
        for (String name : columns.numericNames()) {
            if (!name.equals("yi") && !name.equals("vi")) {
                t.addColumns(DoubleColumn.create(name, columns.get(name)));
            }
        }
        for (String name : columns.textNames()) {
            if (!name.equals(Tables.STUDY)) {
                t.addColumns(StringColumn.create(name, columns.getText(name)));
            }
        }
        t.addColumns(DoubleColumn.create("yi", yi), DoubleColumn.create("vi", vi));
        return t;
    }

    @Override
    public String toString() {
        return "EffectSizeResult[k=" + k() + ", measure=" + (measure == null ? "generic" : measure) + ", notes="
                + notes.size() + "]";
    }
}
