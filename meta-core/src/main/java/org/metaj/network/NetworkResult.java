package org.metaj.network;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.metaj.model.Coefficient;
import org.metaj.model.FittedModel;
import org.metaj.stats.Probabilities;

/**
 * A fitted network meta-analysis: every treatment's effect against the reference with its covariance, every
 * pairwise relative effect (the league table), the heterogeneity variance, the decomposition of Q into
 * within-design heterogeneity and between-design inconsistency, and P-scores. Immutable.
 */
public final class NetworkResult implements FittedModel {
    private final NetworkMetaAnalysis spec;
    private final String source;
    private final NetworkMeasure measure;
    private final Contrasts contrasts;
    private final double[] d;
    private final double[] vcov;
    private final double tau2;
    private final double q;
    private final double qHet;
    private final int qHetDf;
    private final double logLik;
    private final double[] commonEffectD;
    private final DesignByTreatment designByTreatment;
    private final List<NodeSplit> nodeSplits;
    private final List<String> warnings;

    NetworkResult(NetworkMetaAnalysis spec, String source, NetworkMeasure measure, Contrasts contrasts, double[] d,
            double[] vcov, double tau2, double q, double qHet, int qHetDf, double logLik, double[] commonEffectD,
            DesignByTreatment designByTreatment) {
        this.spec = spec;
        this.source = source;
        this.measure = measure;
        this.contrasts = contrasts;
        this.d = d;
        this.vcov = vcov;
        this.tau2 = tau2;
        this.q = q;
        this.qHet = qHet;
        this.qHetDf = qHetDf;
        this.logLik = logLik;
        this.commonEffectD = commonEffectD;
        this.designByTreatment = designByTreatment;
        List<String> w = new ArrayList<>();
        int corrected = 0;
        for (int s = 0; s < contrasts.studyCount(); s++) {
            if (contrasts.corrected(s)) {
                corrected++;
            }
        }
        if (corrected > 0) {
            w.add(String.format(Locale.ROOT, "%d stud%s with a zero cell: 1/2 added to every cell of every arm",
                    corrected, corrected == 1 ? "y" : "ies"));
        }
        if (spec.method() == NetworkMetaAnalysis.Method.REML && tau2 == 0) {
            w.add("tau^2 is estimated at its boundary 0: the random-effects model equals the common-effect model");
        }
        this.warnings = List.copyOf(w);
        this.nodeSplits = List.copyOf(NodeSplit.of(contrasts, this));
    }

    /** @return the global test of the design-by-treatment interaction model */
    public DesignByTreatment designByTreatment() {
        return designByTreatment;
    }

    /** @return node-splits (direct vs indirect) of every comparison with direct evidence, in treatment order */
    public List<NodeSplit> nodeSplits() {
        return nodeSplits;
    }

    /** @return the specification the model was fitted with */
    public NetworkMetaAnalysis spec() {
        return spec;
    }

    /** @return the file or table the arms came from */
    public String source() {
        return source;
    }

    /** @return the measure */
    public NetworkMeasure measure() {
        return measure;
    }

    /** @return the treatments, reference first, then the others in code-point order */
    public List<String> treatments() {
        return contrasts.treatments();
    }

    /** @return the number of studies */
    public int studyCount() {
        return contrasts.studyCount();
    }

    /** @return the number of contrasts (arms minus one, summed over studies) */
    public int contrastCount() {
        return contrasts.contrastCount();
    }

    /** @return the designs (treatment sets, baseline first) */
    public List<String> designs() {
        return contrasts.designs();
    }

    /** @return the heterogeneity variance (0 for FE) */
    public double tau2() {
        return tau2;
    }

