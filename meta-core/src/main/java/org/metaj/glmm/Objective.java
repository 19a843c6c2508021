package org.metaj.glmm;

/** A smooth function of a parameter vector, to be minimised. */
@FunctionalInterface
interface Objective {
    /** @param x not modified; @return the value (NaN or +infinity where undefined) */
    double value(double[] x);
}
