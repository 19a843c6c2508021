package org.metaj.effect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.IntToDoubleFunction;

import org.apache.commons.math3.special.Gamma;
import org.metaj.data.DataException;
import org.metaj.data.EffectMeasure;
import org.metaj.data.StudyColumns;
import org.metaj.data.Tables;

import tech.tablesaw.api.Table;

/**
 * Computes per-study effect sizes {@code yi} and sampling variances {@code vi} (the quantities of metafor's
 * {@code escalc}, with its defaults: {@code add = 1/2}, {@code to = "only0"}, {@code drop00 = FALSE},
 * large-sample variances {@code vtype = "LS"}). Immutable; configure with the {@code with...} methods.
 *
 * <p>The formulas below are those of the first fifteen measures, with their LS variances; their other variance
 * types are on {@link ClassicVariances}. The measures added since are computed by the functions of their families
 * ({@link TwoGroupMeans}, {@link ChangeScores}, {@link SingleGroup}, {@link EventCounts}, {@link Correlations},
 * {@link TableAssociations}, {@link Tetrachoric}, {@link Reliability}) through {@link MeasureRegistry}, with the
 * same conventions for missing values, zero cells and errors.
 *
 * <h2>Measures, formulas and sources</h2>
 * Notation: group 1 is the treatment (first) group, group 2 the control group.
 * <ul>
 * <li><b>MD</b> (raw mean difference): {@code yi = m1 - m2}, {@code vi = sd1^2/n1 + sd2^2/n2} (variances not
 * assumed equal). Borenstein, Hedges, Higgins &amp; Rothstein (2009), <i>Introduction to Meta-Analysis</i>, ch. 4.</li>
 * <li><b>SMD</b> (Hedges' g): pooled SD {@code s = sqrt(((n1-1) sd1^2 + (n2-1) sd2^2) / m)}, {@code m = n1+n2-2},
 * {@code d = (m1-m2)/s}, {@code yi = J(m) d} with the exact bias correction
 * {@code J(m) = Gamma(m/2) / (sqrt(m/2) Gamma((m-1)/2))}; large-sample variance
 * {@code vi = 1/n1 + 1/n2 + yi^2 / (2 (n1+n2))}. Hedges (1981), J. Educ. Stat. 6:107-128, eq. 6b-7; Hedges (1982),
 * Psychol. Bull. 92:490-499; Hedges &amp; Olkin (1985), <i>Statistical Methods for Meta-Analysis</i>, ch. 5.</li>
 * <li><b>ROM</b> (log ratio of means): {@code yi = log(m1/m2)},
 * {@code vi = sd1^2/(n1 m1^2) + sd2^2/(n2 m2^2)} (delta method). Hedges, Gurevitch &amp; Curtis (1999), Ecology
 * 80:1150-1156, eq. 1 and 9. Both means must be positive.</li>
 * <li><b>OR</b> (log odds ratio): {@code yi = log(a d / (b c))}, {@code vi = 1/a + 1/b + 1/c + 1/d} (Woolf 1955,
 * Ann. Hum. Genet. 19:251-253).</li>
 * <li><b>RR</b> (log risk ratio): {@code yi = log((a/n1)/(c/n2))}, {@code vi = 1/a - 1/n1 + 1/c - 1/n2} (Katz,
 * Baptista, Azen &amp; Pike 1978, Biometrics 34:469-474).</li>
 * <li><b>RD</b> (risk difference): {@code yi = a/n1 - c/n2}, {@code vi = p1(1-p1)/n1 + p2(1-p2)/n2} (binomial
 * variances; Fleiss 1994, in Cooper &amp; Hedges, <i>The Handbook of Research Synthesis</i>, ch. 17).</li>
 * <li><b>PETO</b> (Peto's one-step log odds ratio, per study): {@code E = n1 (a+c)/N},
 * {@code V = n1 n2 (a+c)(b+d) / (N^2 (N-1))}, {@code yi = (a - E)/V}, {@code vi = 1/V} (Yusuf, Peto, Lewis,
 * Collins &amp; Sleight 1985, Prog. Cardiovasc. Dis. 27:335-371).</li>
 * <li><b>COR</b>: {@code yi = r}, {@code vi = (1 - r^2)^2 / (n - 1)} (large-sample variance of r; Pearson &amp;
 * Filon 1898; Hedges &amp; Olkin 1985, ch. 11).</li>
 * <li><b>ZCOR</b>: {@code yi = atanh(r) = 1/2 log((1+r)/(1-r))}, {@code vi = 1/(n - 3)} (Fisher 1921, Metron
 * 1:3-32).</li>
 * <li><b>PR</b>: {@code yi = p = x/n}, {@code vi = p(1-p)/n}.</li>
 * <li><b>PLO</b> (logit): {@code yi = log(x/(n-x))}, {@code vi = 1/x + 1/(n-x) = 1/(n p) + 1/(n (1-p))} (delta
 * method; Agresti 2013, <i>Categorical Data Analysis</i>, 3rd ed., sec. 3.1).</li>
 * <li><b>PAS</b> (arcsine square root): {@code yi = asin(sqrt(p))}, {@code vi = 1/(4n)} (variance-stabilising
 * transform; Anscombe 1948, Biometrika 35:246-254).</li>
 * <li><b>PFT</b> (Freeman-Tukey double arcsine, halved):
 * {@code yi = 1/2 (asin(sqrt(x/(n+1))) + asin(sqrt((x+1)/(n+1))))}, {@code vi = 1/(4n + 2)} (Freeman &amp; Tukey
 * 1950, Ann. Math. Stat. 21:607-611; Miller 1978, Am. Stat. 32:138).</li>
 * <li><b>IRR</b> (log incidence rate ratio): {@code yi = log((x1/t1)/(x2/t2))}, {@code vi = 1/x1 + 1/x2}
 * (Poisson counts, delta method; Rothman, Greenland &amp; Lash 2008, <i>Modern Epidemiology</i>, ch. 14).</li>
 * <li><b>IRD</b> (incidence rate difference): {@code yi = x1/t1 - x2/t2}, {@code vi = x1/t1^2 + x2/t2^2}
 * (same source).</li>
 * </ul>
 *
 * <h2>Zero cells</h2>
 * The correction {@code add} is added to the cells of a study as {@link ZeroCellRule} says, before {@code yi} and
 * {@code vi} are computed: for the 2x2 measures (OR, RR, RD and PETO alike) to all four cells
 * {@code a, b, c, d} (group sizes grow by {@code 2 add}); for PR and PLO to {@code x} and {@code n - x}; for IRR
 * and IRD to {@code x1} and {@code x2} (person-times unchanged). With {@link ZeroCellRule#ONLY0} a study is
 * corrected when any of those cells is 0. PAS and PFT are defined at 0 and 1 and, as in metafor, are corrected only
 * when {@link #withAdd(double)} was called explicitly. {@code drop00} leaves out the 2x2 studies with no events in
 * both groups ({@code a = c = 0}) or no non-events in both groups ({@code b = d = 0}), and the incidence-rate studies
 * with {@code x1 = x2 = 0}; it does not apply to single proportions. Dropping happens before the {@code IF0ALL}
 * check. A study whose {@code yi} or {@code vi} is not finite after all that (e.g. a zero cell under
 * {@link ZeroCellRule#NONE}) is left out with a note, as metafor recodes such values to missing.
 *
 * <h2>Missing values</h2>
 * A study with a missing value (NaN) in a column that the measure uses is left out with a note (metafor's default
 * {@code na.action = "na.omit"}); any other invalid value is a {@link DataException} naming row and column.
 */
