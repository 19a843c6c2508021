package org.metaj.effect;

import static org.metaj.effect.EffectSizes.num;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.metaj.data.DataException;
import org.metaj.data.StudyColumns;
import org.metaj.data.EffectMeasure;

/**
 * Which single-study function computes which measure, with what it needs around it: the family's input order, its
 * check of the inputs, the cells a zero-cell correction goes to, whether the correction applies by default, and
 * the variance types ({@code vtype}) the measure offers. Adding a measure is its function in its family's class
 * plus one line in {@link #entry(EffectMeasure)}; the compiler names that line (the switch is exhaustive). The first
 * fifteen measures (MD ... IRD) are still computed by {@link EffectSizes}' own formulas and have no entry here.
 *
 * <p>{@link #compute} is the one path from columns to {@code yi, vi} for the registered measures, with metafor's
 * {@code escalc} conventions: studies with a missing input are left out with a note; other invalid inputs are a
 * {@link DataException} naming row and column; {@code drop00} applies to 2x2 tables; a zero-cell correction
 * {@code add} goes to the registered cells as {@link ZeroCellRule} says; a study whose {@code yi} or {@code vi}
 * is not finite, or whose {@code vi} is negative, is left out with a note (metafor recodes those to missing).
 */
final class MeasureRegistry {

    /** A measure's single-study function: inputs {@code x} in the family's order, {@code yi, vi} into {@code out}. */
    @FunctionalInterface
    interface Formula {
        /**
         * @param x       the study's inputs (not modified)
         * @param vtype   the variance type
         * @param average for {@link VarianceType#AV}: the weighted mean over the studies of the statistic the
         *                formula reports in {@code out[2]} with weight {@code out[3]}; NaN otherwise
         * @param out     modified: {@code yi, vi} and, for measures offering AV, the statistic and its weight
         */
        void compute(double[] x, VarianceType vtype, double average, double[] out);
    }

    /** A family's check of one study's inputs: the first problem, or {@code null}. */
    @FunctionalInterface
    interface Check {
        Invalid check(EffectMeasure m, double[] x);
    }

    /** Where a zero-cell correction goes. */
    enum Cells {
        /** Not corrected. */
        NONE(""),
        /** The four cells {@code a, b, c, d} of a 2x2 table (study corrected when one of them is 0). */
        TABLE("each cell (ai, bi, ci, di)"),
        /** {@code x} and {@code n - x} of a proportion (study corrected when one of them is 0). */
        PROPORTION("xi and ni - xi"),
        /** The event count {@code x} of a rate (study corrected when it is 0). */
        COUNT("xi");

        final String description;

        Cells(String description) {
            this.description = description;
        }
    }

    /**
     * One measure's registration.
     *
     * @param columns       the input order of {@code x} (metafor's names)
     * @param formula       the single-study function
     * @param check         the family's input check ({@code null} for 2x2 tables: checked here)
     * @param cells         where a zero-cell correction goes
     * @param addByDefault  whether the correction applies without an explicit {@code add} (metafor sets
     *                      {@code add = 0} for AS, PHI, RTET, IRS, IRFT unless it is given)
     * @param vtypes        the variance types offered (LS, the default, always)
     */
    record Entry(String[] columns, Formula formula, Check check, Cells cells, boolean addByDefault,
            Set<VarianceType> vtypes) {
    }

    private static final String[] TABLE = {"ai", "bi", "ci", "di"};
    private static final Set<VarianceType> LS = EnumSet.of(VarianceType.LS);

    private MeasureRegistry() {
    }

    private static Entry means(Formula f, VarianceType... more) {
        return new Entry(TwoGroupMeans.COLUMNS, f, TwoGroupMeans::check, Cells.NONE, false, vt(more));
    }

    private static Entry change(Formula f, VarianceType... more) {
        return new Entry(ChangeScores.COLUMNS, f, ChangeScores::check, Cells.NONE, false, vt(more));
    }

    private static Entry single(Formula f) {
        return new Entry(SingleGroup.COLUMNS, f, SingleGroup::check, Cells.NONE, false, LS);
    }

    private static Entry rate(Formula f, boolean addByDefault) {
        return new Entry(EventCounts.RATE, f, EventCounts::check, Cells.COUNT, addByDefault, LS);
    }

    private static Entry table(Formula f, boolean addByDefault, VarianceType... more) {
        return new Entry(TABLE, f, null, Cells.TABLE, addByDefault, vt(more));
    }

