package org.metaj.regression;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.metaj.data.StudyColumns;
import org.metaj.data.StudyData;
import org.metaj.model.MetaAnalysis;
import org.metaj.model.MetaResult;

/**
 * The "by design" analysis of trials against different comparators, as the acupuncture reviews run it (e.g.
 * Vickers et al. 2012, Arch Intern Med 172:1444, pooling sham-controlled and non-acupuncture-controlled trials
 * separately): each study's {@code comparator} is classified as
 * <ul>
 * <li>{@code sham} &rarr; <b>sham-controlled</b> (the specific effect of the intervention),</li>
 * <li>{@code usual_care}, {@code no_treatment}, {@code waiting_list} &rarr; <b>pragmatic</b> (the effect of
 * offering the intervention),</li>
 * <li>{@code active} &rarr; <b>active</b> (against another treatment; pooled on its own, outside the test),</li>
 * </ul>
 * each class is pooled separately and the difference between sham-controlled and pragmatic trials is tested with
 * the subgroup test {@code Q_between} ({@link SubgroupAnalysis}). Values are matched case-insensitively, with
 * spaces and hyphens read as underscores. Immutable.
 */
public final class DesignAnalysis {
    /** Class of sham-controlled trials. */
    public static final String SHAM = "sham-controlled";
    /** Class of pragmatic trials (usual care, no treatment, waiting list). */
    public static final String PRAGMATIC = "pragmatic";
    /** Class of trials against an active comparator. */
    public static final String ACTIVE = "active";

    private static final DesignAnalysis DEFAULTS = new DesignAnalysis(SubgroupAnalysis.withDefaults(), "comparator");

    private final SubgroupAnalysis subgroups;
    private final String column;

    private DesignAnalysis(SubgroupAnalysis subgroups, String column) {
        this.subgroups = subgroups;
        this.column = column;
    }

    /** @return REML, z test, 95%, separate tau^2 per class, column {@code comparator} */
    public static DesignAnalysis withDefaults() {
        return DEFAULTS;
    }

    /** @return a copy pooling each class with this configuration */
    public DesignAnalysis with(MetaAnalysis spec) {
        return new DesignAnalysis(subgroups.with(spec), column);
    }

    /** @return a copy with the subgroup configuration (e.g. a pooled tau^2) */
    public DesignAnalysis with(SubgroupAnalysis s) {
        return new DesignAnalysis(s, column);
    }

    /** @return a copy reading the comparator from another text column */
    public DesignAnalysis withColumn(String name) {
        return new DesignAnalysis(subgroups, name);
    }

    /**
     * @param comparator a comparator value
     * @return its class ({@link #SHAM}, {@link #PRAGMATIC}, {@link #ACTIVE})
     * @throws IllegalArgumentException for another value
     */
    public static String classify(String comparator) {
        String c = comparator.trim().toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        switch (c) {
            case "sham":
                return SHAM;
            case "usual_care":
            case "no_treatment":
            case "waiting_list":
                return PRAGMATIC;
            case "active":
                return ACTIVE;
            default:
                throw new IllegalArgumentException("unknown comparator '" + comparator
                        + "'; expected sham, usual_care, no_treatment, waiting_list or active");
        }
    }

    /**
     * @param data studies with a text column holding the comparator
     * @return the pooled classes and the test of sham-controlled against pragmatic
     */
    public DesignAnalysisResult fit(StudyData data) {
        StudyColumns cols = data.columns();
        if (!cols.hasText(column)) {
            throw new org.metaj.data.DataException(cols.source(), -1, column,
                    "by-design analysis needs a text column '" + column + "' (sham, usual_care, no_treatment,"
                            + " waiting_list, active); text columns: " + cols.textNames());
        }
        String[] comp = cols.getText(column);
        List<String> warnings = new ArrayList<>();
        List<Integer> tested = new ArrayList<>();
        List<Integer> active = new ArrayList<>();
        String[] cls = new String[data.k()];
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < data.k(); i++) {
            if (comp[i] == null || comp[i].isBlank()) {
                missing.add(cols.label(i) + " (row " + cols.row(i) + ")");
                continue;
            }
            try {
                cls[i] = classify(comp[i]);
            } catch (IllegalArgumentException e) {
                throw cols.error(i, column, e.getMessage());
            }
            (cls[i].equals(ACTIVE) ? active : tested).add(i);
        }
        if (!missing.isEmpty()) {
            warnings.add(String.format(Locale.ROOT, "%d studies left out for a missing %s: %s", missing.size(),
                    column, String.join("; ", missing)));
        }
        if (tested.isEmpty()) {
            throw new IllegalArgumentException("no sham-controlled or pragmatic trials in column '" + column + "'");
        }
        int[] keep = tested.stream().mapToInt(Integer::intValue).toArray();
        StudyData sub = data.subset(keep);
        String[] design = new String[keep.length];
        for (int j = 0; j < keep.length; j++) {
            design[j] = cls[keep[j]];
        }
        StudyData withDesign = withColumn(sub, "design", design);
        SubgroupResult sg = subgroups.fit(withDesign, "design");
        warnings.addAll(sg.warnings());
        MetaResult act = null;
        if (!active.isEmpty()) {
            act = subgroups.spec().fit(data.subset(active.stream().mapToInt(Integer::intValue).toArray()));
            for (String w : act.warnings()) {
                warnings.add(ACTIVE + ": " + w);
            }
        }
        return new DesignAnalysisResult(sg, act, warnings);
    }

    /** A copy of the data with one more text column. */
    private static StudyData withColumn(StudyData d, String name, String[] values) {
        StudyColumns c = d.columns();
        StudyColumns.Builder b = StudyColumns.builder(d.k()).source(c.source()).labels(c.labels()).rows(c.rows());
        for (String n : c.numericNames()) {
            b.column(n, c.get(n));
        }
        for (String n : c.textNames()) {
            if (!n.equals(name)) {
                b.textColumn(n, c.getText(n));
            }
        }
        b.textColumn(name, values);
        return StudyData.of(b.build(), d.yi(), d.vi(), d.measure(), d.notes());
    }

    @Override
    public String toString() {
        return "DesignAnalysis[" + column + ", " + subgroups + "]";
    }
}