    private int index(String treatment) {
        int i = contrasts.treatments().indexOf(treatment);
        if (i < 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "unknown treatment '%s'; the treatments "
                    + "are %s", treatment, contrasts.treatments()));
        }
        return i;
    }

    private double effect(int i) {
        return i == 0 ? 0 : d[i - 1];
    }

    private double cov(int i, int j) {
        return i == 0 || j == 0 ? 0 : vcov[(i - 1) * d.length + (j - 1)];
    }

    /**
     * The relative effect of treatment {@code a} against {@code b}, {@code d_a - d_b}, with its standard error
     * from the model's covariance, Wald z test and confidence interval.
     *
     * @param a a treatment
     * @param b another (or the same) treatment
     * @return the comparison, named {@code "a vs b"}
     */
    public Coefficient relative(String a, String b) {
        return relative(index(a), index(b));
    }

    private Coefficient relative(int i, int j) {
        double est = effect(i) - effect(j);
        double var = cov(i, i) + cov(j, j) - 2 * cov(i, j);
        double se = Math.sqrt(Math.max(var, 0));
        double z = est / se;
        double crit = Probabilities.normalQuantile(1 - (1 - spec.level()) / 2);
        String name = contrasts.treatments().get(i) + " vs " + contrasts.treatments().get(j);
        return new Coefficient(name, est, se, z, Probabilities.normalTwoSided(z), est - crit * se, est + crit * se);
    }

    /** @return every treatment but the reference against the reference, in treatment order */
    @Override
    public List<Coefficient> coefficients() {
        List<Coefficient> out = new ArrayList<>();
        for (int i = 1; i < contrasts.treatments().size(); i++) {
            Coefficient r = relative(i, 0);
            out.add(new Coefficient(contrasts.treatments().get(i), r.estimate(), r.se(), r.statistic(), r.pval(),
                    r.ciLb(), r.ciUb()));
        }
        return out;
    }

    /**
     * The league table: entry {@code [i][j]} is treatment {@code i} against treatment {@code j} (rows and columns
     * in {@link #treatments()} order); the diagonal compares a treatment with itself (estimate 0, se 0).
     *
     * @return the table
     */
    public Coefficient[][] league() {
        int n = contrasts.treatments().size();
        Coefficient[][] t = new Coefficient[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                t[i][j] = relative(i, j);
            }
        }
        return t;
    }

    /**
     * P-scores (Rücker &amp; Schwarzer 2015, BMC Med Res Methodol 15:58): treatment i's mean over the other
     * treatments j of {@code Phi((d_i - d_j) / se_ij)} when larger values are better, or of
     * {@code Phi((d_j - d_i) / se_ij)} when smaller values are better, with {@code se_ij} from the model's
     * covariance of the d's (the reference has d = 0 and variance 0). The frequentist analogue of SUCRA.
     *
     * @return one P-score per treatment, in {@link #treatments()} order
     */
    public double[] pScores() {
        int n = contrasts.treatments().size();
        double[] p = new double[n];
        boolean smallGood = spec.smallValues() == NetworkMetaAnalysis.SmallValues.GOOD;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                if (j == i) {
                    continue;
                }
                double diff = effect(i) - effect(j);
                double se = Math.sqrt(cov(i, i) + cov(j, j) - 2 * cov(i, j));
                s += Probabilities.normalCdf((smallGood ? -diff : diff) / se);
            }
            p[i] = n > 1 ? s / (n - 1) : Double.NaN;
        }
        return p;
    }

    /**
     * SUCRA from the normal approximation of the ranks is the same quantity as the P-score (Rücker &amp;
     * Schwarzer 2015, section 3.2).
     *
     * @return {@link #pScores()}
     */
    public double[] sucra() {
        return pScores();
    }

    /** @return the common-effect model's residual Q over all contrasts */
    public double q() {
        return q;
    }

    /** @return the df of {@link #q()}: contrasts minus (treatments - 1) */
    public int qDf() {
        return contrasts.contrastCount() - (contrasts.treatments().size() - 1);
    }

    /** @return the p-value of {@link #q()} */
    public double qPval() {
        return Probabilities.chiSquareUpper(q, qDf());
    }

    /** @return the within-design heterogeneity (sum of designs' residual Q) */
    public double qHet() {
        return qHet;
    }

    /** @return its degrees of freedom */
    public int qHetDf() {
        return qHetDf;
    }

    /** @return its p-value (NaN with 0 df) */
    public double qHetPval() {
        return qHetDf > 0 ? Probabilities.chiSquareUpper(qHet, qHetDf) : Double.NaN;
    }

    /** @return the between-design inconsistency Q - Q_het */
    public double qInc() {
        return q - qHet;
    }

    /** @return its degrees of freedom */
    public int qIncDf() {
        return qDf() - qHetDf;
    }

    /** @return its p-value (NaN with 0 df) */
    public double qIncPval() {
        return qIncDf() > 0 ? Probabilities.chiSquareUpper(qInc(), qIncDf()) : Double.NaN;
    }

    /** @return the common-effect model's d's (equal to the estimates under FE) */
    public double[] commonEffectEstimates() {
        return commonEffectD.clone();
    }

    /** @return the covariance matrix of the d's, row-major (treatments but the reference) */
    public double[] vcov() {
        return vcov.clone();
    }

    @Override
    public Kind kind() {
        return Kind.NETWORK;
    }

    /** @return the number of contrasts the model was fitted to (see {@link #studyCount()} for studies) */
    @Override
    public int k() {
        return contrasts.contrastCount();
    }

    @Override
    public String methodLabel() {
        return spec.method().name();
    }

    @Override
    public double level() {
        return spec.level();
    }

    @Override
    public double[] varianceComponents() {
        return spec.method() == NetworkMetaAnalysis.Method.REML ? new double[] {tau2} : new double[0];
    }

    @Override
    public double qe() {
        return q;
    }

    @Override
    public int qeDf() {
        return qDf();
    }

    @Override
    public double qePval() {
        return qPval();
    }

    @Override
    public double logLik() {
        return logLik;
    }

    @Override
    public boolean converged() {
        return true;
    }

    @Override
    public List<String> warnings() {
        return warnings;
    }

    /** @return one label per contrast, {@code "study: t vs b"} */
    @Override
    public List<String> labels() {
        List<String> l = new ArrayList<>();
        for (int s = 0; s < contrasts.studyCount(); s++) {
            int[] t = contrasts.armsView(s);
            for (int j = 1; j < t.length; j++) {
                l.add(contrasts.studies().get(s) + ": " + contrasts.treatments().get(t[j]) + " vs "
                        + contrasts.treatments().get(t[0]));
            }
        }
        return l;
    }

    @Override
    public double[] yi() {
        double[] y = new double[contrasts.contrastCount()];
        int k = 0;
        for (int s = 0; s < contrasts.studyCount(); s++) {
            for (double v : contrasts.yView(s)) {
                y[k++] = v;
            }
        }
        return y;
    }

    @Override
    public double[] vi() {
        double[] v = new double[contrasts.contrastCount()];
        int k = 0;
        for (int s = 0; s < contrasts.studyCount(); s++) {
            int q = contrasts.yView(s).length;
            for (int j = 0; j < q; j++) {
                v[k++] = contrasts.vView(s)[j * q + j];
            }
        }
        return v;
    }

    @Override
    public double[] weights() {
        double[] w = new double[contrasts.contrastCount()];
        Arrays.fill(w, Double.NaN);
        return w;
    }
}