    private static Set<VarianceType> vt(VarianceType... more) {
        Set<VarianceType> s = EnumSet.of(VarianceType.LS);
        s.addAll(List.of(more));
        return s;
    }

    /**
     * @param m a measure
     * @return its registration, or {@code null} for the measures {@link EffectSizes} computes itself
     */
    static Entry entry(EffectMeasure m) {
        return switch (m) {
            case MD, SMD, ROM, OR, RR, RD, PETO, COR, ZCOR, PR, PLO, PAS, PFT, IRR, IRD -> null;
            case SMDH -> means(TwoGroupMeans::smdh, VarianceType.LS2);
            case SMD1 -> means(TwoGroupMeans::smd1, VarianceType.UB, VarianceType.LS2, VarianceType.AV);
            case CVR -> means(TwoGroupMeans::cvr);
            case VR -> means(TwoGroupMeans::vr);
            case RPB -> means(TwoGroupMeans::rpb, VarianceType.ST, VarianceType.CS);
            case RBIS -> means(TwoGroupMeans::rbis);
            case D2ORN -> means(TwoGroupMeans::d2orn);
            case D2ORL -> means(TwoGroupMeans::d2orl);
            case MC -> change(ChangeScores::mc);
            case SMCC -> change(ChangeScores::smcc, VarianceType.LS2);
            case SMCR -> change(ChangeScores::smcr, VarianceType.LS2);
            case SMCRH -> change(ChangeScores::smcrh);
            case ROMC -> change(ChangeScores::romc);
            case MN -> single(SingleGroup::mn);
            case MNLN -> single(SingleGroup::mnln);
            case CVLN -> single(SingleGroup::cvln);
            case SDLN -> single(SingleGroup::sdln);
            case PLN -> new Entry(EventCounts.PROPORTION, EventCounts::pln, EventCounts::check, Cells.PROPORTION,
                    true, vt(VarianceType.AV));
            case IRLN -> rate(EventCounts::irln, true);
            case IRS -> rate(EventCounts::irs, false);
            case IRFT -> rate(EventCounts::irft, false);
            case UCOR -> new Entry(Correlations.CORRELATION, Correlations::ucor, Correlations::check, Cells.NONE,
                    false, vt(VarianceType.UB, VarianceType.AV));
            case PCOR -> new Entry(Correlations.PARTIAL, Correlations::pcor, Correlations::check, Cells.NONE,
                    false, vt(VarianceType.AV));
            case ZPCOR -> new Entry(Correlations.PARTIAL, Correlations::zpcor, Correlations::check, Cells.NONE,
                    false, LS);
            case SPCOR -> new Entry(Correlations.PARTIAL, Correlations::spcor, Correlations::check, Cells.NONE,
                    false, vt(VarianceType.AV));
            case AS -> table(TableAssociations::as, false);
            case PHI -> table(TableAssociations::phi, false, VarianceType.ST, VarianceType.CS);
            case YUQ -> table(TableAssociations::yuq, true);
            case YUY -> table(TableAssociations::yuy, true);
            case RTET -> table(Tetrachoric::rtet, false);
            case OR2DN -> table(TableAssociations::or2dn, true);
            case OR2DL -> table(TableAssociations::or2dl, true);
            case AHW -> new Entry(Reliability.COLUMNS, Reliability::ahw, Reliability::check, Cells.NONE, false, LS);
            case ABT -> new Entry(Reliability.COLUMNS, Reliability::abt, Reliability::check, Cells.NONE, false, LS);
        };
    }

