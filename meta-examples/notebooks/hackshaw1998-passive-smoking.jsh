// Hackshaw, Law & Wald 1997 / Hackshaw 1998: spousal smoking (environmental tobacco smoke) and lung cancer in
// lifelong non-smoking women, 37 epidemiological studies (4 cohort, 33 case-control), log odds ratios.
//
// Question: is a non-smoker living with a smoker at higher risk of lung cancer, and by how much?
// Source: Hackshaw AK, Law MR, Wald NJ. The accumulated evidence on lung cancer and environmental tobacco smoke.
// BMJ 1997;315:980-988 (abstract: excess risk 24%, 95% CI 13% to 36%, i.e. OR 1.24 (1.13 to 1.36), random
// effects); Hackshaw AK, Stat Methods Med Res 1998;7:119-136. The yi/vi in datasets/hackshaw1998.csv were
// back-calculated by metadat from each study's published OR and CI.

StudyData d = EffectSizes.withDefaults().generic(columns("hackshaw1998")).toStudyData();
MetaResult re = fit(Method.DL, d), fe = fit(Method.FE, d);
say("k = %d, DL tau^2 = %.4f, Q = %.2f (df %d), I^2 = %.1f%%", re.k(), re.tau2(), re.q(), re.qDf(), re.i2());

// Hackshaw 1997 abstract: excess risk 24% (13% to 36%) = 100 (OR - 1), random effects (DerSimonian-Laird).
check("excess risk % (DL)", 24, 100 * (Math.exp(re.estimate()) - 1), 0);
check("excess risk % CI lower", 13, 100 * (Math.exp(re.ciLb()) - 1), 0);
check("excess risk % CI upper", 36, 100 * (Math.exp(re.ciUb()) - 1), 0);
check("OR (DL)", 1.24, Math.exp(re.estimate()), 2);
check("OR CI lower", 1.13, Math.exp(re.ciLb()), 2);
check("OR CI upper", 1.36, Math.exp(re.ciUb()), 2);
// datasets/hackshaw1998.md (metafor 3.8-1 on this file, computed): FE OR 1.204, DL tau^2 0.017.
check("FE OR (metafor, computed)", 1.204, Math.exp(fe.estimate()), 3);
check("DL tau^2 (metafor, computed)", 0.017, re.tau2(), 3);

// By design: the 4 cohort studies vs the 33 case-control studies (context, no published counterpart here).
Table t = Datasets.load("hackshaw1998");
for (String design : new String[] {"cohort", "case-control"}) {
    StudyData s = EffectSizes.withDefaults().generic(Tables.toStudyColumns(
            t.where(t.stringColumn("design").isEqualTo(design)))).toStudyData();
    MetaResult r = fit(Method.DL, s);
    say("%-12s k = %2d  OR %.3f (%.3f to %.3f)", design, s.k(), Math.exp(r.estimate()), Math.exp(r.ciLb()),
            Math.exp(r.ciUb()));
}

forest("hackshaw1998-dl", re);

report("Hackshaw 1997/1998 passive smoking and lung cancer");
