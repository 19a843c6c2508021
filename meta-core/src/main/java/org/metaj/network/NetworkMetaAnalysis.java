package org.metaj.network;

import java.util.Locale;

import org.metaj.model.MetaAnalysis;

/**
 * A configured network meta-analysis: the consistency model of every treatment against a reference, common-effect
 * or random-effects (one heterogeneity variance, REML), with the confidence level and the direction in which
 * values are better (for P-scores). Immutable and thread-safe.
 *
 * <pre>{@code
 * NetworkResult r = NetworkMetaAnalysis.of("placebo").with(NetworkMetaAnalysis.Method.REML)
 *         .fit(ArmTable.of(columns, NetworkMeasure.MD));
 * }</pre>
 *
 * <p>The consistency model (Lu &amp; Ades 2004; Salanti 2012) is the multivariate meta-regression
 * {@code y = X d + u + e}: each contrast of a study estimates {@code d_t - d_b} (treatment t against the study's
 * baseline b), {@code e} has the known block-diagonal sampling covariance and {@code u} the random effects, with
 * variance tau^2 and correlation 1/2 within a study (REML), or {@code u = 0} (FE) — metafor's
 * {@code rma.mv(yi, V, mods = X, random = ~ contrast | study, rho = 1/2)}.
 */
public final class NetworkMetaAnalysis {
    /** How the model is estimated. */
    public enum Method {
        /** Common effect: no heterogeneity. */
        FE,
        /** Random effects, one tau^2 by restricted maximum likelihood. */
        REML;

        /**
         * @param name FE (CE, EE accepted) or REML, case-insensitive
         * @return the method
         */
        public static Method parse(String name) {
            String n = name == null ? "" : name.trim().toUpperCase(Locale.ROOT);
            return switch (n) {
                case "FE", "CE", "EE" -> FE;
                case "REML" -> REML;
                default -> throw new IllegalArgumentException(
                        "unknown network method '" + name + "'; expected one of FE, REML");
            };
        }
    }

    /** Which end of the effect scale is better, for ranking. */
    public enum SmallValues {
        /** Smaller effects are better (e.g. events that harm). */
        GOOD,
        /** Larger effects are better (the default). */
        BAD;

        /**
         * @param name good or bad, case-insensitive
         * @return the direction
         */
        public static SmallValues parse(String name) {
            String n = name == null ? "" : name.trim().toUpperCase(Locale.ROOT);
            return switch (n) {
                case "GOOD" -> GOOD;
                case "BAD" -> BAD;
                default -> throw new IllegalArgumentException(
                        "unknown --small-values '" + name + "'; expected good or bad");
            };
        }
    }

    private final String reference;
    private final Method method;
    private final SmallValues smallValues;
    private final double level;

    private NetworkMetaAnalysis(String reference, Method method, SmallValues smallValues, double level) {
        this.reference = reference;
        this.method = method;
        this.smallValues = smallValues;
        this.level = level;
    }

    /**
     * @param reference the reference treatment
     * @return REML, larger values better, 95% level
     */
    public static NetworkMetaAnalysis of(String reference) {
        return new NetworkMetaAnalysis(reference, Method.REML, SmallValues.BAD, 0.95);
    }

    /** @return a copy with the method */
    public NetworkMetaAnalysis with(Method m) {
        return new NetworkMetaAnalysis(reference, m, smallValues, level);
    }

    /** @return a copy with the ranking direction */
    public NetworkMetaAnalysis with(SmallValues s) {
        return new NetworkMetaAnalysis(reference, method, s, level);
    }

    /**
     * @param lvl a level in (0, 1) or percent in (1, 100)
     * @return a copy with the confidence level
     */
    public NetworkMetaAnalysis withLevel(double lvl) {
        return new NetworkMetaAnalysis(reference, method, smallValues, MetaAnalysis.confidenceLevel(lvl));
    }

    /** @return the reference treatment */
    public String reference() {
        return reference;
    }

    /** @return the method */
    public Method method() {
        return method;
    }

    /** @return the ranking direction */
    public SmallValues smallValues() {
        return smallValues;
    }

    /** @return the confidence level */
    public double level() {
        return level;
    }

    /**
     * @param data the arms
     * @return the fitted network
     * @throws IllegalArgumentException for an unknown reference
     * @throws org.metaj.data.DataException for a disconnected network
     */
    public NetworkResult fit(ArmTable data) {
        Contrasts c = Contrasts.of(data, reference);
        ConsistencyFit fe = new ConsistencyFit(c);
        fe.evaluate(0, false);
        double q = fe.rss;
        double[] feD = fe.d.clone();
        ConsistencyFit fit = fe;
        double tau2 = 0;
        if (method == Method.REML) {
            fit = new ConsistencyFit(c);
            tau2 = fit.fitReml();
        }
        double logLik = method == Method.REML ? fit.restrictedLogLik(fit.logDetXtX()) : fit.logLik();
        double[] qHet = QDecomposition.withinDesigns(c);
        DesignByTreatment dbt = DesignByTreatment.of(c, method == Method.REML);
        return new NetworkResult(this, data.source(), data.measure(), c, fit.d.clone(), fit.vcov.clone(), tau2, q,
                qHet[0], (int) qHet[1], logLik, feD, dbt);
    }
}
