package org.metaj.multilevel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.metaj.regression.DesignMatrix;

/**
 * A multilevel / multivariate meta-analytic model (metafor's {@code rma.mv}), immutable:
 *
 * <pre>
 *   y = X beta + sum_s Z_s u_s + Z_G u_G + e,   u_s ~ N(0, sigma2_s I),  u_G ~ N(0, I_outer (x) G),  e ~ N(0, V)
 * </pre>
 *
 * with a design {@link DesignMatrix X}, effect sizes {@code y}, a block-diagonal {@link SamplingCovariance V} and
 * random terms: any number of {@link RandomTerm.Intercept random intercepts} and at most one
 * {@link RandomTerm.Correlated ~ inner | outer} term with a {@link Structure}. {@link #fit} estimates the variance
 * components by REML or ML (working per block of the marginal covariance, never on a dense k x k matrix) and
 * returns a {@link MultilevelFit}.
 *
 * <p>This is the engine's entry point; other models (network meta-analysis) build X, y, V and the terms and call
 * {@link #fit}.
 */
public final class MultilevelModel {
    private final DesignMatrix design;
    private final double[] y;
    private final SamplingCovariance v;
    private final List<RandomTerm.Intercept> intercepts;
    private final RandomTerm.Correlated correlated;
    private final List<String> labels;

    private MultilevelModel(DesignMatrix design, double[] y, SamplingCovariance v,
            List<RandomTerm.Intercept> intercepts, RandomTerm.Correlated correlated, List<String> labels) {
        this.design = design;
        this.y = y;
        this.v = v;
        this.intercepts = intercepts;
        this.correlated = correlated;
        this.labels = labels;
    }

    /**
     * @param design the fixed-effects design (k rows)
     * @param yi     the effect sizes (copied)
     * @param v      the sampling covariance (k rows)
     * @param terms  the random terms in metafor's order (intercepts give sigma2 in order; at most one correlated
     *               term)
     * @return the model
     * @throws IllegalArgumentException if the sizes disagree, a value is not finite, there are two correlated terms
     *                                  or as many coefficients as rows
     */
    public static MultilevelModel of(DesignMatrix design, double[] yi, SamplingCovariance v,
            List<? extends RandomTerm> terms) {
        int k = yi.length;
        if (design.k() != k || v.k() != k) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "design (%d rows), effect sizes (%d) and sampling covariance (%d rows) differ in size",
                    design.k(), k, v.k()));
        }
        for (int i = 0; i < k; i++) {
            if (!Double.isFinite(yi[i])) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "effect size of row %d must be finite, got %s", i + 1, yi[i]));
            }
        }
        List<RandomTerm.Intercept> in = new ArrayList<>();
        RandomTerm.Correlated c = null;
        for (RandomTerm t : terms) {
            if (t.k() != k) {
                throw new IllegalArgumentException("random term " + t + " has " + t.k() + " rows, the model " + k);
            }
            if (t instanceof RandomTerm.Intercept i) {
                in.add(i);
            } else if (t instanceof RandomTerm.Correlated cc) {
                if (c != null) {
                    throw new IllegalArgumentException("at most one ~ inner | outer term is supported, got " + c
                            + " and " + cc);
                }
                c = cc;
            }
        }
        if (design.p() >= k) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%d coefficients but only %d effect sizes: the model needs more effect sizes than "
                            + "coefficients", design.p(), k));
        }
        List<String> l = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            l.add(Integer.toString(i + 1));
        }
        return new MultilevelModel(design, yi.clone(), v, List.copyOf(in), c, Collections.unmodifiableList(l));
    }

    /** @return this model with these row labels (for printouts and plots) */
    public MultilevelModel withLabels(List<String> rowLabels) {
        if (rowLabels.size() != y.length) {
            throw new IllegalArgumentException("labels: " + rowLabels.size() + " for " + y.length + " rows");
        }
        return new MultilevelModel(design, y, v, intercepts, correlated, List.copyOf(rowLabels));
    }

    /**
     * Fits the model.
     *
     * @param control method, test, level, iteration limit
     * @return the fit (its {@link MultilevelFit#converged()} says whether the optimiser converged)
     */
    public MultilevelFit fit(MultilevelControl control) {
        return new Estimation(this, control).fit();
    }

    /** @return the number of effect sizes */
    public int k() {
        return y.length;
    }

    /** @return the fixed-effects design */
    public DesignMatrix design() {
        return design;
    }

    /** @return the effect sizes (a copy) */
    public double[] yi() {
        return y.clone();
    }

    double[] yShared() {
        return y;
    }

    /** @return the sampling covariance */
    public SamplingCovariance samplingCovariance() {
        return v;
    }

    /** @return the random intercepts, in order (one sigma2 each) */
    public List<RandomTerm.Intercept> interceptTerms() {
        return intercepts;
    }

    /** @return the correlated term, or {@code null} */
    public RandomTerm.Correlated correlatedTerm() {
        return correlated;
    }

    /** @return the row labels */
    public List<String> labels() {
        return labels;
    }
}
