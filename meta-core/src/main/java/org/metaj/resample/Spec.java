package org.metaj.resample;

import java.util.Locale;

import org.metaj.fit.FitControl;
import org.metaj.fit.FitSpec;
import org.metaj.fit.Refitter;
import org.metaj.model.Method;
import org.metaj.model.MetaResult;
import org.metaj.model.TestType;
import org.metaj.tau2.Tau2Estimator;

/**
 * What the resampling methods refit: the data and the model specification (method, test) of a fitted
 * intercept-only inverse-variance model. Immutable; the arrays are private copies.
 */
final class Spec {
    final double[] y;
    final double[] v;
    final int k;
    final Tau2Estimator estimator;
    final boolean knha;
    final double level;
    final double[] observed;
    final MetaResult fitted;

    Spec(MetaResult fitted) {
        if (fitted == null) {
            throw new IllegalArgumentException("no fitted result to resample (got null)");
        }
        Method m = fitted.method();
        if (m == Method.MH || m == Method.PETO) {
            throw new IllegalArgumentException("resampling needs an inverse-variance model (FE or a tau^2 "
                    + "estimator); the fitted result uses " + m.label());
        }
        this.fitted = fitted;
        this.y = fitted.data().yi().clone();
        this.v = fitted.data().vi().clone();
        this.k = y.length;
        if (k < 2) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "resampling needs at least 2 studies, got k=%d", k));
        }
        this.estimator = m.estimator();
        this.knha = fitted.test() == TestType.KNHA;
        this.level = fitted.level();
        Statistic[] all = Statistic.values();
        observed = new double[all.length];
        for (Statistic s : all) {
            observed[s.ordinal()] = s.of(fitted);
        }
    }

    /**
     * @return a refitter of this spec under the fitted model's own control: the jackknife's leave-one-out fits are
     *         then the fits of {@code LeaveOneOut} (same start, same steps, same answer)
     */
    Refitter refitter() {
        Refitter r = new Refitter(fitted.spec().fitSpec(), fitted.tau2(), k, 1);
        r.workspace().load(y, v, k);
        return r;
    }

    /**
     * @return a refitter for the bootstrap replicates: the model's control with REML's Newton-Raphson steps (the
     *         same root as Fisher scoring in about half the iterations, see {@link FitControl.Steps#NEWTON}) and
     *         the start {@link #BOOTSTRAP_START}, with the bootstrap's iteration limit
     */
    Refitter bootstrapRefitter(int maxIterations) {
        FitSpec own = fitted.spec().fitSpec();
        FitControl c = own.control().with(FitControl.Steps.NEWTON).withMaxIterations(maxIterations);
        if (c.start() == FitControl.Start.DEFAULT) {
            c = c.with(BOOTSTRAP_START);
        }
        Refitter r = new Refitter(own.with(c), fitted.tau2(), k, 1);
        r.workspace().load(y, v, k);
        return r;
    }

    /**
     * The start of the bootstrap replicates' iterative fits when the model was fitted from metafor's default start:
     * the fitted model's τ² ({@link FitControl.Start#WARM}). A replicate is a new data set, not a subset whose
     * answer another analysis reports, and the warm start saves iterations in the loop the benchmarks measure.
     */
    static final FitControl.Start BOOTSTRAP_START = FitControl.Start.WARM;

    /**
     * Fits the data the caller has written into the refitter's workspace (first {@code kk} entries). Allocation-free.
     *
     * @return true if the fit succeeded and the estimator converged
     */
    static boolean fit(Refitter r, int kk) {
        return r.fitKernel(kk, 1, true);
    }
}
