package org.metaj.fit;

import java.util.Locale;

import org.metaj.tau2.Tau2Estimator;

/**
 * What the one refit path needs of a model specification, independent of the model layer: the τ² estimator, the
 * test (z or Knapp-Hartung), the confidence level, the {@link FitControl} and the non-convergence policy. The
 * model specification ({@code org.metaj.model.MetaAnalysis}) derives it with {@code fitSpec()}; a refit of a
 * fitted model uses the model's own (metafor: refits reuse {@code x$method}, {@code x$test}, {@code x$level},
 * {@code x$control}).
 *
 * @param estimator        the τ² estimator (the common-effect one for FE)
 * @param knha             Knapp-Hartung test and intervals (t on k - p df, covariance scaled)
 * @param level            confidence level in (0, 1)
 * @param control          convergence control of the iterative estimators
 * @param onNonConvergence what a refit does when the estimator does not converge
 */
public record FitSpec(Tau2Estimator estimator, boolean knha, double level, FitControl control,
        OnNonConvergence onNonConvergence) {

    /** Checks the arguments. */
    public FitSpec {
        if (estimator == null || control == null || onNonConvergence == null) {
            throw new IllegalArgumentException("estimator, control and non-convergence policy must be given");
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "level must be in (0, 1), got %s",
                    level));
        }
    }

    /** @return a copy with the test ({@code true}: Knapp-Hartung) */
    public FitSpec withKnha(boolean k) {
        return new FitSpec(estimator, k, level, control, onNonConvergence);
    }

    /** @return a copy with the level */
    public FitSpec withLevel(double l) {
        return new FitSpec(estimator, knha, l, control, onNonConvergence);
    }

    /** @return a copy with the control */
    public FitSpec with(FitControl c) {
        return new FitSpec(estimator, knha, level, c, onNonConvergence);
    }

    /** @return a copy with the estimator */
    public FitSpec with(Tau2Estimator e) {
        return new FitSpec(e, knha, level, control, onNonConvergence);
    }

    /** @return a copy with the policy */
    public FitSpec with(OnNonConvergence p) {
        return new FitSpec(estimator, knha, level, control, p);
    }
}
