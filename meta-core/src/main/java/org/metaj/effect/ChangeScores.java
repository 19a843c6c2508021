package org.metaj.effect;

import static org.metaj.effect.EffectSizes.num;
import org.metaj.data.EffectMeasure;

/**
 * Measures of change in one group measured twice (pre-post or matched pairs), from the two means
 * {@code m1i, m2i} (time 1 and time 2), their standard deviations {@code sd1i, sd2i}, the correlation {@code ri}
 * between the two measurements and the sample size {@code ni}. Single-study functions: {@code x} holds
 * {@code m1, m2, sd1, sd2, n, r} (NaN where the measure takes no such column), {@code out} receives {@code yi, vi}.
 * Notation: {@code J = J(n - 1)} Hedges' exact bias correction (see {@link TwoGroupMeans}),
 * {@code sd_d^2 = sd1^2 + sd2^2 - 2 r sd1 sd2} the variance of the change scores.
 *
 * <ul>
 * <li><b>MC</b>: {@code yi = m1 - m2}, {@code vi = sd_d^2/n}.</li>
 * <li><b>SMCC</b> (change-score standardisation): {@code d = (m1 - m2)/sd_d}, {@code yi = J d};
 * LS {@code vi = 1/n + yi^2/(2n)}; LS2 {@code vi = J^2 (1/n + d^2/(2n))}. Gibbons, Hedeker &amp; Davis (1993),
 * J. Educ. Stat. 18:271-279.</li>
 * <li><b>SMCR</b> (raw-score standardisation): {@code d = (m1 - m2)/sd1}, {@code yi = J d};
 * LS {@code vi = 2(1 - r)/n + yi^2/(2n)}; LS2 {@code vi = J^2 (2(1 - r)/n + d^2/(2n))}. Becker (1988), Br. J. Math.
 * Stat. Psychol. 41:257-278, eq. 13-14; Morris (2000), J. Appl. Psychol. 85:17-26.</li>
 * <li><b>SMCRH</b> (raw-score standardisation, variances not assumed equal): {@code yi = J (m1 - m2)/sd1},
 * {@code vi = J^2 (sd_d^2/(sd1^2 (n-1)) + yi^2/(2(n-1)))}. Bonett (2008), Psychol. Methods 13:99-109.</li>
 * <li><b>ROMC</b>: {@code yi = log(m1/m2)},
 * {@code vi = sd1^2/(n m1^2) + sd2^2/(n m2^2) - 2 r sd1 sd2/(n m1 m2)} (delta method). Lajeunesse (2011), Ecology
 * 92:2049-2055, eq. 7.</li>
 * </ul>
 */
final class ChangeScores {
    /** The input order of {@code x}. */
    static final String[] COLUMNS = {"m1i", "m2i", "sd1i", "sd2i", "ni", "ri"};

    private ChangeScores() {
    }

    /** @return the first problem with the inputs of one study, or {@code null} */
    static Invalid check(EffectMeasure m, double[] x) {
        if (x[2] < 0) {
            return new Invalid("sd1i", "standard deviation must be >= 0, got " + num(x[2]));
        }
        if (x[3] < 0) {
            return new Invalid("sd2i", "standard deviation must be >= 0, got " + num(x[3]));
        }
        if (!(x[4] > 0)) {
            return new Invalid("ni", "sample size must be > 0, got " + num(x[4]));
        }
        if (x[5] < -1 || x[5] > 1) {
            return new Invalid("ri", "correlation must lie in [-1, 1], got " + num(x[5]));
        }
        if (m == EffectMeasure.ROMC) {
            if (!(x[0] > 0)) {
                return new Invalid("m1i", "ROMC needs a positive mean, got " + num(x[0]));
            }
            if (!(x[1] > 0)) {
                return new Invalid("m2i", "ROMC needs a positive mean, got " + num(x[1]));
            }
        }
        return null;
    }

    private static double changeVariance(double[] x) {
        double s1 = x[2], s2 = x[3], r = x[5];
        return s1 * s1 + s2 * s2 - 2 * r * s1 * s2;
    }

    static void mc(double[] x, VarianceType vt, double avg, double[] out) {
        out[0] = x[0] - x[1];
        out[1] = changeVariance(x) / x[4];
    }

    static void smcc(double[] x, VarianceType vt, double avg, double[] out) {
        double n = x[4];
        double j = TwoGroupMeans.j(n - 1);
        double d = (x[0] - x[1]) / Math.sqrt(changeVariance(x));
        double y = j * d;
        out[0] = y;
        out[1] = vt == VarianceType.LS2 ? j * j * (1 / n + d * d / (2 * n)) : 1 / n + y * y / (2 * n);
    }

    static void smcr(double[] x, VarianceType vt, double avg, double[] out) {
        double n = x[4], r = x[5];
        double j = TwoGroupMeans.j(n - 1);
        double d = (x[0] - x[1]) / x[2];
        double y = j * d;
        out[0] = y;
        out[1] = vt == VarianceType.LS2 ? j * j * (2 * (1 - r) / n + d * d / (2 * n))
                : 2 * (1 - r) / n + y * y / (2 * n);
    }

    static void smcrh(double[] x, VarianceType vt, double avg, double[] out) {
        double n = x[4], s1 = x[2];
        double j = TwoGroupMeans.j(n - 1);
        double y = j * (x[0] - x[1]) / s1;
        out[0] = y;
        out[1] = j * j * (changeVariance(x) / (s1 * s1 * (n - 1)) + y * y / (2 * (n - 1)));
    }

    static void romc(double[] x, VarianceType vt, double avg, double[] out) {
        double m1 = x[0], m2 = x[1], s1 = x[2], s2 = x[3], n = x[4], r = x[5];
        out[0] = Math.log(m1 / m2);
        out[1] = s1 * s1 / (n * m1 * m1) + s2 * s2 / (n * m2 * m2) - 2 * r * s1 * s2 / (m1 * m2 * n);
    }
}
