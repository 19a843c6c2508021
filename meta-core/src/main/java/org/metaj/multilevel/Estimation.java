package org.metaj.multilevel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.metaj.model.Coefficient;
import org.metaj.stats.Probabilities;

/**
 * The REML / ML fit of a {@link MultilevelModel}: starting values as metafor chooses them, quasi-Newton on the
 * transformed scale (log variances, atanh correlations), variances that run to 0 fixed at their boundary (with a
 * warning) and the rest refitted, then the inference on the fixed effects. Not thread-safe (it owns a
 * {@link Kernel} workspace); one per fit.
 */
final class Estimation {
    /** A variance below this fraction of the typical sampling variance after optimising is at its boundary 0. */
    static final double BOUNDARY = 1e-8;

    final MultilevelModel model;
    final MultilevelControl control;
    final Kernel kernel;
    final int nS;
    final int nT;
    final int nR;
    final double scale;
    final double[] start;
    final boolean[] rhoFixed;
    final double[] rhoFixedValue;

    Estimation(MultilevelModel model, MultilevelControl control) {
        this.model = model;
        this.control = control;
        this.kernel = new Kernel(model);
        this.nS = kernel.nSigma;
        this.nT = kernel.nTau;
        this.nR = kernel.nRho;
        RandomTerm.Correlated ct = model.correlatedTerm();
        rhoFixedValue = ct != null && ct.fixedRho() != null ? ct.fixedRho().clone() : null;
        rhoFixed = new boolean[nS + nT + nR];
        if (rhoFixedValue != null) {
            for (int r = 0; r < nR; r++) {
                rhoFixed[nS + nT + r] = true;
            }
        }
        // metafor's starting values: the residual variance of the fixed-effects fit beyond the typical sampling
        // variance, split evenly over the variance components; correlations 0.5
        int k = model.k();
        double[] vi = model.samplingCovariance().variances();
        double[] zero = new double[nS];
        double[] zt = new double[nT];
        double[] zr = new double[nR];
        double total;
        double meanInv = 0;
        for (double x : vi) {
            meanInv += 1 / x;
        }
        meanInv /= k;
        double ll0 = kernel.evaluate(zero, zt, zr, false, null);
        int nv = Math.max(1, nS + nT);
        if (Double.isFinite(ll0)) {
            double[] res = new double[k];
            double[] y = model.yShared();
            double mean = 0;
            for (int i = 0; i < k; i++) {
                double f = 0;
                for (int c = 0; c < kernel.p; c++) {
                    f += model.design().get(i, c) * kernel.beta[c];
                }
                res[i] = y[i] - f;
                mean += res[i];
            }
            mean /= k;
            double var = 0;
            for (int i = 0; i < k; i++) {
                var += (res[i] - mean) * (res[i] - mean);
            }
            var /= k - 1;
            total = Math.max(0.001 * nv, var - 1 / meanInv);
        } else {
            total = 0.001 * nv;
        }
        scale = Math.max(total, 1 / meanInv);
        start = new double[nS + nT + nR];
        for (int j = 0; j < nS + nT; j++) {
            start[j] = total / nv;
        }
        for (int r = 0; r < nR; r++) {
            start[nS + nT + r] = rhoFixedValue != null ? rhoFixedValue[r] : 0.5;
        }
    }

    /** The estimates of one optimisation. */
    record Estimates(double[] values, double ll, boolean converged, int iterations, boolean[] fixed) {
    }

    boolean isVariance(int j) {
        return j < nS + nT;
    }

    void split(double[] values, double[] s, double[] t, double[] r) {
        System.arraycopy(values, 0, s, 0, nS);
        System.arraycopy(values, nS, t, 0, nT);
        System.arraycopy(values, nS + nT, r, 0, nR);
    }

    /** The log-likelihood (of the control's method) at natural values, the kernel left at that point. */
    double logLik(double[] values) {
        double[] s = new double[nS];
        double[] t = new double[nT];
        double[] r = new double[nR];
        split(values, s, t, r);
        return kernel.evaluate(s, t, r, control.method() == MultilevelControl.Estimation.REML, null);
    }

