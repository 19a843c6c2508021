package org.metaj.bias;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.metaj.data.StudyData;
import org.metaj.model.MetaResult;
import org.metaj.stats.Probabilities;

/**
 * Fail-safe N: how many unpublished null studies would bring the result to a given threshold, as metafor's
 * {@code fsn()}. Three definitions:
 * <ul>
 * <li>Rosenthal (1979, Psychol Bull 86:638), Stouffer's combined test: with {@code z_i = y_i/sqrt(v_i)},
 * {@code N = max(0, (sum z)^2 / z_alpha^2 - k)}, {@code z_alpha} the upper alpha quantile of the normal (one-sided,
 * alpha = 0.05 by default); the combined p-value {@code 1 - Phi(|sum z|/sqrt k)}.</li>
 * <li>Orwin (1983, J Educ Stat 8:157): studies with effect 0 needed to bring the unweighted mean effect
 * {@code m} to a target {@code t} (default {@code m/2}): {@code N = max(0, k (m - t)/t)}.</li>
 * <li>Rosenberg (2005, Evolution 59:464): with inverse-variance weights, null studies of average weight needed
 * to make the common-effect z test non-significant (two-sided alpha):
 * {@code N = max(0, k ((sum w y / z_{alpha/2})^2 - sum w) / sum w)}.</li>
 * </ul>
 * Each N is rounded up to an integer (kept as is when within {@code 1.5e-8} of one). Immutable.
 */
public final class FailSafeN {
    private final double alpha;
    private final double rosenthal;
    private final double rosenthalPval;
    private final double orwin;
    private final double orwinMean;
    private final double orwinTarget;
    private final double rosenberg;
    private final double rosenbergPval;
    private final int k;

    private FailSafeN(double alpha, double rosenthal, double rosenthalPval, double orwin, double orwinMean,
            double orwinTarget, double rosenberg, double rosenbergPval, int k) {
        this.alpha = alpha;
        this.rosenthal = rosenthal;
        this.rosenthalPval = rosenthalPval;
        this.orwin = orwin;
        this.orwinMean = orwinMean;
        this.orwinTarget = orwinTarget;
        this.rosenberg = rosenberg;
        this.rosenbergPval = rosenbergPval;
        this.k = k;
    }

    /** @param model a fitted model (its effects and variances) @return fail-safe N at alpha = 0.05 */
    public static FailSafeN of(MetaResult model) {
        return of(model.data(), 0.05, Double.NaN);
    }

    /**
     * @param data   effects and variances
     * @param alpha  significance level in (0, 1)
     * @param target Orwin's target effect; NaN for half the mean effect
     * @return the three fail-safe numbers
     */
    public static FailSafeN of(StudyData data, double alpha, double target) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
        }
        int k = data.k();
        if (k < 1) {
            throw new IllegalArgumentException("fail-safe N needs at least one study");
        }
        double[] y = data.yi();
        double[] v = data.vi();
        double sz = 0;
        double sy = 0;
        double sw = 0;
        double swy = 0;
        for (int i = 0; i < k; i++) {
            sz += y[i] / Math.sqrt(v[i]);
            sy += y[i];
            sw += 1 / v[i];
            swy += y[i] / v[i];
        }
        double zAvg = Math.abs(sz / Math.sqrt(k));
        double rosPval = Probabilities.normalTwoSided(zAvg) / 2;
        double zA = Probabilities.normalQuantile(1 - alpha);
        double ros = ceil(Math.max(0, k * Math.pow(zAvg / zA, 2) - k));
        double mean = sy / k;
        double t = Double.isNaN(target) ? mean / 2 : target;
        double orw;
        if (t == 0) {
            orw = Double.POSITIVE_INFINITY;
        } else {
            if (Math.signum(t) != Math.signum(mean)) {
                t = -t;
            }
            orw = ceil(Math.max(0, k * (mean - t) / t));
        }
        double zval = (swy / sw) / Math.sqrt(1 / sw);
        double z2 = Probabilities.normalQuantile(1 - alpha / 2);
        double wp = Math.pow(swy / z2, 2) - sw;
        double rbg = ceil(Math.max(0, k * wp / sw));
        double rbgP = Probabilities.normalTwoSided(zval);
        return new FailSafeN(alpha, ros, rosPval, orw, mean, t, rbg, rbgP, k);
    }

    private static double ceil(double n) {
        if (Double.isInfinite(n)) {
            return n;
        }
        return Math.abs(n - Math.rint(n)) >= 1.4901161193847656e-08 ? Math.ceil(n) : Math.rint(n);
    }

    /** @return Rosenthal's fail-safe N */
    public double rosenthal() {
        return rosenthal;
    }

    /** @return the one-sided p-value of Stouffer's combined test */
    public double rosenthalPval() {
        return rosenthalPval;
    }

    /** @return Orwin's fail-safe N */
    public double orwin() {
        return orwin;
    }

    /** @return Rosenberg's fail-safe N */
    public double rosenberg() {
        return rosenberg;
    }

    /** @return the figures {@code failsafe_rosenthal failsafe_orwin failsafe_rosenberg} with p-values */
    public Map<String, Object> figures() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("failsafe_rosenthal", rosenthal);
        f.put("failsafe_rosenthal_pval", rosenthalPval);
        f.put("failsafe_orwin", orwin);
        f.put("failsafe_orwin_target", orwinTarget);
        f.put("failsafe_rosenberg", rosenberg);
        f.put("failsafe_rosenberg_pval", rosenbergPval);
        f.put("failsafe_alpha", alpha);
        return f;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Fail-safe N (k = %d, alpha = %s)%n%n"
                + "Rosenthal:  %.0f (observed one-sided p = %.4g)%n"
                + "Orwin:      %.0f (mean effect %.4f, target %.4f)%n"
                + "Rosenberg:  %.0f (observed two-sided p = %.4g)%n", k, alpha, rosenthal, rosenthalPval, orwin,
                orwinMean, orwinTarget, rosenberg, rosenbergPval);
    }
}
