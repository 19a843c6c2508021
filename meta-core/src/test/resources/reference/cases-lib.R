# Shared helpers of cases-extra.R and cases-edge.R: run every rma method (z, and DL/REML/PM with Knapp-Hartung),
# rma.mh and rma.peto on a data set and record metafor's figures as reference cases. The caller sets DATA_DIR (where
# the CSVs go, relative to this folder) before source("cases-lib.R"), and writes `cases` out at the end.
suppressPackageStartupMessages({ library(metafor); library(metadat); library(jsonlite) })

CTRL <- list(threshold = 1e-12, tol = 1e-12, maxiter = 10000)
dir.create(DATA_DIR, showWarnings = FALSE)
cases <- list()

num <- function(x) if (is.null(x) || length(x) == 0 || is.na(x)) NA else unname(as.numeric(x))

add_case <- function(id, file, args, expect) {
  cases[[length(cases) + 1]] <<- list(id = id, data = paste0(DATA_DIR, "/", file), args = as.list(args),
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

write <- function(d, file) write.csv(d, file.path(DATA_DIR, file), row.names = FALSE)

two_by_two <- function(name, d, measures, mh = c("OR", "RR", "RD"), peto = TRUE) {
  file <- paste0(name, ".csv"); write(d, file)
  for (m in measures) uni_cases(name, file, escalc(m, ai = ai, n1i = n1i, ci = ci, n2i = n2i, data = d), m)
  mh_cases(name, file, d, mh)
  if (peto) peto_case(name, file, d)
}
