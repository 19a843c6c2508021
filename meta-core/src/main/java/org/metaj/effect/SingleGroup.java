package org.metaj.effect;

import static org.metaj.effect.EffectSizes.num;
import org.metaj.data.EffectMeasure;

/**
 * Measures of one group's mean or variability, from its mean {@code mi}, standard deviation {@code sdi} and size
 * {@code ni}. Single-study functions: {@code x} holds {@code m, sd, n} (NaN where the measure takes no such column),
 * {@code out} receives {@code yi, vi}.
 *
 * <ul>
 * <li><b>MN</b>: {@code yi = m}, {@code vi = sd^2/n}.</li>
 * <li><b>MNLN</b>: {@code yi = log(m)}, {@code vi = sd^2/(n m^2)} (delta method).</li>
 * <li><b>CVLN</b>: {@code yi = log(sd/m) + 1/(2(n-1))}, {@code vi = 1/(2(n-1)) + sd^2/(n m^2)}; <b>SDLN</b>:
 * {@code yi = log(sd) + 1/(2(n-1))}, {@code vi = 1/(2(n-1))} (the log SD's bias removed). Nakagawa et al. (2015),
 * Methods Ecol. Evol. 6:143-152, eq. 3-4 and 6-7.</li>
 * </ul>
 */
final class SingleGroup {
    /** The input order of {@code x}. */
    static final String[] COLUMNS = {"mi", "sdi", "ni"};

    private SingleGroup() {
    }

    /** @return the first problem with the inputs of one study, or {@code null} */
    static Invalid check(EffectMeasure m, double[] x) {
        if (x[1] < 0) {
            return new Invalid("sdi", "standard deviation must be >= 0, got " + num(x[1]));
        }
        if (!(x[2] > 0)) {
            return new Invalid("ni", "sample size must be > 0, got " + num(x[2]));
        }
        if ((m == EffectMeasure.MNLN || m == EffectMeasure.CVLN) && x[0] < 0) {
            return new Invalid("mi", m + " needs a mean >= 0, got " + num(x[0]));
        }
        return null;
    }

    static void mn(double[] x, VarianceType vt, double avg, double[] out) {
        out[0] = x[0];
        out[1] = x[1] * x[1] / x[2];
    }

    static void mnln(double[] x, VarianceType vt, double avg, double[] out) {
        double m = x[0], sd = x[1], n = x[2];
        out[0] = Math.log(m);
        out[1] = sd * sd / (n * m * m);
    }

    static void cvln(double[] x, VarianceType vt, double avg, double[] out) {
        double m = x[0], sd = x[1], n = x[2];
        out[0] = Math.log(sd / m) + 1 / (2 * (n - 1));
        out[1] = 1 / (2 * (n - 1)) + sd * sd / (n * m * m);
    }

    static void sdln(double[] x, VarianceType vt, double avg, double[] out) {
        double sd = x[1], n = x[2];
        out[0] = Math.log(sd) + 1 / (2 * (n - 1));
        out[1] = 1 / (2 * (n - 1));
    }
}