    /**
     * Computes {@code yi, vi} of a registered measure for every study that has its columns.
     *
     * @param es      the configuration ({@code add}, {@code to}, {@code drop00}, {@code vtype})
     * @param measure a measure with an {@link #entry}
     * @param columns the studies
     * @param set     the column set chosen (one of the measure's)
     * @return the effect sizes of the studies kept, with notes
     */
    static EffectSizeResult compute(EffectSizes es, EffectMeasure measure, StudyColumns columns, List<String> set) {
        Entry e = entry(measure);
        VarianceType vtype = es.varianceType();
        if (!e.vtypes().contains(vtype)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "vtype %s is not defined for measure %s; it takes %s", vtype, measure, e.vtypes()));
        }
        int k = columns.size();
        List<String> notes = new ArrayList<>();
        double[][] raw = new double[set.size()][];
        for (int c = 0; c < set.size(); c++) {
            raw[c] = columns.get(set.get(c));
        }
        boolean table = e.cells() == Cells.TABLE;
        boolean withN = table && set.contains("n1i");
        String[] names = table ? new String[] {"ai", "bi", "ci", "di", "n1i", "n2i"} : e.columns();
        double[][] canon = new double[names.length][k];
        List<Integer> kept = new ArrayList<>();
        double[] x = new double[e.columns().length];
        for (int i = 0; i < k; i++) {
            String missing = null;
            for (int c = 0; c < set.size() && missing == null; c++) {
                if (Double.isNaN(raw[c][i])) {
                    missing = set.get(c);
                }
            }
            if (missing != null) {
                notes.add(prefix(columns, i) + "missing value in " + missing + "; study left out");
                continue;
            }
            for (int c = 0; c < set.size(); c++) {
                if (Double.isInfinite(raw[c][i])) {
                    throw columns.error(i, set.get(c), "expected a finite number, got " + num(raw[c][i]));
                }
            }
            for (int j = 0; j < names.length; j++) {
                int c = set.indexOf(names[j]);
                canon[j][i] = c >= 0 ? raw[c][i] : Double.NaN;
            }
            if (table) {
                tableCells(columns, i, withN, canon);
            } else {
                for (int j = 0; j < x.length; j++) {
                    x[j] = canon[j][i];
                }
                Invalid bad = e.check().check(measure, x);
                if (bad != null) {
                    throw columns.error(i, bad.column(), bad.problem());
                }
            }
            if (es.drop00() && table && (canon[0][i] == 0 && canon[2][i] == 0 || canon[1][i] == 0
                    && canon[3][i] == 0)) {
                notes.add(prefix(columns, i) + (canon[0][i] == 0 && canon[2][i] == 0
                        ? "no events in either group (ai = ci = 0)" : "only events in both groups (bi = di = 0)")
                        + "; study left out (drop00)");
                continue;
            }
            kept.add(i);
        }

        boolean correctable = correctable(e, es);
        boolean anyZero = false;
        for (int i : kept) {
            anyZero |= hasZero(e.cells(), canon, i);
        }
        double average = Double.NaN;
        if (vtype == VarianceType.AV) {
            average = average(e, es, kept, canon, anyZero, x);
        }
        List<Integer> out = new ArrayList<>();
        List<double[]> yv = new ArrayList<>();
        double[] r = new double[4];
        for (int i : kept) {
            boolean correct = correctable && corrected(e.cells(), es.to(), canon, i, anyZero);
            load(e.cells(), canon, i, correct ? es.add() : 0, x);
            if (correct) {
                notes.add(prefix(columns, i) + String.format(Locale.ROOT, "%s added to %s (rule %s)", num(es.add()),
                        e.cells().description, es.to()));
            }
            e.formula().compute(x, vtype, average, r);
            if (!Double.isFinite(r[0]) || !Double.isFinite(r[1])) {
                notes.add(prefix(columns, i) + String.format(Locale.ROOT,
                        "%s not defined (yi = %s, vi = %s); study left out", measure, num(r[0]), num(r[1])));
                continue;
            }
            if (r[1] < 0) {
                notes.add(prefix(columns, i) + String.format(Locale.ROOT,
                        "%s: negative sampling variance (vi = %s); study left out", measure, num(r[1])));
                continue;
            }
            out.add(i);
            yv.add(r.clone());
        }
        if (out.isEmpty()) {
            throw new DataException(columns.source(), -1, null, String.format(Locale.ROOT,
                    "no study left for measure %s (of %d, all were left out: see the notes) %s", measure, k, notes));
        }
        int[] idx = out.stream().mapToInt(Integer::intValue).toArray();
        StudyColumns sub = columns.subset(idx);
        StudyColumns.Builder b = StudyColumns.builder(idx.length).source(sub.source()).labels(sub.labels())
                .rows(sub.rows());
        List<String> written = new ArrayList<>();
        for (int c = 0; c < names.length; c++) {
            if (!table && !set.contains(names[c])) {
                continue;
            }
            double[] v = new double[idx.length];
            for (int j = 0; j < idx.length; j++) {
                v[j] = canon[c][idx[j]];
            }
            b.column(names[c], v);
            written.add(names[c]);
        }
        for (String n : sub.numericNames()) {
            if (!written.contains(n)) {
                b.column(n, sub.get(n));
            }
        }
        for (String n : sub.textNames()) {
            b.textColumn(n, sub.getText(n));
        }
        double[] yo = new double[idx.length];
        double[] vo = new double[idx.length];
        for (int j = 0; j < idx.length; j++) {
            yo[j] = yv.get(j)[0];
            vo[j] = yv.get(j)[1];
        }
        return new EffectSizeResult(measure, b.build(), yo, vo, notes);
    }

    private static boolean correctable(Entry e, EffectSizes es) {
        return e.cells() != Cells.NONE && (e.addByDefault() || es.isAddExplicit()) && es.add() > 0;
    }

    private static boolean corrected(Cells cells, ZeroCellRule to, double[][] canon, int i, boolean anyZero) {
        return switch (to) {
            case ALL -> true;
            case ONLY0 -> hasZero(cells, canon, i);
            case IF0ALL -> anyZero;
            case NONE -> false;
        };
    }

    /** Copies study i's inputs into {@code x} with the correction {@code add} on the registered cells. */
    private static void load(Cells cells, double[][] canon, int i, double add, double[] x) {
        for (int j = 0; j < x.length; j++) {
            x[j] = canon[j][i];
        }
        switch (cells) {
            case TABLE -> {
                for (int j = 0; j < 4; j++) {
                    x[j] += add;
                }
            }
            case PROPORTION -> {
                x[0] += add;
                x[1] += 2 * add;
            }
            case COUNT -> x[0] += add;
            case NONE -> { }
        }
    }

    /**
     * The weighted mean that {@link VarianceType#AV} variances use: a first pass over the studies with the LS
     * formulas, each reporting its statistic and weight (metafor averages over the studies whose statistic is not
     * missing).
     */
    private static double average(Entry e, EffectSizes es, List<Integer> kept, double[][] canon, boolean anyZero,
            double[] x) {
        double[] r = new double[4];
        double sw = 0;
        double swy = 0;
        boolean correctable = correctable(e, es);
        for (int i : kept) {
            boolean correct = correctable && corrected(e.cells(), es.to(), canon, i, anyZero);
            load(e.cells(), canon, i, correct ? es.add() : 0, x);
            r[2] = Double.NaN;
            r[3] = Double.NaN;
            e.formula().compute(x, VarianceType.LS, Double.NaN, r);
            if (!Double.isNaN(r[2]) && !Double.isNaN(r[3])) {
                sw += r[3];
                swy += r[3] * r[2];
            }
        }
        return swy / sw;
    }

    /** Validates a 2x2 table and completes it: {@code b = n1 - a}, {@code d = n2 - c}, or the group sizes. */
    private static void tableCells(StudyColumns cols, int i, boolean withN, double[][] t) {
        double a = t[0][i], c = t[2][i];
        count(cols, i, "ai", a);
        count(cols, i, "ci", c);
        if (withN) {
            double n1 = t[4][i], n2 = t[5][i];
            count(cols, i, "n1i", n1);
            count(cols, i, "n2i", n2);
            if (a > n1) {
                throw cols.error(i, "ai", "events must not exceed the group size n1i = " + num(n1) + ", got "
                        + num(a));
            }
            if (c > n2) {
                throw cols.error(i, "ci", "events must not exceed the group size n2i = " + num(n2) + ", got "
                        + num(c));
            }
            t[1][i] = n1 - a;
            t[3][i] = n2 - c;
        } else {
            count(cols, i, "bi", t[1][i]);
            count(cols, i, "di", t[3][i]);
            t[4][i] = a + t[1][i];
            t[5][i] = c + t[3][i];
        }
    }

    private static void count(StudyColumns cols, int i, String col, double v) {
        if (v < 0) {
            throw cols.error(i, col, "count must be >= 0, got " + num(v));
        }
    }

    private static boolean hasZero(Cells cells, double[][] x, int i) {
        return switch (cells) {
            case TABLE -> x[0][i] == 0 || x[1][i] == 0 || x[2][i] == 0 || x[3][i] == 0;
            case PROPORTION -> x[0][i] == 0 || x[1][i] - x[0][i] == 0;
            case COUNT -> x[0][i] == 0;
            case NONE -> false;
        };
    }

    private static String prefix(StudyColumns cols, int i) {
        return String.format(Locale.ROOT, "row %d (%s): ", cols.row(i), cols.label(i));
    }
}
