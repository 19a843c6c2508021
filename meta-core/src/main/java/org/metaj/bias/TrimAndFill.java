package org.metaj.bias;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.metaj.data.StudyColumns;
import org.metaj.data.StudyData;
import org.metaj.kernel.FitWorkspace;
import org.metaj.kernel.KernelFit;
import org.metaj.model.MetaResult;
import org.metaj.model.Method;
import org.metaj.stats.Probabilities;
import org.metaj.fit.FitControl;
import org.metaj.fit.FitSpec;
import org.metaj.fit.OnNonConvergence;
import org.metaj.fit.Refitter;

/**
 * Trim and fill (Duval &amp; Tweedie 2000, Biometrics 56:455; J Am Stat Assoc 95:89), as metafor's
 * {@code trimfill()}.
 *
 * <p>Side: unless given, the missing studies are sought on the left when the slope of the mixed-effects
 * meta-regression of the effects on their standard errors (the model's tau^2 estimator) is {@code >= 0}, and on the
 * right when it is negative (the side on which small studies are sparse). For the right side the effects are
 * mirrored ({@code y -> -y}) and the algorithm below is run for the left side.
 *
 * <p>Algorithm, effects sorted increasingly: starting from {@code k0 = 0}, fit the model (same tau^2 estimator)
 * to the {@code k - k0} smallest effects, giving {@code b}; rank {@code |y_i - b|} over all k studies (ties in sorted
 * order) and give each rank the sign of {@code y_i - b}; then
 * <ul>
 * <li>L0: {@code k0 = (4 S_r - k(k+1)) / (2k - 1)}, {@code S_r} the sum of the positive signed ranks, with
 * {@code var S_r} from Duval &amp; Tweedie (2000, eq. 6) for its standard error;</li>
 * <li>R0: {@code k0 = k - r* - 1}, {@code r*} the largest absolute rank among the negative deviations (0 if none),
 * {@code se = sqrt(2 max(0, k0) + 2)};</li>
 * </ul>
 * {@code k0} rounded to the nearest integer (ties to even) and floored at 0; repeat until k0 no longer changes.
 * The k0 largest effects are then mirrored about the last {@code b} ({@code 2b - y_i}, same variances), and the
 * model refitted to the k + k0 studies with the original method (and metafor's defaults for the rest: z test,
 * 95% level). When k0 = 0 the original model is the result. Inverse-variance methods only. By default the
 * internal fits use metafor's default convergence settings ({@link Control#METAFOR}); PM and PMM use the
 * library's root finder either way (metafor's {@code uniroot} default tolerance, about 1.2e-4, is not
 * reproduced).
 *
 * <p>Immutable configuration; {@link #fit(MetaResult)} returns an immutable {@link Result}.
 */
public final class TrimAndFill {
    /** Estimators of the number of missing studies. */
    public enum Estimator {
        /** the linear estimator L0. */
        L0,
        /** the run estimator R0. */
        R0
    }

    /** The side of the funnel on which studies are missing. */
    public enum Side {
        /** left (smaller effects missing). */
        LEFT,
        /** right (larger effects missing). */
        RIGHT;

        /** @return "left" or "right" */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Convergence settings of the internal fits. */
    public enum Control {
        /**
         * metafor's: {@code trimfill()} refits with {@code rma.uni()}'s default control (for ML, REML and EB:
         * Fisher scoring from the HE estimate, absolute change below 1e-5, {@link FitControl#metaforDefaults()}),
         * whatever control the model was fitted with. Reproduces its figures; the default.
         */
        METAFOR,
        /** the library's own, tightly converged estimators. */
        LIBRARY
    }

    private static final TrimAndFill DEFAULTS = new TrimAndFill(Estimator.L0, null, 100, Control.METAFOR);

    private final Estimator estimator;
    private final Side side;
    private final int maxIterations;
    private final Control control;

