package org.metaj.bias;

import java.util.Locale;

import org.metaj.data.StudyColumns;
import org.metaj.data.StudyData;
import org.metaj.fit.FitSpec;
import org.metaj.fit.Refitter;
import org.metaj.kernel.FitWorkspace;
import org.metaj.kernel.KernelFit;

/**
 * The two-coefficient regressions behind the small-study tests of this package ({@code y_i = b0 + b1 x_i}),
 * through the kernel's {@link FitWorkspace}: classic weighted least squares with weights {@code 1/v_i} and the
 * residual variance {@code s^2 = sum w r^2/(k-2)} estimated (Egger et al. 1997, BMJ 315:629; Sterne &amp; Egger
 * 2005, in Publication Bias in Meta-Analysis, ch. 6), or the mixed-effects meta-regression with a tau^2 estimator
 * (weights {@code 1/(v_i + tau^2)}, variance {@code (X'WX)^-1}, Knapp-Hartung scaled when asked).
 */
final class Regression {
    final double[] beta = new double[2];
    final double[] se = new double[2];
    double tau2;
    double df;
    boolean converged = true;
    java.util.List<String> warnings = java.util.List.of();

    private Regression() {
    }

    private static FitWorkspace load(double[] y, double[] v, double[] x) {
        int k = y.length;
        FitWorkspace ws = new FitWorkspace(k, 2);
        for (int i = 0; i < k; i++) {
            ws.y[i] = y[i];
            ws.v[i] = v[i];
            ws.x[2 * i] = 1.0;
            ws.x[2 * i + 1] = x[i];
        }
        ws.setSize(k, 2);
        return ws;
    }

    /** Weighted least squares with weights 1/v and estimated residual variance (R's lm with weights). */
    static Regression lm(double[] y, double[] v, double[] x) {
        int k = y.length;
        if (k < 3) {
            throw new IllegalArgumentException("the regression test needs at least 3 studies, got k = " + k);
        }
        FitWorkspace ws = load(y, v, x);
        for (int i = 0; i < k; i++) {
            ws.w[i] = 1.0 / v[i];
        }
        double rss = ws.weighted();
        if (ws.singular()) {
            throw new IllegalArgumentException("the predictor of the regression test is constant across studies");
        }
        Regression r = new Regression();
        double s2 = rss / (k - 2);
        r.beta[0] = ws.beta[0];
        r.beta[1] = ws.beta[1];
        r.se[0] = Math.sqrt(s2 * ws.ainv[0]);
        r.se[1] = Math.sqrt(s2 * ws.ainv[3]);
        r.df = k - 2;
        r.tau2 = Double.NaN;
        return r;
    }

    /**
     * Mixed-effects meta-regression {@code y ~ 1 + x} through the one refit path ({@link Refitter}) under the
     * fitted model's specification (estimator, test, control), as metafor's {@code regtest(model = "rma")} refits
     * with the model's method, test and control.
     */
    static Regression rma(double[] y, double[] v, double[] x, FitSpec spec) {
        int k = y.length;
        if (k < 3) {
            throw new IllegalArgumentException("the regression test needs at least 3 studies, got k = " + k);
        }
        Refitter f = new Refitter(spec.with(org.metaj.fit.OnNonConvergence.REPORT), Double.NaN, k, 2);
        FitWorkspace ws = f.workspace();
        for (int i = 0; i < k; i++) {
            ws.y[i] = y[i];
            ws.v[i] = v[i];
            ws.x[2 * i] = 1.0;
            ws.x[2 * i + 1] = x[i];
        }
        if (!f.fit(k, 2, "in the regression test")) {
            throw new IllegalArgumentException("the meta-regression of the regression test could not be fitted "
                    + "(predictor constant or tau^2 undefined)");
        }
        Regression r = new Regression();
        KernelFit out = f.kernelFit();
        r.beta[0] = out.beta[0];
        r.beta[1] = out.beta[1];
        r.se[0] = f.se(0);
        r.se[1] = f.se(1);
        r.tau2 = out.tau2;
        r.df = f.df;
        r.converged = out.converged;
        r.warnings = f.warnings();
        return r;
    }

    /**
     * Total sample sizes of the studies, as the effect-size computation knows them: a column {@code ni}, else
     * {@code n1i + n2i}, else {@code ai + bi + ci + di}.
     */
    static double[] sampleSizes(StudyData d) {
        StudyColumns c = d.columns();
        int k = d.k();
        double[] n = new double[k];
        if (c.has("ni")) {
            double[] a = c.get("ni");
            System.arraycopy(a, 0, n, 0, k);
        } else if (c.has("n1i") && c.has("n2i")) {
            double[] a = c.get("n1i");
            double[] b = c.get("n2i");
            for (int i = 0; i < k; i++) {
                n[i] = a[i] + b[i];
            }
        } else if (c.has("ai") && c.has("bi") && c.has("ci") && c.has("di")) {
            double[] a = c.get("ai");
            double[] b = c.get("bi");
            double[] cc = c.get("ci");
            double[] dd = c.get("di");
            for (int i = 0; i < k; i++) {
                n[i] = a[i] + b[i] + cc[i] + dd[i];
            }
        } else {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "a sample-size predictor needs a column ni, n1i and n2i, or ai, bi, ci and di; columns: %s",
                    c.numericNames()));
        }
        for (int i = 0; i < k; i++) {
            if (!(n[i] > 0)) {
                throw c.error(i, "ni", "sample size must be > 0, got " + n[i]);
            }
        }
        return n;
    }
}
