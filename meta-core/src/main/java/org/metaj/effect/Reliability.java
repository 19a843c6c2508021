package org.metaj.effect;

import static org.metaj.effect.EffectSizes.num;
import org.metaj.data.EffectMeasure;

/**
 * Transformed reliability coefficients: Cronbach's alpha {@code ai} of a scale of {@code mi} items given to
 * {@code ni} people. Single-study functions: {@code x} holds {@code alpha, m, n}, {@code out} receives
 * {@code yi, vi}.
 *
 * <ul>
 * <li><b>AHW</b>: {@code yi = 1 - (1 - alpha)^(1/3)},
 * {@code vi = 18 m (n - 1) (1 - alpha)^(2/3) / ((m - 1)(9n - 11)^2)}. Hakstian &amp; Whalen (1976), Psychometrika
 * 41:219-231 (the cube-root transformation normalises the F-distributed {@code 1 - alpha}).</li>
 * <li><b>ABT</b>: {@code yi = -log(1 - alpha)}, {@code vi = 2m/((m - 1)(n - 2))}. Bonett (2002), J. Educ.
 * Behav. Stat. 27:335-340.</li>
 * </ul>
 */
final class Reliability {
    /** The input order of {@code x}. */
    static final String[] COLUMNS = {"ai", "mi", "ni"};

    private Reliability() {
    }

    /** @return the first problem with the inputs of one study, or {@code null} */
    static Invalid check(EffectMeasure m, double[] x) {
        if (x[0] > 1) {
            return new Invalid("ai", "Cronbach's alpha must be <= 1, got " + num(x[0]));
        }
        if (x[1] < 2) {
            return new Invalid("mi", "a scale needs mi >= 2 items, got " + num(x[1]));
        }
        if (!(x[2] > 0)) {
            return new Invalid("ni", "sample size must be > 0, got " + num(x[2]));
        }
        return null;
    }

    static void ahw(double[] x, VarianceType vt, double avg, double[] out) {
        double a = x[0], m = x[1], n = x[2];
        out[0] = 1 - Math.cbrt(1 - a);
        double c = Math.cbrt(1 - a);
        out[1] = 18 * m * (n - 1) * c * c / ((m - 1) * (9 * n - 11) * (9 * n - 11));
    }

    static void abt(double[] x, VarianceType vt, double avg, double[] out) {
        double a = x[0], m = x[1], n = x[2];
        out[0] = -Math.log(1 - a);
        out[1] = 2 * m / ((m - 1) * (n - 2));
    }
}
