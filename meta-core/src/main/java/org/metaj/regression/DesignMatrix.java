package org.metaj.regression;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

import org.metaj.data.DataException;
import org.metaj.data.StudyColumns;

/**
 * An immutable design matrix of a meta-regression: {@code k} rows (studies), {@code p} named columns (coefficients),
 * row-major. The usual one is built by {@link #fromColumns}: an intercept column {@code intrcpt}, each numeric
 * moderator as is, and each text moderator dummy-coded against its first level in alphabetical order, one
 * indicator per further level named column + level ({@code allocrandom}), which is treatment coding as in
 * Raudenbush (2009, The Handbook of Research Synthesis and Meta-Analysis, 2nd ed., ch. 16).
 */
public final class DesignMatrix {
    /** Name of the intercept column. */
    public static final String INTERCEPT = "intrcpt";
    /** Relative residual norm below which a column is taken to be a combination of the columns before it. */
    static final double RANK_TOLERANCE = 1e-9;

    private final String[] names;
    private final double[] x;
    private final int k;
    private final int p;
    private final boolean intercept;

    private DesignMatrix(String[] names, double[] x, int k, boolean intercept) {
        this.names = names;
        this.x = x;
        this.k = k;
        this.p = names.length;
        this.intercept = intercept;
    }

    /**
     * @param names     column names, length p
     * @param rowMajor  values, row-major {@code k x p} (copied)
     * @param k         rows
     * @param intercept whether the first column is the intercept (all ones)
     * @return the design
     */
    public static DesignMatrix of(String[] names, double[] rowMajor, int k, boolean intercept) {
        int p = names.length;
        if (p < 1 || k < 1 || rowMajor.length != k * p) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "design matrix of %d rows and %d columns needs %d values, got %d", k, p, k * p,
                    rowMajor.length));
        }
        for (int i = 0; i < rowMajor.length; i++) {
            if (!Double.isFinite(rowMajor[i])) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "design matrix value of row %d, column '%s' must be finite, got %s", i / p + 1,
                        names[i % p], rowMajor[i]));
            }
        }
        if (intercept) {
            for (int i = 0; i < k; i++) {
                if (rowMajor[i * p] != 1.0) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT,
                            "intercept column '%s' must hold 1 in every row, row %d holds %s", names[0], i + 1,
                            rowMajor[i * p]));
                }
            }
        }
        return new DesignMatrix(names.clone(), rowMajor.clone(), k, intercept);
    }

    /** @return the intercept-only design of {@code k} studies */
    public static DesignMatrix interceptOnly(int k) {
        double[] ones = new double[k];
        Arrays.fill(ones, 1.0);
        return new DesignMatrix(new String[] {INTERCEPT}, ones, k, true);
    }

    /**
     * Builds {@code ~ A + B + ...} from the columns of a study table: intercept, numeric columns as is, text
     * columns dummy-coded against the alphabetically first level.
     *
     * @param cols       the study table
     * @param moderators column names
     * @return the design
     * @throws DataException if a column is missing or holds a missing value, or a text column has more than
     *                       {@code k/2 + 1} levels
     */
    public static DesignMatrix fromColumns(StudyColumns cols, String... moderators) {
        int k = cols.size();
        List<String> names = new ArrayList<>();
        List<double[]> columns = new ArrayList<>();
        names.add(INTERCEPT);
        double[] ones = new double[k];
        Arrays.fill(ones, 1.0);
        columns.add(ones);
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String mod : moderators) {
            String m = mod.trim();
            if (!seen.add(m)) {
                throw new IllegalArgumentException("moderator '" + m + "' is given twice");
            }
            if (cols.has(m)) {
                double[] v = cols.get(m);
                for (int i = 0; i < k; i++) {
                    if (!Double.isFinite(v[i])) {
                        throw cols.error(i, m, "moderator value must be a finite number, got " + v[i]);
                    }
                }
                names.add(m);
                columns.add(v);
            } else if (cols.hasText(m)) {
                String[] s = cols.getText(m);
                TreeSet<String> levels = new TreeSet<>();
                for (int i = 0; i < k; i++) {
                    if (s[i] == null || s[i].isBlank()) {
                        throw cols.error(i, m, "moderator value is missing");
                    }
                    levels.add(s[i]);
                }
                if (levels.size() - 1 > k / 2) {
                    // a dummy per level: with about as many levels as studies (a label used as a moderator) the
                    // model is saturated and the fit slow; more than k/2 dummies is refused
                    throw new DataException(cols.source(), -1, m, String.format(Locale.ROOT, "text moderator with "
                            + "%d distinct values among %d studies would need %d dummy coefficients (at most k/2 = "
                            + "%d); is it a label or a numeric column with text in it?", levels.size(), k,
                            levels.size() - 1, k / 2));
                }
                boolean first = true;
                for (String level : levels) {
                    if (first) {
                        first = false;
                        continue;
                    }
                    double[] d = new double[k];
                    for (int i = 0; i < k; i++) {
                        d[i] = s[i].equals(level) ? 1.0 : 0.0;
                    }
                    names.add(m + level);
                    columns.add(d);
                }
            } else {
                throw new DataException(cols.source(), -1, m, "no such moderator column; numeric columns: "
                        + cols.numericNames() + ", text columns: " + cols.textNames());
            }
        }
        int p = names.size();
        double[] x = new double[k * p];
        for (int j = 0; j < p; j++) {
            double[] c = columns.get(j);
            for (int i = 0; i < k; i++) {
                x[i * p + j] = c[i];
            }
        }
        return new DesignMatrix(names.toArray(new String[0]), x, k, true);
    }

    /** @return number of rows (studies) */
    public int k() {
        return k;
    }

    /** @return number of columns (coefficients) */
    public int p() {
        return p;
    }

    /** @return whether column 0 is the intercept */
    public boolean hasIntercept() {
        return intercept;
    }

    /** @return the column names */
    public List<String> names() {
        return Collections.unmodifiableList(Arrays.asList(names.clone()));
    }

    /** @return name of column j */
    public String name(int j) {
        return names[j];
    }

    /** @return value at row i, column j */
    public double get(int i, int j) {
        return x[i * p + j];
    }

    /** @return a copy of the values, row-major k x p */
    public double[] rowMajor() {
        return x.clone();
    }

    /** @return the rows listed, in that order */
    public DesignMatrix subset(int[] rows) {
        double[] out = new double[rows.length * p];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(x, rows[r] * p, out, r * p, p);
        }
        return new DesignMatrix(names.clone(), out, rows.length, intercept);
    }

    /**
     * Checks that there are fewer coefficients than studies and that the columns are linearly independent, by a
     * modified Gram-Schmidt pass over the columns in order (Golub &amp; Van Loan, Matrix Computations, 4th ed.,
     * sec. 5.2.8): a column whose residual after projection on the columns before it is below
     * {@value #RANK_TOLERANCE} of its norm is a linear combination of them; the message names it and the
     * columns it depends on.
     *
     * @throws IllegalArgumentException naming the offending moderator
     */
    public void checkRank() {
        if (p >= k) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%d coefficients but only %d studies: a meta-regression needs more studies than coefficients"
                            + " (%s)", p, k, String.join(" + ", names)));
        }
        double[][] q = new double[p][];
        double[][] r = new double[p][p];
        int[] kept = new int[p];
        int nk = 0;
        for (int j = 0; j < p; j++) {
            double[] c = new double[k];
            double norm0 = 0;
            for (int i = 0; i < k; i++) {
                c[i] = x[i * p + j];
                norm0 += c[i] * c[i];
            }
            norm0 = Math.sqrt(norm0);
            if (norm0 == 0) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "moderator '%s' is zero in every study and cannot be estimated", names[j]));
            }
            double[] coef = new double[nk];
            for (int a = 0; a < nk; a++) {
                double d = 0;
                for (int i = 0; i < k; i++) {
                    d += q[a][i] * c[i];
                }
                coef[a] = d;
                for (int i = 0; i < k; i++) {
                    c[i] -= d * q[a][i];
                }
            }
            double norm = 0;
            for (int i = 0; i < k; i++) {
                norm += c[i] * c[i];
            }
            norm = Math.sqrt(norm);
            if (norm <= RANK_TOLERANCE * norm0) {
                // express column j in the original kept columns: solve R_kept * b = coef (upper triangular)
                double[] b = new double[nk];
                for (int a = nk - 1; a >= 0; a--) {
                    double s = coef[a];
                    for (int c2 = a + 1; c2 < nk; c2++) {
                        s -= r[a][c2] * b[c2];
                    }
                    b[a] = s / r[a][a];
                }
                List<String> deps = new ArrayList<>();
                for (int a = 0; a < nk; a++) {
                    double colNorm = r[a][a];
                    for (int c2 = 0; c2 < a; c2++) {
                        colNorm = Math.hypot(colNorm, r[c2][a]);
                    }
                    if (Math.abs(b[a]) * colNorm > 1e-8 * norm0) {
                        deps.add(names[kept[a]]);
                    }
                }
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "moderator '%s' is collinear with %s: the design matrix is rank deficient, drop one of"
                                + " them", names[j], deps.isEmpty() ? "the columns before it"
                                : String.join(" + ", deps)));
            }
            for (int i = 0; i < k; i++) {
                c[i] /= norm;
            }
            q[nk] = c;
            for (int a = 0; a < nk; a++) {
                r[a][nk] = coef[a];
            }
            r[nk][nk] = norm;
            kept[nk] = j;
            nk++;
        }
    }

    @Override
    public String toString() {
        return "DesignMatrix[k=" + k + ", columns=" + Arrays.toString(names) + "]";
    }
}