    /**
     * Maximises the likelihood over the parameters not fixed.
     *
     * @param fixed  which parameters are held at their value in {@code values}
     * @param values starting (and fixed) natural values
     */
    Estimates optimize(boolean[] fixed, double[] values) {
        int np = values.length;
        boolean[] fx = fixed.clone();
        double[] val = values.clone();
        for (int j = 0; j < np; j++) {
            if (!fx[j] && isVariance(j) && !(val[j] > 0)) {
                val[j] = scale * 1e-4;
            }
        }
        boolean reml = control.method() == MultilevelControl.Estimation.REML;
        boolean chol = cholesky(fx);
        while (true) {
            int[] free = freeIndex(fx, chol);
            int nc = chol ? kernel.levels * (kernel.levels + 1) / 2 : 0;
            double[] s = new double[nS];
            double[] t = new double[nT];
            double[] r = new double[nR];
            double[] full = val.clone();
            double[] gradFull = new double[np];
            int lv = kernel.levels;
            double[] cm = new double[lv * lv];
            double[] gm = new double[lv * lv];
            QuasiNewton.Objective f = (x, g) -> {
                for (int i = 0; i < free.length; i++) {
                    int j = free[i];
                    full[j] = isVariance(j) ? Math.exp(x[i]) : Math.tanh(x[i]);
                }
                if (chol) {
                    unpackCholesky(x, free.length, cm, gm, full);
                }
                split(full, s, t, r);
                double ll = kernel.evaluate(s, t, r, reml, gradFull);
                if (!Double.isFinite(ll)) {
                    return Double.POSITIVE_INFINITY;
                }
                for (int i = 0; i < free.length; i++) {
                    g[i] = -gradFull[free[i]];
                }
                if (chol) {
                    // dll/dC = S C (lower triangle), S from the kernel
                    double[] sc = kernel.gScore();
                    int m = free.length;
                    for (int a = 0; a < lv; a++) {
                        for (int b = 0; b <= a; b++) {
                            double v = 0;
                            for (int c = 0; c < lv; c++) {
                                v += sc[a * lv + c] * cm[c * lv + b];
                            }
                            g[m++] = -v;
                        }
                    }
                }
                return -ll;
            };
            double[] x0 = new double[free.length + nc];
            for (int i = 0; i < free.length; i++) {
                int j = free[i];
                x0[i] = isVariance(j) ? Math.log(val[j]) : atanh(val[j]);
            }
            if (chol) {
                packCholesky(val, x0, free.length);
            }
            QuasiNewton.Result res = QuasiNewton.minimize(f, x0, control.maxIterations(), 1e-10);
            for (int i = 0; i < free.length; i++) {
                int j = free[i];
                val[j] = isVariance(j) ? Math.exp(res.x()[i]) : Math.tanh(res.x()[i]);
            }
            if (chol) {
                unpackCholesky(res.x(), free.length, cm, gm, val);
            }
            boolean moved = false;
            for (int i = 0; i < free.length; i++) {
                int j = free[i];
                if (isVariance(j) && val[j] < BOUNDARY * scale) {
                    val[j] = 0;
                    fx[j] = true;
                    moved = true;
                }
            }
            if (!moved) {
                double ll = logLik(val);
                return new Estimates(val, ll, res.converged(), res.iterations(), fx);
            }
        }
    }

    /**
     * Whether G of an unstructured term is estimated through its Cholesky factor {@code G = C C'} (C lower
     * triangular, entries free), which keeps G positive semi-definite as metafor does for UN (its default
     * {@code cholesky = TRUE}); the optimum may lie where G is singular.
     */
    boolean cholesky(boolean[] fixed) {
        if (kernel.struct != Structure.UN || nR == 0) {
            return false;
        }
        for (int j = nS; j < nS + nT + nR; j++) {
            if (fixed[j]) {
                return false;
            }
        }
        return true;
    }

    /** C (row-major L x L, lower) from x[from..], then G = C C' and its variances and correlations into values. */
    void unpackCholesky(double[] x, int from, double[] c, double[] g, double[] values) {
        int lv = kernel.levels;
        java.util.Arrays.fill(c, 0);
        int m = from;
        for (int a = 0; a < lv; a++) {
            for (int b = 0; b <= a; b++) {
                c[a * lv + b] = x[m++];
            }
        }
        for (int a = 0; a < lv; a++) {
            for (int b = 0; b < lv; b++) {
                double v = 0;
                for (int d = 0; d < lv; d++) {
                    v += c[a * lv + d] * c[b * lv + d];
                }
                g[a * lv + b] = v;
            }
        }
        for (int a = 0; a < lv; a++) {
            values[nS + a] = g[a * lv + a];
        }
        for (int a = 0; a < lv; a++) {
            for (int b = a + 1; b < lv; b++) {
                double den = Math.sqrt(g[a * lv + a] * g[b * lv + b]);
                values[nS + nT + Structure.pairIndex(a, b, lv)] = den > 0 ? g[b * lv + a] / den : 0;
            }
        }
    }

