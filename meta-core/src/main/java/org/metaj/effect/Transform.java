package org.metaj.effect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.metaj.data.StudyColumns;
import org.metaj.data.StudyData;
import org.metaj.data.EffectMeasure;

/**
 * Back-transformations from a measure's analysis scale to its natural scale (metafor's {@code transf} functions):
 * the pooled estimate and the bounds of its confidence and prediction intervals are mapped through the inverse of
 * the transformation the measure applied, as {@code predict(fit, transf = ...)} does. Every one is increasing, so
 * intervals stay intervals. {@link #forMeasure(EffectMeasure)} chooses the default from the measure; the user can
 * override it. Two need a parameter taken from the data ({@link #bind(StudyData)}): the harmonic mean of the sample
 * sizes (PFT) or of the person-times (IRFT).
 *
 * <ul>
 * <li>{@link #EXP}: {@code exp(x)}, for log ratios and logs (OR, RR, ROM, IRR, ..., PLN, IRLN, MNLN).</li>
 * <li>{@link #TANH}: {@code r = tanh(z)}, Fisher's z back to a correlation (Fisher 1921, Metron 1:3-32).</li>
 * <li>{@link #ILOGIT}: {@code 1/(1 + exp(-x))}.</li>
 * <li>{@link #IARCSIN}: {@code sin(x)^2}, 0 below 0 and 1 above {@code pi/2} (inverse of {@code asin(sqrt(p))}).</li>
 * <li>{@link #IPFT_HM}: inverse of the Freeman-Tukey double arcsine at the harmonic mean {@code n} of the sample
 * sizes, {@code p = (1 - sgn(cos 2x) sqrt(1 - (sin 2x + (sin 2x - 1/sin 2x)/n)^2))/2}, 0 below the value of
 * {@code p = 0} and 1 above that of {@code p = 1}. Miller (1978), Am. Stat. 32:138; Barendregt, Doi, Lee, Norman
 * &amp; Vos (2013), J. Epidemiol. Community Health 67:974-978 (the harmonic mean).</li>
 * <li>{@link #ISQRT}: {@code x^2}, 0 below 0.</li>
 * <li>{@link #IIRFT_HM}: inverse of the Freeman-Tukey rate {@code (sqrt(r) + sqrt(r + 1/t))/2} at the harmonic
 * mean {@code t} of the person-times, {@code r = (1/t - 8x^2 + 16 t x^4)/(16 x^2 t)}, 0 below the value of
 * {@code r = 0} (and where it is below machine epsilon); metafor offers this inverse for one given {@code t}, the
 * harmonic mean here follows Miller's choice for proportions.</li>
 * <li>{@link #IAHW}: {@code 1 - (1 - x)^3}, clamped to [0, 1] (Hakstian &amp; Whalen 1976).</li>
 * <li>{@link #IABT}: {@code 1 - exp(-x)}, 0 below 0 (Bonett 2002).</li>
 * </ul>
 */
public enum Transform {
    /** No back-transformation. */
    NONE("none", "none"),
    /** Exponential. */
    EXP("exp", "exp"),
    /** Hyperbolic tangent: Fisher's z to r. */
    TANH("ztor", "r = tanh(z)"),
    /** Inverse logit. */
    ILOGIT("ilogit", "inverse logit"),
    /** Inverse arcsine square root. */
    IARCSIN("iarcsin", "inverse arcsine"),
    /** Inverse Freeman-Tukey double arcsine at the harmonic mean sample size. */
    IPFT_HM("ipft.hm", "inverse Freeman-Tukey, harmonic-mean n"),
    /** Square. */
    ISQRT("isqrt", "square"),
    /** Inverse Freeman-Tukey for rates at the harmonic mean person-time. */
    IIRFT_HM("iirft.hm", "inverse Freeman-Tukey rate, harmonic-mean t"),
    /** Inverse Hakstian-Whalen transformation of alpha. */
    IAHW("iahw", "inverse Hakstian-Whalen"),
    /** Inverse Bonett transformation of alpha. */
    IABT("iabt", "inverse Bonett");

    private final String metaforName;
    private final String description;

    Transform(String metaforName, String description) {
        this.metaforName = metaforName;
        this.description = description;
    }

    /** @return metafor's name without the {@code transf.} prefix, e.g. "ztor", "ipft.hm" */
    public String metaforName() {
        return metaforName;
    }

    /** @return a short description, e.g. "r = tanh(z)" */
    public String description() {
        return description;
    }

    /** @return the column whose harmonic mean is the parameter ("ni", "ti"), or {@code null} */
    public String parameterColumn() {
        return switch (this) {
            case IPFT_HM -> "ni";
            case IIRFT_HM -> "ti";
            case NONE, EXP, TANH, ILOGIT, IARCSIN, ISQRT, IAHW, IABT -> null;
        };
    }

