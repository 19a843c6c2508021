package org.metaj.tau2;

import org.metaj.kernel.FitWorkspace;

/** The common-effect (fixed-effect) model: {@code tau^2 = 0} by assumption. */
public final class CommonEffect implements Tau2Estimator {
    /** The instance. */
    public static final CommonEffect INSTANCE = new CommonEffect();

    private CommonEffect() {
    }

    @Override
    public double estimate(FitWorkspace ws) {
        ws.iterations = 0;
        ws.converged = true;
        return 0.0;
    }

    @Override
    public boolean commonEffect() {
        return true;
    }

    @Override
    public String name() {
        return "FE";
    }

    @Override
    public boolean iterative() {
        return false;
    }
}
