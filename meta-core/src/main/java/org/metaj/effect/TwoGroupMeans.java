package org.metaj.effect;

import static org.metaj.effect.EffectSizes.num;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.metaj.data.EffectMeasure;

/**
 * Measures comparing two independent groups on a continuous outcome, from the group means {@code m1i, m2i},
 * standard deviations {@code sd1i, sd2i} and sizes {@code n1i, n2i} (metafor's names; group 1 the treatment group).
 * Single-study functions: the input {@code x} holds {@code m1, sd1, n1, m2, sd2, n2} (a column the measure does not
 * take is NaN), the output {@code out} receives {@code yi} and {@code vi}. Notation: {@code n = n1 + n2},
 * {@code m = n - 2}, pooled SD {@code s_p = sqrt(((n1-1) sd1^2 + (n2-1) sd2^2) / m)}, {@code d = (m1 - m2)/s_p},
 * {@code J(m) = Gamma(m/2) / (sqrt(m/2) Gamma((m-1)/2))} Hedges' (1981) exact bias correction.
 *
 * <ul>
 * <li><b>SMDH</b>: {@code s = sqrt((sd1^2 + sd2^2)/2)}, {@code yi = J(m) (m1 - m2)/s}; LS
 * {@code vi = J^2 [yi^2 (sd1^4/(n1-1) + sd2^4/(n2-1)) / (2 (sd1^2+sd2^2)^2) + (sd1^2/(n1-1) + sd2^2/(n2-1)) / s^2]};
 * LS2 {@code vi = yi^2 (sd1^2/n1 + sd2^2/n2) / (2 (sd1^2+sd2^2)^2) + 2 (sd1^2/n1 + sd2^2/n2)/(sd1^2+sd2^2)}.
 * Bonett (2009), Psychol. Methods 14:225-238, eq. 10-11 (the large-sample variance of the standardiser's
 * estimate, delta method).</li>
 * <li><b>SMD1</b> (Glass's delta): {@code m' = n2 - 1}, {@code d = (m1 - m2)/sd2}, {@code yi = J(m') d}; LS
 * {@code vi = 1/n1 + 1/n2 + yi^2/(2 n2)}; UB {@code vi = 1/n1 + 1/n2 + (1 - (m'-2)/(m' J^2)) yi^2}; LS2
 * {@code vi = J^2 (1/n1 + 1/n2 + d^2/(2 n2))}; AV {@code vi = 1/n1 + 1/n2 + ybar^2/(2 n2)} with {@code ybar} the
 * mean of the {@code yi} weighted by {@code n1 + n2}. Glass (1976), Educ. Res. 5:3-8; Hedges &amp; Olkin (1985),
 * <i>Statistical Methods for Meta-Analysis</i>, ch. 5 (the variance of an SMD whose standardiser has n2 - 1
 * degrees of freedom).</li>
 * <li><b>CVR</b>: {@code yi = log(sd1/m1) + 1/(2(n1-1)) - log(sd2/m2) - 1/(2(n2-1))},
 * {@code vi = 1/(2(n1-1)) + sd1^2/(n1 m1^2) + 1/(2(n2-1)) + sd2^2/(n2 m2^2)}; <b>VR</b>:
 * {@code yi = log(sd1/sd2) + 1/(2(n1-1)) - 1/(2(n2-1))}, {@code vi = 1/(2(n1-1)) + 1/(2(n2-1))}. Nakagawa,
 * Poulin, Mengersen, Reinhold, Engqvist, Lagisz &amp; Senior (2015), Methods Ecol. Evol. 6:143-152, eq. 5-12
 * (the log SD's bias {@code -1/(2(n-1))} removed).</li>
 * <li><b>RPB</b>: {@code h = m/n1 + m/n2}, {@code yi = d / sqrt(d^2 + h)}; ST (and LS, the default)
 * {@code vi = h^2/(h + d^2)^3 (1/n1 + 1/n2 + d^2/(2n))} (delta method on the SMD's variance);
 * CS {@code vi = (1 - yi^2)^2 (n yi^2/(4 n1 n2) + (2 - 3 yi^2)/(2n))}. Jacobs &amp; Viechtbauer (2017), Res. Synth.
 * Methods 8:161-180, eq. 9 and 12; Tate (1954), Ann. Math. Stat. 25:603-607.</li>
 * <li><b>RBIS</b>: {@code p1 = n1/n}, {@code p2 = n2/n}, {@code z = Phi^-1(1 - p1)}, {@code f = phi(z)},
 * {@code yi = sqrt(p1 p2)/f * rpb}; with {@code y} = yi truncated to [-1, 1],
 * {@code vi = (p1 p2/f^2 - (3/2 + (1 - p1 z/f)(1 + p2 z/f)) y^2 + y^4)/(n - 1)}. Soper (1914), Biometrika
 * 10:384-390; Jacobs &amp; Viechtbauer (2017), eq. 15-17.</li>
 * <li><b>D2ORL</b>: {@code yi = pi/sqrt(3) d}, {@code vi = pi^2/3 (1/n1 + 1/n2 + d^2/(2n))} (logistic
 * distribution); <b>D2ORN</b>: factor 1.65 in place of {@code pi/sqrt(3)} (normal distribution). Hasselblad
 * &amp; Hedges (1995), Psychol. Bull. 117:167-178; Cox (1970), <i>The Analysis of Binary Data</i>;
 * Sanchez-Meca, Marin-Martinez &amp; Chacon-Moscoso (2003), Psychol. Methods 8:448-467. {@code d} is not
 * bias-corrected here.</li>
 * </ul>
 */
