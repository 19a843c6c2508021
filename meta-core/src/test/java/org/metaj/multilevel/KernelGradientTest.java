package org.metaj.multilevel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.metaj.regression.DesignMatrix;

/**
 * The kernel's analytic gradient of the (restricted) log-likelihood agrees with central differences of the
 * log-likelihood itself, for every structure and both methods, on a model with a random intercept, a correlated
 * term and correlated sampling errors; and a fixed correlation stays where it was put.
 */
class KernelGradientTest {

    static MultilevelModel model(Structure s, double[] fixedRho) {
        Random r = new Random(7);
        int studies = 12;
        int levels = 3;
        int k = studies * levels - 4; // a few studies miss a level
        int[] outer = new int[k];
        int[] inner = new int[k];
        int[] site = new int[k];
        double[] y = new double[k];
        double[] x = new double[k * 2];
        int i = 0;
        for (int st = 0; st < studies && i < k; st++) {
            for (int l = 0; l < levels && i < k; l++) {
                if (st < 4 && l == 2) {
                    continue;
                }
                outer[i] = st;
                inner[i] = l;
                site[i] = st / 3;
                y[i] = 0.2 * l + r.nextGaussian() * 0.4;
                x[i * 2] = 1;
                x[i * 2 + 1] = r.nextDouble();
                i++;
            }
        }
        int[][] rows = new int[studies][];
        double[][] blocks = new double[studies][];
        String[] names = new String[studies];
        int start = 0;
        for (int st = 0; st < studies; st++) {
            int n = 0;
            while (start + n < k && outer[start + n] == st) {
                n++;
            }
            rows[st] = new int[n];
            blocks[st] = new double[n * n];
            for (int a = 0; a < n; a++) {
                rows[st][a] = start + a;
                for (int b = 0; b < n; b++) {
                    blocks[st][a * n + b] = (a == b ? 1 : 0.3) * 0.05;
                }
            }
            names[st] = Integer.toString(st);
            start += n;
        }
        SamplingCovariance v = SamplingCovariance.of(k, rows, blocks, names);
        RandomTerm.Correlated c = new RandomTerm.Correlated("l", "study", s, List.of("a", "b", "c"), inner, outer,
                studies, fixedRho);
        return MultilevelModel.of(DesignMatrix.of(new String[] {"intrcpt", "x"}, x, k, true), y, v,
                List.of(new RandomTerm.Intercept("site", site, 4), c));
    }

    @ParameterizedTest
    @EnumSource(Structure.class)
    void gradientMatchesDifferences(Structure s) {
        MultilevelModel m = model(s, null);
        Kernel kern = new Kernel(m);
        int nt = kern.nTau;
        int nr = kern.nRho;
        double[] th = new double[1 + nt + nr];
        th[0] = Math.log(0.02);
        for (int j = 0; j < nt; j++) {
            th[1 + j] = Math.log(0.05 + 0.02 * j);
        }
        for (int j = 0; j < nr; j++) {
            th[1 + nt + j] = 0.3 + 0.1 * j;
        }
        for (boolean reml : new boolean[] {true, false}) {
            double[] g = new double[th.length];
            ll(kern, th, nt, nr, reml, g);
            for (int j = 0; j < th.length; j++) {
                double h = 1e-5;
                double[] tp = th.clone();
                double[] tm = th.clone();
                tp[j] += h;
                tm[j] -= h;
                double fd = (ll(kern, tp, nt, nr, reml, null) - ll(kern, tm, nt, nr, reml, null)) / (2 * h);
                assertEquals(fd, g[j], 1e-6 * Math.max(1, Math.abs(fd)), s + " reml=" + reml + " parameter " + j);
            }
        }
    }

    static double ll(Kernel k, double[] th, int nt, int nr, boolean reml, double[] g) {
        double[] s2 = {Math.exp(th[0])};
        double[] t = new double[nt];
        double[] r = new double[nr];
        for (int j = 0; j < nt; j++) {
            t[j] = Math.exp(th[1 + j]);
        }
        for (int j = 0; j < nr; j++) {
            r[j] = Math.tanh(th[1 + nt + j]);
        }
        return k.evaluate(s2, t, r, reml, g);
    }

    @ParameterizedTest
    @EnumSource(value = Structure.class, names = {"CS", "HCS", "AR"})
    void fixedCorrelationIsKept(Structure s) {
        MultilevelFit f = model(s, new double[] {0.5}).fit(MultilevelControl.withDefaults());
        assertEquals(0.5, f.rho()[0], 0.0);
        assertTrue(f.converged());
        // one parameter fewer than with rho estimated: p (2) + sigma2 + tau2s
        assertEquals(2 + 1 + s.tau2Count(3), f.parameters());
    }
}
