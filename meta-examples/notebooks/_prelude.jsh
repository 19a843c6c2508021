// _prelude.jsh -- shared by every notebook (run it first: the JUnit runner and run-notebooks.sh both do).
// Imports, a loader, and the assertion helper `check`, which rounds our figure to the decimals printed in the
// source and throws AssertionError naming the figure when the rounded values differ.

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.*;
import tech.tablesaw.api.*;
import org.metaj.data.*;
import org.metaj.effect.*;
import org.metaj.model.*;
import org.metaj.kernel.*;
import org.metaj.tau2.*;
import org.metaj.stats.*;
import org.metaj.datasets.Datasets;
import org.metaj.plot.ForestPlot;

/** Set by report(): the runner checks that the notebook got to its end. */
boolean REPORTED = false;

/** Rows of the "published vs ours" table of the current notebook. */
List<String[]> ROWS = new ArrayList<>();

/** Study columns of a shipped dataset (datasets/NAME.csv). */
StudyColumns columns(String name) {
    return Tables.toStudyColumns(Datasets.load(name));
}

/** Effect sizes of a shipped dataset. */
StudyData effects(EffectMeasure m, String name) {
    return EffectSizes.withDefaults().compute(m, columns(name)).toStudyData();
}

/** Fits a model with the default (z) test. */
MetaResult fit(Method m, StudyData d) {
    return MetaAnalysis.withDefaults().with(m).fit(d);
}

/** Rounds half away from zero, the convention of printed tables. */
BigDecimal rounded(double x, int decimals) {
    return new BigDecimal(Double.toString(x)).setScale(decimals, RoundingMode.HALF_UP);
}

/**
 * Asserts that our value, rounded to `decimals`, equals the published value printed with that many decimals.
 * Records the comparison for `report()`.
 */
void check(String what, double published, double ours, int decimals) {
    BigDecimal want = rounded(published, decimals);
    BigDecimal got = rounded(ours, decimals);
    boolean ok = want.compareTo(got) == 0;
    ROWS.add(new String[] {what, want.toPlainString(), String.format(Locale.ROOT, "%.6f", ours),
            got.toPlainString(), ok ? "ok" : "DIFFERS"});
    if (!ok) {
        throw new AssertionError(String.format(Locale.ROOT,
                "%s: published %s, ours %.8f rounds to %s at %d decimals", what, want.toPlainString(), ours,
                got.toPlainString(), decimals));
    }
}

/** Records, without asserting, a published figure we do not reproduce at printed precision, with the reason. */
void differs(String what, double published, double ours, int decimals, String reason) {
    ROWS.add(new String[] {what, rounded(published, decimals).toPlainString(),
            String.format(Locale.ROOT, "%.6f", ours), rounded(ours, decimals).toPlainString(),
            "not reproduced: " + reason});
}

/** Records a figure printed for comparison only (no published counterpart). */
void note(String what, double ours) {
    ROWS.add(new String[] {what, "-", String.format(Locale.ROOT, "%.6f", ours), "-", "context"});
}

/** Prints the table of published vs ours collected so far. */
void report(String title) {
    System.out.println();
    System.out.println("== " + title);
    System.out.println(String.format(Locale.ROOT, "%-46s %12s %14s %12s  %s", "figure", "published", "ours",
            "ours rounded", "status"));
    for (String[] r : ROWS) {
        System.out.println(String.format(Locale.ROOT, "%-46s %12s %14s %12s  %s", r[0], r[1], r[2], r[3], r[4]));
    }
    long n = ROWS.stream().filter(r -> r[4].equals("ok")).count();
    long x = ROWS.stream().filter(r -> r[4].startsWith("not reproduced")).count();
    REPORTED = true;
    System.out.println("NOTEBOOK OK: " + title + " (" + n + " checks passed, " + x
            + " published figures not reproduced at printed precision, explained above)");
}

/** Prints one line with Locale.ROOT formatting. */
void say(String format, Object... args) {
    System.out.println(String.format(Locale.ROOT, format, args));
}

/**
 * Writes the forest plot of a result to target/notebook-plots/NAME.svg (relative to the working directory, i.e.
 * meta-examples/ under Maven) and checks that it holds one marker per study and a pooled diamond.
 */
void forest(String name, MetaResult r) {
    try {
        java.nio.file.Path dir = java.nio.file.Path.of(System.getProperty("metaj.plots", "target/notebook-plots"));
        java.nio.file.Files.createDirectories(dir);
        String svg = ForestPlot.of(r).toSvg();
        java.nio.file.Path f = dir.resolve(name + ".svg");
        java.nio.file.Files.writeString(f, svg);
        int studies = svg.split("class=\"study\"", -1).length - 1;
        if (studies != r.k() || !svg.contains("class=\"pooled\"")) {
            throw new AssertionError("forest plot " + f + ": " + studies + " study markers for k = " + r.k());
        }
        System.out.println("forest plot written to " + f.toAbsolutePath());
    } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
    }
}
