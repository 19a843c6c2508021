package org.metaj.regression;

/**
 * A fitted value of a meta-regression at given moderator values, {@code mu = x'b} with
 * {@code se = sqrt(x' V x)}; the confidence interval {@code mu +/- c se} and the prediction interval
 * {@code mu +/- c sqrt(se^2 + tau^2)} (Higgins, Thompson &amp; Spiegelhalter 2009, J R Stat Soc A 172:137), with
 * {@code c} the normal or, under Knapp-Hartung, the t quantile on {@code k - p} degrees of freedom.
 *
 * @param estimate the predicted average effect
 * @param se       its standard error
 * @param ciLb     lower confidence bound
 * @param ciUb     upper confidence bound
 * @param piLb     lower prediction bound
 * @param piUb     upper prediction bound
 */
public record Prediction(double estimate, double se, double ciLb, double ciUb, double piLb, double piUb) {
}
