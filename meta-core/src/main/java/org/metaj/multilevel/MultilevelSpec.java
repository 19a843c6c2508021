package org.metaj.multilevel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.metaj.data.DataException;
import org.metaj.data.StudyColumns;
import org.metaj.data.StudyData;
import org.metaj.regression.DesignMatrix;

/**
 * A multilevel model described by column names, as on the command line (CONTRACT-2.md part A), turned into a
 * {@link MultilevelModel} on a table by {@link #build}. Immutable; change it with the withers.
 *
 * @param random       the random-effects formulas ({@code ~ 1 | A}, {@code ~ 1 | A/B}, {@code ~ inner | outer}), in
 *                     order
 * @param struct       the structure of an {@code ~ inner | outer} term (default CS)
 * @param mods         the moderator columns (intercept first; text columns dummy-coded against their first sorted
 *                     level)
 * @param cluster      the sampling-covariance cluster column, or {@code null} for independent rows
 * @param vcovColumns  known covariance columns (with {@code cluster}), or empty
 * @param rho          a constant sampling correlation within a cluster, or NaN
 * @param sharedGroups the two group columns of each comparison (with {@code cluster}), or empty
 * @param groupSizes   the two group-size columns, or empty
 */
public record MultilevelSpec(List<String> random, Structure struct, List<String> mods, String cluster,
        List<String> vcovColumns, double rho, List<String> sharedGroups, List<String> groupSizes) {

    /** Copies the lists. */
    public MultilevelSpec {
        random = List.copyOf(random);
        mods = List.copyOf(mods);
        vcovColumns = List.copyOf(vcovColumns);
        sharedGroups = List.copyOf(sharedGroups);
        groupSizes = List.copyOf(groupSizes);
        if (struct == null) {
            struct = Structure.CS;
        }
    }

    /** @return no random terms, CS, no moderators, independent rows */
    public static MultilevelSpec withDefaults() {
        return new MultilevelSpec(List.of(), Structure.CS, List.of(), null, List.of(), Double.NaN, List.of(),
                List.of());
    }

    /** @return this spec with these random formulas */
    public MultilevelSpec withRandom(List<String> r) {
        return new MultilevelSpec(r, struct, mods, cluster, vcovColumns, rho, sharedGroups, groupSizes);
    }

    /** @return this spec with that structure */
    public MultilevelSpec with(Structure s) {
        return new MultilevelSpec(random, s, mods, cluster, vcovColumns, rho, sharedGroups, groupSizes);
    }

    /** @return this spec with these moderators */
    public MultilevelSpec withMods(List<String> m) {
        return new MultilevelSpec(random, struct, m, cluster, vcovColumns, rho, sharedGroups, groupSizes);
    }

    /** @return this spec with that cluster column */
    public MultilevelSpec withCluster(String c) {
        return new MultilevelSpec(random, struct, mods, c, vcovColumns, rho, sharedGroups, groupSizes);
    }

    /** @return this spec with known covariance columns */
    public MultilevelSpec withVcovColumns(List<String> v) {
        return new MultilevelSpec(random, struct, mods, cluster, v, rho, sharedGroups, groupSizes);
    }

    /** @return this spec with a constant sampling correlation */
    public MultilevelSpec withRho(double r) {
        return new MultilevelSpec(random, struct, mods, cluster, vcovColumns, r, sharedGroups, groupSizes);
    }

    /** @return this spec with shared groups and their sizes */
    public MultilevelSpec withSharedGroups(List<String> groups, List<String> sizes) {
        return new MultilevelSpec(random, struct, mods, cluster, vcovColumns, rho, groups, sizes);
    }

    /** @return every column the spec names beyond yi and vi (the rows missing one of them cannot be used) */
    public List<String> columns() {
        List<String> c = new ArrayList<>();
        for (String r : random) {
            c.addAll(RandomFormula.parse(r).columns());
        }
        c.addAll(mods);
        if (cluster != null) {
            c.add(cluster);
        }
        c.addAll(vcovColumns);
        c.addAll(sharedGroups);
        c.addAll(groupSizes);
        return c;
    }

    /**
     * Builds the model on the studies.
     *
     * @param d the effect sizes and their columns
     * @return the model
     * @throws IllegalArgumentException for a formula that does not parse or options that do not fit together
     * @throws DataException            for a missing column, a missing value, a block that is not positive definite
     */
    public MultilevelModel build(StudyData d) {
        StudyColumns cols = d.columns();
        if (random.isEmpty()) {
            throw new IllegalArgumentException("a multilevel model needs at least one --random term");
        }
        List<RandomTerm> terms = new ArrayList<>();
        int correlated = 0;
        for (String r : random) {
            RandomFormula f = RandomFormula.parse(r);
            if (f.correlated()) {
                correlated++;
            }
            terms.addAll(f.resolve(cols, struct));
        }
        if (correlated > 1) {
            throw new IllegalArgumentException("at most one --random \"~ inner | outer\" term is supported, got "
                    + correlated);
        }
        SamplingCovariance v;
        boolean groups = !sharedGroups.isEmpty() || !groupSizes.isEmpty();
        if (cluster == null) {
            if (!vcovColumns.isEmpty() || !Double.isNaN(rho) || groups) {
                throw new IllegalArgumentException("--vcov-columns, --rho and --shared-groups need --cluster C");
            }
            v = SamplingCovariance.diagonal(d.vi());
        } else if (!vcovColumns.isEmpty()) {
            if (!Double.isNaN(rho) || groups) {
                throw new IllegalArgumentException("--vcov-columns gives the covariances: it does not combine with "
                        + "--rho or --shared-groups");
            }
            v = VCalc.fromColumns(cols, cluster, vcovColumns);
        } else if (groups) {
            if (sharedGroups.size() != 2 || groupSizes.size() != 2) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "--shared-groups G1,G2 and "
                        + "--group-sizes N1,N2 take two columns each, got %d and %d", sharedGroups.size(),
                        groupSizes.size()));
            }
            v = VCalc.sharedGroups(cols, d.vi(), cluster, rho, sharedGroups.get(0), sharedGroups.get(1),
                    groupSizes.get(0), groupSizes.get(1));
        } else if (!Double.isNaN(rho)) {
            v = VCalc.constantCorrelation(cols, d.vi(), cluster, rho);
        } else {
            throw new IllegalArgumentException("--cluster needs --rho R, --vcov-columns V1,V2,... or "
                    + "--shared-groups G1,G2 --group-sizes N1,N2");
        }
        DesignMatrix x = DesignMatrix.fromColumns(cols, mods.toArray(new String[0]));
        x.checkRank();
        return MultilevelModel.of(x, d.yi(), v, terms).withLabels(List.of(d.labels()));
    }
}
