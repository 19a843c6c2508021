package org.metaj.resample;

import org.metaj.kernel.KernelFit;
import org.metaj.model.MetaResult;

/**
 * The figures of an intercept-only fit that the resampling methods summarise.
 */
public enum Statistic {
    /** the pooled estimate {@code mu} (first coefficient). */
    ESTIMATE("estimate"),
    /** the between-study variance {@code tau^2}. */
    TAU2("tau2"),
    /** {@code tau = sqrt(tau^2)}. */
    TAU("tau"),
    /** {@code I^2} in percent. */
    I2("I2"),
    /** {@code H^2}. */
    H2("H2");

    private final String key;

    Statistic(String key) {
        this.key = key;
    }

    /** @return the contract key (JSON name), e.g. "tau2" */
    public String key() {
        return key;
    }

    /** @return the value of this statistic in a kernel fit */
    double of(KernelFit f) {
        switch (this) {
            case ESTIMATE:
                return f.beta[0];
            case TAU2:
                return f.tau2;
            case TAU:
                return Math.sqrt(f.tau2);
            case I2:
                return f.i2;
            default:
                return f.h2;
        }
    }

    /** @return the value of this statistic in a fitted result */
    double of(MetaResult r) {
        switch (this) {
            case ESTIMATE:
                return r.estimate();
            case TAU2:
                return r.tau2();
            case TAU:
                return r.tau();
            case I2:
                return r.i2();
            default:
                return r.h2();
        }
    }
}
