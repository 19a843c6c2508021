// Raudenbush 2009, Handbook of Research Synthesis and Meta-Analysis (2nd ed.), chapter 16 "Analyzing effect
// sizes: random-effects models", Table 16.3 (p. 309): teacher expectancy ("Pygmalion") data, 19 experiments.
//
// Question: how much do the conclusions depend on the choice of tau^2 estimator (EE, ML, REML, DL, HE), and on
// the test: the usual z test vs the Knapp-Hartung (1993/2003) t test with rescaled standard error?
// Source: Raudenbush SW, in Cooper H, Hedges LV, Valentine JC (eds), 2009, Table 16.3 (conventional and
// Knapp-Hartung panels), values printed to 3 decimals. Transcribed from the metafor project's reproduction of this
// chapter (analyses:raudenbush2009; the chapter itself was not re-checked here). Data: datasets/raudenbush1985.csv.

StudyData d = EffectSizes.withDefaults().generic(columns("raudenbush1985")).toStudyData();
say("k = %d experiments", d.k());

String[] methods = {"EE", "ML", "REML", "DL", "HE"};
// Table 16.3, conventional (z-based) panel: tau^2, mu, SE, z, 95% CI lower, upper.
double[][] conventional = {
    {0.000, 0.060, 0.036, 1.655, -0.011, 0.132},
    {0.013, 0.078, 0.047, 1.637, -0.015, 0.171},
    {0.019, 0.084, 0.052, 1.621, -0.018, 0.185},
    {0.026, 0.089, 0.056, 1.601, -0.020, 0.199},
    {0.080, 0.114, 0.079, 1.443, -0.041, 0.270}};
// Table 16.3, Knapp-Hartung panel: tau^2, mu, SE, t (df 18), 95% CI lower, upper.
double[][] knha = {
    {0.000, 0.060, 0.051, 1.173, -0.048, 0.168},
    {0.013, 0.078, 0.059, 1.311, -0.047, 0.202},
    {0.019, 0.084, 0.062, 1.359, -0.046, 0.213},
    {0.026, 0.089, 0.064, 1.405, -0.044, 0.223},
    {0.080, 0.114, 0.071, 1.608, -0.035, 0.264}};
String[] cols = {"tau^2", "mu", "SE", "z", "CI lower", "CI upper"};

for (int m = 0; m < methods.length; m++) {
    Method method = Method.parse(methods[m]);
    MetaResult z = MetaAnalysis.withDefaults().with(method).fit(d);
    MetaResult t = MetaAnalysis.withDefaults().with(method).with(TestType.KNHA).fit(d);
    double[] gz = {z.tau2(), z.estimate(), z.se(), z.statistic(), z.ciLb(), z.ciUb()};
    double[] gt = {t.tau2(), t.estimate(), t.se(), t.statistic(), t.ciLb(), t.ciUb()};
    for (int c = 0; c < 6; c++) {
        check(methods[m] + " " + cols[c] + " (Table 16.3, z)", conventional[m][c], gz[c], 3);
    }
    for (int c = 0; c < 6; c++) {
        check(methods[m] + " " + (c == 3 ? "t" : cols[c]) + " (Table 16.3, KH)", knha[m][c], gt[c], 3);
    }
}

// Raudenbush 2009, Table 16.2 / p. 302: Q = 35.83 (df 18) for the homogeneity test.
check("Q (df 18) (Table 16.2)", 35.83, fit(Method.FE, d).q(), 2);

report("Raudenbush 2009 Table 16.3, teacher expectancy");
