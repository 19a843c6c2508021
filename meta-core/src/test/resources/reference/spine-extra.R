# Reference cases of issue 11 (one model specification, one refit path): influence diagnostics of a meta-regression
# (metafor's influence() of an rma with mods), leave-one-out / cumulative / influence of an ML fit whose
# leave-one-out likelihood has a boundary maximum (egger2001 without LIMIT-2), and a meta-regression with the
# non-convergence policy. metafor 3.8-1 refuses leave1out() and cumul() of a model with moderators ("Method only
# applicable to models without moderators."): those are error cases. Produces data/egger2001.csv and
# spine-extra.jsonl. Run from this directory:  Rscript spine-extra.R     (R 4, metafor 3.8-1, jsonlite)
suppressMessages({library(metafor); library(jsonlite)})
ctrl <- list(threshold = 1e-12, tol = 1e-12, maxiter = 1000)

cases <- list()
add <- function(id, file, args, expect) {
  cases[[length(cases) + 1]] <<- list(id = id, data = file, args = as.list(args), expect = expect)
}
num <- function(x) unname(as.numeric(x))

eg <- read.csv("../../../../../datasets/egger2001.csv")
write.csv(eg, "data/egger2001.csv", row.names = FALSE)
eg <- escalc("OR", ai = ai, n1i = n1i, ci = ci, n2i = n2i, data = eg)

# influence of a meta-regression: every figure per study, dfbetas per coefficient
infl <- function(id, file, d, mods, method, test, measure = NULL) {
  f <- as.formula(paste("~", paste(mods, collapse = " + ")))
  r <- rma(yi, vi, mods = f, data = d, method = method, test = test, control = ctrl)
  inf <- influence(r)
  e <- list(k = r$k, tau2 = r$tau2, QE = r$QE,
            influence_rstudent = num(inf$inf$rstudent), influence_dffits = num(inf$inf$dffits),
            influence_cooks = num(inf$inf$cook.d), influence_cov_r = num(inf$inf$cov.r),
            influence_tau2_del = num(inf$inf$tau2.del), influence_QE_del = num(inf$inf$QE.del),
            influence_hat = num(inf$inf$hat), influence_weight = num(inf$inf$weight),
            influence_inf = as.numeric(inf$is.infl))
  nm <- rownames(r$beta)
  for (j in seq_along(nm)) e[[paste0("influence_dfbetas_", nm[j])]] <- num(inf$dfbs[[j]])
  add(id, file, c(if (!is.null(measure)) c("--measure", measure), "--method", method, "--test", test,
                  "--mods", paste(mods, collapse = ","), "--influence"), e)
}
bcg <- escalc("RR", ai = tpos, bi = tneg, ci = cpos, di = cneg, data = dat.bcg)
infl("bcg/mods/ablat/REML/z/influence", "data/bcg.csv", bcg, "ablat", "REML", "z", "RR")
infl("bcg/mods/ablat+year/ML/knha/influence", "data/bcg.csv", bcg, c("ablat", "year"), "ML", "knha", "RR")
infl("bcg/mods/ablat/DL/z/influence", "data/bcg.csv", bcg, "ablat", "DL", "z", "RR")
infl("bcg/mods/alloc/FE/z/influence", "data/bcg.csv", bcg, "alloc", "FE", "z", "RR")

# leave1out / cumul of a model with moderators: metafor stops (printed; the CLI test SensitivityWithModsTest
# checks that `analyze --mods ... --leave1out` / `--cumulative` exit 2 naming this; conformance.py has no error cases)
r <- rma(yi, vi, mods = ~ ablat, data = bcg, control = ctrl)
print(tryCatch(leave1out(r), error = function(e) conditionMessage(e)))
print(tryCatch(cumul(r), error = function(e) conditionMessage(e)))

# egger2001, OR, ML: leave-one-out, cumulative and influence from metafor's default start (leaving out study 14
# ends on the boundary tau2 = 0, logLik -28.71, where a warm start finds 0.295)
r <- rma(yi, vi, data = eg, method = "ML", control = ctrl)
l1 <- leave1out(r)
cu <- cumul(r)
inf <- influence(r)
add("egger2001/OR/ML/leave1out+influence+cumulative", "data/egger2001.csv",
    c("--measure", "OR", "--method", "ML", "--leave1out", "--influence", "--cumulative"),
    list(k = r$k, estimate = num(r$beta), tau2 = r$tau2,
         leave1out_estimate = num(l1$estimate), leave1out_tau2 = num(l1$tau2), leave1out_se = num(l1$se),
         leave1out_Q = num(l1$Q),
         influence_tau2_del = num(inf$inf$tau2.del), influence_rstudent = num(inf$inf$rstudent),
         influence_dffits = num(inf$inf$dffits), influence_cooks = num(inf$inf$cook.d),
         cumulative_estimate = num(cu$estimate), cumulative_tau2 = num(cu$tau2)))

con <- file("spine-extra.jsonl", "w")
for (cs in cases) writeLines(toJSON(cs, auto_unbox = TRUE, digits = NA, na = "null"), con)
close(con)
