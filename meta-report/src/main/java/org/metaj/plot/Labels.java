package org.metaj.plot;

import org.metaj.data.EffectMeasure;

/** Names of effect measures as people read them on a plot axis or table header. */
public final class Labels {
    private Labels() {
    }

    /**
     * @param m a measure, or null for generic input
     * @return e.g. "Risk ratio" (back-transformed for log measures), "Mean difference", "Estimate"
     */
    public static String effectName(EffectMeasure m) {
        if (m == null) {
            return "Estimate";
        }
        switch (m) {
            case OR: return "Odds ratio";
            case RR: return "Risk ratio";
            case PETO: return "Peto odds ratio";
            case ROM: return "Ratio of means";
            case IRR: return "Rate ratio";
            case MD: return "Mean difference";
            case SMD: return "Std. mean difference";
            case RD: return "Risk difference";
            case IRD: return "Rate difference";
            case COR: return "Correlation";
            case ZCOR: return "Fisher's z";
            case PR: return "Proportion";
            case PLO: return "Log odds";
            default: return m.description();
        }
    }

    /** @return the value of no effect on the analysis scale (0; also 0 = log 1 for ratios), NaN for proportions */
    static double nullValue(EffectMeasure m) {
        if (m == EffectMeasure.PR || m == EffectMeasure.PLO || m == EffectMeasure.PAS || m == EffectMeasure.PFT) {
            return Double.NaN;
        }
        return 0;
    }
}