    /** The Cholesky factor of G(values) into x[from..] (a small ridge if G is not positive definite). */
    void packCholesky(double[] values, double[] x, int from) {
        int lv = kernel.levels;
        double[] tau = java.util.Arrays.copyOfRange(values, nS, nS + nT);
        double[] rho = java.util.Arrays.copyOfRange(values, nS + nT, nS + nT + nR);
        double[] g = new double[lv * lv];
        double[] l = new double[lv * lv];
        Structure.UN.fill(tau, rho, lv, g);
        double ridge = 0;
        while (!Kernel.cholesky(g, l, lv)) {
            ridge = ridge == 0 ? 1e-8 * scale : ridge * 10;
            Structure.UN.fill(tau, rho, lv, g);
            for (int a = 0; a < lv; a++) {
                g[a * lv + a] += ridge;
            }
        }
        int m = from;
        for (int a = 0; a < lv; a++) {
            for (int b = 0; b <= a; b++) {
                x[m++] = l[a * lv + b];
            }
        }
    }

    static double atanh(double r) {
        double c = Math.max(-1 + 1e-15, Math.min(1 - 1e-15, r));
        return 0.5 * Math.log((1 + c) / (1 - c));
    }

    /** the free parameters optimised one by one (without G's when it is estimated by its Cholesky factor) */
    private int[] freeIndex(boolean[] fixed, boolean chol) {
        int n = 0;
        int end = chol ? nS : fixed.length;
        for (int j = 0; j < end; j++) {
            if (!fixed[j]) {
                n++;
            }
        }
        int[] f = new int[n];
        int m = 0;
        for (int j = 0; j < end; j++) {
            if (!fixed[j]) {
                f[m++] = j;
            }
        }
        return f;
    }

    MultilevelFit fit() {
        Estimates e = optimize(rhoFixed, start);
        List<String> warnings = new ArrayList<>();
        if (!e.converged()) {
            warnings.add(String.format(Locale.ROOT, "the optimiser did not converge in %d iterations (relative "
                    + "gradient above 1e-6): the estimates are not reliable", control.maxIterations()));
        }
        for (int j = 0; j < nS + nT; j++) {
            if (e.fixed()[j] && !rhoFixed[j]) {
                warnings.add(String.format(Locale.ROOT, "%s is at its boundary 0 (the likelihood is largest there)",
                        j < nS ? "sigma2[" + (j + 1) + "] (" + model.interceptTerms().get(j).name() + ")"
                                : "tau2[" + (j - nS + 1) + "]"));
            }
        }
        for (int j = nS + nT; j < nS + nT + nR; j++) {
            if (!rhoFixed[j] && Math.abs(e.values()[j]) > 1 - 1e-6) {
                warnings.add(String.format(Locale.ROOT, "rho[%d] = %s is at its bound", j - nS - nT + 1,
                        PrintFormatHolder.num(e.values()[j])));
            }
        }
        return assemble(e, warnings);
    }

    /** Holder of a number formatter for messages. */
    static final class PrintFormatHolder {
        static String num(double x) {
            return String.format(Locale.ROOT, "%.6g", x);
        }
    }

