package org.metaj.fit;

import java.util.Locale;

import org.metaj.kernel.FitWorkspace;

/**
 * How the iterative τ² estimators (ML, REML, EB; Fisher scoring, Viechtbauer 2005, J Educ Behav Stat 30:261) are
 * run: convergence threshold, iteration limit, step policy, start policy and the likelihood boundary check. The
 * counterpart of metafor's {@code control} list of {@code rma.uni()}; part of every model specification and visible
 * in {@code result.spec().control()}, so that every refit of a fitted model (leave-one-out, cumulative, influence,
 * jackknife, bootstrap, permutation, trim and fill, subgroups) runs under the control the model was fitted with
 * (metafor's habit: refits reuse {@code x$control}). Immutable; configure with the withers.
 *
 * <p><b>Start policy.</b> {@link Start#DEFAULT} is metafor's: Fisher scoring starts at {@code max(0, HE)}, the
 * Hedges estimate (metafor's default {@code tau2.init}). Every fit and every refit starts there, whatever the
 * fitted model's τ²: this is what metafor's {@code leave1out()}, {@code cumul()}, {@code influence()} and
 * {@code permutest()} do, so that a leave-one-out fit and the jackknife value of the same subset are one number.
 * Where the likelihood has a local maximum at the boundary besides an interior one (e.g. {@code egger2001.csv},
 * OR, ML without study 14: τ² = 0 with log-likelihood −28.71 from the HE start, as metafor 3.8-1, vs 0.295 with
 * −18.96 from a start at the full-data τ²), the fit that ends at 0 says so in a warning when the Q-profile lower
 * bound is above 0. {@link Start#GIVEN} starts every fit at {@link #startValue()} (metafor's
 * {@code control = list(tau2.init = ...)}, which its refits inherit too). {@link Start#WARM} starts each refit at
 * the τ² of the fitted model (the model itself from the default start): fewer iterations in resampling, but the
 * refits may then find another maximum than a fresh fit would.
 *
 * <p><b>Threshold.</b> Iteration stops when the absolute change in τ² falls below {@link #tolerance()}, by default
 * multiplied by {@code min(1, mean v)} ({@link #scaledThreshold()}) so that fits scale with the data; metafor uses
 * the absolute threshold ({@link #metaforDefaults()}).
 *
 * @param tolerance       convergence threshold on the change in τ² (metafor's {@code threshold}), > 0
 * @param maxIterations   iteration limit (metafor's {@code maxiter}), >= 1
 * @param steps           Fisher scoring, or Newton-Raphson steps for REML where safe (same root, fewer iterations)
 * @param start           the start policy
 * @param startValue      the start under {@link Start#GIVEN}, NaN otherwise
 * @param ll0Check        after convergence compare the likelihood at τ² = 0 and take the boundary when it is
 *                        higher (metafor's {@code ll0check}; ML and REML)
 * @param ll0Tolerance    the gain in log-likelihood at 0 above which the boundary is taken (metafor's {@code tol})
 * @param scaledThreshold whether the threshold is multiplied by {@code min(1, mean v)}
 */
