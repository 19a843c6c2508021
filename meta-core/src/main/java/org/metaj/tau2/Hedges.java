package org.metaj.tau2;

import org.metaj.kernel.FitWorkspace;

/**
 * Hedges' (Cochran's ANOVA-type) estimator (Hedges 1983, Psychol Bull 93:388; Hedges &amp; Olkin 1985):
 * from the unweighted (OLS) residuals {@code e = (I - H) y}, {@code H = X(X'X)^-1 X'},
 * {@code tau^2 = max(0, (e'e - tr((I - H) V)) / (k - p))} with {@code tr((I-H)V) = sum v - tr((X'X)^-1 X'VX)}.
 * Matches metafor {@code rma(method = "HE")}.
 */
public final class Hedges implements Tau2Estimator {
    /** The instance. */
    public static final Hedges INSTANCE = new Hedges();

    private Hedges() {
    }

    @Override
    public double estimate(FitWorkspace ws) {
        ws.iterations = 0;
        ws.converged = true;
        int k = ws.k();
        int p = ws.p();
        for (int i = 0; i < k; i++) {
            ws.w[i] = 1.0;
        }
        double rss = ws.weighted();
        // tr((X'X)^-1 X'VX): weights are 1, so ainv = (X'X)^-1
        double trHV = 0;
        double sumV = 0;
        for (int i = 0; i < k; i++) {
            int row = i * p;
            double h = 0; // x_i' (X'X)^-1 x_i, the leverage
            for (int s = 0; s < p; s++) {
                double acc = 0;
                for (int t = 0; t < p; t++) {
                    acc += ws.ainv[s * p + t] * ws.x[row + t];
                }
                h += ws.x[row + s] * acc;
            }
            trHV += h * ws.v[i];
            sumV += ws.v[i];
        }
        double t = (rss - (sumV - trHV)) / (k - p);
        return t > 0 ? t : 0.0;
    }

    @Override
    public String name() {
        return "HE";
    }

    @Override
    public boolean iterative() {
        return false;
    }
}