public final class EffectSizes {
    private static final double DEFAULT_ADD = 0.5;

    private final double add;
    private final boolean addExplicit;
    private final ZeroCellRule to;
    private final boolean drop00;
    private final VarianceType vtype;

    private EffectSizes(double add, boolean addExplicit, ZeroCellRule to, boolean drop00) {
        this(add, addExplicit, to, drop00, VarianceType.LS);
    }

    private EffectSizes(double add, boolean addExplicit, ZeroCellRule to, boolean drop00, VarianceType vtype) {
        this.add = add;
        this.addExplicit = addExplicit;
        this.to = to;
        this.drop00 = drop00;
        this.vtype = vtype;
    }

    /** @return metafor's escalc defaults: {@code add = 0.5}, {@code to = ONLY0}, {@code drop00 = false} */
    public static EffectSizes withDefaults() {
        return new EffectSizes(DEFAULT_ADD, false, ZeroCellRule.ONLY0, false);
    }

    /**
     * @param value the amount added to zero cells; finite and {@code >= 0}
     * @return a copy with that correction (also applied to PAS and PFT, since it is now explicit)
     */
    public EffectSizes withAdd(double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(
                    String.format(Locale.ROOT, "add must be a finite number >= 0, got %s", value));
        }
        return new EffectSizes(value, true, to, drop00, vtype);
    }

    /** @param rule to which studies {@code add} applies; @return a copy */
    public EffectSizes withTo(ZeroCellRule rule) {
        return new EffectSizes(add, addExplicit, Objects.requireNonNull(rule, "rule"), drop00, vtype);
    }

    /** @param drop whether to leave out studies with zero events (or zero non-events) in both groups; @return a copy */
    public EffectSizes withDrop00(boolean drop) {
        return new EffectSizes(add, addExplicit, to, drop, vtype);
    }

    /**
     * The variance type (metafor's {@code vtype}). For the first fifteen measures: "LS" (default) gives the
     * large-sample variances; "HO" gives MD the homoscedastic {@code s_p^2 (1/n1 + 1/n2)} with the pooled
     * {@code s_p^2 = ((n1-1) sd1^2 + (n2-1) sd2^2)/(n1+n2-2)}, as Normand (1999, Stat Med 18:321, Table VIII)
     * computes the variances of the stroke-unit trials (the other fourteen keep their large-sample variances under
     * "HO"). For the measures added since, the types each offers are listed in its family's Javadoc (e.g. LS2 for
     * SMDH, SMCC, SMCR; UB for SMD1 and UCOR; ST and CS for RPB and PHI); asking a measure for a type it does not
     * offer is an {@link IllegalArgumentException} when its effect sizes are computed.
     *
     * @param vtype a {@link VarianceType} name (case-insensitive)
     * @return a copy
     */
    public EffectSizes withVtype(String vtype) {
        return withVtype(VarianceType.parse(Objects.requireNonNull(vtype, "vtype")));
    }

    /** @param vtype the variance type; @return a copy (see {@link #withVtype(String)}) */
    public EffectSizes withVtype(VarianceType vtype) {
        return new EffectSizes(add, addExplicit, to, drop00, Objects.requireNonNull(vtype, "vtype"));
    }

    /** @return the zero-cell correction */
    public double add() {
        return add;
    }

    /** @return true if {@link #withAdd(double)} set the correction explicitly */
    public boolean isAddExplicit() {
        return addExplicit;
    }

    /** @return the zero-cell rule */
    public ZeroCellRule to() {
        return to;
    }

    /** @return whether double-zero studies are left out */
    public boolean drop00() {
        return drop00;
    }

    /** @return the variance type's name: "LS" (large-sample, the default), "HO", ... */
    public String vtype() {
        return vtype.name();
    }

    /** @return the variance type */
    public VarianceType varianceType() {
        return vtype;
    }

    // ------------------------------------------------------------------ entry points

    /**
     * @param measure the measure
     * @param table   the studies, one a row; see {@link Tables#toStudyColumns(Table)}
     * @return the effect sizes
     */
    public EffectSizeResult compute(EffectMeasure measure, Table table) {
        return compute(measure, Tables.toStudyColumns(table));
    }

    /**
     * @param table precomputed {@code yi} with {@code vi} or {@code sei}
     * @return the effect sizes
     */
    public EffectSizeResult generic(Table table) {
        return generic(Tables.toStudyColumns(table));
    }

    /**
     * Precomputed effect sizes: {@code yi} with {@code vi}, or with {@code sei} (squared to give {@code vi}).
     *
     * @param columns the studies
     * @return the effect sizes, measure {@code null}
     * @throws DataException on a missing column, an infinite value, a negative variance or standard error, or when
     *                       no study remains
     */
    public EffectSizeResult generic(StudyColumns columns) {
        String vName;
        if (columns.has("yi") && columns.has("vi")) {
            vName = "vi";
        } else if (columns.has("yi") && columns.has("sei")) {
            vName = "sei";
        } else {
            throw new DataException(columns.source(), -1, null,
                    "precomputed effect sizes need columns [yi, vi] or [yi, sei]; numeric columns present: "
                            + columns.numericNames());
        }
        double[] y = columns.get("yi");
        double[] v = columns.get(vName);
        List<String> notes = new ArrayList<>();
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            String missing = Double.isNaN(y[i]) ? "yi" : Double.isNaN(v[i]) ? vName : null;
            if (missing != null) {
                notes.add(prefix(columns, i) + "missing value in " + missing + "; study left out");
                continue;
            }
            finite(columns, i, "yi", y[i]);
            finite(columns, i, vName, v[i]);
            if (v[i] < 0) {
                throw columns.error(i, vName, String.format(Locale.ROOT, "%s must be >= 0, got %s",
                        vName.equals("vi") ? "sampling variance" : "standard error", num(v[i])));
            }
            keep.add(i);
        }
        int[] idx = toArray(keep);
        if (idx.length == 0) {
            throw new DataException(columns.source(), -1, null,
                    "no study left after leaving out those with missing values");
        }
        double[] yo = new double[idx.length];
        double[] vo = new double[idx.length];
        for (int j = 0; j < idx.length; j++) {
            yo[j] = y[idx[j]];
            vo[j] = vName.equals("sei") ? v[idx[j]] * v[idx[j]] : v[idx[j]];
        }
        return new EffectSizeResult(null, columns.subset(idx), yo, vo, notes);
    }

    /**
     * Computes {@code yi} and {@code vi} of one measure for every study that has the measure's columns.
     *
     * @param measure the measure
     * @param columns the studies, with one of {@link EffectMeasure#columnSets()}
     * @return the effect sizes of the studies kept, with notes
     * @throws DataException when no accepted column set is present (row -1), on an invalid value (row and column
     *                       named), or when no study remains
     */
    public EffectSizeResult compute(EffectMeasure measure, StudyColumns columns) {
        Objects.requireNonNull(measure, "measure");
        List<String> set = pickColumnSet(measure, columns);
        if (MeasureRegistry.entry(measure) != null) {
            return MeasureRegistry.compute(this, measure, columns, set);
        }
        if (!ClassicVariances.offered(measure).contains(vtype)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "vtype %s is not defined for measure %s; it takes %s", vtype, measure,
                    ClassicVariances.offered(measure)));
        }
        int k = columns.size();
        List<String> notes = new ArrayList<>();

        // 1. missing values, then validation of the rows that are complete
        double[][] raw = new double[set.size()][];
        for (int c = 0; c < set.size(); c++) {
            raw[c] = columns.get(set.get(c));
        }
        List<Integer> complete = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            String missing = null;
            for (int c = 0; c < set.size(); c++) {
                if (Double.isNaN(raw[c][i])) {
                    missing = set.get(c);
                    break;
                }
            }
            if (missing != null) {
                notes.add(prefix(columns, i) + "missing value in " + missing + "; study left out");
                continue;
            }
            for (int c = 0; c < set.size(); c++) {
                finite(columns, i, set.get(c), raw[c][i]);
            }
            complete.add(i);
        }

        Family fam = Family.of(measure);
        // canonical raw columns (full length k; only complete rows are meaningful)
        String[] names = fam.canonical;
        double[][] canon = new double[names.length][];
        if (fam == Family.TWO_BY_TWO) {
            boolean withN = set.contains("n1i");
            double[] a = raw[0];
            double[] c2 = raw[2];
            double[] b = new double[k];
            double[] d = new double[k];
            double[] n1 = new double[k];
            double[] n2 = new double[k];
            for (int i : complete) {
                if (withN) {
                    validateCount(columns, i, "ai", a[i]);
                    validateSize(columns, i, "n1i", raw[1][i]);
                    validateCount(columns, i, "ci", c2[i]);
                    validateSize(columns, i, "n2i", raw[3][i]);
                    validateEvents(columns, i, "ai", a[i], "n1i", raw[1][i]);
                    validateEvents(columns, i, "ci", c2[i], "n2i", raw[3][i]);
                    n1[i] = raw[1][i];
                    n2[i] = raw[3][i];
                    b[i] = n1[i] - a[i];
                    d[i] = n2[i] - c2[i];
                } else {
                    validateCount(columns, i, "ai", a[i]);
                    validateCount(columns, i, "bi", raw[1][i]);
                    validateCount(columns, i, "ci", c2[i]);
                    validateCount(columns, i, "di", raw[3][i]);
                    b[i] = raw[1][i];
                    d[i] = raw[3][i];
                    n1[i] = a[i] + b[i];
                    n2[i] = c2[i] + d[i];
                    if (n1[i] <= 0) {
                        throw columns.error(i, "bi", "group 1 is empty: ai + bi must be > 0, got 0");
                    }
                    if (n2[i] <= 0) {
                        throw columns.error(i, "di", "group 2 is empty: ci + di must be > 0, got 0");
                    }
                }
            }
            canon = new double[][] {a, b, c2, d, n1, n2};
        } else {
            for (int c = 0; c < names.length; c++) {
                canon[c] = raw[c];
            }
            for (int i : complete) {
                validate(measure, fam, columns, i, canon);
            }
        }

        // 2. drop00
        List<Integer> kept = new ArrayList<>();
        for (int i : complete) {
            if (drop00 && fam.drop00Applies()) {
                String why = doubleZero(fam, canon, i);
                if (why != null) {
                    notes.add(prefix(columns, i) + why + "; study left out (drop00)");
                    continue;
                }
            }
            kept.add(i);
        }

        // 3. zero-cell correction
        boolean correctable = fam.correctable() && (measure != EffectMeasure.PAS && measure != EffectMeasure.PFT
                || addExplicit);
        boolean anyZero = false;
        if (correctable && to == ZeroCellRule.IF0ALL) {
            for (int i : kept) {
                anyZero |= hasZeroCell(fam, canon, i);
            }
        }

        // 4. effect sizes (averaged variance types first need the weighted means over the studies kept)
        final boolean anyZeroFinal = anyZero;
        final boolean correctableFinal = correctable;
        final double[][] canonFinal = canon;
        IntToDoubleFunction correction = i -> correctableFinal && add > 0 && switch (to) {
            case ALL -> true;
            case ONLY0 -> hasZeroCell(fam, canonFinal, i);
            case IF0ALL -> anyZeroFinal;
            case NONE -> false;
        } ? add : 0.0;
        double[] avg = null;
        if (vtype == VarianceType.AV || vtype == VarianceType.AVHO) {
            avg = ClassicVariances.averages(measure, canon, kept, correction,
                    i -> effect(measure, canonFinal, i, correction.applyAsDouble(i))[0]);
        }
        List<Integer> out = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        List<Double> vs = new ArrayList<>();
        for (int i : kept) {
            boolean correct = false;
            if (correctable && add > 0) {
                switch (to) {
                case ALL:
                    correct = true;
                    break;
                case ONLY0:
                    correct = hasZeroCell(fam, canon, i);
                    break;
                case IF0ALL:
                    correct = anyZero;
                    break;
                default:
                    correct = false;
                }
            }
            double a0 = correct ? add : 0.0;
            double[] yv = effect(measure, canon, i, a0);
            yv[1] = ClassicVariances.variance(measure, vtype, canon, i, a0, yv[0], yv[1], avg);
            if (correct) {
                notes.add(prefix(columns, i) + String.format(Locale.ROOT, "%s added to %s (rule %s)", num(add),
                        fam.cellDescription, to));
            }
            if (!Double.isFinite(yv[0]) || !Double.isFinite(yv[1])) {
                notes.add(prefix(columns, i) + String.format(Locale.ROOT,
                        "%s not defined (yi = %s, vi = %s); study left out", measure, num(yv[0]), num(yv[1])));
                continue;
            }
            out.add(i);
            ys.add(yv[0]);
            vs.add(yv[1]);
        }
        if (out.isEmpty()) {
            throw new DataException(columns.source(), -1, null, String.format(Locale.ROOT,
                    "no study left for measure %s (of %d, all were left out: see the notes) %s", measure, k,
                    notes));
        }
        int[] idx = toArray(out);
        StudyColumns sub = columns.subset(idx);
        StudyColumns.Builder b = StudyColumns.builder(idx.length).source(sub.source()).labels(sub.labels())
                .rows(sub.rows());
        for (int c = 0; c < names.length; c++) {
            double[] v = new double[idx.length];
            for (int j = 0; j < idx.length; j++) {
                v[j] = canon[c][idx[j]];
            }
            b.column(names[c], v);
        }
        for (String n : sub.numericNames()) {
            if (!contains(names, n)) {
                b.column(n, sub.get(n));
            }
        }
        for (String n : sub.textNames()) {
            b.textColumn(n, sub.getText(n));
        }
        double[] yo = new double[idx.length];
        double[] vo = new double[idx.length];
        for (int j = 0; j < idx.length; j++) {
            yo[j] = ys.get(j);
            vo[j] = vs.get(j);
        }
        return new EffectSizeResult(measure, b.build(), yo, vo, notes);
    }

    // ------------------------------------------------------------------ formulas

    /** @return {yi, vi} of study i with correction {@code c} added to the cells (0 for none) */
    private static double[] effect(EffectMeasure measure, double[][] x, int i, double c) {
        switch (measure) {
        case MD: {
            double m1 = x[0][i], s1 = x[1][i], n1 = x[2][i], m2 = x[3][i], s2 = x[4][i], n2 = x[5][i];
            return new double[] {m1 - m2, s1 * s1 / n1 + s2 * s2 / n2};
        }
        case SMD: {
            double m1 = x[0][i], s1 = x[1][i], n1 = x[2][i], m2 = x[3][i], s2 = x[4][i], n2 = x[5][i];
            double m = n1 + n2 - 2;
            double sp = Math.sqrt(((n1 - 1) * s1 * s1 + (n2 - 1) * s2 * s2) / m);
            double g = hedgesJ(m) * (m1 - m2) / sp;
            return new double[] {g, 1 / n1 + 1 / n2 + g * g / (2 * (n1 + n2))};
        }
        case ROM: {
            double m1 = x[0][i], s1 = x[1][i], n1 = x[2][i], m2 = x[3][i], s2 = x[4][i], n2 = x[5][i];
            return new double[] {Math.log(m1 / m2), s1 * s1 / (n1 * m1 * m1) + s2 * s2 / (n2 * m2 * m2)};
        }
        case OR: case RR: case RD: case PETO: {
            double a = x[0][i] + c, b = x[1][i] + c, cc = x[2][i] + c, d = x[3][i] + c;
            double n1 = a + b, n2 = cc + d;
            switch (measure) {
            case OR:
                return new double[] {Math.log(a * d / (b * cc)), 1 / a + 1 / b + 1 / cc + 1 / d};
            case RR:
                return new double[] {Math.log((a / n1) / (cc / n2)), 1 / a - 1 / n1 + 1 / cc - 1 / n2};
            case RD: {
                double p1 = a / n1, p2 = cc / n2;
                return new double[] {p1 - p2, p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2};
            }
            default: {
                double n = n1 + n2;
                double e = n1 * (a + cc) / n;
                double v = n1 * n2 * (a + cc) * (b + d) / (n * n * (n - 1));
                return new double[] {(a - e) / v, 1 / v};
            }
            }
        }
        case COR: {
            double r = x[0][i], n = x[1][i];
            double q = 1 - r * r;
            return new double[] {r, q * q / (n - 1)};
        }
        case ZCOR: {
            double r = x[0][i], n = x[1][i];
            return new double[] {0.5 * Math.log((1 + r) / (1 - r)), 1 / (n - 3)};
        }
        case PR: case PLO: case PAS: case PFT: {
            double xs = x[0][i] + c, ys = x[1][i] - x[0][i] + c;
            double n = xs + ys, p = xs / n;
            switch (measure) {
            case PR:
                return new double[] {p, p * (1 - p) / n};
            case PLO:
                return new double[] {Math.log(xs / ys), 1 / xs + 1 / ys};
            case PAS:
                return new double[] {Math.asin(Math.sqrt(p)), 1 / (4 * n)};
            default:
                return new double[] {
                    0.5 * (Math.asin(Math.sqrt(xs / (n + 1))) + Math.asin(Math.sqrt((xs + 1) / (n + 1)))),
                    1 / (4 * n + 2)};
            }
        }
        case IRR: case IRD: {
            double x1 = x[0][i] + c, t1 = x[1][i], x2 = x[2][i] + c, t2 = x[3][i];
            if (measure == EffectMeasure.IRR) {
                return new double[] {Math.log((x1 / t1) / (x2 / t2)), 1 / x1 + 1 / x2};
            }
            return new double[] {x1 / t1 - x2 / t2, x1 / (t1 * t1) + x2 / (t2 * t2)};
        }
        default:
            throw new AssertionError(measure);
        }
    }

    /**
     * Hedges' (1981) exact small-sample correction {@code J(m) = Gamma(m/2) / (sqrt(m/2) Gamma((m-1)/2))},
     * computed on the log scale.
     *
     * @param m degrees of freedom {@code n1 + n2 - 2}, {@code > 1}
     * @return the correction factor
     */
    static double hedgesJ(double m) {
        return Math.exp(Gamma.logGamma(m / 2) - Math.log(Math.sqrt(m / 2)) - Gamma.logGamma((m - 1) / 2));
    }

    // ------------------------------------------------------------------ zero cells

    private static boolean hasZeroCell(Family fam, double[][] x, int i) {
        switch (fam) {
        case TWO_BY_TWO:
            return x[0][i] == 0 || x[1][i] == 0 || x[2][i] == 0 || x[3][i] == 0;
        case PROPORTION:
            return x[0][i] == 0 || x[1][i] - x[0][i] == 0;
        case RATES:
            return x[0][i] == 0 || x[2][i] == 0;
        default:
            return false;
        }
    }

    private static String doubleZero(Family fam, double[][] x, int i) {
        if (fam == Family.TWO_BY_TWO) {
            if (x[0][i] == 0 && x[2][i] == 0) {
                return "no events in either group (ai = ci = 0)";
            }
            if (x[1][i] == 0 && x[3][i] == 0) {
                return "only events in both groups (bi = di = 0)";
            }
        } else if (fam == Family.RATES && x[0][i] == 0 && x[2][i] == 0) {
            return "no events in either group (x1i = x2i = 0)";
        }
        return null;
    }

    // ------------------------------------------------------------------ validation

    private static List<String> pickColumnSet(EffectMeasure measure, StudyColumns columns) {
        for (List<String> set : measure.columnSets()) {
            boolean all = true;
            for (String c : set) {
                all &= columns.has(c);
            }
            if (all) {
                return set;
            }
        }
        StringBuilder sets = new StringBuilder();
        for (List<String> set : measure.columnSets()) {
            if (sets.length() > 0) {
                sets.append(" or ");
            }
            sets.append(set);
        }
        throw new DataException(columns.source(), -1, null, String.format(Locale.ROOT,
                "measure %s (%s) needs numeric columns %s; numeric columns present: %s", measure,
                measure.description(), sets, columns.numericNames()));
    }

    private static void validate(EffectMeasure measure, Family fam, StudyColumns cols, int i, double[][] x) {
        switch (fam) {
        case MEANS:
            validateSd(cols, i, "sd1i", x[1][i]);
            validateSize(cols, i, "n1i", x[2][i]);
            validateSd(cols, i, "sd2i", x[4][i]);
            validateSize(cols, i, "n2i", x[5][i]);
            if (measure == EffectMeasure.SMD && !(x[2][i] + x[5][i] > 3)) {
                throw cols.error(i, "n2i", String.format(Locale.ROOT,
                        "SMD needs n1i + n2i > 3 for the small-sample correction, got n1i + n2i = %s",
                        num(x[2][i] + x[5][i])));
            }
            if (measure == EffectMeasure.ROM) {
                positiveMean(cols, i, "m1i", x[0][i]);
                positiveMean(cols, i, "m2i", x[3][i]);
            }
            break;
        case CORRELATION:
            if (x[0][i] < -1 || x[0][i] > 1) {
                throw cols.error(i, "ri", String.format(Locale.ROOT,
                        "correlation must lie in [-1, 1], got %s", num(x[0][i])));
            }
            double minN = measure == EffectMeasure.ZCOR ? 3 : 1;
            if (!(x[1][i] > minN)) {
                throw cols.error(i, "ni", String.format(Locale.ROOT,
                        "sample size must be > %s for %s, got %s", num(minN), measure, num(x[1][i])));
            }
            break;
        case PROPORTION:
            validateCount(cols, i, "xi", x[0][i]);
            validateSize(cols, i, "ni", x[1][i]);
            validateEvents(cols, i, "xi", x[0][i], "ni", x[1][i]);
            break;
        case RATES:
            validateCount(cols, i, "x1i", x[0][i]);
            validateTime(cols, i, "t1i", x[1][i]);
            validateCount(cols, i, "x2i", x[2][i]);
            validateTime(cols, i, "t2i", x[3][i]);
            break;
        default:
            throw new AssertionError(fam);
        }
    }

    private static void finite(StudyColumns cols, int i, String col, double v) {
        if (Double.isInfinite(v)) {
            throw cols.error(i, col, "expected a finite number, got " + num(v));
        }
    }

    private static void validateSd(StudyColumns cols, int i, String col, double v) {
        if (v < 0) {
            throw cols.error(i, col, "standard deviation must be >= 0, got " + num(v));
        }
    }

    private static void validateSize(StudyColumns cols, int i, String col, double v) {
        if (v < 1) {
            throw cols.error(i, col, "group size must be >= 1, got " + num(v));
        }
    }

    private static void validateCount(StudyColumns cols, int i, String col, double v) {
        if (v < 0) {
            throw cols.error(i, col, "count must be >= 0, got " + num(v));
        }
    }

    private static void validateEvents(StudyColumns cols, int i, String col, double events, String sizeCol,
            double size) {
        if (events > size) {
            throw cols.error(i, col, String.format(Locale.ROOT,
                    "events must not exceed the group size %s = %s, got %s", sizeCol, num(size), num(events)));
        }
    }

    private static void validateTime(StudyColumns cols, int i, String col, double v) {
        if (!(v > 0)) {
            throw cols.error(i, col, "person-time must be > 0, got " + num(v));
        }
    }

    private static void positiveMean(StudyColumns cols, int i, String col, double v) {
        if (!(v > 0)) {
            throw cols.error(i, col, "ROM needs a positive mean, got " + num(v));
        }
    }

    // ------------------------------------------------------------------ helpers

    private static String prefix(StudyColumns cols, int i) {
        return String.format(Locale.ROOT, "row %d (%s): ", cols.row(i), cols.label(i));
    }

    /** Shortest round-trip form of a number, locale-independent ("0.5", "-3", "Infinity"). */
    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%d", (long) v);
        }
        return Double.toString(v);
    }

    private static int[] toArray(List<Integer> l) {
        int[] a = new int[l.size()];
        for (int j = 0; j < a.length; j++) {
            a[j] = l.get(j);
        }
        return a;
    }

    private static boolean contains(String[] a, String s) {
        for (String x : a) {
            if (x.equals(s)) {
                return true;
            }
        }
        return false;
    }

    /** Groups of measures sharing inputs and zero-cell handling. */
    private enum Family {
        MEANS(new String[] {"m1i", "sd1i", "n1i", "m2i", "sd2i", "n2i"}, ""),
        TWO_BY_TWO(new String[] {"ai", "bi", "ci", "di", "n1i", "n2i"}, "each cell (ai, bi, ci, di)"),
        CORRELATION(new String[] {"ri", "ni"}, ""),
        PROPORTION(new String[] {"xi", "ni"}, "xi and ni - xi"),
        RATES(new String[] {"x1i", "t1i", "x2i", "t2i"}, "x1i and x2i");

        final String[] canonical;
        final String cellDescription;

        Family(String[] canonical, String cellDescription) {
            this.canonical = canonical;
            this.cellDescription = cellDescription;
        }

        boolean correctable() {
            return this == TWO_BY_TWO || this == PROPORTION || this == RATES;
        }

        boolean drop00Applies() {
            return this == TWO_BY_TWO || this == RATES;
        }

        static Family of(EffectMeasure m) {
            switch (m) {
            case MD: case SMD: case ROM:
                return MEANS;
            case OR: case RR: case RD: case PETO:
                return TWO_BY_TWO;
            case COR: case ZCOR:
                return CORRELATION;
            case PR: case PLO: case PAS: case PFT:
                return PROPORTION;
            case IRR: case IRD:
                return RATES;
            default:
                throw new AssertionError(m + " is computed by MeasureRegistry");
            }
        }
    }
}
