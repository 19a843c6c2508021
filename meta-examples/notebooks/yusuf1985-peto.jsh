// Yusuf, Peto, Lewis, Collins & Sleight 1985: beta blockade during and after myocardial infarction -- the
// overview that made Peto's one-step odds ratio ("O - E" method) the standard for pooling sparse 2x2 tables.
//
// Question: do short-term oral beta blockers after MI reduce total mortality (Table 6 of the overview)?
// Source: Yusuf S et al. Prog Cardiovasc Dis 1985;27(5):335-371, Table 6 (p. 343, short-term oral trials, total
// mortality): Peto OR 0.93 (95% CI 0.74 to 1.18). The pooled figure is as reproduced in the metafor project's
// worked example of this paper (analyses:yusuf1985, whose test cites it as "page 107", which lies outside the
// article's pages -- not re-checked against the article). Data: datasets/yusuf1985.csv (metadat dat.yusuf1985).
//
// Peto's method (Yusuf et al. 1985, Appendix): per trial O - E = a - n1 (a + c)/N and hypergeometric variance
// V = n1 n2 (a + c)(N - a - c) / (N^2 (N - 1)); log OR = sum(O - E) / sum(V), SE = 1/sqrt(sum V). Trials with no
// deaths in either arm contribute O - E = 0 and V = 0, so they need no continuity correction.

Table all = Datasets.load("yusuf1985");
Table t6 = all.where(all.stringColumn("table").isEqualTo("6").and(all.numberColumn("ai").isNotMissing()));
StudyColumns cols = Tables.toStudyColumns(t6.setName("yusuf1985 table 6"));
say("Table 6: %d trials with data (of %d rows)", cols.size(),
        all.where(all.stringColumn("table").isEqualTo("6")).rowCount());

// By hand, the O - E and V sums, to see the method at work.
double[] a = cols.get("ai"), n1 = cols.get("n1i"), c = cols.get("ci"), n2 = cols.get("n2i");
double sumOE = 0, sumV = 0;
for (int i = 0; i < cols.size(); i++) {
    double N = n1[i] + n2[i], m = a[i] + c[i];
    sumOE += a[i] - n1[i] * m / N;
    sumV += N > 1 ? n1[i] * n2[i] * m * (N - m) / (N * N * (N - 1)) : 0;
}
say("sum(O-E) = %.4f, sum(V) = %.4f, log OR = %.4f", sumOE, sumV, sumOE / sumV);

StudyData d = EffectSizes.withDefaults().compute(EffectMeasure.PETO, cols).toStudyData();
MetaResult peto = fit(Method.PETO, d);
check("Peto log OR equals sum(O-E)/sum(V) (by hand)", sumOE / sumV, peto.estimate(), 10);
// Yusuf 1985 Table 6 (via metafor's worked example): Peto OR 0.93 (0.74 to 1.18).
check("Table 6 Peto OR", 0.93, Math.exp(peto.estimate()), 2);
check("Table 6 95% CI lower", 0.74, Math.exp(peto.ciLb()), 2);
check("Table 6 95% CI upper", 1.18, Math.exp(peto.ciUb()), 2);
note("heterogeneity Q (Peto)", peto.q());
for (String w : peto.warnings()) say("warning: %s", w);

// The other tables, against datasets/yusuf1985.md (metafor rma.peto on the same file; computed, not published).
String[] tables = {"9", "10", "11", "12a", "12b"};
double[][] computed = {{0.94, 0.77, 1.14}, {0.77, 0.70, 0.85}, {0.74, 0.66, 0.83}, {0.68, 0.58, 0.79},
        {0.88, 0.76, 1.03}};
for (int j = 0; j < tables.length; j++) {
    Table tj = all.where(all.stringColumn("table").isEqualTo(tables[j]).and(all.numberColumn("ai").isNotMissing()));
    StudyData dj = EffectSizes.withDefaults().compute(EffectMeasure.PETO, Tables.toStudyColumns(tj)).toStudyData();
    MetaResult rj = fit(Method.PETO, dj);
    check("Table " + tables[j] + " Peto OR (metafor, computed)", computed[j][0], Math.exp(rj.estimate()), 2);
    check("Table " + tables[j] + " CI lower (metafor, computed)", computed[j][1], Math.exp(rj.ciLb()), 2);
    check("Table " + tables[j] + " CI upper (metafor, computed)", computed[j][2], Math.exp(rj.ciUb()), 2);
}

report("Yusuf 1985 beta blockers, Peto OR");
