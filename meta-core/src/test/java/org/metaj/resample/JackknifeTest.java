package org.metaj.resample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.metaj.data.StudyData;
import org.metaj.model.MetaAnalysis;
import org.metaj.model.MetaResult;
import org.metaj.model.Method;

class JackknifeTest {
    /** Leave-one-out values against the friendly API on subsets; SE and bias by Efron &amp; Tibshirani eq. 11.5, 10.8. */
    @Test
    void leaveOneOutMatchesFriendlyApi() {
        StudyData data = ResampleTestData.bcg();
        for (Method m : new Method[] {Method.REML, Method.DL, Method.FE, Method.PM}) {
            MetaAnalysis ma = MetaAnalysis.withDefaults().with(m);
            MetaResult fit = ma.fit(data);
            JackknifeResult j = Jackknife.run(fit);
            int k = data.k();
            assertEquals(13, j.k());
            assertEquals(0, j.failed());
            for (Statistic st : Statistic.values()) {
                double[] loo = new double[k];
                double mean = 0;
                for (int i = 0; i < k; i++) {
                    int[] keep = new int[k - 1];
                    for (int a = 0, n = 0; a < k; a++) {
                        if (a != i) {
                            keep[n++] = a;
                        }
                    }
                    loo[i] = BootstrapTest.observed(ma.fit(data.subset(keep)), st);
                    mean += loo[i] / k;
                }
                double ss = 0;
                for (double t : loo) {
                    ss += (t - mean) * (t - mean);
                }
                double[] got = j.values(st);
                for (int i = 0; i < k; i++) {
                    assertEquals(loo[i], got[i], 1e-9 + 1e-7 * Math.abs(loo[i]), m + " " + st + " study " + i);
                }
                double theta = BootstrapTest.observed(fit, st);
                double tol = 1e-8 * (1 + Math.abs(theta));
                assertEquals(Math.sqrt((k - 1.0) / k * ss), j.se(st), tol, m + " " + st + " se");
                assertEquals((k - 1) * (mean - theta), j.bias(st), tol * k, m + " " + st + " bias");
                assertEquals(theta, j.observed(st), 1e-12 * (1 + Math.abs(theta)));
            }
        }
    }
}