    MultilevelFit assemble(Estimates e, List<String> warnings) {
        double[] values = e.values();
        double ll = logLik(values); // leaves the kernel at the estimates
        double llMl = kernel.llMl;
        double llReml = kernel.llReml;
        int k = model.k();
        int p = kernel.p;
        double[] beta = kernel.beta.clone();
        double[] vb = kernel.vb();
        double[] wx = new double[k * p];
        double[] resid = new double[k];
        kernel.rowQuantities(wx, resid);
        boolean t = control.tTest();
        double ddf = k - p;
        double crit = t ? Probabilities.tQuantile(1 - (1 - control.level()) / 2, ddf)
                : Probabilities.normalQuantile(1 - (1 - control.level()) / 2);
        List<Coefficient> coefs = new ArrayList<>();
        for (int c = 0; c < p; c++) {
            double se = Math.sqrt(vb[c * p + c]);
            double z = beta[c] / se;
            double pv = t ? Probabilities.tTwoSided(z, ddf) : Probabilities.normalTwoSided(z);
            coefs.add(new Coefficient(model.design().name(c), beta[c], se, z, pv, beta[c] - crit * se,
                    beta[c] + crit * se));
        }
        // QM: all coefficients but the intercept (the intercept alone in an intercept-only model)
        int from = model.design().hasIntercept() && p > 1 ? 1 : 0;
        int m = p - from;
        double[] sub = new double[m * m];
        double[] bs = new double[m];
        for (int a = 0; a < m; a++) {
            bs[a] = beta[from + a];
            for (int b = 0; b < m; b++) {
                sub[a * m + b] = vb[(from + a) * p + from + b];
            }
        }
        double[] l = new double[m * m];
        double qm = Double.NaN;
        if (Kernel.cholesky(sub, l, m)) {
            double[] z = bs.clone();
            Kernel.forward(l, m, z, 1);
            qm = 0;
            for (double zz : z) {
                qm += zz * zz;
            }
        }
        double qmp;
        if (t) {
            qm /= m;
            qmp = Probabilities.fUpper(qm, m, ddf);
        } else {
            qmp = Probabilities.chiSquareUpper(qm, m);
        }
        // QE and the log-likelihood of the saturated model, from V alone
        double qe;
        double llQe;
        Kernel fe = new Kernel(MultilevelModel.of(model.design(), model.yShared(), model.samplingCovariance(),
                List.of()));
        double llFe = fe.evaluate(new double[0], new double[0], new double[0], false, null);
        if (Double.isFinite(llFe)) {
            qe = fe.rss;
            llQe = -0.5 * k * Kernel.LOG_2PI - 0.5 * fe.logDetM;
        } else {
            qe = Double.NaN;
            llQe = Double.NaN;
        }
        int qeDf = k - p;
        double qep = qeDf > 0 ? Probabilities.chiSquareUpper(qe, qeDf) : 1;
        if (qeDf <= 0) {
            qe = 0;
        }
        // fit statistics as metafor's fitstats: parameters = p + every variance component and correlation
        // estimated (fixed correlations not counted)
        int parms = p + nS + nT;
        for (int j = 0; j < nR; j++) {
            if (!rhoFixed[nS + nT + j]) {
                parms++;
            }
        }
        boolean reml = control.method() == MultilevelControl.Estimation.REML;
        double[] vi = model.samplingCovariance().variances();
        boolean allViPos = true;
        for (double x : vi) {
            allViPos &= x > 0;
        }
        double logLik;
        double dev;
        double aic;
        double bic;
        double aicc;
        if (reml) {
            logLik = llReml;
            dev = -2 * llReml;
            int n = k - p;
            aic = -2 * llReml + 2 * parms;
            bic = -2 * llReml + parms * Math.log(n);
            double mx = Math.max(n, parms + 2);
            aicc = -2 * llReml + 2 * parms * mx / (mx - parms - 1);
        } else {
            logLik = llMl;
            dev = allViPos ? -2 * (llMl - llQe) : -2 * llMl;
            aic = -2 * llMl + 2 * parms;
            bic = -2 * llMl + parms * Math.log(k);
            double mx = Math.max(k, parms + 2);
            aicc = -2 * llMl + 2 * parms * mx / (mx - parms - 1);
        }
        double[] sigma2 = Arrays.copyOfRange(values, 0, nS);
        double[] tau2 = Arrays.copyOfRange(values, nS, nS + nT);
        double[] rho = Arrays.copyOfRange(values, nS + nT, nS + nT + nR);
        return new MultilevelFit(model, control, sigma2, tau2, rho, beta, vb, coefs, qe, qeDf, qep, qm, m,
                t ? ddf : Double.NaN, qmp, logLik, dev, aic, bic, aicc, llMl, llReml, parms, e.converged(),
                e.iterations(), e.fixed(), warnings, wx, resid, crit);
    }
}