public record FitControl(double tolerance, int maxIterations, Steps steps, Start start, double startValue,
        boolean ll0Check, double ll0Tolerance, boolean scaledThreshold) {

    /** Step policy of REML's Fisher scoring. */
    public enum Steps {
        /** pure Fisher scoring (metafor's). */
        FISHER,
        /** Newton-Raphson steps with the observed information where safe (see RestrictedMaximumLikelihood). */
        NEWTON
    }

    /** Where the iterative estimators start. */
    public enum Start {
        /** metafor's default: {@code max(0, HE)}, for the fit and for every refit. */
        DEFAULT,
        /** the given {@link FitControl#startValue()}, for the fit and for every refit. */
        GIVEN,
        /** refits start at the fitted model's τ² (the model itself from the default start). */
        WARM
    }

    /** The default iteration limit. */
    public static final int DEFAULT_MAX_ITERATIONS = 1000;

    private static final FitControl DEFAULTS = new FitControl(1e-12, DEFAULT_MAX_ITERATIONS, Steps.FISHER,
            Start.DEFAULT, Double.NaN, true, 1e-12, true);

    private static final FitControl METAFOR_DEFAULTS = new FitControl(1e-5, 100, Steps.FISHER, Start.DEFAULT,
            Double.NaN, true, Math.pow(Math.ulp(1.0), 0.25), false);

    /** Checks the arguments once; messages name the value that arrived. */
    public FitControl {
        if (!(tolerance > 0)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "tolerance must be > 0, got %s",
                    tolerance));
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("the iteration limit must be >= 1, got " + maxIterations);
        }
        if (steps == null || start == null) {
            throw new IllegalArgumentException("step and start policies must be given (got null)");
        }
        if (start == Start.GIVEN && !(startValue >= 0 && startValue < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "a given start of tau^2 must be finite and >= 0, got %s", startValue));
        }
        if (start != Start.GIVEN) {
            startValue = Double.NaN;
        }
        if (!(ll0Tolerance >= 0)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "ll0 tolerance must be >= 0, got %s",
                    ll0Tolerance));
        }
    }

    /**
     * @return the library's defaults: threshold 1e-12 (scaled by {@code min(1, mean v)}), 1000 iterations, Fisher
     *         scoring, metafor's default start, boundary check with tolerance 1e-12
     */
    public static FitControl defaults() {
        return DEFAULTS;
    }

    /**
     * @return metafor's {@code rma.uni()} default control: absolute threshold 1e-5, 100 iterations, Fisher scoring
     *         from HE, boundary check with tolerance {@code eps^(1/4)} (about 1.22e-4)
     */
    public static FitControl metaforDefaults() {
        return METAFOR_DEFAULTS;
    }

    /** @param t threshold, > 0 @return a copy with it */
    public FitControl withTolerance(double t) {
        return new FitControl(t, maxIterations, steps, start, startValue, ll0Check, ll0Tolerance, scaledThreshold);
    }

    /** @param n iteration limit, >= 1 @return a copy with it */
    public FitControl withMaxIterations(int n) {
        return new FitControl(tolerance, n, steps, start, startValue, ll0Check, ll0Tolerance, scaledThreshold);
    }

    /** @param s step policy @return a copy with it */
    public FitControl with(Steps s) {
        return new FitControl(tolerance, maxIterations, s, start, startValue, ll0Check, ll0Tolerance,
                scaledThreshold);
    }

    /** @param s {@link Start#DEFAULT} or {@link Start#WARM} (use {@link #withStart(double)} for a given value)
     *  @return a copy with it */
    public FitControl with(Start s) {
        if (s == Start.GIVEN) {
            throw new IllegalArgumentException("a given start needs its value: use withStart(tau2)");
        }
        return new FitControl(tolerance, maxIterations, steps, s, Double.NaN, ll0Check, ll0Tolerance,
                scaledThreshold);
    }

    /** @param tau2 the start of every fit, finite and >= 0 @return a copy with it ({@link Start#GIVEN}) */
    public FitControl withStart(double tau2) {
        return new FitControl(tolerance, maxIterations, steps, Start.GIVEN, tau2, ll0Check, ll0Tolerance,
                scaledThreshold);
    }

    /** @param check whether to run metafor's ll0check @return a copy with it */
    public FitControl withLl0Check(boolean check) {
        return new FitControl(tolerance, maxIterations, steps, start, startValue, check, ll0Tolerance,
                scaledThreshold);
    }

    /**
     * Writes the control into a workspace for one fit.
     *
     * @param ws         the workspace (its control fields are modified)
     * @param fittedTau2 τ² of the model being refitted (used under {@link Start#WARM}); NaN for a first fit
     */
    public void applyTo(FitWorkspace ws, double fittedTau2) {
        ws.tolerance = tolerance;
        ws.scaledThreshold = scaledThreshold;
        ws.maxIterations = maxIterations;
        ws.ll0Check = ll0Check;
        ws.ll0Tolerance = ll0Tolerance;
        ws.newtonSteps = switch (steps) {
            case FISHER -> false;
            case NEWTON -> true;
        };
        ws.start = switch (start) {
            case DEFAULT -> Double.NaN;
            case GIVEN -> startValue;
            case WARM -> fittedTau2;
        };
    }

    /** @return a one-line description, e.g. for a report */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "threshold %s%s, max %d iterations, %s steps, start %s%s, ll0check %s",
                tolerance, scaledThreshold ? " x min(1, mean v)" : "", maxIterations,
                steps.name().toLowerCase(Locale.ROOT), start.name().toLowerCase(Locale.ROOT),
                start == Start.GIVEN ? " " + startValue : "", ll0Check ? "on" : "off");
    }
}
