package org.metaj.network;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The contrasts of a network: in each study, every arm against the study's baseline arm, which is the first of its
 * treatments in the network's order (the reference, then the other treatments in code-point order). A study with
 * {@code m} arms gives {@code m - 1} contrasts whose sampling covariance matrix is {@code diag(v_2..v_m) + v_1 J}
 * (the baseline's variance term shared; Gleser &amp; Olkin 2009, eq. 19.23 for multiple-treatment studies).
 * Contrast {@code j} of a study estimates {@code d_t - d_b}, where {@code d} is each treatment's effect against the
 * reference ({@code d_reference = 0}). Immutable; arrays per study are not exposed.
 */
public final class Contrasts {
    private final List<String> treatments;
    private final List<String> studies;
    /** per study: treatment indices of its arms, baseline first */
    private final int[][] arms;
    /** per study: the m - 1 contrasts' values */
    private final double[][] y;
    /** per study: row-major (m - 1) x (m - 1) covariance */
    private final double[][] v;
    /** per study: index of its design in {@link #designs} */
    private final int[] design;
    private final List<String> designs;
    private final int contrastCount;
    private final boolean[] corrected;

    private Contrasts(List<String> treatments, List<String> studies, int[][] arms, double[][] y, double[][] v,
            int[] design, List<String> designs, boolean[] corrected) {
        this.treatments = treatments;
        this.studies = studies;
        this.arms = arms;
        this.y = y;
        this.v = v;
        this.design = design;
        this.designs = designs;
        this.corrected = corrected;
        int c = 0;
        for (double[] yi : y) {
            c += yi.length;
        }
        this.contrastCount = c;
    }

    /**
     * @param data      the arms
     * @param reference the reference treatment (every effect is against it)
     * @return the contrasts
     * @throws IllegalArgumentException if the reference is not a treatment of the network, or the network is not
     *                                  connected (the message names the parts)
     */
    public static Contrasts of(ArmTable data, String reference) {
        TreeSet<String> all = new TreeSet<>();
        for (int s = 0; s < data.studyCount(); s++) {
            for (int i : data.armsView(s)) {
                all.add(data.treatment(i));
            }
        }
        if (reference == null || !all.contains(reference)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s: unknown reference treatment '%s'; the treatments are %s", data.source(), reference, all));
        }
        List<String> order = new ArrayList<>();
        order.add(reference);
        for (String t : all) {
            if (!t.equals(reference)) {
                order.add(t);
            }
        }
        Map<String, Integer> index = new HashMap<>();
        for (int t = 0; t < order.size(); t++) {
            index.put(order.get(t), t);
        }
        TreatmentGraph.requireConnected(data, order, index);
        int studies = data.studyCount();
        int[][] arms = new int[studies][];
        double[][] y = new double[studies][];
        double[][] v = new double[studies][];
        int[] design = new int[studies];
        boolean[] corrected = new boolean[studies];
        List<String> designs = new ArrayList<>();
        Map<String, Integer> designIndex = new HashMap<>();
        NetworkMeasure measure = data.measure();
        for (int s = 0; s < studies; s++) {
            int[] idx = data.armsView(s).clone();
            Integer[] boxed = Arrays.stream(idx).boxed().toArray(Integer[]::new);
            Arrays.sort(boxed, (p, q) -> Integer.compare(index.get(data.treatment(p)), index.get(data.treatment(q))));
            int m = boxed.length;
            double[] av = new double[m];
            double[] bv = new double[m];
            double[] nv = new double[m];
            int[] t = new int[m];
            for (int j = 0; j < m; j++) {
                av[j] = data.a(boxed[j]);
                bv[j] = data.b(boxed[j]);
                nv[j] = data.n(boxed[j]);
                t[j] = index.get(data.treatment(boxed[j]));
            }
            boolean corr = measure.needsCorrection(av, nv, 0, m);
            double y0 = measure.armValue(av[0], bv[0], nv[0], corr);
            double v0 = measure.armVariance(av[0], bv[0], nv[0], corr);
            double[] ys = new double[m - 1];
            double[] vs = new double[(m - 1) * (m - 1)];
            for (int j = 1; j < m; j++) {
                ys[j - 1] = measure.armValue(av[j], bv[j], nv[j], corr) - y0;
                for (int l = 1; l < m; l++) {
                    vs[(j - 1) * (m - 1) + (l - 1)] = v0 + (j == l ? measure.armVariance(av[j], bv[j], nv[j], corr) : 0);
                }
            }
            arms[s] = t;
            y[s] = ys;
            v[s] = vs;
            corrected[s] = corr;
            StringBuilder key = new StringBuilder();
            for (int j = 0; j < m; j++) {
                key.append(j == 0 ? "" : ":").append(order.get(t[j]));
            }
            design[s] = designIndex.computeIfAbsent(key.toString(), k -> {
                designs.add(k);
                return designs.size() - 1;
            });
        }
        return new Contrasts(List.copyOf(order), data.studies(), arms, y, v, design, List.copyOf(designs),
                corrected);
    }

    /**
     * @param keep study indices, in the order wanted
     * @return the contrasts of those studies only (same treatments and designs)
     */
    Contrasts subset(int[] keep) {
        int n = keep.length;
        int[][] a = new int[n][];
        double[][] yy = new double[n][];
        double[][] vv = new double[n][];
        int[] dd = new int[n];
        boolean[] cc = new boolean[n];
        List<String> st = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int s = keep[i];
            a[i] = arms[s];
            yy[i] = y[s];
            vv[i] = v[s];
            dd[i] = design[s];
            cc[i] = corrected[s];
            st.add(studies.get(s));
        }
        return new Contrasts(treatments, List.copyOf(st), a, yy, vv, dd, designs, cc);
    }

    /** @return the treatments, reference first, then the others in code-point order */
    public List<String> treatments() {
        return treatments;
    }

    /** @return the study names */
    public List<String> studies() {
        return studies;
    }

    /** @return the number of studies */
    public int studyCount() {
        return studies.size();
    }

    /** @return the number of contrasts (sum over studies of arms - 1) */
    public int contrastCount() {
        return contrastCount;
    }

    /** @return the designs (a study's treatments joined by ':', baseline first), in order of first appearance */
    public List<String> designs() {
        return designs;
    }

    /** @return true if study {@code s} had 1/2 added to its cells */
    public boolean corrected(int s) {
        return corrected[s];
    }

    int[] armsView(int s) {
        return arms[s];
    }

    double[] yView(int s) {
        return y[s];
    }

    double[] vView(int s) {
        return v[s];
    }

    int design(int s) {
        return design[s];
    }
}
