# Reference cases of the tau^2 estimators added after the first wave: metafor 3.8-1's iterative Sidik-Jonkman (SJIT),
# iterative DerSimonian-Laird (DLIT) and generalised Q-statistic (GENQ) estimators, on data sets the other case
# files already hold (data/, data-extra/), including DLIT's non-convergence on the BCG data.
#
# Run from this folder (meta-core/src/test/resources/reference):  Rscript estimators-extra.R
# Writes estimators-extra.jsonl (same format as cases.jsonl); reads the CSVs, writes none.
#
# Provenance of every figure (fit_figures() of cases-lib.R names them):
#   - effect sizes: escalc(measure, <columns of the CSV>) with metafor's defaults; generic sets use yi / vi;
#   - SJIT, DLIT:   rma(yi, vi, method = M, test = T, control = CTRL_IT), CTRL_IT = CTRL with maxiter = 1000 (metaj's
#                   default --max-iterations; metafor's own default of 100 is too few for DLIT on some sets);
#   - GENQ:         metafor 3.8-1 has no default weights for GENQ (rma stops with "Must specify 'weights' when
#                   method='GENQ'"); metaj's GENQ takes DerSimonian & Kacker's (2007) two-step weights
#                   a_i = 1/(v_i + tau2_DL), so tau2 = rma(yi, vi, weights = 1/(vi + tau2_DL), method = "GENQ")$tau2,
#                   and, as metaj pools every estimator with inverse-variance weights 1/(v_i + tau2), the remaining
#                   figures are those of rma(yi, vi, tau2 = <that tau2>, test = T) (metafor's GENQ fit would pool with
#                   the weights a_i instead); the Q-profile interval (which does not depend on the estimate) comes from
#                   confint() of the DL fit;
#   - DLIT on BCG (log risk ratios) with --max-iterations 100 (metafor's default maxiter): metafor stops with
#     "Iterative DL estimator did not converge." (metaj: exit 4 under --on-nonconvergence fail, tested in JUnit).
#       * --on-nonconvergence DL: rma(yi, vi, method = c("DLIT", "DL"), control = list(maxiter = 100, ...)), metafor's
#         own fallback to the next method, i.e. the DL fit;
#       * --on-nonconvergence report (the default): the last iterate is reported. metafor does not return it, so the
#         script iterates metafor's DLIT update tau2 <- max(0, (Q(tau2) - (k - 1)) / tr P(tau2)) from 0 for 100 steps
#         (Q and tr P from the random-effects weights 1/(vi + tau2); DerSimonian & Laird 1986) and takes the figures of
#         rma(yi, vi, tau2 = <iterate 100>), iterations = 100, the Q-profile interval as for GENQ.
DATA_DIR <- "data"
source("cases-lib.R")
cases <- list()
CTRL_IT <- modifyList(CTRL, list(maxiter = 1000))

add <- function(id, file, args, expect) {
  cases[[length(cases) + 1]] <<- list(id = id, data = file, args = as.list(args), expect = expect)
}

effects <- function(file, measure) {
  d <- read.csv(file, check.names = FALSE)
  if (is.null(measure)) return(d)
  cols <- intersect(c("ai", "bi", "ci", "di", "n1i", "n2i", "m1i", "sd1i", "m2i", "sd2i", "ri", "ni"), names(d))
  do.call(escalc, c(list(measure = measure, data = d), setNames(lapply(cols, as.name), cols)))
}

qprofile <- function(dat) {
  ci <- confint(rma(yi, vi, data = dat, method = "DL"), control = list(tol = 1e-12, maxiter = 10000))$random
  list(tau2_ci_lb = num(ci["tau^2", "ci.lb"]), tau2_ci_ub = num(ci["tau^2", "ci.ub"]))
}

fixed_tau2 <- function(dat, tau2, test) {
  e <- fit_figures(rma(yi, vi, data = dat, tau2 = tau2, test = test, control = CTRL), FALSE)
  c(e, qprofile(dat))
}

