# Reference cases for the effect measures added after the first fifteen, and for the back-transformations.
#
# Run from this folder (meta-core/src/test/resources/reference):  Rscript measures-extra.R
# Writes data-measures/*.csv (metafor column names) and measures-extra.jsonl (the format of cases.jsonl).
#
# Provenance of every figure:
#   - studies_yi, studies_vi: escalc(measure, <columns>, vtype = V) with metafor's defaults otherwise (add = 1/2,
#     to = "only0"; add = 0 for AS, PHI, RTET, IRS, IRFT), the studies whose yi and vi are not missing, in file order;
#   - k estimate se pval ci_lb ci_ub tau2 I2 H2 Q Q_pval pi_lb pi_ub tau2_ci_lb tau2_ci_ub: rma(yi, vi, method =
#     "REML", control = CTRL) and confint() as in cases-lib.R;
#   - transf, estimate_bt ci_lb_bt ci_ub_bt pi_lb_bt pi_ub_bt: predict(fit, transf = <metafor's transf.*>) with the
#     measure's default back-transformation (metaj's Transform.forMeasure), or the one given by --transf; for
#     transf.ipft.hm targs = list(ni = <the studies' ni>); for the Freeman-Tukey rate (IRFT), transf.iirft at the
#     harmonic mean of the person-times.
# Data: metadat's Normand 1999 (two groups; its group 1 alone for the one-group measures), de Bruin 2009
# (proportions), Nielweise 2008 (rates, treatment arm), McDaniel 1994 (first 15, correlations), Aloe 2013 (partial
# correlations), Colditz 1994 BCG trials (2x2 tables), Bonett 2010 (Cronbach's alpha); and one MADE-UP set of
# pre-post summaries (change.csv: six invented studies, not data from any study).
# RTET is the one measure whose per-study figures are not escalc's: see rtet_exact below.
DATA_DIR <- "data-measures"
source("cases-lib.R")

hm <- function(x) 1 / mean(1 / x)
TRANSF <- list(exp = exp, ztor = transf.ztor, ilogit = transf.ilogit, iarcsin = transf.iarcsin,
               isqrt = transf.isqrt, iahw = transf.iahw, iabt = transf.iabt)
DEFAULT <- c(ROMC = "exp", CVR = "exp", VR = "exp", MNLN = "exp", CVLN = "exp", SDLN = "exp", PLN = "exp",
             IRLN = "exp", D2ORN = "exp", D2ORL = "exp", ZPCOR = "ztor", IRS = "isqrt", IRFT = "iirft.hm",
             AHW = "iahw", ABT = "iabt", PFT = "ipft.hm", PLO = "ilogit", ZCOR = "ztor", PAS = "iarcsin",
             OR = "exp", ROM = "exp")