final class TwoGroupMeans {
    /** The input order of {@code x}. */
    static final String[] COLUMNS = {"m1i", "sd1i", "n1i", "m2i", "sd2i", "n2i"};
    private static final double LOGISTIC = Math.PI / Math.sqrt(3);
    private static final double NORMAL_FACTOR = 1.65;
    private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1, 1e-15);

    private TwoGroupMeans() {
    }

    /** @return the first problem with the inputs of one study, or {@code null} */
    static Invalid check(EffectMeasure m, double[] x) {
        if (x[1] < 0) {
            return new Invalid("sd1i", "standard deviation must be >= 0, got " + num(x[1]));
        }
        if (x[4] < 0) {
            return new Invalid("sd2i", "standard deviation must be >= 0, got " + num(x[4]));
        }
        if (!(x[2] > 0)) {
            return new Invalid("n1i", "group size must be > 0, got " + num(x[2]));
        }
        if (!(x[5] > 0)) {
            return new Invalid("n2i", "group size must be > 0, got " + num(x[5]));
        }
        if (m == EffectMeasure.CVR) {
            if (!(x[0] > 0)) {
                return new Invalid("m1i", "CVR needs a positive mean, got " + num(x[0]));
            }
            if (!(x[3] > 0)) {
                return new Invalid("m2i", "CVR needs a positive mean, got " + num(x[3]));
            }
        }
        return null;
    }

    static void smdh(double[] x, VarianceType vt, double avg, double[] out) {
        double m1 = x[0], s1 = x[1], n1 = x[2], m2 = x[3], s2 = x[4], n2 = x[5];
        double j = j(n1 + n2 - 2);
        double v1 = s1 * s1, v2 = s2 * s2, sum = v1 + v2;
        double y = j * (m1 - m2) / Math.sqrt(sum / 2);
        double v;
        if (vt == VarianceType.LS2) {
            v = y * y * v1 / (2 * n1 * sum * sum) + y * y * v2 / (2 * n2 * sum * sum) + 2 * v1 / (n1 * sum)
                    + 2 * v2 / (n2 * sum);
        } else {
            v = j * j * (y * y * (v1 * v1 / (n1 - 1) + v2 * v2 / (n2 - 1)) / (2 * sum * sum)
                    + (v1 / (n1 - 1) + v2 / (n2 - 1)) / (sum / 2));
        }
        out[0] = y;
        out[1] = v;
    }

    static void smd1(double[] x, VarianceType vt, double avg, double[] out) {
        double m1 = x[0], n1 = x[2], m2 = x[3], s2 = x[4], n2 = x[5];
        double mi = n2 - 1;
        double j = j(mi);
        double d = (m1 - m2) / s2;
        double y = j * d;
        double v;
        switch (vt) {
        case UB:
            v = 1 / n1 + 1 / n2 + (1 - (mi - 2) / (mi * j * j)) * y * y;
            break;
        case LS2:
            v = j * j * (1 / n1 + 1 / n2 + d * d / (2 * n2));
            break;
        case AV:
            v = 1 / n1 + 1 / n2 + avg * avg / (2 * n2);
            break;
        default:
            v = 1 / n1 + 1 / n2 + y * y / (2 * n2);
        }
        out[0] = y;
        out[1] = v;
        out[2] = y;
        out[3] = n1 + n2;
    }

    static void cvr(double[] x, VarianceType vt, double avg, double[] out) {
        double m1 = x[0], s1 = x[1], n1 = x[2], m2 = x[3], s2 = x[4], n2 = x[5];
        out[0] = Math.log(s1 / m1) + 1 / (2 * (n1 - 1)) - Math.log(s2 / m2) - 1 / (2 * (n2 - 1));
        out[1] = 1 / (2 * (n1 - 1)) + s1 * s1 / (n1 * m1 * m1) + 1 / (2 * (n2 - 1)) + s2 * s2 / (n2 * m2 * m2);
    }

    static void vr(double[] x, VarianceType vt, double avg, double[] out) {
        double s1 = x[1], n1 = x[2], s2 = x[4], n2 = x[5];
        out[0] = Math.log(s1 / s2) + 1 / (2 * (n1 - 1)) - 1 / (2 * (n2 - 1));
        out[1] = 1 / (2 * (n1 - 1)) + 1 / (2 * (n2 - 1));
    }

    /** Cohen's d with the pooled SD, not bias-corrected. */
    private static double d(double[] x) {
        double m1 = x[0], s1 = x[1], n1 = x[2], m2 = x[3], s2 = x[4], n2 = x[5];
        return (m1 - m2) / Math.sqrt(((n1 - 1) * s1 * s1 + (n2 - 1) * s2 * s2) / (n1 + n2 - 2));
    }

    static void rpb(double[] x, VarianceType vt, double avg, double[] out) {
        double n1 = x[2], n2 = x[5], n = n1 + n2;
        double d = d(x);
        double h = (n - 2) / n1 + (n - 2) / n2;
        double y = d / Math.sqrt(d * d + h);
        out[0] = y;
        if (vt == VarianceType.CS) {
            out[1] = (1 - y * y) * (1 - y * y) * (n * y * y / (4 * n1 * n2) + (2 - 3 * y * y) / (2 * n));
        } else {
            double t = h + d * d;
            out[1] = h * h / (t * t * t) * (1 / n1 + 1 / n2 + d * d / (2 * n));
        }
    }

    static void rbis(double[] x, VarianceType vt, double avg, double[] out) {
        double n1 = x[2], n2 = x[5], n = n1 + n2;
        double d = d(x);
        double h = (n - 2) / n1 + (n - 2) / n2;
        double rpb = d / Math.sqrt(d * d + h);
        double p1 = n1 / n, p2 = n2 / n;
        double z = NORMAL.inverseCumulativeProbability(p2); // upper p1 quantile = lower (1 - p1) = p2
        double f = Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI);
        double y = Math.sqrt(p1 * p2) / f * rpb;
        double t = Math.abs(y) > 1 ? Math.signum(y) : y;
        out[0] = y;
        out[1] = (p1 * p2 / (f * f) - (1.5 + (1 - p1 * z / f) * (1 + p2 * z / f)) * t * t + t * t * t * t) / (n - 1);
    }

    static void d2orl(double[] x, VarianceType vt, double avg, double[] out) {
        d2or(x, LOGISTIC, out);
    }

    static void d2orn(double[] x, VarianceType vt, double avg, double[] out) {
        d2or(x, NORMAL_FACTOR, out);
    }

    private static void d2or(double[] x, double factor, double[] out) {
        double n1 = x[2], n2 = x[5];
        double d = d(x);
        out[0] = factor * d;
        out[1] = factor * factor * (1 / n1 + 1 / n2 + d * d / (2 * (n1 + n2)));
    }

    /** @return {@code J(m)}, or NaN when {@code m <= 1} (the correction is undefined) */
    static double j(double m) {
        return m > 1 ? EffectSizes.hedgesJ(m) : Double.NaN;
    }
}
