// Stata's metan on the BCG trials: the same 13 trials (Colditz et al. 1994) analysed with Stata's metan command
// (Harris RJ, Bradburn MJ, Deeks JJ, Harbord RM, Altman DG, Sterne JAC. metan: fixed- and random-effects
// meta-analysis. Stata Journal 2008;8(1):3-28), log relative risk.
//
// Question: does an independent implementation agree? Inverse-variance fixed effect, DerSimonian-Laird random
// effects and Mantel-Haenszel, as printed by
//   metan tpos tneg cpos cneg, fixedi nograph rr log     (IV fixed effect)
//   metan tpos tneg cpos cneg, randomi nograph rr log    (DerSimonian-Laird)
//   metan tpos tneg cpos cneg, fixed nograph rr log      (Mantel-Haenszel)
// Figures (4 decimals, as metan prints them) as given in the project brief and recorded with these commands in
// metafor's comparison tests (tests/testthat/test_misc_metan_vs_rma.*_with_dat.bcg.r).

StudyData rr = effects(EffectMeasure.RR, "bcg-colditz1994");
MetaResult iv = fit(Method.FE, rr);
MetaResult dl = fit(Method.DL, rr);
MetaResult mh = fit(Method.MH, rr);

// metan, fixedi rr log: pooled log RR -0.4303 (-0.5097, -0.3509); heterogeneity chi-squared 152.2330;
// on the RR scale 0.6503 (0.6007, 0.7040).
check("IV log RR", -0.4303, iv.estimate(), 4);
check("IV 95% CI lower", -0.5097, iv.ciLb(), 4);
check("IV 95% CI upper", -0.3509, iv.ciUb(), 4);
check("IV z (metan prints -10.62)", -10.62, iv.statistic(), 2);
check("heterogeneity chi-squared (df 12)", 152.2330, iv.q(), 4);
check("IV RR", 0.6503, Math.exp(iv.estimate()), 4);
check("IV RR 95% CI lower", 0.6007, Math.exp(iv.ciLb()), 4);
check("IV RR 95% CI upper", 0.7040, Math.exp(iv.ciUb()), 4);

// metan, randomi rr log: -0.7141 (-1.0644, -0.3638), tau^2 0.3088, I^2 = 92.1173%; RR 0.4896 (0.3449, 0.6950).
check("DL log RR", -0.7141, dl.estimate(), 4);
check("DL 95% CI lower", -1.0644, dl.ciLb(), 4);
check("DL 95% CI upper", -0.3638, dl.ciUb(), 4);
check("DL tau^2", 0.3088, dl.tau2(), 4);
check("I^2 (%)", 92.1173, dl.i2(), 4);
check("DL z (metan prints 4.00 in absolute value)", 4.00, Math.abs(dl.statistic()), 2);
check("DL RR", 0.4896, Math.exp(dl.estimate()), 4);
check("DL RR 95% CI lower", 0.3449, Math.exp(dl.ciLb()), 4);
check("DL RR 95% CI upper", 0.6950, Math.exp(dl.ciUb()), 4);

// metan, fixed rr log (Mantel-Haenszel): -0.4537 (-0.5308, -0.3766); RR 0.6353 (0.5881, 0.6862).
check("MH log RR", -0.4537, mh.estimate(), 4);
check("MH 95% CI lower", -0.5308, mh.ciLb(), 4);
check("MH 95% CI upper", -0.3766, mh.ciUb(), 4);
check("MH RR", 0.6353, Math.exp(mh.estimate()), 4);
check("MH RR 95% CI lower", 0.5881, Math.exp(mh.ciLb()), 4);
check("MH RR 95% CI upper", 0.6862, Math.exp(mh.ciUb()), 4);
// metan prints |z| = 11.53 for Mantel-Haenszel RR.
check("MH |z|", 11.53, Math.abs(mh.statistic()), 2);

forest("bcg-metan-dl", dl);

report("Stata metan on BCG (log RR): IV, DL, MH");