# one case: escalc, rma REML, per-study yi/vi, back-transformed figures
# The tetrachoric correlation as the exact maximum-likelihood estimate. The model (rho and two thresholds) is
# saturated, so the estimate reproduces the table: thresholds qnorm of the margins, rho the root of
# Phi2(u, w; rho) = a/n (uniroot to 1e-15); vi the (1,1) element of the inverse information there (observed =
# expected information at a saturated estimate; cross-checked against numDeriv's Hessian of -log L). metafor 3.8-1's escalc maximises the same likelihood with Nelder-Mead
# (optim's default reltol 1e-8) and a finite-difference Hessian, and stops short of the maximum: on the BCG tables
# its yi differ from the root by up to 2e-5 with a lower log-likelihood (Aronson 1948: -237.2086650868 at
# metafor's rho -0.2631432144, -237.2086650782 = the saturated maximum sum(n_j log(n_j/n)) at rho -0.2631230372).
rtet_exact <- function(a, b, c, d) {
  n <- a + b + c + d
  w <- qnorm((a + b) / n); u <- qnorm((a + c) / n)
  p2 <- function(r, x, y) as.numeric(mvtnorm::pmvnorm(upper = c(x, y), corr = matrix(c(1, r, r, 1), 2)))
  rho <- uniroot(function(r) p2(r, u, w) - a / n, c(-0.9999, 0.9999), tol = 1e-15)$root
  # expected information of (rho, w, u) = observed information at the saturated estimate: n sum_j g_j g_j' / p_j
  s <- sqrt(1 - rho^2); f <- p2(rho, u, w)
  dens <- mvtnorm::dmvnorm(c(u, w), sigma = matrix(c(1, rho, rho, 1), 2))
  fu <- dnorm(u) * pnorm((w - rho * u) / s); fw <- dnorm(w) * pnorm((u - rho * w) / s)
  p <- c(f, pnorm(w) - f, pnorm(u) - f, 1 - pnorm(u) - pnorm(w) + f)
  g <- rbind(c(dens, fw, fu), c(-dens, dnorm(w) - fw, -fu), c(-dens, -fw, dnorm(u) - fu),
             c(dens, fw - dnorm(w), fu - dnorm(u)))
  vi <- solve(n * t(g) %*% diag(1 / p) %*% g)[1, 1]
  # cross-check: the numerical Hessian of -log L (numDeriv) agrees to its own precision (about 1e-8 relative)
  negll <- function(q) {
    pa <- p2(q[1], q[3], q[2]); pb <- pnorm(q[2]) - pa; pc <- pnorm(q[3]) - pa
    -(a * log(pa) + b * log(pb) + c * log(pc) + d * log(1 - pnorm(q[2]) - pnorm(q[3]) + pa))
  }
  vn <- solve(numDeriv::hessian(negll, c(rho, w, u)))[1, 1]
  if (abs(vn / vi - 1) > 1e-6) message(sprintf("RTET: numerical Hessian gives %.10g, information %.10g", vn, vi))
  list(yi = rho, vi = vi)
}

measure_case <- function(name, file, d, measure, cols, vtype = "LS", transf = NULL, extra = character(0)) {
  es <- do.call(escalc, c(list(measure = measure, vtype = vtype), setNames(lapply(cols, function(c) d[[c]]), cols)))
  if (measure == "RTET") {
    ex <- mapply(rtet_exact, d$ai, d$bi, d$ci, d$di)
    message(sprintf("RTET: metafor's escalc differs from the exact MLE by up to %.2g (yi) and %.2g (vi, relative)",
                    max(abs(es$yi - unlist(ex["yi", ]))), max(abs(es$vi / unlist(ex["vi", ]) - 1))))
    es$yi <- unlist(ex["yi", ]); es$vi <- unlist(ex["vi", ])
  }
  ok <- !is.na(es$yi) & !is.na(es$vi)
  fit <- rma(yi, vi, data = es, method = "REML", control = CTRL)
  e <- fit_figures(fit, TRUE)
  e$studies_yi <- as.numeric(es$yi[ok]); e$studies_vi <- as.numeric(es$vi[ok])
  tname <- if (is.null(transf)) unname(DEFAULT[measure]) else transf
  if (!is.na(tname) && tname != "none") {
    p <- if (tname == "ipft.hm") predict(fit, transf = transf.ipft.hm, targs = list(ni = d$ni[ok]))
         else if (tname == "iirft.hm") predict(fit, transf = function(x) transf.iirft(x, hm(d$ti[ok])))
         else predict(fit, transf = TRANSF[[tname]])
    e$transf <- tname
    e$estimate_bt <- num(p$pred); e$ci_lb_bt <- num(p$ci.lb); e$ci_ub_bt <- num(p$ci.ub)
    e$pi_lb_bt <- num(p$pi.lb); e$pi_ub_bt <- num(p$pi.ub)
  }
  args <- c("--measure", measure, "--method", "REML")
  if (vtype != "LS") args <- c(args, "--vtype", vtype)
  args <- c(args, extra)
  add_case(paste0(name, "/", measure, if (vtype != "LS") paste0("/", vtype) else "",
                  if (length(extra)) paste0("/", paste(extra, collapse = "")) else ""), file, args, e)
}

