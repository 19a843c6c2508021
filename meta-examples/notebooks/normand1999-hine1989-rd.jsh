// Normand 1999, first example: prophylactic lidocaine after acute myocardial infarction (Hine et al. 1989),
// mortality risk difference (lidocaine minus control), in percentage points.
//
// Question: does prophylactic lidocaine change mortality? (Positive RD = more deaths with lidocaine.)
// Source: Hine LK et al. Arch Intern Med 1989;149:2694-2698, as analysed in Normand SLT, Stat Med 1999;18:321-359:
// Table III (p. 330) per-trial RD and variance; Table VII (p. 349) fixed-effect and random-effects pooled RD.
// Published values transcribed from the metafor project's worked example of Normand 1999, not re-checked
// against the printed page.

StudyData raw = effects(EffectMeasure.RD, "hine1989");
double[] y = new double[raw.k()], v = new double[raw.k()];
for (int i = 0; i < raw.k(); i++) { y[i] = 100 * raw.yi(i); v[i] = 100 * 100 * raw.vi(i); }
StudyData d = StudyData.of(y, v);

// Normand 1999 Table III (p. 330): RD (4 decimals, percentage points), variance (4 decimals), 95% CI (1 decimal).
double[] rd = {2.8026, 0.0000, 1.9711, 1.7961, 3.5334, 4.4031};
double[] var = {17.7575, 37.5657, 8.1323, 10.8998, 8.0114, 6.1320};
double[] lb = {-5.5, -12.0, -3.6, -4.7, -2.0, -0.5};
double[] ub = {11.1, 12.0, 7.6, 8.3, 9.1, 9.3};
double z = Probabilities.normalQuantile(0.975);
for (int i = 0; i < d.k(); i++) {
    String s = raw.label(i) + " (" + columns("hine1989").getText("source")[i] + ")";
    check("Table III RD " + s, rd[i], y[i], 4);
    check("Table III var " + s, var[i], v[i], 4);
    check("Table III CI lower " + s, lb[i], y[i] - z * Math.sqrt(v[i]), 1);
    check("Table III CI upper " + s, ub[i], y[i] + z * Math.sqrt(v[i]), 1);
}

MetaResult fe = fit(Method.FE, d), dl = fit(Method.DL, d), reml = fit(Method.REML, d);
// Normand 1999 Table VII (p. 349): fixed effect 2.94 (0.4, 5.5); DL and REML identical, tau^2 = 0.000.
check("FE RD (%)", 2.94, fe.estimate(), 2);
check("FE 95% CI lower", 0.4, fe.ciLb(), 1);
check("FE 95% CI upper", 5.5, fe.ciUb(), 1);
check("DL RD (%)", 2.94, dl.estimate(), 2);
check("DL tau^2", 0.000, dl.tau2(), 3);
check("DL 95% CI lower", 0.4, dl.ciLb(), 1);
check("DL 95% CI upper", 5.5, dl.ciUb(), 1);
check("REML RD (%)", 2.94, reml.estimate(), 2);
check("REML tau^2", 0.000, reml.tau2(), 3);
check("REML 95% CI lower", 0.4, reml.ciLb(), 1);
check("REML 95% CI upper", 5.5, reml.ciUb(), 1);
// datasets/hine1989.md (metafor 3.8-1, computed): Q = 0.86.
check("Q (df 5) (metafor, computed)", 0.86, fe.q(), 2);

report("Hine 1989 lidocaine, risk difference (Normand 1999 Tables III and VII)");
