package org.metaj.network;

import java.util.ArrayList;
import java.util.List;

import org.metaj.stats.Probabilities;

/**
 * Node-splitting by back-calculation (Dias, Welton, Caldwell &amp; Ades 2010, Stat Med 29:932, section 3.1; the
 * method of netmeta's {@code netsplit}): for every comparison a vs b with direct evidence, the direct estimate is the
 * inverse-variance pooled a-vs-b contrast of the studies that compare a and b (each study once, its a-vs-b
 * contrast from the two arms, with the network's tau^2 added to its variance), and the indirect estimate is
 * back-calculated from the network estimate on the assumption that it pools the two independent sources:
 * {@code 1/v_net = 1/v_dir + 1/v_ind}, {@code d_ind = v_ind (d_net/v_net - d_dir/v_dir)}. The test of
 * inconsistency is {@code z = (d_dir - d_ind) / sqrt(v_dir + v_ind)}. Where the network adds no precision to the
 * direct evidence (no loop through the comparison), the indirect estimate is undefined (NaN).
 *
 * @param first             treatment a
 * @param second            treatment b
 * @param studies           the number of studies comparing a and b directly
 * @param network           the network estimate of a vs b
 * @param networkSe         its standard error
 * @param direct            the direct estimate
 * @param directSe          its standard error
 * @param indirect          the back-calculated indirect estimate (NaN if none)
 * @param indirectSe        its standard error
 * @param directProportion  the share of direct evidence, {@code v_net / v_dir}
 * @param difference        direct minus indirect
 * @param differenceSe      its standard error
 * @param z                 the z statistic of the difference
 * @param pval              its two-sided p-value
 */
public record NodeSplit(String first, String second, int studies, double network, double networkSe, double direct,
        double directSe, double indirect, double indirectSe, double directProportion, double difference,
        double differenceSe, double z, double pval) {

    static List<NodeSplit> of(Contrasts c, NetworkResult r) {
        List<String> trts = c.treatments();
        int n = trts.size();
        double tau2 = r.tau2();
        List<NodeSplit> out = new ArrayList<>();
        for (int a = 1; a < n; a++) {
            for (int b = 0; b < a; b++) {
                double sw = 0;
                double swy = 0;
                int count = 0;
                for (int s = 0; s < c.studyCount(); s++) {
                    int[] t = c.armsView(s);
                    int ia = -1;
                    int ib = -1;
                    for (int j = 0; j < t.length; j++) {
                        if (t[j] == a) {
                            ia = j;
                        } else if (t[j] == b) {
                            ib = j;
                        }
                    }
                    if (ia < 0 || ib < 0) {
                        continue;
                    }
                    int q = t.length - 1;
                    double[] y = c.yView(s);
                    double[] v = c.vView(s);
                    double ya = ia == 0 ? 0 : y[ia - 1];
                    double yb = ib == 0 ? 0 : y[ib - 1];
                    double vaa = ia == 0 ? 0 : v[(ia - 1) * q + ia - 1];
                    double vbb = ib == 0 ? 0 : v[(ib - 1) * q + ib - 1];
                    double vab = ia == 0 || ib == 0 ? 0 : v[(ia - 1) * q + ib - 1];
                    // var(y_a - y_b): a contrast's own variance when one arm is the baseline (y = 0, v = 0 there)
                    double var = vaa + vbb - 2 * vab + tau2;
                    double w = 1 / var;
                    sw += w;
                    swy += w * (ya - yb);
                    count++;
                }
                if (count == 0) {
                    continue;
                }
                double dir = swy / sw;
                double vDir = 1 / sw;
                var net = r.relative(trts.get(a), trts.get(b));
                double vNet = net.se() * net.se();
                double gain = 1 / vNet - 1 / vDir;
                double ind = Double.NaN;
                double vInd = Double.NaN;
                if (gain > 1e-10 / vNet) {
                    vInd = 1 / gain;
                    ind = vInd * (net.estimate() / vNet - dir / vDir);
                }
                double diff = dir - ind;
                double seDiff = Math.sqrt(vDir + vInd);
                double z = diff / seDiff;
                out.add(new NodeSplit(trts.get(a), trts.get(b), count, net.estimate(), net.se(), dir,
                        Math.sqrt(vDir), ind, Math.sqrt(vInd), Math.min(1, vNet / vDir), diff, seDiff, z,
                        Double.isNaN(z) ? Double.NaN : Probabilities.normalTwoSided(z)));
            }
        }
        return out;
    }
}
