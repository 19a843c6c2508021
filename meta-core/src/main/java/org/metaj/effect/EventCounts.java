package org.metaj.effect;

import static org.metaj.effect.EffectSizes.num;
import org.metaj.data.EffectMeasure;

/**
 * Measures of one group's event count: the log proportion from {@code xi} events among {@code ni}, and the
 * incidence-rate measures from {@code xi} events over person-time {@code ti}. Single-study functions: {@code x}
 * holds {@code x, n} (PLN) or {@code x, t} (rates) after any zero-cell correction, {@code out} receives
 * {@code yi, vi}.
 *
 * <ul>
 * <li><b>PLN</b>: {@code yi = log(x/n)}, {@code vi = 1/x - 1/n} (delta method on the binomial proportion); AV
 * {@code vi = 1/(pbar n) - 1/n} with {@code pbar} the mean of the proportions {@code x/n} weighted by {@code n}.</li>
 * <li><b>IRLN</b>: {@code yi = log(x/t)}, {@code vi = 1/x} (delta method on the Poisson count).</li>
 * <li><b>IRS</b>: {@code yi = sqrt(x/t)}, {@code vi = 1/(4t)} (the square root stabilises the Poisson
 * variance).</li>
 * <li><b>IRFT</b>: {@code yi = (sqrt(x/t) + sqrt((x+1)/t))/2}, {@code vi = 1/(4t)}. Freeman &amp; Tukey (1950),
 * Ann. Math. Stat. 21:607-611 (the Poisson form, divided by {@code 2 sqrt(t)}).</li>
 * </ul>
 * Rothman, Greenland &amp; Lash (2008), <i>Modern Epidemiology</i>, 3rd ed., ch. 14, for the delta-method
 * variances.
 */
final class EventCounts {
    /** The input order of {@code x} for PLN. */
    static final String[] PROPORTION = {"xi", "ni"};
    /** The input order of {@code x} for the rates. */
    static final String[] RATE = {"xi", "ti"};

    private EventCounts() {
    }

    /** @return the first problem with the inputs of one study, or {@code null} */
    static Invalid check(EffectMeasure m, double[] x) {
        if (x[0] < 0) {
            return new Invalid("xi", "count must be >= 0, got " + num(x[0]));
        }
        if (m == EffectMeasure.PLN) {
            if (!(x[1] > 0)) {
                return new Invalid("ni", "group size must be > 0, got " + num(x[1]));
            }
            if (x[0] > x[1]) {
                return new Invalid("xi", "events must not exceed the group size ni = " + num(x[1]) + ", got "
                        + num(x[0]));
            }
        } else if (!(x[1] > 0)) {
            return new Invalid("ti", "person-time must be > 0, got " + num(x[1]));
        }
        return null;
    }

    static void pln(double[] x, VarianceType vt, double avg, double[] out) {
        out[0] = Math.log(x[0] / x[1]);
        out[1] = vt == VarianceType.AV ? 1 / (avg * x[1]) - 1 / x[1] : 1 / x[0] - 1 / x[1];
        out[2] = x[0] / x[1];
        out[3] = x[1];
    }

    static void irln(double[] x, VarianceType vt, double avg, double[] out) {
        out[0] = Math.log(x[0] / x[1]);
        out[1] = 1 / x[0];
    }

    static void irs(double[] x, VarianceType vt, double avg, double[] out) {
        out[0] = Math.sqrt(x[0] / x[1]);
        out[1] = 1 / (4 * x[1]);
    }

    static void irft(double[] x, VarianceType vt, double avg, double[] out) {
        double t = x[1], ir = x[0] / t;
        out[0] = 0.5 * (Math.sqrt(ir) + Math.sqrt(ir + 1 / t));
        out[1] = 1 / (4 * t);
    }
}
