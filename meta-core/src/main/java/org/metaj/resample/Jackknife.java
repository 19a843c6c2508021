package org.metaj.resample;

import org.metaj.fit.Refitter;
import org.metaj.kernel.FitWorkspace;
import org.metaj.kernel.KernelFit;
import org.metaj.model.MetaResult;

/**
 * Leave-one-out jackknife of a fitted intercept-only model (Quenouille 1956; Tukey 1958; Efron &amp; Tibshirani
 * 1993, ch. 11): each study is left out in turn and the model refitted with the same method, test and control,
 * through the one refit path, so that each value is the one {@code LeaveOneOut} reports for that study (the same
 * start: metafor's default unless the model's control says otherwise). With
 * {@code theta_(i)} the leave-one-out values and {@code theta_(.)} their mean,
 * {@code SE = sqrt((k-1)/k sum (theta_(i) - theta_(.))^2)} and {@code bias = (k-1)(theta_(.) - theta)}
 * (eq. 11.5 and 10.8). Fits that fail (or do not converge) are counted, reported as NaN and excluded.
 */
public final class Jackknife {
    private Jackknife() {
    }

    /**
     * @param fitted an intercept-only inverse-variance fit with k >= 2 studies (k >= 3 for random-effects
     *               methods, whose leave-one-out fits need 2 studies)
     * @return the leave-one-out values and summaries
     */
    public static JackknifeResult run(MetaResult fitted) {
        Spec s = new Spec(fitted);
        return new JackknifeResult(s, values(s));
    }

    /** @return values[statistic][i], the statistic with study i left out (NaN if that fit failed) */
    static double[][] values(Spec s) {
        int k = s.k;
        Statistic[] all = Statistic.values();
        double[][] out = new double[all.length][k];
        Refitter r = s.refitter();
        FitWorkspace ws = r.workspace();
        KernelFit fit = r.kernelFit();
        for (int i = 0; i < k; i++) {
            int n = 0;
            for (int j = 0; j < k; j++) {
                if (j != i) {
                    ws.y[n] = s.y[j];
                    ws.v[n] = s.v[j];
                    n++;
                }
            }
            boolean ok = Spec.fit(r, k - 1);
            for (Statistic st : all) {
                out[st.ordinal()][i] = ok ? st.of(fit) : Double.NaN;
            }
        }
        return out;
    }
}
