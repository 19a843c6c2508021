package org.metaj.network;

/**
 * The decomposition of the network's heterogeneity statistic (Krahn, Binder &amp; König 2013, BMC Med Res Methodol
 * 13:35): the common-effect model's residual {@code Q} splits into {@code Q_het}, the sum over designs (a design is
 * the set of treatments of a study) of the residual Q of a common-effect model fitted within that design alone, and
 * {@code Q_inc = Q - Q_het}, the inconsistency between designs. Within a design every study has the same contrasts,
 * so the design's model has one parameter per contrast: with {@code W_s = V_s^-1},
 * {@code Q_design = sum y_s' W_s y_s - u' M^-1 u}, {@code M = sum W_s}, {@code u = sum W_s y_s}, on
 * {@code (n_s - 1)(m - 1)} degrees of freedom for {@code n_s} studies of {@code m} arms. A design with one study adds
 * nothing.
 */
final class QDecomposition {
    private QDecomposition() {
    }

    /** @return {Q_het, df} */
    static double[] withinDesigns(Contrasts c) {
        int designs = c.designs().size();
        double q = 0;
        int df = 0;
        for (int g = 0; g < designs; g++) {
            int count = 0;
            int dim = 0;
            for (int s = 0; s < c.studyCount(); s++) {
                if (c.design(s) == g) {
                    count++;
                    dim = c.yView(s).length;
                }
            }
            if (count < 2) {
                continue;
            }
            double[] m = new double[dim * dim];
            double[] u = new double[dim];
            double[] work = new double[dim * dim];
            double yWy = 0;
            for (int s = 0; s < c.studyCount(); s++) {
                if (c.design(s) != g) {
                    continue;
                }
                double[] w = c.vView(s).clone();
                Spd.invert(w, dim, work);
                double[] y = c.yView(s);
                for (int i = 0; i < dim; i++) {
                    double wy = 0;
                    for (int j = 0; j < dim; j++) {
                        wy += w[i * dim + j] * y[j];
                        m[i * dim + j] += w[i * dim + j];
                    }
                    u[i] += wy;
                    yWy += y[i] * wy;
                }
            }
            Spd.invert(m, dim, work);
            double uMu = 0;
            for (int i = 0; i < dim; i++) {
                for (int j = 0; j < dim; j++) {
                    uMu += u[i] * m[i * dim + j] * u[j];
                }
            }
            q += yWy - uMu;
            df += (count - 1) * dim;
        }
        return new double[] {q, df};
    }
}