# metafor's DLIT update (rma.uni), from tau2 = 0, n steps, intercept-only model
dlit_iterate <- function(dat, n) {
  y <- dat$yi; v <- dat$vi; t2 <- 0
  for (i in seq_len(n)) {
    w <- 1 / (v + t2); mu <- sum(w * y) / sum(w)
    t2 <- max(0, (sum(w * (y - mu)^2) - (length(y) - 1)) / (sum(w) - sum(w^2) / sum(w)))
  }
  t2
}

# DLIT does not converge in n steps (metafor stops with "Iterative DL estimator did not converge."): the cases of
# --on-nonconvergence DL (metafor's fallback method = c("DLIT", "DL")) and report (the n-th iterate)
nonconvergence <- function(tag, file, margs, dat, n) {
  ctrl <- modifyList(CTRL, list(maxiter = n))
  stopifnot(inherits(try(rma(yi, vi, data = dat, method = "DLIT", control = ctrl), silent = TRUE), "try-error"))
  fb <- rma(yi, vi, data = dat, method = c("DLIT", "DL"), control = ctrl)
  stopifnot(fb$method == "DL")
  it <- c(margs, "--method", "DLIT", "--max-iterations", n)
  add(paste0(tag, "/DLIT/z/maxiter", n, "/fallback-DL"), file, c(it, "--on-nonconvergence", "DL"), fit_figures(fb, TRUE))
  last <- fixed_tau2(dat, dlit_iterate(dat, n), "z")
  last$iterations <- n
  add(paste0(tag, "/DLIT/z/maxiter", n, "/report"), file, c(it, "--on-nonconvergence", "report"), last)
}

sets <- list(list("bcg", "data/bcg.csv", "RR"), list("bcg", "data/bcg.csv", "OR"),
             list("normand1999", "data/normand1999.csv", "SMD"), list("hackshaw1998", "data/hackshaw1998.csv", NULL),
             list("raudenbush1985", "data/raudenbush1985.csv", NULL),
             list("egger2001", "data-extra/egger2001.csv", "OR"), list("egger2001k3", "data-extra/egger2001k3.csv", "OR"),
             list("hine1989", "data-extra/hine1989.csv", "RD"),            # Q < df: tau2 = 0
             list("bangertdrowns2004", "data-extra/bangertdrowns2004.csv", NULL),
             list("mcdaniel1994", "data-extra/mcdaniel1994.csv", "ZCOR"), list("curtis1998", "data-extra/curtis1998.csv", "ROM"))

for (s in sets) {
  name <- s[[1]]; file <- s[[2]]; measure <- s[[3]]
  dat <- effects(file, measure)
  margs <- if (is.null(measure)) character(0) else c("--measure", measure)
  tag <- if (is.null(measure)) name else paste0(name, "/", measure)
  tests <- if (name == "bcg" && identical(measure, "RR")) c("z", "knha") else "z"
  for (test in tests) {
    for (m in c("SJIT", "DLIT")) {
      fit <- try(rma(yi, vi, data = dat, method = m, test = test, control = CTRL_IT), silent = TRUE)
      if (!inherits(fit, "try-error")) {
        add(paste0(tag, "/", m, "/", test), file, c(margs, "--method", m, "--test", test), fit_figures(fit, TRUE))
      } else if (m == "DLIT" && test == "z") {
        nonconvergence(tag, file, margs, dat, 1000)   # e.g. BCG log odds ratios: the iterates settle on a 2-cycle
      } else {
        stop(name, " ", m, ": ", fit)
      }
    }
    tdl <- rma(yi, vi, data = dat, method = "DL")$tau2
    tgq <- rma(yi, vi, data = dat, weights = 1 / (vi + tdl), method = "GENQ")$tau2
    add(paste0(tag, "/GENQ/", test), file, c(margs, "--method", "GENQ", "--test", test), fixed_tau2(dat, tgq, test))
  }
}

# DLIT's non-convergence on the BCG data (log risk ratios) at metafor's default maxiter = 100
nonconvergence("bcg/RR", "data/bcg.csv", c("--measure", "RR"), effects("data/bcg.csv", "RR"), 100)

writeLines(vapply(cases, function(c) toJSON(c, auto_unbox = TRUE, digits = NA, na = "null"), ""),
           "estimators-extra.jsonl")
cat(length(cases), "cases written to estimators-extra.jsonl\n")