# --- two groups, continuous (Normand 1999: length of stay) ---------------------------------------------------
no <- with(dat.normand1999, data.frame(study = source, m1i, sd1i, n1i, m2i, sd2i, n2i))
write(no, "normand1999.csv")
for (m in c("SMDH", "SMD1", "CVR", "VR", "RPB", "RBIS", "D2ORN", "D2ORL"))
  measure_case("normand1999", "normand1999.csv", no, m, c("m1i", "sd1i", "n1i", "m2i", "sd2i", "n2i"))
measure_case("normand1999", "normand1999.csv", no, "SMDH", c("m1i", "sd1i", "n1i", "m2i", "sd2i", "n2i"), vtype = "LS2")
for (v in c("UB", "LS2", "AV")) measure_case("normand1999", "normand1999.csv", no, "SMD1", c("m1i", "n1i", "m2i", "sd2i", "n2i"), vtype = v)
for (v in c("CS", "ST")) measure_case("normand1999", "normand1999.csv", no, "RPB",
                                     c("m1i", "sd1i", "n1i", "m2i", "sd2i", "n2i"), vtype = v)

# the variance types of the first fifteen measures
for (v in c("UB", "LS2", "AV")) measure_case("normand1999", "normand1999.csv", no, "SMD",
                                            c("m1i", "sd1i", "n1i", "m2i", "sd2i", "n2i"), vtype = v)
for (v in c("HO", "AV", "AVHO")) measure_case("normand1999", "normand1999.csv", no, "ROM",
                                             c("m1i", "sd1i", "n1i", "m2i", "sd2i", "n2i"), vtype = v)
measure_case("normand1999", "normand1999.csv", no, "MD", c("m1i", "sd1i", "n1i", "m2i", "sd2i", "n2i"),
             vtype = "HO")

# --- one group (Normand 1999, group 1) -------------------------------------------------------------------------
og <- with(dat.normand1999, data.frame(study = source, mi = m1i, sdi = sd1i, ni = n1i))
write(og, "normand1999-group1.csv")
for (m in c("MN", "MNLN", "CVLN")) measure_case("normand1999g1", "normand1999-group1.csv", og, m, c("mi", "sdi", "ni"))
measure_case("normand1999g1", "normand1999-group1.csv", og, "SDLN", c("sdi", "ni"))

# --- change scores (MADE-UP pre-post summaries) ----------------------------------------------------------------
ch <- data.frame(study = paste("made-up", 1:6), m1i = c(24.1, 30.5, 18.2, 22.7, 27.9, 20.4),
                 m2i = c(20.3, 26.1, 17.5, 18.0, 25.2, 19.8), sd1i = c(6.2, 7.9, 5.1, 6.8, 8.3, 4.9),
                 sd2i = c(5.9, 8.4, 5.6, 6.1, 7.7, 5.3), ni = c(18, 42, 25, 12, 60, 33),
                 ri = c(0.62, 0.48, 0.71, 0.55, 0.40, 0.80))
write(ch, "change.csv")
for (m in c("MC", "SMCC", "SMCRH", "ROMC")) measure_case("change", "change.csv", ch, m, c("m1i", "m2i", "sd1i", "sd2i", "ni", "ri"))
measure_case("change", "change.csv", ch, "SMCR", c("m1i", "m2i", "sd1i", "ni", "ri"))
for (m in c("SMCC", "SMCR")) measure_case("change", "change.csv", ch, m, c("m1i", "m2i", "sd1i", "sd2i", "ni", "ri"), vtype = "LS2")

