package org.metaj.multilevel;

import java.util.Arrays;

/**
 * The (restricted) log-likelihood of a multilevel model and its gradient, block by block, on primitive arrays with
 * a workspace allocated once: nothing is allocated per evaluation. The model is
 * {@code y = X beta + sum_s Z_s u_s + Z_G u_G + e}, {@code e ~ N(0, V)}, so the marginal covariance is
 * {@code M = V + sum_s sigma2_s Z_s Z_s' + (Z_G G Z_G') o (outer equality)}. M is block-diagonal: the blocks are
 * the connected components of the rows linked by a sampling-covariance cluster, a level of a random intercept or a
 * level of the outer factor. Per block: Cholesky {@code M_b = L_b L_b'}, then
 *
 * <pre>
 *   ll_ML   = -k/2 log(2 pi) - 1/2 log|M| - 1/2 r' M^-1 r,   r = y - X beta,  beta = (X'M^-1 X)^-1 X'M^-1 y
 *   ll_REML = -(k-p)/2 log(2 pi) + 1/2 log|X'X| - 1/2 log|M| - 1/2 log|X'M^-1 X| - 1/2 r' M^-1 r
 * </pre>
 *
 * (Harville 1977, JASA 72:320; the constant 1/2 log|X'X| as in metafor, Viechtbauer 2010). The gradient with
 * respect to a parameter phi of M is {@code 1/2 [a' dM a - tr(P dM)]} with {@code a = M^-1 r} and
 * {@code P = M^-1 - M^-1 X (X'M^-1X)^-1 X'M^-1} (REML) or {@code P = M^-1} (ML) (Searle, Casella &amp; McCulloch
 * 1992, Variance Components, sec. 6.3 and 6.6); only the entries of P within blocks are needed, since dM is
 * block-diagonal. Parameters are on the transformed scale: {@code log sigma2}, {@code log tau2},
 * {@code atanh rho}.
 */
final class Kernel {
    static final double LOG_2PI = Math.log(2 * Math.PI);

    final int k;
    final int p;
    final int nSigma;
    final boolean hasG;
    final Structure struct;
    final int levels;
    final int nTau;
    final int nRho;

    final int nb;
    final int[][] rows;
    private final double[][] vb;
    private final int[][][] sCode;
    private final int[][] inner;
    private final int[][] outer;
    private final double[][] xb;
    private final double[][] yb;
    private final double logDetXX;
    /** the block of each row and its position in the block */
    final int[] blockOfRow;
    final int[] posOfRow;

    // workspace
    private final double[][] lb;
    private final double[][] xt;
    private final double[][] yt;
    private final double[] minv;
    private final double[] wx;
    private final double[] tmp;
    private final double[] a;
    private final double[] xtx;
    private final double[] xty;
    private final double[] cl;
    private final double[] cinv;
    final double[] beta;
    private final double[] g;
    private final double[] dg;
    private final double[] sAcc;
    private final double[] sigmaAcc;

    // results of the last evaluation
    double llMl;
    double llReml;
    double logDetM;
    double rss;

