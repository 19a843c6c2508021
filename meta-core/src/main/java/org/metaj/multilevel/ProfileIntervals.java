package org.metaj.multilevel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.metaj.model.PrintFormat;
import org.metaj.stats.Probabilities;

/**
 * Profile-likelihood confidence intervals of every variance component and correlation of a fitted multilevel model
 * (metafor's {@code confint.rma.mv}): the interval of values {@code v} of one component at which the likelihood
 * maximised over the others, {@code ll_p(v)}, satisfies {@code 2 (ll_max - ll_p(v)) <= chi2_(1, level)}
 * (Hardy &amp; Thompson 1996, Stat Med 15:619). Each bound is the root of {@code 2 (ll_max - ll_p(v)) - chi2} on
 * the search range metafor uses: variances in {@code [0, max(10, 100 v)]}, correlations of CS, HCS and UN in
 * {@code [-1, 1]}, of AR and HAR in {@code [min(0, rho), 1]}; where the profile stays inside the region at an end
 * of the range, that end is the bound.
 */
public final class ProfileIntervals {
    private ProfileIntervals() {
    }

    /**
     * The intervals, per component.
     *
     * @param sigma2Lb lower bounds of the sigma2
     * @param sigma2Ub upper bounds of the sigma2
     * @param tau2Lb   lower bounds of the tau2
     * @param tau2Ub   upper bounds of the tau2
     * @param rhoLb    lower bounds of the estimated rho
     * @param rhoUb    upper bounds of the estimated rho
     */
    public record Result(double[] sigma2Lb, double[] sigma2Ub, double[] tau2Lb, double[] tau2Ub, double[] rhoLb,
            double[] rhoUb) {
        /** @return {@code sigma2_ci_lb sigma2_ci_ub tau2_ci_lb tau2_ci_ub rho_ci_lb rho_ci_ub} (arrays) */
        public Map<String, Object> figures() {
            Map<String, Object> f = new LinkedHashMap<>();
            if (sigma2Lb.length > 0) {
                f.put("sigma2_ci_lb", sigma2Lb.clone());
                f.put("sigma2_ci_ub", sigma2Ub.clone());
            }
            if (tau2Lb.length > 0) {
                f.put("tau2_ci_lb", tau2Lb.clone());
                f.put("tau2_ci_ub", tau2Ub.clone());
            }
            if (rhoLb.length > 0) {
                f.put("rho_ci_lb", rhoLb.clone());
                f.put("rho_ci_ub", rhoUb.clone());
            }
            return f;
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("\nProfile-likelihood intervals of the variance components:\n\n");
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"", "ci.lb", "ci.ub"});
            for (int i = 0; i < sigma2Lb.length; i++) {
                rows.add(new String[] {"sigma^2." + (i + 1), PrintFormat.fixed4(sigma2Lb[i]),
                    PrintFormat.fixed4(sigma2Ub[i])});
            }
            for (int i = 0; i < tau2Lb.length; i++) {
                rows.add(new String[] {"tau^2." + (i + 1), PrintFormat.fixed4(tau2Lb[i]),
                    PrintFormat.fixed4(tau2Ub[i])});
            }
            for (int i = 0; i < rhoLb.length; i++) {
                rows.add(new String[] {"rho." + (i + 1), PrintFormat.fixed4(rhoLb[i]), PrintFormat.fixed4(rhoUb[i])});
            }
            MultilevelFit.table(sb, rows);
            return sb.toString();
        }
    }

    /**
     * @param fit the fitted model
     * @return the profile-likelihood intervals at the fit's confidence level
     */
    public static Result of(MultilevelFit fit) {
        Estimation est = new Estimation(fit.model(), fit.control());
        int nS = est.nS;
        int nT = est.nT;
        int nR = est.nR;
        double[] values = new double[nS + nT + nR];
        System.arraycopy(fit.sigma2(), 0, values, 0, nS);
        System.arraycopy(fit.tau2(), 0, values, nS, nT);
        System.arraycopy(fit.rho(), 0, values, nS + nT, nR);
        double llMax = est.logLik(values);
        double crit = Probabilities.chiSquareQuantile(fit.level(), 1);
        double[] lb = new double[values.length];
        double[] ub = new double[values.length];
        Structure struct = fit.model().correlatedTerm() == null ? null : fit.model().correlatedTerm().struct();
        for (int j = 0; j < values.length; j++) {
            if (est.rhoFixed[j]) {
                lb[j] = Double.NaN;
                ub[j] = Double.NaN;
                continue;
            }
            double v = values[j];
            double min;
            double max;
            if (est.isVariance(j)) {
                min = 0;
                max = Math.max(v <= 1.4901161193847656e-08 ? 10 : Math.max(10, v * 100), 0);
            } else {
                min = struct == Structure.AR || struct == Structure.HAR ? Math.min(0, v) : -1;
                max = 1;
            }
            final int jj = j;
            java.util.function.DoubleUnaryOperator h = x -> {
                boolean[] fixed = est.rhoFixed.clone();
                fixed[jj] = true;
                double[] start = values.clone();
                start[jj] = x;
                Estimation.Estimates e = est.optimize(fixed, start);
                return 2 * (llMax - e.ll()) - crit;
            };
            lb[j] = h.applyAsDouble(min) < 0 ? min : root(h, min, v);
            ub[j] = h.applyAsDouble(max) < 0 ? max : root(h, v, max);
        }
        return new Result(java.util.Arrays.copyOfRange(lb, 0, nS), java.util.Arrays.copyOfRange(ub, 0, nS),
                java.util.Arrays.copyOfRange(lb, nS, nS + nT), java.util.Arrays.copyOfRange(ub, nS, nS + nT),
                java.util.Arrays.copyOfRange(lb, nS + nT, nS + nT + nR),
                java.util.Arrays.copyOfRange(ub, nS + nT, nS + nT + nR));
    }

    /** Brent's root of h on [a, b] (h(a), h(b) of opposite signs), to 1e-12 relative. */
    static double root(java.util.function.DoubleUnaryOperator h, double a, double b) {
        org.apache.commons.math3.analysis.solvers.BrentSolver s =
                new org.apache.commons.math3.analysis.solvers.BrentSolver(1e-12, 1e-14);
        try {
            return s.solve(500, h::applyAsDouble, a, b);
        } catch (RuntimeException e) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "profile-likelihood bound not found in [%s, %s]: %s", a, b, e.getMessage()));
        }
    }
}