# --- proportions and rates -------------------------------------------------------------------------------------
db <- with(dat.debruin2009, data.frame(study = author, xi = xi, ni = ni))
write(db, "debruin2009.csv")
measure_case("debruin2009", "debruin2009.csv", db, "PLN", c("xi", "ni"))
measure_case("debruin2009", "debruin2009.csv", db, "PLN", c("xi", "ni"), vtype = "AV")
for (m in c("PFT", "PLO", "PAS")) measure_case("debruin2009", "debruin2009.csv", db, m, c("xi", "ni"))
for (v in c("UB", "AV")) measure_case("debruin2009", "debruin2009.csv", db, "PR", c("xi", "ni"), vtype = v)
measure_case("debruin2009", "debruin2009.csv", db, "PLO", c("xi", "ni"), vtype = "AV")
nw <- with(dat.nielweise2008, data.frame(study = paste(authors, year), xi = x1i, ti = t1i))
write(nw, "nielweise2008.csv")                 # one study with xi = 0
for (m in c("IRLN", "IRS", "IRFT")) measure_case("nielweise2008", "nielweise2008.csv", nw, m, c("xi", "ti"))

# --- correlations ----------------------------------------------------------------------------------------------
mc <- with(dat.mcdaniel1994[1:15, ], data.frame(study = study, ri = ri, ni = ni))
write(mc, "mcdaniel1994.csv")
measure_case("mcdaniel1994", "mcdaniel1994.csv", mc, "UCOR", c("ri", "ni"))
for (v in c("UB", "AV")) measure_case("mcdaniel1994", "mcdaniel1994.csv", mc, "UCOR", c("ri", "ni"), vtype = v)
measure_case("mcdaniel1994", "mcdaniel1994.csv", mc, "ZCOR", c("ri", "ni"))
measure_case("mcdaniel1994", "mcdaniel1994.csv", mc, "COR", c("ri", "ni"), vtype = "AV")
al <- with(dat.aloe2013, data.frame(study = study, ti = tval, ni = n, mi = preds, r2i = R2))
write(al, "aloe2013.csv")
for (m in c("PCOR", "ZPCOR")) measure_case("aloe2013", "aloe2013.csv", al, m, c("ti", "ni", "mi"))
measure_case("aloe2013", "aloe2013.csv", al, "SPCOR", c("ti", "ni", "mi", "r2i"))
measure_case("aloe2013", "aloe2013.csv", al, "PCOR", c("ti", "ni", "mi"), vtype = "AV")
measure_case("aloe2013", "aloe2013.csv", al, "SPCOR", c("ti", "ni", "mi", "r2i"), vtype = "AV")

# --- 2x2 tables (BCG trials) -----------------------------------------------------------------------------------
bcg <- with(dat.bcg, data.frame(study = paste(author, year), ai = tpos, bi = tneg, ci = cpos, di = cneg))
write(bcg, "bcg.csv")
for (m in c("AS", "PHI", "YUQ", "YUY", "OR2DN", "OR2DL", "RTET"))
  measure_case("bcg", "bcg.csv", bcg, m, c("ai", "bi", "ci", "di"))
for (v in c("ST", "CS")) measure_case("bcg", "bcg.csv", bcg, "PHI", c("ai", "bi", "ci", "di"), vtype = v)
measure_case("bcg", "bcg.csv", bcg, "OR", c("ai", "bi", "ci", "di"))
for (v in c("UB", "AV")) measure_case("bcg", "bcg.csv", bcg, "RD", c("ai", "bi", "ci", "di"), vtype = v)
measure_case("bcg", "bcg.csv", bcg, "OR", c("ai", "bi", "ci", "di"), transf = "none",
             extra = c("--transf", "none"))

# --- reliability (Bonett 2010) ---------------------------------------------------------------------------------
bo <- with(dat.bonett2010, data.frame(study = paste(study, source), ai = ai, mi = mi, ni = ni))
write(bo, "bonett2010.csv")
for (m in c("AHW", "ABT")) measure_case("bonett2010", "bonett2010.csv", bo, m, c("ai", "mi", "ni"))

writeLines(vapply(cases, function(x) as.character(toJSON(x, auto_unbox = TRUE, digits = NA, na = "null",
                                                         null = "null")), ""), "measures-extra.jsonl")
