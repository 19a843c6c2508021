# Edge cases: metafor 3.8-1 results on small data sets chosen to sit at the edges of the estimators, where
# metaj's stopping rules and special cases must agree with metafor's:
#   - k1:  Egger 2001 row 16 alone (ISIS-4; metadat dat.egger2001): a single 2x2 table, MH and Peto;
#   - k2:  Egger 2001 rows 2 and 12 (real data): k = 2 for every estimator, z and Knapp-Hartung;
#   - pr:  a MADE-UP set of four proportions with xi = 0 and xi = ni (zero-cell corrections of PR, PLO; PFT, PAS);
#   - ir:  a MADE-UP set of four incidence-rate comparisons with zero events and one double-zero study: IRD has
#          small sampling variances (~1e-4) and ML/REML approach tau^2 = 0 by step halving, where metafor stops
#          at a tiny positive tau^2 (1.3e-13) whose I^2 (1.3e-7 %) exceeds the absolute tolerance;
#   - cor: a MADE-UP set of four correlations, including r = 0.99 with n = 8.
# The made-up sets are not data from any study; they exist only to pin these behaviours.
#
# Run from this folder (meta-core/src/test/resources/reference):  Rscript cases-edge.R
# Writes data-edge/*.csv and cases-edge.jsonl (same format as cases.jsonl). Every figure comes from:
#   - effect sizes: escalc(measure, <columns>) with metafor's defaults (add = 1/2, to = "only0", vtype = "LS");
#   - FE ... PMM:   rma(yi, vi, method = M, test = T, control = list(threshold = 1e-12, tol = 1e-12, maxiter = 10000));
#   - MH:           rma.mh(<2x2 columns>, measure = M);  PETO: rma.peto(<2x2 columns>);
#   - pi_lb pi_ub:  predict(fit); tau2_ci_*: confint(fit, control = list(tol = 1e-12, maxiter = 10000)).
suppressPackageStartupMessages({ library(metafor); library(metadat); library(jsonlite) })

CTRL <- list(threshold = 1e-12, tol = 1e-12, maxiter = 10000)
dir.create("data-edge", showWarnings = FALSE)
cases <- list()

num <- function(x) if (is.null(x) || length(x) == 0 || is.na(x)) NA else unname(as.numeric(x))

add_case <- function(id, file, args, expect) {
  cases[[length(cases) + 1]] <<- list(id = id, data = paste0("data-edge/", file), args = as.list(args),
                                      expect = expect)
}

fit_figures <- function(fit, random) {
  p <- predict(fit)
  e <- list(k = fit$k, estimate = num(fit$beta), se = num(fit$se), pval = num(fit$pval),
            ci_lb = num(fit$ci.lb), ci_ub = num(fit$ci.ub), tau2 = num(fit$tau2), I2 = num(fit$I2),
            H2 = num(fit$H2), Q = num(fit$QE), Q_pval = num(fit$QEp),
            pi_lb = num(if (is.null(p$pi.lb)) p$ci.lb else p$pi.lb),
            pi_ub = num(if (is.null(p$pi.ub)) p$ci.ub else p$pi.ub))
  if (random && fit$k > 1) {                    # confint stops for k = 1: no interval expected then
    ci <- confint(fit, control = list(tol = 1e-12, maxiter = 10000))$random
    e$tau2_ci_lb <- num(ci["tau^2", "ci.lb"])
    e$tau2_ci_ub <- num(ci["tau^2", "ci.ub"])
  }
  e
}

# all rma methods with z, and DL / REML / PM with Knapp-Hartung, on the escalc output dat
uni_cases <- function(name, file, dat, measure, knha = TRUE) {
  margs <- if (is.null(measure)) character(0) else c("--measure", measure)
  tag <- if (is.null(measure)) name else paste0(name, "/", measure)
  runs <- c(lapply(c("FE", "DL", "HE", "HS", "HSk", "SJ", "ML", "REML", "EB", "PM", "PMM"),
                   function(m) c(m, "z")),
            if (knha) list(c("DL", "knha"), c("REML", "knha"), c("PM", "knha")))
  for (r in runs) {
    fit <- rma(yi, vi, data = dat, method = r[1], test = r[2], control = CTRL)
    add_case(paste0(tag, "/", r[1], "/", r[2]), file, c(margs, "--method", r[1], "--test", r[2]),
             fit_figures(fit, r[1] != "FE"))
  }
}