    /**
     * @param m a measure, or {@code null} for precomputed effects
     * @return the back-transformation to the measure's natural scale ({@link #NONE} where the analysis scale is the
     *         natural one, and for precomputed effects)
     */
    public static Transform forMeasure(EffectMeasure m) {
        if (m == null) {
            return NONE;
        }
        return switch (m) {
            case OR, RR, PETO, ROM, IRR, ROMC, CVR, VR, MNLN, CVLN, SDLN, PLN, IRLN, D2ORN, D2ORL -> EXP;
            case ZCOR, ZPCOR -> TANH;
            case PLO -> ILOGIT;
            case PAS -> IARCSIN;
            case PFT -> IPFT_HM;
            case IRS -> ISQRT;
            case IRFT -> IIRFT_HM;
            case AHW -> IAHW;
            case ABT -> IABT;
            case MD, SMD, RD, COR, PR, IRD, SMDH, SMD1, RPB, RBIS, MC, SMCC, SMCR, SMCRH, MN, UCOR, PCOR, SPCOR, AS,
                    PHI, YUQ, YUY, RTET, OR2DN, OR2DL -> NONE;
        };
    }

    /**
     * @param name a constant name ("TANH"), metafor's name with or without {@code transf.} ("ztor",
     *             "transf.ipft.hm"), case-insensitive
     * @return the transformation
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Transform parse(String name) {
        if (name != null) {
            String n = name.trim().toLowerCase(Locale.ROOT);
            if (n.startsWith("transf.")) {
                n = n.substring("transf.".length());
            }
            for (Transform t : values()) {
                if (t.name().equalsIgnoreCase(n) || t.metaforName.equals(n) || t == TANH && n.equals("tanh")
                        || t == IPFT_HM && n.equals("ipft") || t == IIRFT_HM && n.equals("iirft")) {
                    return t;
                }
            }
        }
        List<String> names = new ArrayList<>();
        for (Transform t : values()) {
            names.add(t.metaforName);
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT, "unknown transformation '%s'; expected one of %s",
                name, names));
    }

    /**
     * Binds the parameter from the data: the harmonic mean of its {@link #parameterColumn()} over the studies.
     *
     * @param data the studies analysed
     * @return the bound transformation
     * @throws IllegalArgumentException when the data lack the column the transformation needs
     */
    public Bound bind(StudyData data) {
        String col = parameterColumn();
        if (col == null) {
            return new Bound(this, Double.NaN);
        }
        StudyColumns c = data.columns();
        if (c == null || !c.has(col)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "back-transformation %s needs the column %s (its harmonic mean); the data have none", metaforName,
                    col));
        }
        double s = 0;
        int n = 0;
        for (double v : c.get(col)) {
            if (!Double.isNaN(v)) {
                s += 1 / v;
                n++;
            }
        }
        return new Bound(this, n / s);
    }

    /**
     * @param x         a value on the analysis scale
     * @param parameter the harmonic mean for {@link #IPFT_HM} and {@link #IIRFT_HM} (ignored by the others)
     * @return the value on the natural scale (NaN stays NaN)
     */
    public double apply(double x, double parameter) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        return switch (this) {
            case NONE -> x;
            case EXP -> Math.exp(x);
            case TANH -> Math.tanh(x);
            case ILOGIT -> 1 / (1 + Math.exp(-x));
            case IARCSIN -> x < 0 ? 0 : x > Math.PI / 2 ? 1 : Math.sin(x) * Math.sin(x);
            case IPFT_HM -> inverseFreemanTukey(x, parameter);
            case ISQRT -> x < 0 ? 0 : x * x;
            case IIRFT_HM -> inverseFreemanTukeyRate(x, parameter);
            case IAHW -> x > 1 ? 1 : x < 0 ? 0 : 1 - (1 - x) * (1 - x) * (1 - x);
            case IABT -> x < 0 ? 0 : 1 - Math.exp(-x);
        };
    }

    private static double freemanTukey(double p, double n) {
        double x = p * n;
        return 0.5 * (Math.asin(Math.sqrt(x / (n + 1))) + Math.asin(Math.sqrt((x + 1) / (n + 1))));
    }

    private static double inverseFreemanTukey(double x, double n) {
        if (x > freemanTukey(1, n)) {
            return 1;
        }
        if (x < freemanTukey(0, n)) {
            return 0;
        }
        double s = Math.sin(2 * x);
        double q = s + (s - 1 / s) / n;
        return 0.5 * (1 - Math.signum(Math.cos(2 * x)) * Math.sqrt(1 - q * q));
    }

    private static double inverseFreemanTukeyRate(double x, double t) {
        if (x < 0.5 * Math.sqrt(1 / t)) {
            return 0;
        }
        double r = (1 / t - 8 * x * x + 16 * t * x * x * x * x) / (16 * x * x * t);
        return r <= Math.ulp(1.0) ? 0 : r;
    }

    /**
     * A transformation with its parameter bound from the data.
     *
     * @param transform the transformation
     * @param parameter the harmonic mean it needs, NaN for none
     */
    public record Bound(Transform transform, double parameter) {
        /** @param transform the transformation; @param parameter its parameter (NaN for none) */
        public Bound {
            Objects.requireNonNull(transform, "transform");
        }

        /** @return the back-transformed value */
        public double apply(double x) {
            return transform.apply(x, parameter);
        }

        /** @return a label such as "ipft.hm, n = 45.2" */
        public String label() {
            String p = transform.parameterColumn();
            return p == null ? transform.metaforName : String.format(Locale.ROOT, "%s, harmonic mean %s = %.4g",
                    transform.metaforName, p.substring(0, 1), parameter);
        }
    }
}
