package org.metaj.effect;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntToDoubleFunction;
import org.metaj.data.EffectMeasure;

/**
 * The variance types ({@code vtype}) other than LS of the first fifteen measures, which {@link EffectSizes}
 * computes. Inputs are the study's canonical columns ({@code x[c][i]}) with the zero-cell correction {@code add}
 * already decided; {@code yi} the study's estimate. Notation as on {@link EffectSizes}; {@code wmean(s, w)} the mean
 * of a per-study statistic weighted by a per-study size, over the studies kept (after any correction).
 *
 * <ul>
 * <li><b>MD</b>: UB as LS; HO {@code vi = s_p^2 (1/n1 + 1/n2)}.</li>
 * <li><b>SMD</b>: UB {@code vi = 1/n1 + 1/n2 + (1 - (m-2)/(m J^2)) yi^2} (Hedges 1983, Psychol. Bull. 93:388-395,
 * the unbiased estimator); LS2 {@code vi = J^2 (1/n1 + 1/n2 + d^2/(2n))}; AV
 * {@code vi = 1/n1 + 1/n2 + ybar^2/(2n)}, {@code ybar = wmean(yi, n1 + n2)} (Hedges &amp; Olkin 1985, ch. 6).</li>
 * <li><b>ROM</b>: HO {@code vi = s_p^2/(n1 m1^2) + s_p^2/(n2 m2^2)}; AV
 * {@code vi = cv1bar^2/n1 + cv2bar^2/n2}, {@code cvjbar = wmean(sdj/mj, nj)}; AVHO
 * {@code vi = cvbar^2 (1/n1 + 1/n2)} with {@code cvbar} the mean of both groups' coefficients of variation weighted
 * by their sizes. Doncaster &amp; Spake (2018), Methods Ecol. Evol. 9:1010-1019; Hedges, Gurevitch &amp; Curtis
 * (1999).</li>
 * <li><b>RD</b>: UB {@code vi = p1 q1/(n1 - 1) + p2 q2/(n2 - 1)}; AV with {@code pjbar = wmean(pj, nj)} in place of
 * {@code pj} in the LS variance.</li>
 * <li><b>COR</b>: AV {@code vi = (1 - rbar^2)^2/(n - 1)}, {@code rbar = wmean(r, n)} (Hunter &amp; Schmidt 2004,
 * <i>Methods of Meta-Analysis</i>, ch. 3).</li>
 * <li><b>PR</b>: UB {@code vi = p(1-p)/(n-1)}; AV {@code vi = pbar(1-pbar)/n}; <b>PLO</b>: AV
 * {@code vi = 1/(n pbar) + 1/(n (1 - pbar))}, {@code pbar = wmean(p, n)}.</li>
 * </ul>
 * The other measures offer LS only (HO is accepted by all fifteen and changes MD and ROM alone, as before).
 */
final class ClassicVariances {

    private ClassicVariances() {
    }

    /** @return the variance types the measure offers */
    static Set<VarianceType> offered(EffectMeasure m) {
        // HO (pooled SD) changes MD and ROM only; metafor ignores it elsewhere, metaj refuses it (issue 19: no option
        // accepted and ignored)
        Set<VarianceType> s = EnumSet.of(VarianceType.LS);
        switch (m) {
            case MD -> s.addAll(List.of(VarianceType.UB, VarianceType.HO));
            case SMD -> s.addAll(List.of(VarianceType.UB, VarianceType.LS2, VarianceType.AV));
            case ROM -> s.addAll(List.of(VarianceType.HO, VarianceType.AV, VarianceType.AVHO));
            case RD, PR -> s.addAll(List.of(VarianceType.UB, VarianceType.AV));
            case COR, PLO -> s.add(VarianceType.AV);
            default -> { }
        }
        return s;
    }

