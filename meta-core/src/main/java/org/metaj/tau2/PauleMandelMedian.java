package org.metaj.tau2;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.metaj.kernel.FitWorkspace;

/**
 * Median-unbiased Paule-Mandel estimator (Viechtbauer 2021, in metafor; the "PMM" of Bowden et al. 2011,
 * BMC Med Res Methodol 11:41): the root of {@code Q(tau^2) = } the median of the chi-square distribution with
 * {@code k - p} degrees of freedom, or 0 when {@code Q(0)} is below that median. Matches metafor
 * {@code rma(method = "PMM")}.
 */
public final class PauleMandelMedian implements Tau2Estimator {
    /** The instance. */
    public static final PauleMandelMedian INSTANCE = new PauleMandelMedian();

    private PauleMandelMedian() {
    }

    @Override
    public double estimate(FitWorkspace ws) {
        double median = new ChiSquaredDistribution(null, ws.k() - ws.p()).inverseCumulativeProbability(0.5);
        return PauleMandel.solve(ws, median);
    }

    @Override
    public String name() {
        return "PMM";
    }

    @Override
    public boolean iterative() {
        return true;
    }
}