    private TrimAndFill(Estimator estimator, Side side, int maxIterations, Control control) {
        this.estimator = estimator;
        this.side = side;
        this.maxIterations = maxIterations;
        this.control = control;
    }

    /** @return L0, side chosen automatically, at most 100 iterations (metafor's defaults) */
    public static TrimAndFill withDefaults() {
        return DEFAULTS;
    }

    /** @return a copy with the estimator */
    public TrimAndFill with(Estimator e) {
        return new TrimAndFill(e, side, maxIterations, control);
    }

    /** @param s the side, or {@code null} to choose it from the data @return a copy with the side */
    public TrimAndFill with(Side s) {
        return new TrimAndFill(estimator, s, maxIterations, control);
    }

    /** @param n iteration limit, >= 1 @return a copy with the limit */
    public TrimAndFill withMaxIterations(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("the iteration limit must be >= 1, got " + n);
        }
        return new TrimAndFill(estimator, side, n, control);
    }

    /** @return a copy with the convergence settings of the internal fits */
    public TrimAndFill with(Control c) {
        return new TrimAndFill(estimator, side, maxIterations, c);
    }

    /**
     * @param model a fitted inverse-variance model with k >= 2
     * @return the trim-and-fill result
     * @throws IllegalArgumentException for Mantel-Haenszel or Peto models, k &lt; 2, or no convergence
     */
    public Result fit(MetaResult model) {
        Method method = model.method();
        if (method == Method.MH || method == Method.PETO) {
            throw new IllegalArgumentException("trim and fill needs an inverse-variance model, got method "
                    + method.label());
        }
        StudyData d = model.data();
        int k = d.k();
        if (k < 2) {
            throw new IllegalArgumentException("trim and fill needs at least 2 studies, got k = " + k);
        }
        // the internal fits: the model's method; metafor's default control (trimfill() does not pass the model's)
        // or the model's own; z test and 95% level for the fit with the filled studies (trimfill()'s defaults)
        FitSpec own = model.spec().fitSpec();
        FitSpec est = own.with(switch (control) {
            case METAFOR -> FitControl.metaforDefaults();
            case LIBRARY -> own.control();
        }).withKnha(false).withLevel(0.95).with(OnNonConvergence.REPORT);
        double[] y0 = d.yi();
        double[] v0 = d.vi();
        Side s = side != null ? side : chooseSide(y0, v0, est);
        double sign = s == Side.RIGHT ? -1 : 1;
        Integer[] ord = new Integer[k];
        for (int i = 0; i < k; i++) {
            ord[i] = i;
        }
        Arrays.sort(ord, (a, b) -> Double.compare(sign * y0[a], sign * y0[b])); // stable
        double[] y = new double[k];
        double[] v = new double[k];
        for (int i = 0; i < k; i++) {
            y[i] = sign * y0[ord[i]];
            v[i] = v0[ord[i]];
        }
        Refitter trimmed = new Refitter(est, Double.NaN, k, 1);
        FitWorkspace ws = trimmed.workspace();
        double[] dev = new double[k];
        Integer[] byAbs = new Integer[k];
        int k0 = 0;
        int k0Prev = -1;
        int iter = 0;
        double beta = Double.NaN;
        double seK0 = Double.NaN;
        while (k0 != k0Prev) {
            k0Prev = k0;
            if (++iter > maxIterations) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "trim and fill did not converge in %d iterations", maxIterations));
            }
            int kt = k - k0;
            if (kt < 1) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "trim and fill estimated %d missing studies for k = %d: no studies left to fit", k0, k));
            }
            ws.load(y, v, kt);
            if (!trimmed.fit(kt, 1, "in trim and fill")) {
                throw new IllegalArgumentException("trim and fill: the model of the trimmed data (k = " + kt
                        + ") could not be fitted");
            }
            beta = trimmed.estimate;
            for (int i = 0; i < k; i++) {
                dev[i] = y[i] - beta;
                byAbs[i] = i;
            }
            Arrays.sort(byAbs, (a, b) -> Double.compare(Math.abs(dev[a]), Math.abs(dev[b]))); // ties: first
            double k0Raw;
            if (estimator == Estimator.L0) {
                double sr = 0;
                for (int r = 0; r < k; r++) {
                    if (dev[byAbs[r]] > 0) {
                        sr += r + 1;
                    }
                }
                k0Raw = (4 * sr - (double) k * (k + 1)) / (2 * k - 1);
                double varSr = (k * (k + 1.0) * (2 * k + 1) + 10 * Math.pow(k0Raw, 3) + 27 * k0Raw * k0Raw
                        + 17 * k0Raw - 18 * k * k0Raw * k0Raw - 18 * k * k0Raw + 6.0 * k * k * k0Raw) / 24;
                seK0 = 4 * Math.sqrt(varSr) / (2 * k - 1);
            } else {
                int maxNeg = 0;
                for (int r = 0; r < k; r++) {
                    if (dev[byAbs[r]] < 0) {
                        maxNeg = r + 1;
                    }
                }
                k0Raw = k - maxNeg - 1;
                seK0 = Math.sqrt(2 * Math.max(0, k0Raw) + 2);
            }
            k0 = (int) Math.max(0, Math.rint(k0Raw));
            seK0 = Math.max(0, seK0);
        }
        if (k0 == 0) {
            return new Result(s, estimator, 0, seK0, model.data(), new double[0], new double[0], iter,
                    model.k(), model.estimate(), model.se(), model.pval(), model.ciLb(), model.ciUb(), model.tau2(),
                    model.q(), model.i2());
        }
        double[] fy = new double[k0];
        double[] fv = new double[k0];
        for (int j = 0; j < k0; j++) {
            int i = k - k0 + j;
            fy[j] = sign * (2 * beta - y[i]);
            fv[j] = v[i];
        }
        int kf = k + k0;
        double[] ya = Arrays.copyOf(y0, kf);
        double[] va = Arrays.copyOf(v0, kf);
        System.arraycopy(fy, 0, ya, k, k0);
        System.arraycopy(fv, 0, va, k, k0);
        String[] labels = Arrays.copyOf(d.labels(), kf);
        for (int j = 0; j < k0; j++) {
            labels[k + j] = "Filled " + (j + 1);
        }
        StudyColumns cols = StudyColumns.builder(kf).labels(labels).source(d.columns().source()).build();
        StudyData filled = StudyData.of(cols, ya, va, d.measure(), java.util.List.of());
        // the refit: the original method, z test, 95% level (metafor's defaults, as trimfill() refits)
        Refitter f = new Refitter(est, Double.NaN, kf, 1);
        f.workspace().load(ya, va, kf);
        if (!f.fit(kf, 1, "with the filled studies")) {
            throw new IllegalArgumentException("trim and fill: the model with the filled studies could not be fitted");
        }
        return new Result(s, estimator, k0, seK0, filled, fy, fv, iter, kf, f.estimate, f.se, f.pval, f.ciLb,
                f.ciUb, f.tau2, f.q, f.i2);
    }

    /** slope of the mixed-effects regression of y on sqrt(v): < 0 means studies missing on the right. */
    static Side chooseSide(double[] y, double[] v, FitSpec est) {
        if (y.length < 3) {
            // metafor stops too ("Number of parameters to be estimated is larger than the number of observations")
            throw new IllegalArgumentException(String.format(Locale.ROOT, "trim and fill with k = %d studies cannot "
                    + "estimate on which side studies are missing (that needs a regression of the effects on their "
                    + "standard errors, so k >= 3): give the side (left or right)", y.length));
        }
        double[] se = new double[y.length];
        for (int i = 0; i < se.length; i++) {
            se[i] = Math.sqrt(v[i]);
        }
        Regression r = Regression.rma(y, v, se, est);
        return r.beta[1] < 0 ? Side.RIGHT : Side.LEFT;
    }

    /** An immutable trim-and-fill result. */
    public static final class Result {
        private final Side side;
        private final Estimator estimator;
        private final int k0;
        private final double seK0;
        private final StudyData data;
        private final double[] filledYi;
        private final double[] filledVi;
        private final int iterations;
        private final int k;
        private final double estimate;
        private final double se;
        private final double pval;
        private final double ciLb;
        private final double ciUb;
        private final double tau2;
        private final double q;
        private final double i2;

        Result(Side side, Estimator estimator, int k0, double seK0, StudyData data, double[] fy, double[] fv,
                int iterations, int k, double estimate, double se, double pval, double ciLb, double ciUb,
                double tau2, double q, double i2) {
            this.side = side;
            this.estimator = estimator;
            this.k0 = k0;
            this.seK0 = seK0;
            this.data = data;
            this.filledYi = fy;
            this.filledVi = fv;
            this.iterations = iterations;
            this.k = k;
            this.estimate = estimate;
            this.se = se;
            this.pval = pval;
            this.ciLb = ciLb;
            this.ciUb = ciUb;
            this.tau2 = tau2;
            this.q = q;
            this.i2 = i2;
        }

        /** @return the side on which studies were sought */
        public Side side() {
            return side;
        }

        /** @return the estimated number of missing studies */
        public int k0() {
            return k0;
        }

        /** @return the standard error of k0 */
        public double seK0() {
            return seK0;
        }

        /** @return the observed plus the filled studies (labels "Filled 1", ...), to refit with any spec */
        public StudyData filledData() {
            return data;
        }

        /** @return effects of the filled (mirrored) studies */
        public double[] filledYi() {
            return filledYi.clone();
        }

        /** @return variances of the filled studies */
        public double[] filledVi() {
            return filledVi.clone();
        }

        /** @return iterations of the algorithm */
        public int iterations() {
            return iterations;
        }

        /** @return the pooled estimate with the filled studies */
        public double estimate() {
            return estimate;
        }

        /** @return its standard error */
        public double se() {
            return se;
        }

        /** @return lower confidence bound */
        public double ciLb() {
            return ciLb;
        }

        /** @return upper confidence bound */
        public double ciUb() {
            return ciUb;
        }

        /** @return tau^2 with the filled studies */
        public double tau2() {
            return tau2;
        }

        /** @return the figures {@code trimfill_k0 trimfill_side trimfill_estimate ...} */
        public Map<String, Object> figures() {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("trimfill_k0", k0);
            f.put("trimfill_se_k0", seK0);
            f.put("trimfill_side", side.label());
            f.put("trimfill_estimator", estimator.name());
            f.put("trimfill_k", k);
            f.put("trimfill_estimate", estimate);
            f.put("trimfill_se", se);
            f.put("trimfill_pval", pval);
            f.put("trimfill_ci_lb", ciLb);
            f.put("trimfill_ci_ub", ciUb);
            f.put("trimfill_tau2", tau2);
            f.put("trimfill_I2", i2);
            f.put("trimfill_Q", q);
            f.put("trimfill_filled_yi", filledYi());
            f.put("trimfill_filled_vi", filledVi());
            return f;
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "Trim and fill (estimator %s)%n%nEstimated number of missing "
                    + "studies on the %s side: %d (SE = %.4f)%n", estimator, side.label(), k0, seK0));
            for (int j = 0; j < k0; j++) {
                sb.append(String.format(Locale.ROOT, "  Filled %d: yi = %.4f, vi = %.4f%n", j + 1, filledYi[j],
                        filledVi[j]));
            }
            sb.append(String.format(Locale.ROOT, "%nModel with the filled studies (k = %d): estimate = %.4f "
                    + "(95%% CI: %.4f, %.4f), p = %.4g, tau^2 = %.4f, I^2 = %.2f%%%n", k, estimate, ciLb, ciUb, pval,
                    tau2, i2));
            return sb.toString();
        }
    }
}
