// Normand 1999, second example: specialist stroke-unit care vs routine care, length of hospital stay (days).
//
// Question: do specialist stroke units shorten the stay, and how much do the trials disagree?
// Source: Normand SLT. Meta-analysis: formulating, evaluating, combining, and reporting. Stat Med
// 1999;18:321-359. Table VIII (p. 351): per-trial mean differences and variances; Table IX (p. 352): fixed-effect,
// DerSimonian-Laird and REML estimates of the pooled MD (days). Published values transcribed from the metafor
// project's worked example of this paper (analyses:normand1999), not re-checked against the printed journal page.
//
// Normand's variances use the POOLED within-trial SD for both arms, s_p^2 = ((n1-1) s1^2 + (n2-1) s2^2)/(n1+n2-2),
// v = s_p^2 (1/n1 + 1/n2). With each arm's own SD (the usual MD variance) FE gives -3.46, not the published -3.49.

Table t = Datasets.load("normand1999");
double[] sdp = new double[t.rowCount()];
for (int i = 0; i < t.rowCount(); i++) {
    double n1 = t.numberColumn("n1i").getDouble(i), n2 = t.numberColumn("n2i").getDouble(i);
    double s1 = t.numberColumn("sd1i").getDouble(i), s2 = t.numberColumn("sd2i").getDouble(i);
    sdp[i] = Math.sqrt(((n1 - 1) * s1 * s1 + (n2 - 1) * s2 * s2) / (n1 + n2 - 2));
}
Table pooled = t.copy();
pooled.replaceColumn("sd1i", DoubleColumn.create("sd1i", sdp));
pooled.replaceColumn("sd2i", DoubleColumn.create("sd2i", sdp));
StudyData d = EffectSizes.withDefaults().compute(EffectMeasure.MD, Tables.toStudyColumns(pooled)).toStudyData();

// Normand 1999 Table VIII (p. 351): the per-trial MDs (integers) and variances (2 decimals).
double[] tableVIIIy = {-20, -2, -55, -71, -4, 1, 11, -10, 7};
double[] tableVIIIv = {40.59, 2.05, 15.28, 150.22, 20.19, 1.22, 95.38, 8.03, 20.69};
for (int i = 0; i < d.k(); i++) {
    check("Table VIII MD " + d.label(i), tableVIIIy[i], d.yi(i), 0);
    check("Table VIII var " + d.label(i), tableVIIIv[i], d.vi(i), 2);
}

MetaResult fe = fit(Method.FE, d), dl = fit(Method.DL, d), reml = fit(Method.REML, d);
// Normand 1999 Table IX (p. 352), fixed effect: -3.49 (-5.03, -1.96).
check("FE MD", -3.49, fe.estimate(), 2);
check("FE 95% CI lower", -5.03, fe.ciLb(), 2);
check("FE 95% CI upper", -1.96, fe.ciUb(), 2);
// Normand 1999 Table IX, DerSimonian-Laird: -14.10 (-24.45, -3.75), tau^2 = 218.72.
check("DL MD", -14.10, dl.estimate(), 2);
check("DL 95% CI lower", -24.45, dl.ciLb(), 2);
check("DL 95% CI upper", -3.75, dl.ciUb(), 2);
check("DL tau^2", 218.72, dl.tau2(), 2);
// Normand 1999 Table IX, REML: -15.12 (-32.67, 2.43), tau^2 = 685.20.
check("REML MD", -15.12, reml.estimate(), 2);
check("REML 95% CI lower", -32.67, reml.ciLb(), 2);
check("REML 95% CI upper", 2.43, reml.ciUb(), 2);
check("REML tau^2", 685.20, reml.tau2(), 2);

// For contrast, the usual MD variance (each arm's own SD), as in datasets/normand1999.md (metafor, computed).
MetaResult feOwn = fit(Method.FE, effects(EffectMeasure.MD, "normand1999"));
check("FE MD with per-arm SDs (metafor, computed)", -3.46, feOwn.estimate(), 2);
note("Q (df 8), pooled-SD variances", fe.q());

forest("normand1999-reml", reml);

report("Normand 1999 stroke units, length of stay (Table IX)");