mh_cases <- function(name, file, d, measures) {
  for (m in measures) {
    fit <- if (all(c("bi", "di") %in% names(d))) rma.mh(ai = ai, bi = bi, ci = ci, di = di, data = d, measure = m)
           else rma.mh(ai = ai, n1i = n1i, ci = ci, n2i = n2i, data = d, measure = m)
    e <- fit_figures(fit, FALSE); e$pi_lb <- NULL; e$pi_ub <- NULL; e$tau2 <- 0
    add_case(paste0(name, "/", m, "/MH"), file, c("--measure", m, "--method", "MH"), e)
  }
}

peto_case <- function(name, file, d) {
  fit <- rma.peto(ai = ai, n1i = n1i, ci = ci, n2i = n2i, data = d)
  e <- fit_figures(fit, FALSE); e$pi_lb <- NULL; e$pi_ub <- NULL; e$tau2 <- 0
  add_case(paste0(name, "/PETO/PETO"), file, c("--measure", "PETO", "--method", "PETO"), e)
}

write <- function(d, file) write.csv(d, file.path("data-edge", file), row.names = FALSE)

two_by_two <- function(name, d, measures, mh = c("OR", "RR", "RD"), peto = TRUE) {
  file <- paste0(name, ".csv"); write(d, file)
  for (m in measures) uni_cases(name, file, escalc(m, ai = ai, n1i = n1i, ci = ci, n2i = n2i, data = d), m)
  mh_cases(name, file, d, mh)
  if (peto) peto_case(name, file, d)
}

eg <- with(dat.egger2001, data.frame(study = study, ai = ai, n1i = n1i, ci = ci, n2i = n2i))
e1 <- eg[16, ]; write(e1, "k1.csv"); mh_cases("k1", "k1.csv", e1, c("OR","RR","RD")); peto_case("k1", "k1.csv", e1)
e2 <- eg[c(2,12), ]; write(e2, "k2.csv"); two_by_two("k2", e2, c("OR","RD"))
for (m in c("HS","HSk","HE","SJ","EB","PMM","ML")) { f <- rma(yi, vi, data=escalc("OR", ai=ai,n1i=n1i,ci=ci,n2i=n2i,data=e2), method=m, test="knha", control=CTRL)
  add_case(paste0("k2/OR/",m,"/knha"), "k2.csv", c("--measure","OR","--method",m,"--test","knha"), fit_figures(f, TRUE)) }
pr <- data.frame(study=1:4, xi=c(0,10,20,20), ni=c(20,20,20,25)); write(pr, "pr.csv")
for (m in c("PR","PLO","PFT","PAS")) uni_cases("pr", "pr.csv", escalc(m, xi=xi, ni=ni, data=pr), m)
ir <- data.frame(study=1:4, x1i=c(0,3,0,5), t1i=c(100,200,150,300), x2i=c(2,0,0,7), t2i=c(120,180,160,290)); write(ir, "ir.csv")
for (m in c("IRR","IRD")) uni_cases("ir", "ir.csv", escalc(m, x1i=x1i,t1i=t1i,x2i=x2i,t2i=t2i, data=ir), m)
co <- data.frame(study=1:4, ri=c(0.9,-0.2,0.5,0.99), ni=c(10,50,30,8)); write(co, "cor.csv")
for (m in c("COR","ZCOR")) uni_cases("cor", "cor.csv", escalc(m, ri=ri, ni=ni, data=co), m)
con <- file("cases-edge.jsonl", "w"); for (c in cases) writeLines(toJSON(c, auto_unbox = TRUE, digits = I(12), na = "null"), con); close(con); cat(length(cases), "\n")
