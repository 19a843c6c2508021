package org.metaj.glmm;

/** Package access for the kernel tests. */
final class GlmmTestAccess {
    private GlmmTestAccess() {
    }

    static CountRows nchgRows(CountStudies s) {
        return Glmm.nchgRows(s);
    }
}
