package org.metaj.multilevel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.metaj.data.DataException;
import org.metaj.data.StudyColumns;

/**
 * A random-effects formula as metafor writes it, parsed: {@code ~ 1 | A} (a random intercept per level of A),
 * {@code ~ 1 | A/B/C} (nested: A, B within A, C within B within A) or {@code ~ inner | outer} (correlated effects of
 * the levels of inner within each level of outer, with a {@link Structure}).
 *
 * @param formula  the text as given
 * @param grouping the grouping columns after {@code |} (one for {@code ~ inner | outer})
 * @param inner    the inner column, or {@code null} for a random intercept
 */
public record RandomFormula(String formula, List<String> grouping, String inner) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z._][A-Za-z0-9._]*");

    /** Copies the grouping. */
    public RandomFormula {
        grouping = List.copyOf(grouping);
    }

    /**
     * @param text e.g. {@code "~ 1 | district/school"} or {@code "~ outcome | trial"}
     * @return the parsed formula
     * @throws IllegalArgumentException saying what does not parse
     */
    public static RandomFormula parse(String text) {
        String t = text == null ? "" : text.trim();
        String why = null;
        if (!t.startsWith("~")) {
            why = "it must start with '~'";
        } else if (t.indexOf('|') < 0 || t.indexOf('|') != t.lastIndexOf('|')) {
            why = "it must hold one '|' (~ 1 | A, ~ 1 | A/B or ~ inner | outer)";
        }
        if (why == null) {
            String lhs = t.substring(1, t.indexOf('|')).trim();
            String rhs = t.substring(t.indexOf('|') + 1).trim();
            List<String> groups = new ArrayList<>();
            for (String g : rhs.split("/", -1)) {
                String s = g.trim();
                if (!NAME.matcher(s).matches()) {
                    why = "'" + s + "' after '|' is not a column name";
                    break;
                }
                groups.add(s);
            }
            if (why == null) {
                if (lhs.equals("1")) {
                    return new RandomFormula(t, groups, null);
                }
                if (!NAME.matcher(lhs).matches()) {
                    why = "'" + lhs + "' before '|' must be 1 or a column name";
                } else if (groups.size() != 1) {
                    why = "~ inner | outer takes one outer column, not a nesting '" + rhs + "'";
                } else {
                    return new RandomFormula(t, groups, lhs);
                }
            }
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT, "--random \"%s\" does not parse: %s", text,
                why));
    }

    /** @return whether this is an {@code ~ inner | outer} term */
    public boolean correlated() {
        return inner != null;
    }

    /** @return every column the formula names */
    public List<String> columns() {
        List<String> c = new ArrayList<>();
        if (inner != null) {
            c.add(inner);
        }
        c.addAll(grouping);
        return c;
    }

    /**
     * Resolves the formula on a table: one {@link RandomTerm.Intercept} per nesting level, or one
     * {@link RandomTerm.Correlated}.
     *
     * @param cols   the rows of the model
     * @param struct the structure of a correlated term (ignored for intercepts)
     * @return the terms in metafor's order
     * @throws DataException naming the column that is missing or the row whose value is missing
     */
    public List<RandomTerm> resolve(StudyColumns cols, Structure struct) {
        List<RandomTerm> out = new ArrayList<>();
        if (inner == null) {
            String[] key = new String[cols.size()];
            Arrays.fill(key, "");
            StringBuilder name = new StringBuilder();
            for (String g : grouping) {
                String[] v = values(cols, g, formula);
                for (int i = 0; i < key.length; i++) {
                    key[i] = key[i] + "\u0000" + v[i];
                }
                if (name.length() > 0) {
                    name.append('/');
                }
                name.append(g);
                Codes c = codes(key, null);
                out.add(new RandomTerm.Intercept(name.toString(), c.code, c.levels.size()));
            }
        } else {
            String o = grouping.get(0);
            Codes ci = codes(values(cols, inner, formula), numeric(cols, inner));
            Codes co = codes(values(cols, o, formula), null);
            try {
                out.add(new RandomTerm.Correlated(inner, o, struct, ci.levels, ci.code, co.code, co.levels.size(),
                        null));
            } catch (IllegalArgumentException e) {
                throw new DataException(cols.source(), -1, inner, e.getMessage());
            }
        }
        return out;
    }

    private static double[] numeric(StudyColumns cols, String name) {
        return cols.has(name) ? cols.get(name) : null;
    }

    /**
     * The values of a column as text: numbers in a canonical form (so 1 and 1.0 agree), missing values an error
     * naming the row.
     */
    static String[] values(StudyColumns cols, String name, String where) {
        int k = cols.size();
        String[] s = new String[k];
        if (cols.has(name)) {
            double[] v = cols.get(name);
            for (int i = 0; i < k; i++) {
                if (!Double.isFinite(v[i])) {
                    throw cols.error(i, name, "missing value in a grouping column of " + where);
                }
                s[i] = canonical(v[i]);
            }
        } else if (cols.hasText(name)) {
            String[] v = cols.getText(name);
            for (int i = 0; i < k; i++) {
                if (v[i] == null || v[i].isBlank()) {
                    throw cols.error(i, name, "missing value in a grouping column of " + where);
                }
                s[i] = v[i];
            }
        } else {
            throw new DataException(cols.source(), -1, name, "no such column (named in " + where + "); columns: "
                    + cols.numericNames() + " " + cols.textNames());
        }
        return s;
    }

    /** @return a number as text: integers without a decimal point, others in Java's shortest round-trip form */
    static String canonical(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    /** Level codes of text keys. */
    record Codes(int[] code, List<String> levels) {
    }

    /**
     * Codes the values by their sorted order: numerically when the column is numeric (as R's {@code factor} sorts
     * numbers), else in code-point order (R's C collation, {@link String#compareTo}).
     */
    static Codes codes(String[] key, double[] numeric) {
        Comparator<String> order = Comparator.naturalOrder();
        TreeSet<String> sorted;
        Map<String, Double> num = new HashMap<>();
        if (numeric != null) {
            for (int i = 0; i < key.length; i++) {
                num.put(key[i], numeric[i]);
            }
            order = Comparator.comparingDouble(num::get);
        }
        sorted = new TreeSet<>(order);
        sorted.addAll(Arrays.asList(key));
        Map<String, Integer> index = new HashMap<>();
        List<String> levels = new ArrayList<>(sorted);
        for (int j = 0; j < levels.size(); j++) {
            index.put(levels.get(j), j);
        }
        int[] code = new int[key.length];
        for (int i = 0; i < key.length; i++) {
            code[i] = index.get(key[i]);
        }
        return new Codes(code, levels);
    }
}