    Kernel(MultilevelModel m) {
        this.k = m.k();
        this.p = m.design().p();
        RandomTerm.Correlated ct = m.correlatedTerm();
        this.nSigma = m.interceptTerms().size();
        this.hasG = ct != null;
        this.struct = hasG ? ct.struct() : null;
        this.levels = hasG ? ct.levels() : 0;
        this.nTau = hasG ? struct.tau2Count(levels) : 0;
        this.nRho = hasG ? struct.rhoCount(levels) : 0;
        SamplingCovariance v = m.samplingCovariance();
        // blocks: union-find over rows
        int[] parent = new int[k];
        for (int i = 0; i < k; i++) {
            parent[i] = i;
        }
        for (int c = 0; c < v.clusters(); c++) {
            int[] r = v.rowsShared(c);
            for (int i = 1; i < r.length; i++) {
                union(parent, r[0], r[i]);
            }
        }
        for (RandomTerm.Intercept t : m.interceptTerms()) {
            link(parent, t.level(), t.levels());
        }
        if (hasG) {
            link(parent, ct.outerLevel(), ct.outerLevels());
        }
        int[] blockOf = new int[k];
        Arrays.fill(blockOf, -1);
        int[] count = new int[k];
        int nBlocks = 0;
        int[] rootBlock = new int[k];
        Arrays.fill(rootBlock, -1);
        for (int i = 0; i < k; i++) {
            int root = find(parent, i);
            if (rootBlock[root] < 0) {
                rootBlock[root] = nBlocks++;
            }
            blockOf[i] = rootBlock[root];
            count[blockOf[i]]++;
        }
        this.nb = nBlocks;
        rows = new int[nb][];
        for (int b = 0; b < nb; b++) {
            rows[b] = new int[count[b]];
        }
        int[] pos = new int[nb];
        int[] posInBlock = new int[k];
        for (int i = 0; i < k; i++) {
            int b = blockOf[i];
            posInBlock[i] = pos[b];
            rows[b][pos[b]++] = i;
        }
        blockOfRow = blockOf;
        posOfRow = posInBlock;
        vb = new double[nb][];
        for (int b = 0; b < nb; b++) {
            vb[b] = new double[rows[b].length * rows[b].length];
        }
        for (int c = 0; c < v.clusters(); c++) {
            int[] r = v.rowsShared(c);
            double[] blk = v.blockShared(c);
            int n = r.length;
            int b = blockOf[r[0]];
            int nbRows = rows[b].length;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    vb[b][posInBlock[r[i]] * nbRows + posInBlock[r[j]]] = blk[i * n + j];
                }
            }
        }
        sCode = new int[nSigma][nb][];
        for (int s = 0; s < nSigma; s++) {
            int[] code = m.interceptTerms().get(s).level();
            for (int b = 0; b < nb; b++) {
                int[] r = rows[b];
                int[] cc = new int[r.length];
                for (int i = 0; i < r.length; i++) {
                    cc[i] = code[r[i]];
                }
                sCode[s][b] = cc;
            }
        }
        inner = new int[nb][];
        outer = new int[nb][];
        if (hasG) {
            for (int b = 0; b < nb; b++) {
                int[] r = rows[b];
                inner[b] = new int[r.length];
                outer[b] = new int[r.length];
                for (int i = 0; i < r.length; i++) {
                    inner[b][i] = ct.innerLevel()[r[i]];
                    outer[b][i] = ct.outerLevel()[r[i]];
                }
            }
        }
        xb = new double[nb][];
        yb = new double[nb][];
        double[] y = m.yShared();
        int maxN = 0;
        for (int b = 0; b < nb; b++) {
            int[] r = rows[b];
            maxN = Math.max(maxN, r.length);
            xb[b] = new double[r.length * p];
            yb[b] = new double[r.length];
            for (int i = 0; i < r.length; i++) {
                yb[b][i] = y[r[i]];
                for (int j = 0; j < p; j++) {
                    xb[b][i * p + j] = m.design().get(r[i], j);
                }
            }
        }
        lb = new double[nb][];
        xt = new double[nb][];
        yt = new double[nb][];
        for (int b = 0; b < nb; b++) {
            int n = rows[b].length;
            lb[b] = new double[n * n];
            xt[b] = new double[n * p];
            yt[b] = new double[n];
        }
        minv = new double[maxN * maxN];
        wx = new double[maxN * p];
        tmp = new double[maxN * p];
        a = new double[maxN];
        xtx = new double[p * p];
        xty = new double[p];
        cl = new double[p * p];
        cinv = new double[p * p];
        beta = new double[p];
        g = new double[Math.max(1, levels * levels)];
        dg = new double[Math.max(1, levels * levels)];
        sAcc = new double[Math.max(1, levels * levels)];
        sigmaAcc = new double[nSigma];
        // log|X'X|
        double[] xx = new double[p * p];
        for (int i = 0; i < k; i++) {
            for (int c = 0; c < p; c++) {
                double xc = m.design().get(i, c);
                for (int d = 0; d <= c; d++) {
                    xx[c * p + d] += xc * m.design().get(i, d);
                }
            }
        }
        double[] lxx = new double[p * p];
        logDetXX = cholesky(xx, lxx, p) ? logDet(lxx, p) : Double.NaN;
    }

    private static void link(int[] parent, int[] code, int levels) {
        int[] first = new int[levels];
        Arrays.fill(first, -1);
        for (int i = 0; i < code.length; i++) {
            if (first[code[i]] < 0) {
                first[code[i]] = i;
            } else {
                union(parent, first[code[i]], i);
            }
        }
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int i, int j) {
        int a = find(parent, i);
        int b = find(parent, j);
        if (a != b) {
            parent[Math.max(a, b)] = Math.min(a, b);
        }
    }

    /** @return the number of parameters (sigma2, tau2, rho) */
    int parameters() {
        return nSigma + nTau + nRho;
    }

    /**
     * In-place-capable Cholesky of the lower triangle of a (row-major n x n) into l (lower; the upper triangle of
     * l is not touched).
     *
     * @return false if not positive definite
     */
    static boolean cholesky(double[] a, double[] l, int n) {
        return org.metaj.stats.Cholesky.factor(a, l, n);
    }

    static double logDet(double[] l, int n) {
        double s = 0;
        for (int j = 0; j < n; j++) {
            s += Math.log(l[j * n + j]);
        }
        return 2 * s;
    }

    /** Solves L z = b in place (b has m columns, row-major n x m). */
    static void forward(double[] l, int n, double[] b, int m) {
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < m; c++) {
                double s = b[i * m + c];
                for (int j = 0; j < i; j++) {
                    s -= l[i * n + j] * b[j * m + c];
                }
                b[i * m + c] = s / l[i * n + i];
            }
        }
    }

    /** Solves L' z = b in place (b has m columns, row-major n x m). */
    static void backward(double[] l, int n, double[] b, int m) {
        for (int i = n - 1; i >= 0; i--) {
            for (int c = 0; c < m; c++) {
                double s = b[i * m + c];
                for (int j = i + 1; j < n; j++) {
                    s -= l[j * n + i] * b[j * m + c];
                }
                b[i * m + c] = s / l[i * n + i];
            }
        }
    }

    /** Fills the lower triangle of the block's M. */
    private void fillM(int b, double[] sigma2, double[] out) {
        int n = rows[b].length;
        double[] v = vb[b];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double m = v[i * n + j];
                for (int s = 0; s < nSigma; s++) {
                    if (sCode[s][b][i] == sCode[s][b][j]) {
                        m += sigma2[s];
                    }
                }
                if (hasG && outer[b][i] == outer[b][j]) {
                    m += g[inner[b][i] * levels + inner[b][j]];
                }
                out[i * n + j] = m;
            }
        }
    }

    /**
     * Evaluates the log-likelihood at natural parameter values.
     *
     * @param sigma2 the sigma2 values (not modified)
     * @param tau2   the tau2 values (not modified)
     * @param rho    the rho values (not modified)
     * @param reml   REML (else ML)
     * @param grad   out: the gradient of the log-likelihood with respect to the transformed parameters (log
     *               sigma2, log tau2, atanh rho), length {@link #parameters()}; or {@code null} (modified)
     * @return the log-likelihood, {@code -Infinity} if M is not positive definite
     */
    double evaluate(double[] sigma2, double[] tau2, double[] rho, boolean reml, double[] grad) {
        if (hasG) {
            struct.fill(tau2, rho, levels, g);
        }
        Arrays.fill(xtx, 0);
        Arrays.fill(xty, 0);
        double ld = 0;
        for (int b = 0; b < nb; b++) {
            int n = rows[b].length;
            double[] l = lb[b];
            fillM(b, sigma2, l);
            if (!cholesky(l, l, n)) {
                return Double.NEGATIVE_INFINITY;
            }
            ld += logDet(l, n);
            double[] x = xt[b];
            System.arraycopy(xb[b], 0, x, 0, n * p);
            forward(l, n, x, p);
            double[] yy = yt[b];
            System.arraycopy(yb[b], 0, yy, 0, n);
            forward(l, n, yy, 1);
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < p; c++) {
                    double xc = x[i * p + c];
                    xty[c] += xc * yy[i];
                    for (int d = 0; d <= c; d++) {
                        xtx[c * p + d] += xc * x[i * p + d];
                    }
                }
            }
        }
        if (!cholesky(xtx, cl, p)) {
            return Double.NEGATIVE_INFINITY;
        }
        double ldXWX = logDet(cl, p);
        System.arraycopy(xty, 0, beta, 0, p);
        forward(cl, p, beta, 1);
        backward(cl, p, beta, 1);
        // C = (X'WX)^-1
        for (int c = 0; c < p; c++) {
            for (int d = 0; d < p; d++) {
                cinv[c * p + d] = c == d ? 1 : 0;
            }
        }
        forward(cl, p, cinv, p);
        backward(cl, p, cinv, p);
        double q = 0;
        for (int b = 0; b < nb; b++) {
            int n = rows[b].length;
            double[] x = xt[b];
            double[] yy = yt[b];
            for (int i = 0; i < n; i++) {
                double r = yy[i];
                for (int c = 0; c < p; c++) {
                    r -= x[i * p + c] * beta[c];
                }
                q += r * r;
            }
        }
        rss = q;
        logDetM = ld;
        llMl = -0.5 * k * LOG_2PI - 0.5 * ld - 0.5 * q;
        llReml = -0.5 * (k - p) * LOG_2PI + 0.5 * logDetXX - 0.5 * ld - 0.5 * ldXWX - 0.5 * q;
        if (grad != null) {
            gradient(sigma2, tau2, rho, reml, grad);
        }
        return reml ? llReml : llMl;
    }

    private void gradient(double[] sigma2, double[] tau2, double[] rho, boolean reml, double[] grad) {
        Arrays.fill(sigmaAcc, 0);
        Arrays.fill(sAcc, 0);
        for (int b = 0; b < nb; b++) {
            int n = rows[b].length;
            double[] l = lb[b];
            blockInverse(b, n);
            // a = M^-1 r = L^-T (L^-1 y - L^-1 X beta)
            for (int i = 0; i < n; i++) {
                double r = yt[b][i];
                for (int c = 0; c < p; c++) {
                    r -= xt[b][i * p + c] * beta[c];
                }
                a[i] = r;
            }
            backward(l, n, a, 1);
            if (reml) {
                System.arraycopy(xt[b], 0, wx, 0, n * p);
                backward(l, n, wx, p);
                for (int i = 0; i < n; i++) {
                    for (int c = 0; c < p; c++) {
                        double s = 0;
                        for (int d = 0; d < p; d++) {
                            s += wx[i * p + d] * cinv[d * p + c];
                        }
                        tmp[i * p + c] = s;
                    }
                }
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double pij = minv[i * n + j];
                    if (reml) {
                        double s = 0;
                        for (int c = 0; c < p; c++) {
                            s += tmp[i * p + c] * wx[j * p + c];
                        }
                        pij -= s;
                    }
                    double t = a[i] * a[j] - pij;
                    for (int s = 0; s < nSigma; s++) {
                        if (sCode[s][b][i] == sCode[s][b][j]) {
                            sigmaAcc[s] += t;
                        }
                    }
                    if (hasG && outer[b][i] == outer[b][j]) {
                        sAcc[inner[b][i] * levels + inner[b][j]] += t;
                    }
                }
            }
        }
        for (int s = 0; s < nSigma; s++) {
            grad[s] = 0.5 * sigmaAcc[s] * sigma2[s];
        }
        for (int q = 0; q < nTau + nRho; q++) {
            struct.derivative(tau2, rho, levels, q, dg);
            double s = 0;
            for (int ab = 0; ab < levels * levels; ab++) {
                s += dg[ab] * sAcc[ab];
            }
            grad[nSigma + q] = 0.5 * s;
        }
    }

    /**
     * @return after an evaluation with a gradient: {@code S} (L x L, row-major; shared, do not modify) with
     *         {@code dll/dG_ab = S_ab / 2} for G's entries taken one by one
     */
    double[] gScore() {
        return sAcc;
    }

    /** minv = M_b^-1 from the block's Cholesky factor. */
    private void blockInverse(int b, int n) {
        double[] l = lb[b];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                minv[i * n + j] = i == j ? 1 : 0;
            }
        }
        forward(l, n, minv, n);
        backward(l, n, minv, n);
    }

    /** @return a copy of (X'M^-1X)^-1 from the last evaluation */
    double[] vb() {
        return cinv.clone();
    }

    /**
     * Per-row quantities at the last evaluation: {@code wxOut} = M^-1 X (row-major k x p) and {@code residOut} =
     * y - X beta.
     */
    void rowQuantities(double[] wxOut, double[] residOut) {
        for (int b = 0; b < nb; b++) {
            int n = rows[b].length;
            System.arraycopy(xt[b], 0, wx, 0, n * p);
            backward(lb[b], n, wx, p);
            for (int i = 0; i < n; i++) {
                int row = rows[b][i];
                System.arraycopy(wx, i * p, wxOut, row * p, p);
                double r = yb[b][i];
                for (int c = 0; c < p; c++) {
                    r -= xb[b][i * p + c] * beta[c];
                }
                residOut[row] = r;
            }
        }
    }

    /**
     * @return the marginal covariance M of rows {@code ra} and {@code rb} (model row indices) at the parameters of
     *         the last evaluation (0 for rows of different blocks)
     */
    double marginal(int ra, int rb, double[] sigma2) {
        int b = blockOfRow[ra];
        if (blockOfRow[rb] != b) {
            return 0;
        }
        int i = Math.max(posOfRow[ra], posOfRow[rb]);
        int j = Math.min(posOfRow[ra], posOfRow[rb]);
        return covariance(b, i, j, sigma2);
    }

    /**
     * The marginal covariance of rows i and j at these parameters (0 for rows of different blocks): for robust
     * inference, which needs M on clusters of its own.
     */
    double covariance(int bi, int i, int j, double[] sigma2) {
        int n = rows[bi].length;
        double m = vb[bi][i * n + j];
        for (int s = 0; s < nSigma; s++) {
            if (sCode[s][bi][i] == sCode[s][bi][j]) {
                m += sigma2[s];
            }
        }
        if (hasG && outer[bi][i] == outer[bi][j]) {
            m += g[inner[bi][i] * levels + inner[bi][j]];
        }
        return m;
    }
}
