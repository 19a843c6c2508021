package org.metaj.bench;

import java.util.concurrent.TimeUnit;

import org.metaj.data.StudyData;
import org.metaj.kernel.FitKernel;
import org.metaj.kernel.FitWorkspace;
import org.metaj.kernel.KernelFit;
import org.metaj.tau2.RestrictedMaximumLikelihood;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Exact permutation test throughput, written directly on the kernel: each operation advances the moderator rows
 * to the next permutation in lexicographic order (Knuth, TAOCP 4A, Algorithm L) and refits the REML
 * meta-regression {@code y ~ 1 + x} (BCG log risk ratios on absolute latitude, k = 13, or simulated data for
 * other k), returning the test statistic {@code z^2 = b1^2 / var(b1)} that an exact permutation p-value counts.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class PermutationBenchmark {
    @Param({"13"})
    public int k;

    double[] y;
    double[] v;
    double[] moderator;
    int[] perm;
    FitWorkspace ws;
    KernelFit out;

    @Setup
    public void setup() {
        if (k == 13) {
            StudyData d = BenchData.bcg();
            y = d.yi();
            v = d.vi();
            moderator = BenchData.bcgLatitude();
        } else {
            StudyData d = BenchData.simulated(k, 77L + k);
            y = d.yi();
            v = d.vi();
            moderator = new double[k];
            for (int i = 0; i < k; i++) {
                moderator[i] = i;
            }
        }
        perm = new int[k];
        for (int i = 0; i < k; i++) {
            perm[i] = i;
        }
        ws = new FitWorkspace(k, 2);
        ws.newtonSteps = true; // a resampling loop: the same REML root in fewer iterations (as the bootstrap)
        out = new KernelFit(2);
        // y and v stay in place; only the moderator column is permuted
        System.arraycopy(y, 0, ws.y, 0, k);
        System.arraycopy(v, 0, ws.v, 0, k);
    }

    @Benchmark
    public double nextPermutation() {
        nextLexicographic(perm);
        final double[] x = ws.x;
        for (int i = 0; i < k; i++) {
            x[2 * i] = 1.0;
            x[2 * i + 1] = moderator[perm[i]];
        }
        ws.setSize(k, 2);
        FitKernel.fit(ws, RestrictedMaximumLikelihood.INSTANCE, false, false, out);
        return out.beta[1] * out.beta[1] / out.vb[3];
    }

    /** Algorithm L; after the last permutation it wraps round to the first. */
    static void nextLexicographic(int[] a) {
        int j = a.length - 2;
        while (j >= 0 && a[j] >= a[j + 1]) {
            j--;
        }
        if (j < 0) {
            reverse(a, 0, a.length - 1);
            return;
        }
        int l = a.length - 1;
        while (a[j] >= a[l]) {
            l--;
        }
        int t = a[j];
        a[j] = a[l];
        a[l] = t;
        reverse(a, j + 1, a.length - 1);
    }

    private static void reverse(int[] a, int i, int j) {
        while (i < j) {
            int t = a[i];
            a[i++] = a[j];
            a[j--] = t;
        }
    }
}
