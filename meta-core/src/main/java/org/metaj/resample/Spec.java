package org.metaj.resample;

import java.util.Locale;

import org.metaj.kernel.FitKernel;
import org.metaj.kernel.FitWorkspace;
import org.metaj.kernel.KernelFit;
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

    /** @return a workspace for this spec with the intercept column set */
    FitWorkspace workspace() {
        FitWorkspace ws = new FitWorkspace(k, 1);
        ws.load(y, v, k);
        // warm start of the iterative estimators: the full-data estimate (Fisher scoring, ignored by the others)
        ws.start = fitted.tau2();
        // the same REML root in about half the iterations (see FitWorkspace.newtonSteps)
        ws.newtonSteps = true;
        return ws;
    }

    /**
     * Fits the data the caller has written into {@code ws.y, ws.v} (first {@code kk} entries). Allocation-free.
     *
     * @return true if the fit succeeded and the estimator converged
     */
    boolean fit(FitWorkspace ws, int kk, KernelFit out) {
        ws.setSize(kk, 1);
        return FitKernel.fit(ws, estimator, knha, true, out) && out.converged;
    }
}
