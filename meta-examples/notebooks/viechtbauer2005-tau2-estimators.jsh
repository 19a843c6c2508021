// Viechtbauer 2005: bias and efficiency of meta-analytic variance estimators in the random-effects model --
// the two worked examples, estimating tau^2 seven ways and the resulting I^2 and H^2.
//
// Question: on the same data, how different are the HS, HE, DL, ML, REML, EB and SJ estimates of tau^2?
// Source: Viechtbauer W. J Educ Behav Stat 2005;30(3):261-293, example 1 (10 studies, p. 271) and example 2
// (18 studies, p. 272): tau^2 (3 decimals), I^2 (%) and H^2 (2 decimals) for each estimator. Effect sizes and
// variances of both examples, and the published values, as transcribed in the metafor project's reproduction of
// this paper (analyses:viechtbauer2005); not re-checked against the article. Neither the datasets module nor
// metadat ships these two examples, so the (yi, vi) pairs are entered here.
// I^2 and H^2 follow Higgins & Thompson (2002) with the estimator's tau^2: I^2 = tau^2 / (tau^2 + s^2),
// H^2 = (tau^2 + s^2) / s^2, s^2 the "typical" within-study variance (k - 1) sum w / ((sum w)^2 - sum w^2).

String[] methods = {"HS", "HE", "DL", "ML", "REML", "EB", "SJ"};

void example(String name, double[] yi, double[] vi, double[] tau2, double[] i2, double[] h2) {
    StudyData d = StudyData.of(yi, vi);
    for (int m = 0; m < methods.length; m++) {
        MetaResult r = fit(Method.parse(methods[m]), d);
        check(name + " " + methods[m] + " tau^2", tau2[m], r.tau2(), 3);
        check(name + " " + methods[m] + " I^2 (%)", i2[m], r.i2(), 2);
        check(name + " " + methods[m] + " H^2", h2[m], r.h2(), 2);
    }
}

// Example 1 (k = 10), Viechtbauer 2005 p. 271.
example("ex.1",
        new double[] {-0.581, 0.530, 0.771, 1.031, 0.553, 0.295, 0.078, 0.573, -0.176, -0.232},
        new double[] {0.023, 0.052, 0.060, 0.115, 0.095, 0.203, 0.200, 0.211, 0.051, 0.040},
        new double[] {0.228, 0.148, 0.277, 0.197, 0.223, 0.192, 0.199},
        new double[] {77.23, 68.80, 80.44, 74.51, 76.84, 74.05, 74.75},
        new double[] {4.39, 3.21, 5.11, 3.92, 4.32, 3.85, 3.96});

// Example 2 (k = 18), Viechtbauer 2005 p. 272. HE truncates at 0 here.
example("ex.2",
        new double[] {0.100, -0.162, -0.090, -0.049, -0.046, -0.010, -0.431, -0.261, 0.134, 0.019, 0.175, 0.056,
                0.045, 0.103, 0.121, -0.482, 0.290, 0.342},
        new double[] {0.016, 0.015, 0.050, 0.050, 0.032, 0.052, 0.036, 0.024, 0.034, 0.033, 0.031, 0.034, 0.039,
                0.167, 0.134, 0.096, 0.016, 0.035},
        new double[] {0.010, 0.000, 0.013, 0.013, 0.016, 0.010, 0.025},
        new double[] {22.93, 0.00, 27.53, 28.45, 32.02, 23.72, 42.67},
        new double[] {1.30, 1.00, 1.38, 1.40, 1.47, 1.31, 1.74});

report("Viechtbauer 2005, seven tau^2 estimators on two examples");
