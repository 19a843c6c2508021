package org.metaj.kernel;

import java.util.Locale;

/**
 * Caller-owned scratch space of the allocation-free fitting path: the data of one fit (effects {@code y},
 * sampling variances {@code v}, design matrix {@code x}, row-major {@code k x p}) and every intermediate array the
 * estimators and the kernel need. One workspace per thread; nothing here is thread-safe. After construction no
 * method allocates.
 *
 * <p>The central routine is {@link #wls(double)}: weighted least squares with weights
 * {@code w_i = 1/(v_i + tau2)}, giving the coefficients {@code b = (X'WX)^-1 X'Wy}, the residuals
 * {@code r = y - Xb} and the generalised Cochran statistic {@code Q(tau2) = sum w_i r_i^2}. Traces of the
 * projection {@code P = W - WX(X'WX)^-1X'W} follow from small {@code p x p} products, so that intercept-only and
 * meta-regression models share one code path (Viechtbauer 2005, J Educ Behav Stat 30:261; Raudenbush 2009,
 * in The Handbook of Research Synthesis and Meta-Analysis, ch. 16).
 */
public final class FitWorkspace {
    final int maxK;
    final int maxP;
    int k;
    int p;
    /** effects, length maxK; the first k entries are used. */
    public final double[] y;
    /** sampling variances, length maxK. */
    public final double[] v;
    /** design matrix, row-major, length maxK * maxP. */
    public final double[] x;
    /** weights of the last {@link #wls}/{@link #weighted} call. */
    public final double[] w;
    /** residuals of the last {@link #wls}/{@link #weighted} call. */
    public final double[] r;
    /** coefficients of the last {@link #wls}/{@link #weighted} call. */
    public final double[] beta;
    /** (X'WX)^-1 of the last call, p x p row-major. */
    public final double[] ainv;
    final double[] a;
    final double[] l;
    final double[] xty;
    final double[] b2;
    final double[] b3;
    final double[] m;
    /** integer scratch of length maxK, free for resampling loops. */
    public final int[] index;
    /** double scratch of length maxK, free for resampling loops. */
    public final double[] scratch;
    boolean singular;
    /**
     * the study carrying more than half of {@code sum w x^2} in the last intercept-only solve, or -1; with
     * {@link #restX2}, the sum of {@code w x^2} over the other studies (see {@link #dominatedQ}).
     */
    int dominant = -1;
    double restX2;
    double solvedAt = Double.NaN;
    double sumW;
    double q;
    /** iterations taken by the last iterative τ² estimate (0 for closed forms). */
    public int iterations;
    /** whether the last τ² estimate converged (always true for closed forms). */
    public boolean converged = true;
    // The control fields below are written by org.metaj.fit.FitControl#applyTo (the one place that sets them);
    // their defaults are those of FitControl.defaults().
    /** start of the iterative τ² estimators; NaN means "use the estimator's default start" (metafor's). */
    public double start = Double.NaN;
    /** convergence threshold of the iterative estimators: absolute change in τ² (metafor's {@code threshold}). */
    public double tolerance = 1e-12;
    /**
     * whether the threshold shrinks with the mean sampling variance below 1 ({@code tolerance * min(1, mean v)},
     * the library's default) or is metafor's absolute {@code threshold} (false).
     */
    public boolean scaledThreshold = true;
    /**
     * REML takes Newton-Raphson steps (observed information) where safe instead of pure Fisher scoring: the same
     * root in about half the iterations. Off by default (metafor's Fisher path decides which iterate is reported
     * when the maximum lies on the boundary).
     */
    public boolean newtonSteps;
    /** iteration limit of the iterative estimators. */
    public int maxIterations = 1000;
    /** metafor's {@code ll0check}: compare the likelihood at τ² = 0 after convergence (ML, REML). */
    public boolean ll0Check = true;
    /** the gain in log likelihood at τ² = 0 above which the boundary is taken (metafor's {@code tol}). */
    public double ll0Tolerance = 1e-12;
    /** scratch object of the root-finding estimators (PM, PMM) and the Q-profile interval. */
    public final QRoot qRoot = new QRoot(this);

