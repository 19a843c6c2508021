package org.metaj.glmm;

/**
 * The distribution of one row of a count model given its linear predictor {@code eta}, with the log-density (up to
 * a constant that does not depend on eta), its first derivative (the score {@code y - E y} on the canonical scale)
 * and the negative second derivative (the variance, which for these canonical links is both the observed and the
 * expected information).
 */
enum RowFamily {
    /** Binomial with logit link: {@code y ~ Bin(n, p)}, {@code logit p = eta}: l = y eta - n log(1 + e^eta). */
    BINOMIAL,
    /** Poisson with log link: {@code y ~ Poisson(mu)}, {@code log mu = eta}: l = y eta - e^eta. */
    POISSON,
    /**
     * Fisher's non-central hypergeometric distribution of the cell {@code a} of a 2x2 table with fixed margins,
     * {@code P(a | psi) = C(n1, a) C(n2, m1 - a) psi^a / sum_u C(n1, u) C(n2, m1 - u) psi^u}, {@code log psi = eta}
     * (the conditional likelihood of the odds ratio; Stijnen, Hamza &amp; Özdemir 2010, Stat Med 29:3046, eq. 6;
     * McCullagh &amp; Nelder 1989, sec. 7.3). Score {@code a - E(A)}, information {@code Var(A)}.
     */
    NCHG;

    /** log(1 + e^x) without overflow. */
    static double log1pExp(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }
}