    /**
     * The weighted means an averaged variance type needs, over the studies kept.
     *
     * @param yi the study's LS estimate, by index (SMD and COR average it)
     * @param add the study's correction, by index
     * @return {@code {mean1, mean2, mean3}} as the measure needs them (unused entries NaN)
     */
    static double[] averages(EffectMeasure m, double[][] x, List<Integer> kept, IntToDoubleFunction add,
            IntToDoubleFunction yi) {
        double[] sw = new double[3];
        double[] s = new double[3];
        for (int i : kept) {
            double c = add.applyAsDouble(i);
            switch (m) {
                case SMD -> accumulate(sw, s, 0, yi.applyAsDouble(i), x[2][i] + x[5][i]);
                case COR -> accumulate(sw, s, 0, yi.applyAsDouble(i), x[1][i]);
                case ROM -> {
                    double cv1 = x[1][i] / x[0][i], cv2 = x[4][i] / x[3][i];
                    accumulate(sw, s, 0, cv1, x[2][i]);
                    accumulate(sw, s, 1, cv2, x[5][i]);
                    if (!Double.isNaN(cv1) && !Double.isNaN(cv2)) {
                        sw[2] += x[2][i] + x[5][i];
                        s[2] += x[2][i] * cv1 + x[5][i] * cv2;
                    }
                }
                case RD -> {
                    double a = x[0][i] + c, b = x[1][i] + c, cc = x[2][i] + c, d = x[3][i] + c;
                    accumulate(sw, s, 0, a / (a + b), a + b);
                    accumulate(sw, s, 1, cc / (cc + d), cc + d);
                }
                case PR, PLO -> {
                    double xs = x[0][i] + c, n = x[1][i] + 2 * c;
                    accumulate(sw, s, 0, xs / n, n);
                }
                default -> { }
            }
        }
        return new double[] {s[0] / sw[0], s[1] / sw[1], s[2] / sw[2]};
    }

    private static void accumulate(double[] sw, double[] s, int j, double v, double w) {
        if (!Double.isNaN(v) && !Double.isNaN(w)) {
            sw[j] += w;
            s[j] += w * v;
        }
    }

    /**
     * @param c   the study's zero-cell correction (0 for none)
     * @param lsVi the study's LS variance
     * @param avg the averages of {@link #averages} (null unless the type averages)
     * @return the study's variance of type {@code vt}
     */
    static double variance(EffectMeasure m, VarianceType vt, double[][] x, int i, double c, double yi, double lsVi,
            double[] avg) {
        if (vt == VarianceType.LS) {
            return lsVi;
        }
        switch (m) {
            case MD: {
                if (vt != VarianceType.HO) {
                    return lsVi;
                }
                double n1 = x[2][i], n2 = x[5][i];
                return pooledVariance(x, i) * (1 / n1 + 1 / n2);
            }
            case SMD: {
                double n1 = x[2][i], n2 = x[5][i], n = n1 + n2, df = n - 2;
                double j = EffectSizes.hedgesJ(df);
                switch (vt) {
                    case UB:
                        return 1 / n1 + 1 / n2 + (1 - (df - 2) / (df * j * j)) * yi * yi;
                    case LS2: {
                        double d = yi / j;
                        return j * j * (1 / n1 + 1 / n2 + d * d / (2 * n));
                    }
                    case AV:
                        return 1 / n1 + 1 / n2 + avg[0] * avg[0] / (2 * n);
                    default:
                        return lsVi;
                }
            }
            case ROM: {
                double m1 = x[0][i], n1 = x[2][i], m2 = x[3][i], n2 = x[5][i];
                switch (vt) {
                    case HO: {
                        double sp2 = pooledVariance(x, i);
                        return sp2 / (n1 * m1 * m1) + sp2 / (n2 * m2 * m2);
                    }
                    case AV:
                        return avg[0] * avg[0] / n1 + avg[1] * avg[1] / n2;
                    case AVHO:
                        return avg[2] * avg[2] * (1 / n1 + 1 / n2);
                    default:
                        return lsVi;
                }
            }
            case RD: {
                double a = x[0][i] + c, b = x[1][i] + c, cc = x[2][i] + c, d = x[3][i] + c;
                double n1 = a + b, n2 = cc + d, p1 = a / n1, p2 = cc / n2;
                switch (vt) {
                    case UB:
                        return p1 * (1 - p1) / (n1 - 1) + p2 * (1 - p2) / (n2 - 1);
                    case AV:
                        return avg[0] * (1 - avg[0]) / n1 + avg[1] * (1 - avg[1]) / n2;
                    default:
                        return lsVi;
                }
            }
            case COR: {
                double n = x[1][i];
                return vt == VarianceType.AV ? (1 - avg[0] * avg[0]) * (1 - avg[0] * avg[0]) / (n - 1) : lsVi;
            }
            case PR: case PLO: {
                double n = x[1][i] + 2 * c, p = (x[0][i] + c) / n;
                if (m == EffectMeasure.PR && vt == VarianceType.UB) {
                    return p * (1 - p) / (n - 1);
                }
                if (vt == VarianceType.AV) {
                    return m == EffectMeasure.PR ? avg[0] * (1 - avg[0]) / n
                            : 1 / (n * avg[0]) + 1 / (n * (1 - avg[0]));
                }
                return lsVi;
            }
            default:
                return lsVi;
        }
    }

    private static double pooledVariance(double[][] x, int i) {
        double s1 = x[1][i], n1 = x[2][i], s2 = x[4][i], n2 = x[5][i];
        return ((n1 - 1) * s1 * s1 + (n2 - 1) * s2 * s2) / (n1 + n2 - 2);
    }
}
