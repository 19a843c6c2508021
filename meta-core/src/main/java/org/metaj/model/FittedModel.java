package org.metaj.model;

import java.util.List;

/**
 * What every fitted meta-analytic model offers to the analyses, plots, reports and mappers above it: the univariate
 * model (metafor's {@code rma.uni}, with or without moderators), Mantel-Haenszel and Peto ({@code rma.mh},
 * {@code rma.peto}), and the models built on the same seam (multilevel and multivariate {@code rma.mv}, network
 * models, GLMMs {@code rma.glmm}). Presentation code takes this interface, so a new model plugs into forest plots,
 * the HTML report and JSON without a copy of the drawing or mapping code.
 *
 * <p>Implementations are immutable. Arrays returned are copies.
 */
public interface FittedModel {

    /** Which kind of model this is, in metafor's terms. */
    enum Kind {
        /** {@code rma.uni}: common effect or random effects with one tau^2, moderators optional. */
        UNIVARIATE,
        /** {@code rma.mh}: Mantel-Haenszel. */
        MANTEL_HAENSZEL,
        /** {@code rma.peto}: Peto's one-step odds ratio. */
        PETO,
        /** {@code rma.mv}: multilevel / multivariate with known sampling covariances. */
        MULTIVARIATE,
        /** a network of treatments (a multivariate model of contrasts). */
        NETWORK,
        /** {@code rma.glmm}: a generalized linear (mixed) model of the counts. */
        GLMM
    }

    /** @return the kind of model */
    Kind kind();

    /** @return the number of effect sizes (rows) the model was fitted to */
    int k();

    /** @return metafor's name of the estimation method, e.g. {@code "REML"}, {@code "FE"}, {@code "ML"} */
    String methodLabel();

    /** @return the confidence level in (0, 1) of every interval of the model */
    double level();

    /**
     * @return the fixed-effect coefficients in model order (intercept first); a model without moderators has one,
     *         named {@code intrcpt}
     */
    List<Coefficient> coefficients();

    /**
     * @return the between-study variance components in metafor's order (tau^2 of a univariate model; sigma^2
     *         terms then tau^2 of a multilevel model); empty for a common-effect model
     */
    double[] varianceComponents();

    /** @return the residual heterogeneity statistic (metafor's {@code QE}; Q for a model without moderators) */
    double qe();

    /** @return the degrees of freedom of {@link #qe()}, k - p */
    int qeDf();

    /** @return the p-value of {@link #qe()} */
    double qePval();

    /** @return the (restricted) log-likelihood of the fit, NaN where the method has none (moment estimators) */
    double logLik();

    /** @return false if an iterative fit stopped before its convergence criterion held */
    boolean converged();

    /** @return warnings a user should see (boundary estimates, dropped rows, non-convergence), in order */
    List<String> warnings();

    /**
     * @return the study labels, one per row the model was fitted to (forest plots label rows with them)
     */
    List<String> labels();

    /** @return the observed effect sizes per row (NaN for a row that has none, e.g. a GLMM on raw counts) */
    double[] yi();

    /** @return the sampling variances per row (NaN where the model has none) */
    double[] vi();

    /** @return each row's weight in percent of the total (NaN where the model has no row weights) */
    double[] weights();
}
