package org.metaj.effect;

/**
 * Measures of association computed from a 2x2 table with cells {@code a, b} (group 1: events, non-events) and
 * {@code c, d} (group 2), after any zero-cell correction. Single-study functions: {@code x} holds
 * {@code a, b, c, d}, {@code out} receives {@code yi, vi}. Notation: {@code n1 = a + b}, {@code n2 = c + d},
 * {@code n = n1 + n2}, {@code p1 = a/n1}, {@code p2 = c/n2}, {@code q = 1 - p}, row margins
 * {@code pi1. = n1/n, pi2. = n2/n}, column margins {@code pi.1 = (a+c)/n, pi.2 = (b+d)/n},
 * {@code OR = ad/(bc)}, {@code W = 1/a + 1/b + 1/c + 1/d} (Woolf's variance of log OR).
 *
 * <ul>
 * <li><b>AS</b>: {@code yi = asin(sqrt(p1)) - asin(sqrt(p2))}, {@code vi = 1/(4 n1) + 1/(4 n2)}. Rücker,
 * Schwarzer, Carpenter &amp; Olkin (2009), Stat. Med. 28:721-738.</li>
 * <li><b>PHI</b>: {@code yi = (ad - bc)/sqrt(n1 n2 (a+c)(b+d))}; LS (also CS, cross-sectional sampling)
 * {@code vi = (1 - yi^2 + yi (1 + yi^2/2)(pi1. - pi2.)(pi.1 - pi.2)/sqrt(pi1. pi2. pi.1 pi.2)
 * - 3/4 yi^2 ((pi1. - pi2.)^2/(pi1. pi2.) + (pi.1 - pi.2)^2/(pi.1 pi.2)))/n}, Bishop, Fienberg &amp; Holland
 * (1975), <i>Discrete Multivariate Analysis</i>, sec. 11.3 (the multinomial delta method); ST (stratified
 * sampling, group sizes fixed): the delta-method variance under two independent binomials,
 * {@code vi = n^2 (4 n1^3 p1^2 p2 q1^2 q2 + 4 n2^3 p1 p2^2 q1 q2^2
 * + n1 n2^2 p2 q2 (p2 q1 + p1 q2)(p2 q1 + p1 (4 q1 + q2))
 * + n1^2 n2 p1 q1 (p2 q1 + p1 q2)(p1 q2 + p2 (q1 + 4 q2))) / (4 (a+c)^3 (b+d)^3)}. Jacobs &amp; Viechtbauer
 * (2017), Res. Synth. Methods 8:161-180.</li>
 * <li><b>YUQ</b>: {@code yi = (OR - 1)/(OR + 1)}, {@code vi = (1 - yi^2)^2 W/4}; <b>YUY</b>:
 * {@code yi = (sqrt(OR) - 1)/(sqrt(OR) + 1)}, {@code vi = (1 - yi^2)^2 W/16}. Yule (1900), Phil. Trans. R. Soc.
 * A 194:257-319; Yule (1912), J. R. Stat. Soc. 75:579-652 (delta method on log OR).</li>
 * <li><b>OR2DL</b>: {@code yi = sqrt(3)/pi log OR}, {@code vi = 3/pi^2 W} (logistic distribution); <b>OR2DN</b>:
 * {@code yi = log OR/1.65}, {@code vi = W/1.65^2} (normal distribution). Chinn (2000), Stat. Med. 19:3127-3131;
 * Cox (1970), <i>The Analysis of Binary Data</i>; Sanchez-Meca et al. (2003), Psychol. Methods 8:448-467.</li>
 * <li><b>RTET</b>: the tetrachoric correlation, {@link Tetrachoric}.</li>
 * </ul>
 */
final class TableAssociations {
    private static final double LOGISTIC = Math.sqrt(3) / Math.PI;
    private static final double NORMAL_FACTOR = 1.65;

    private TableAssociations() {
    }

    static void as(double[] x, VarianceType vt, double avg, double[] out) {
        double a = x[0], b = x[1], c = x[2], d = x[3];
        double n1 = a + b, n2 = c + d;
        out[0] = Math.asin(Math.sqrt(a / n1)) - Math.asin(Math.sqrt(c / n2));
        out[1] = 1 / (4 * n1) + 1 / (4 * n2);
    }

    static void phi(double[] x, VarianceType vt, double avg, double[] out) {
        double a = x[0], b = x[1], c = x[2], d = x[3];
        double n1 = a + b, n2 = c + d, n = n1 + n2;
        double y = (a * d - b * c) / Math.sqrt(n1 * n2 * (a + c) * (b + d));
        out[0] = y;
        if (vt == VarianceType.ST) {
            double p1 = a / n1, p2 = c / n2, q1 = 1 - p1, q2 = 1 - p2;
            double s = p2 * q1 + p1 * q2;
            double num = 4 * n1 * n1 * n1 * p1 * p1 * p2 * q1 * q1 * q2
                    + 4 * n2 * n2 * n2 * p1 * p2 * p2 * q1 * q2 * q2
                    + n1 * n2 * n2 * p2 * q2 * s * (p2 * q1 + p1 * (4 * q1 + q2))
                    + n1 * n1 * n2 * p1 * q1 * s * (p1 * q2 + p2 * (q1 + 4 * q2));
            double e = a + c, f = b + d;
            out[1] = n * n * num / (4 * e * e * e * f * f * f);
        } else {
            double r1 = n1 / n, r2 = n2 / n, c1 = (a + c) / n, c2 = (b + d) / n;
            out[1] = (1 - y * y + y * (1 + y * y / 2) * (r1 - r2) * (c1 - c2) / Math.sqrt(r1 * r2 * c1 * c2)
                    - 0.75 * y * y * ((r1 - r2) * (r1 - r2) / (r1 * r2) + (c1 - c2) * (c1 - c2) / (c1 * c2))) / n;
        }
    }

    private static double woolf(double[] x) {
        return 1 / x[0] + 1 / x[1] + 1 / x[2] + 1 / x[3];
    }

    private static double logOddsRatio(double[] x) {
        double a = x[0], b = x[1], c = x[2], d = x[3];
        double p1 = a / (a + b), p2 = c / (c + d);
        return Math.log(p1 / (1 - p1)) - Math.log(p2 / (1 - p2));
    }

    static void yuq(double[] x, VarianceType vt, double avg, double[] out) {
        double or = (x[0] / x[1]) / (x[2] / x[3]);
        double y = (or - 1) / (or + 1);
        out[0] = y;
        out[1] = 0.25 * (1 - y * y) * (1 - y * y) * woolf(x);
    }

    static void yuy(double[] x, VarianceType vt, double avg, double[] out) {
        double s = Math.sqrt((x[0] / x[1]) / (x[2] / x[3]));
        double y = (s - 1) / (s + 1);
        out[0] = y;
        out[1] = (1 - y * y) * (1 - y * y) * woolf(x) / 16;
    }

    static void or2dl(double[] x, VarianceType vt, double avg, double[] out) {
        out[0] = LOGISTIC * logOddsRatio(x);
        out[1] = LOGISTIC * LOGISTIC * woolf(x);
    }

    static void or2dn(double[] x, VarianceType vt, double avg, double[] out) {
        out[0] = logOddsRatio(x) / NORMAL_FACTOR;
        out[1] = woolf(x) / (NORMAL_FACTOR * NORMAL_FACTOR);
    }
}