    /**
     * @param maxK the largest number of studies this workspace will hold
     * @param maxP the largest number of model coefficients (1 for an intercept-only model)
     */
    public FitWorkspace(int maxK, int maxP) {
        if (maxK < 1 || maxP < 1) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "workspace sizes must be >= 1, got maxK=%d, maxP=%d", maxK, maxP));
        }
        this.maxK = maxK;
        this.maxP = maxP;
        y = new double[maxK];
        v = new double[maxK];
        x = new double[maxK * maxP];
        w = new double[maxK];
        r = new double[maxK];
        beta = new double[maxP];
        ainv = new double[maxP * maxP];
        a = new double[maxP * maxP];
        l = new double[maxP * maxP];
        xty = new double[maxP];
        b2 = new double[maxP * maxP];
        b3 = new double[maxP * maxP];
        m = new double[maxP * maxP];
        index = new int[maxK];
        scratch = new double[maxK];
    }

    /** @return the number of studies loaded */
    public int k() {
        return k;
    }

    /** @return the number of coefficients loaded */
    public int p() {
        return p;
    }

    /** @return capacity in studies */
    public int maxK() {
        return maxK;
    }

    /** @return capacity in coefficients */
    public int maxP() {
        return maxP;
    }

    /**
     * Loads an intercept-only model.
     *
     * @param yi effects (not modified)
     * @param vi variances (not modified)
     * @param k  number of studies to take from the front of the arrays
     */
    public void load(double[] yi, double[] vi, int k) {
        setSize(k, 1);
        System.arraycopy(yi, 0, y, 0, k);
        System.arraycopy(vi, 0, v, 0, k);
        for (int i = 0; i < k; i++) {
            x[i] = 1.0;
        }
    }

    /**
     * Loads a meta-regression model.
     *
     * @param yi effects (not modified)
     * @param vi variances (not modified)
     * @param xi design matrix, row-major {@code k x p} (not modified)
     * @param k  number of studies
     * @param p  number of coefficients
     */
    public void load(double[] yi, double[] vi, double[] xi, int k, int p) {
        setSize(k, p);
        System.arraycopy(yi, 0, y, 0, k);
        System.arraycopy(vi, 0, v, 0, k);
        System.arraycopy(xi, 0, x, 0, k * p);
    }

    /**
     * Declares that the caller has written {@code k} studies and {@code p} coefficients directly into {@link #y},
     * {@link #v} and {@link #x} (the resampling loops do this to avoid a copy).
     *
     * @param k number of studies
     * @param p number of coefficients
     */
    public void setSize(int k, int p) {
        if (k < 1 || k > maxK || p < 1 || p > maxP) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "k=%d, p=%d do not fit a workspace of maxK=%d, maxP=%d", k, p, maxK, maxP));
        }
        this.k = k;
        this.p = p;
        solvedAt = Double.NaN;
    }

    /**
     * Weighted least squares with {@code w_i = 1/(v_i + tau2)}.
     *
     * @param tau2 the between-study variance, {@code >= 0}
     * @return {@code Q(tau2) = sum w_i r_i^2}; NaN if {@code X'WX} is singular
     */
    public double wls(double tau2) {
        for (int i = 0; i < k; i++) {
            w[i] = 1.0 / (v[i] + tau2);
        }
        double qq = solve();
        solvedAt = tau2;
        return qq;
    }

    /**
     * @return the tau2 of the last complete {@link #wls(double)} solve, whose weights, residuals, coefficients and
     *         Q the arrays still hold; NaN after {@link #setSize}/{@code load}, {@link #weighted()} or
     *         {@link #wlsCoefficients}. Only meaningful inside one {@link FitKernel#fit} call (which uses it to
     *         skip a solve the estimator has just done): callers writing {@link #y}, {@link #v} or {@link #x}
     *         directly are not tracked.
     */
    public double solvedAt() {
        return solvedAt;
    }

    /**
     * The first half of {@link #wls(double)}: weights, their sum, the coefficients and {@code (X'WX)^-1}, without
     * the residuals and Q (for an intercept-only model one pass over the data instead of two; {@link #r} and
     * {@link #q()} are then stale, q is NaN). Meta-regression models get the full {@link #wls(double)}.
     *
     * @param tau2 the between-study variance, {@code >= 0}
     */
    public void wlsCoefficients(double tau2) {
        if (p != 1) {
            wls(tau2);
            return;
        }
        solvedAt = Double.NaN;
        dominant = -1;
        final int k = this.k;
        double sw = 0;
        double swx = 0;
        double swy = 0;
        for (int i = 0; i < k; i++) {
            double wi = 1.0 / (v[i] + tau2);
            w[i] = wi;
            double xi = x[i];
            sw += wi;
            swx += wi * xi * xi;
            swy += wi * xi * y[i];
        }
        sumW = sw;
        q = Double.NaN;
        if (!(swx > 0)) {
            singular = true;
            return;
        }
        singular = false;
        beta[0] = swy / swx;
        ainv[0] = 1.0 / swx;
    }

    /**
     * Weighted least squares with the weights the caller has written into {@link #w}.
     *
     * @return {@code sum w_i r_i^2}; NaN if {@code X'WX} is singular
     */
    public double weighted() {
        solvedAt = Double.NaN;
        return solve();
    }

    private double solve() {
        final int k = this.k;
        final int p = this.p;
        double sw = 0;
        if (p == 1) {
            double swy = 0;
            double swx = 0;
            double top = -1;
            int t = 0;
            for (int i = 0; i < k; i++) {
                double wi = w[i];
                double xi = x[i];
                double wx = wi * xi;
                double wx2 = wx * xi;
                sw += wi;
                swx += wx2;
                swy += wx * y[i];
                if (wx2 > top) {
                    top = wx2;
                    t = i;
                }
            }
            sumW = sw;
            if (!(swx > 0)) {
                singular = true;
                dominant = -1;
                q = Double.NaN;
                return q;
            }
            singular = false;
            double b = swy / swx;
            beta[0] = b;
            ainv[0] = 1.0 / swx;
            if (top > 0.5 * swx) {
                return dominatedQ(t, b, swx);
            }
            dominant = -1;
            double qq = 0;
            for (int i = 0; i < k; i++) {
                double ri = y[i] - x[i] * b;
                r[i] = ri;
                qq += w[i] * ri * ri;
            }
            q = qq;
            return qq;
        }
        dominant = -1;
        for (int j = 0; j < p * p; j++) {
            a[j] = 0;
        }
        for (int j = 0; j < p; j++) {
            xty[j] = 0;
        }
        for (int i = 0; i < k; i++) {
            double wi = w[i];
            sw += wi;
            int row = i * p;
            for (int s = 0; s < p; s++) {
                double wx = wi * x[row + s];
                xty[s] += wx * y[i];
                for (int t = 0; t <= s; t++) {
                    a[s * p + t] += wx * x[row + t];
                }
            }
        }
        sumW = sw;
        if (!Cholesky.invert(a, l, ainv, p)) {
            singular = true;
            q = Double.NaN;
            return q;
        }
        singular = false;
        for (int s = 0; s < p; s++) {
            double b = 0;
            for (int t = 0; t < p; t++) {
                b += ainv[s * p + t] * xty[t];
            }
            beta[s] = b;
        }
        double qq = 0;
        for (int i = 0; i < k; i++) {
            int row = i * p;
            double fit = 0;
            for (int s = 0; s < p; s++) {
                fit += x[row + s] * beta[s];
            }
            double ri = y[i] - fit;
            r[i] = ri;
            qq += w[i] * ri * ri;
        }
        q = qq;
        return qq;
    }

    /**
     * Q and the residuals of an intercept-only (p = 1) solve in which study {@code t} carries more than half of
     * {@code sum w x^2} (e.g. a sampling variance of 1e-40 beside variances of 0.02). The usual residual
     * {@code r_t = y_t - x_t b} is then the difference of two nearly equal numbers: {@code b} is rounded to about
     * {@code eps |y_t|}, and {@code w_t r_t^2} would carry an error of order {@code w_t (eps y_t)^2} (1e8 for a
     * variance of 1e-40, an overflow at 1e-300), swamping Q. Eliminating {@code b} algebraically gives the
     * cancellation-free form
     * {@code r_t = sum_{j != t} w_j x_j (y_t x_j - x_t y_j) / sum_j w_j x_j^2} (for an intercept,
     * {@code sum_{j != t} w_j (y_t - y_j) / sum w}), whose terms have one sign per study and no large
     * intermediate; the other residuals are well conditioned as usual. The same sum {@code R = sum_{j != t} w_j
     * x_j^2} serves {@link #trP()}, where the dominant study's share of the trace is {@code w_t R / sum w x^2}
     * instead of {@code w_t (1 - h_t)} with {@code h_t} near 1 (see Higham 2002, Accuracy and Stability of
     * Numerical Algorithms, 2nd ed., sec. 1.7 and ch. 20, on rewriting a formula so that cancellation happens only
     * in exactly known differences of the data).
     */
    private double dominatedQ(int t, double b, double swx) {
        final double yt = y[t];
        final double xt = x[t];
        double rest = 0;
        double num = 0;
        double qq = 0;
        for (int i = 0; i < k; i++) {
            if (i == t) {
                continue;
            }
            double wi = w[i];
            double xi = x[i];
            double wx = wi * xi;
            rest += wx * xi;
            num += wx * (yt * xi - xt * y[i]);
            double ri = y[i] - xi * b;
            r[i] = ri;
            qq += wi * ri * ri;
        }
        double rt = num / swx;
        r[t] = rt;
        qq += w[t] * rt * rt;
        dominant = t;
        restX2 = rest;
        q = qq;
        return qq;
    }

    /** @return true if the last solve found {@code X'WX} singular */
    public boolean singular() {
        return singular;
    }

    /** @return sum of the weights of the last solve */
    public double sumW() {
        return sumW;
    }

    /** @return Q of the last solve */
    public double q() {
        return q;
    }

    /**
     * @return {@code tr(P) = sum w - tr((X'WX)^-1 X'W^2X)} for the weights of the last solve
     */
    public double trP() {
        final int p = this.p;
        if (p == 1) {
            // sum_i w_i (1 - h_i), h_i = w_i x_i^2 / sum w x^2 in [0, 1]: no w^2 is formed (it overflows for
            // variances below 1e-154) and no difference of large sums; a dominant study's 1 - h_t is R / sum w x^2
            final double a0 = ainv[0];
            final int t = dominant;
            double tr = t >= 0 ? w[t] * restX2 * a0 : 0.0;
            for (int i = 0; i < k; i++) {
                if (i != t) {
                    double wi = w[i];
                    tr += wi * (1 - wi * x[i] * x[i] * a0);
                }
            }
            return tr;
        }
        crossWeighted(b2, 2);
        double tr = 0;
        for (int s = 0; s < p; s++) {
            for (int t = 0; t < p; t++) {
                tr += ainv[s * p + t] * b2[t * p + s];
            }
        }
        return sumW - tr;
    }

    /**
     * @return {@code tr(PP) = sum w^2 - 2 tr(A^-1 X'W^3X) + tr((A^-1 X'W^2X)^2)}, {@code A = X'WX}
     */
    public double trPP() {
        final int p = this.p;
        double sw2 = 0;
        for (int i = 0; i < k; i++) {
            sw2 += w[i] * w[i];
        }
        crossWeighted(b2, 2);
        crossWeighted(b3, 3);
        // m = A^-1 B2
        for (int s = 0; s < p; s++) {
            for (int t = 0; t < p; t++) {
                double acc = 0;
                for (int u = 0; u < p; u++) {
                    acc += ainv[s * p + u] * b2[u * p + t];
                }
                m[s * p + t] = acc;
            }
        }
        double tr3 = 0;
        double trm2 = 0;
        for (int s = 0; s < p; s++) {
            for (int t = 0; t < p; t++) {
                tr3 += ainv[s * p + t] * b3[t * p + s];
                trm2 += m[s * p + t] * m[t * p + s];
            }
        }
        return sw2 - 2 * tr3 + trm2;
    }

    /** @return {@code y'PPy = sum (w_i r_i)^2} for the last solve */
    public double yPPy() {
        double s = 0;
        for (int i = 0; i < k; i++) {
            double e = w[i] * r[i];
            s += e * e;
        }
        return s;
    }

    /**
     * @return {@code y'PPPy = u'Pu} with {@code u = Py = W r}: {@code u'Wu - (X'Wu)'(X'WX)^-1(X'Wu)}, for the last
     *         solve (the observed information of REML needs it)
     */
    public double yPPPy() {
        final int p = this.p;
        for (int s = 0; s < p; s++) {
            xty[s] = 0;
        }
        double uwu = 0;
        for (int i = 0; i < k; i++) {
            double wi = w[i];
            double u = wi * r[i];
            double wu = wi * u;
            uwu += wu * u;
            int row = i * p;
            for (int s = 0; s < p; s++) {
                xty[s] += x[row + s] * wu;
            }
        }
        double gag = 0;
        for (int s = 0; s < p; s++) {
            for (int t = 0; t < p; t++) {
                gag += xty[s] * ainv[s * p + t] * xty[t];
            }
        }
        return uwu - gag;
    }

    /** @return {@code log det(X'WX)} for the last solve */
    public double logDetXtWX() {
        if (p == 1) {
            return -Math.log(ainv[0]);
        }
        double s = 0;
        for (int j = 0; j < p; j++) {
            s += Math.log(l[j * p + j]);
        }
        return 2 * s;
    }

    /** X' W^e X into out (p x p). */
    private void crossWeighted(double[] out, int e) {
        final int p = this.p;
        for (int j = 0; j < p * p; j++) {
            out[j] = 0;
        }
        for (int i = 0; i < k; i++) {
            double we = w[i];
            for (int c = 1; c < e; c++) {
                we *= w[i];
            }
            int row = i * p;
            for (int s = 0; s < p; s++) {
                double wx = we * x[row + s];
                for (int t = 0; t < p; t++) {
                    out[s * p + t] += wx * x[row + t];
                }
            }
        }
    }
}
