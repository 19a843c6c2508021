# Provenance of bias-extra.jsonl: extra reference values for the sensitivity and small-study bias analyses,
# computed with R metafor 3.8-1 on datasets that bias.jsonl does not use (or with analyses/methods it does not
# use). Run from this directory:  Rscript bias-extra.R > bias-extra.jsonl
# It also writes data/bangertdrowns2004.csv (metadat's dat.bangertdrowns2004: Bangert-Drowns et al. 2004).
suppressMessages(library(metafor))
library(jsonlite)
ctl <- list(threshold = 1e-12, tol = 1e-12)
out <- function(id, data, args, expect) {
  cat(toJSON(list(id = id, data = data, args = args, expect = expect), auto_unbox = TRUE, digits = I(15),
             na = "null"), "\n", sep = "")
}
num <- function(x) as.numeric(x)

bd <- dat.bangertdrowns2004[, c("author", "year", "ni", "yi", "vi")]
names(bd)[1] <- "study"
write.csv(bd, "data/bangertdrowns2004.csv", row.names = FALSE)
hk <- read.csv("data/hackshaw1998.csv")
pr <- escalc("PLO", xi = xi, ni = ni, data = read.csv("data/pritz1997.csv"))
ml <- escalc("ZCOR", ri = ri, ni = ni, data = read.csv("data/molloy2014.csv"))
le <- escalc("RR", ai = ai, n1i = n1i, ci = ci, n2i = n2i, data = read.csv("data/lee2004.csv"))

egger <- function(r) list(egger_stat = num(r$zval), egger_pval = num(r$pval), egger_df = num(r$dfs),
                          egger_limit = num(r$est), egger_limit_ci_lb = num(r$ci.lb), egger_limit_ci_ub = num(r$ci.ub))
tf <- function(t) list(trimfill_k0 = t$k0, trimfill_side = t$side, trimfill_estimate = num(t$beta),
                       trimfill_se = num(t$se), trimfill_ci_lb = t$ci.lb, trimfill_ci_ub = t$ci.ub,
                       trimfill_tau2 = t$tau2, trimfill_k = t$k, trimfill_se_k0 = t$se.k0)
# fields metafor does not report for a model (tau2 of a common-effect model) are left out, not written as {}
l1o <- function(l) Filter(Negate(is.null), list(leave1out_estimate = l$estimate, leave1out_se = l$se, leave1out_pval = l$pval,
                        leave1out_ci_lb = l$ci.lb, leave1out_ci_ub = l$ci.ub, leave1out_tau2 = l$tau2,
                        leave1out_I2 = l$I2, leave1out_H2 = l$H2, leave1out_Q = l$Q, leave1out_Q_pval = l$Qp))
infl <- function(x) { i <- x$inf
  list(influence_rstudent = i$rstudent, influence_dffits = i$dffits, influence_cooks = i$cook.d,
       influence_cov_r = i$cov.r, influence_tau2_del = i$tau2.del, influence_QE_del = i$QE.del,
       influence_hat = i$hat, influence_weight = i$weight, influence_dfbetas = x$dfbs$intrcpt,
       influence_inf = as.numeric(x$is.infl)) }
# cumulative I2 is not stored: where the REML maximum lies on the boundary (some early subsets of
# Bangert-Drowns 2004), metafor's step-halving Fisher scoring stops at tau2 ~ 1e-12 instead of 0 (within the
# tolerance of tau2, which is compared), and I2 = 100 tau2 / (tau2 + s2) turns that into ~1e-9 percent.
cum <- function(c) list(cumulative_estimate = c$estimate, cumulative_se = c$se, cumulative_ci_lb = c$ci.lb,
                        cumulative_ci_ub = c$ci.ub, cumulative_tau2 = c$tau2, cumulative_Q = c$Q)
bj <- function(r) { pdf(NULL); b <- baujat(r); dev.off(); list(baujat_x = b$x, baujat_y = b$y) }
fsnall <- function(d) list(failsafe_rosenthal = fsn(yi, vi, data = d)$fsnum,
                           failsafe_rosenthal_pval = fsn(yi, vi, data = d)$pval,
                           failsafe_orwin = fsn(yi, vi, data = d, type = "Orwin")$fsnum,
                           failsafe_rosenberg = fsn(yi, vi, data = d, type = "Rosenberg")$fsnum,
                           failsafe_rosenberg_pval = fsn(yi, vi, data = d, type = "Rosenberg")$pval)
petpeese <- function(d) {
  pet <- coef(summary(lm(yi ~ sqrt(vi), weights = 1 / vi, data = d)))
  peese <- coef(summary(lm(yi ~ vi, weights = 1 / vi, data = d)))
  use <- if (pet[1, 4] < 0.05) peese else pet
  list(petpeese_pet_estimate = pet[1, 1], petpeese_pet_se = pet[1, 2], petpeese_pet_pval = pet[1, 4],
       petpeese_pet_slope = pet[2, 1], petpeese_peese_estimate = peese[1, 1], petpeese_peese_se = peese[1, 2],
       petpeese_peese_pval = peese[1, 4], petpeese_estimate = use[1, 1],
       petpeese_model = if (pet[1, 4] < 0.05) "PEESE" else "PET")
}

# --- Bangert-Drowns 2004 (k = 48, generic yi/vi with ni), REML ---
D <- "data/bangertdrowns2004.csv"
r <- rma(yi, vi, ni = ni, data = bd, control = ctl)
out("bangertdrowns2004/egger/lm/sei", D, list("--egger"), egger(regtest(r, model = "lm", predictor = "sei")))
out("bangertdrowns2004/egger/lm/vi", D, list("--egger", "--egger-predictor", "vi"),
    egger(regtest(r, model = "lm", predictor = "vi")))
out("bangertdrowns2004/egger/lm/ninv", D, list("--egger", "--egger-predictor", "ninv"),
    egger(regtest(r, model = "lm", predictor = "ninv")))
out("bangertdrowns2004/egger/lm/sqrtninv", D, list("--egger", "--egger-predictor", "sqrtninv"),
    egger(regtest(r, model = "lm", predictor = "sqrtninv")))
out("bangertdrowns2004/egger/rma/sei", D, list("--egger", "--egger-model", "rma"),
    egger(regtest(r, model = "rma", predictor = "sei")))
out("bangertdrowns2004/begg", D, list("--begg"), {rk <- ranktest(r); list(begg_tau = num(rk$tau), begg_pval = rk$pval)})
out("bangertdrowns2004/trimfill", D, list("--trimfill"), tf(trimfill(r)))
out("bangertdrowns2004/trimfill/R0", D, list("--trimfill", "--trimfill-estimator", "R0"), tf(trimfill(r, estimator = "R0")))
out("bangertdrowns2004/failsafe", D, list("--failsafe"), fsnall(bd))
out("bangertdrowns2004/cumulative/year", D, list("--cumulative", "--cumulative-order", "year"), cum(cumul(r, order = bd$year)))
out("bangertdrowns2004/baujat", D, list("--baujat"), bj(r))
out("bangertdrowns2004/petpeese", D, list("--petpeese"), petpeese(bd))
rk <- rma(yi, vi, ni = ni, data = bd, test = "knha", control = ctl)
out("bangertdrowns2004/knha/leave1out", D, list("--test", "knha", "--leave1out"), l1o(leave1out(rk)))
out("bangertdrowns2004/knha/influence", D, list("--test", "knha", "--influence"), infl(influence(rk)))
out("bangertdrowns2004/knha/egger/rma/ninv", D, list("--test", "knha", "--egger", "--egger-model", "rma",
    "--egger-predictor", "ninv"), egger(regtest(rk, model = "rma", predictor = "ninv")))

# --- Hackshaw 1998 (k = 37) with DL ---
D <- "data/hackshaw1998.csv"
r <- rma(yi, vi, data = hk, method = "DL", control = ctl)
out("hackshaw1998/DL/trimfill", D, list("--method", "DL", "--trimfill"), tf(trimfill(r)))
out("hackshaw1998/DL/trimfill/right", D, list("--method", "DL", "--trimfill", "--trimfill-side", "right"),
    tf(trimfill(r, side = "right")))
out("hackshaw1998/DL/leave1out", D, list("--method", "DL", "--leave1out"), l1o(leave1out(r)))
out("hackshaw1998/DL/influence", D, list("--method", "DL", "--influence"), infl(influence(r)))
out("hackshaw1998/DL/cumulative", D, list("--method", "DL", "--cumulative"), cum(cumul(r)))
out("hackshaw1998/DL/egger/rma/sei", D, list("--method", "DL", "--egger", "--egger-model", "rma"),
    egger(regtest(r, model = "rma", predictor = "sei")))

# --- Pritz 1997 (k = 14, PLO), common-effect model ---
D <- "data/pritz1997.csv"
r <- rma(yi, vi, data = pr, method = "FE", control = ctl)
out("pritz1997/PLO/FE/influence", D, list("--measure", "PLO", "--method", "FE", "--influence"), infl(influence(r)))
out("pritz1997/PLO/FE/leave1out", D, list("--measure", "PLO", "--method", "FE", "--leave1out"), l1o(leave1out(r)))
out("pritz1997/PLO/FE/trimfill", D, list("--measure", "PLO", "--method", "FE", "--trimfill"), tf(trimfill(r)))
out("pritz1997/PLO/FE/baujat", D, list("--measure", "PLO", "--method", "FE", "--baujat"), bj(r))
out("pritz1997/PLO/begg", D, list("--measure", "PLO", "--begg"), {rk <- ranktest(r); list(begg_tau = num(rk$tau), begg_pval = rk$pval)})

# --- Molloy 2014 (k = 16, ZCOR; two studies share n, so the variances tie), ML ---
D <- "data/molloy2014.csv"
r <- rma(yi, vi, ni = ni, data = ml, method = "ML", control = ctl)
out("molloy2014/ZCOR/begg/ties", D, list("--measure", "ZCOR", "--begg"),
    {rk <- suppressWarnings(ranktest(r)); list(begg_tau = num(rk$tau), begg_pval = rk$pval)})
out("molloy2014/ZCOR/ML/trimfill", D, list("--measure", "ZCOR", "--method", "ML", "--trimfill"), tf(trimfill(r)))
out("molloy2014/ZCOR/ML/trimfill/left", D, list("--measure", "ZCOR", "--method", "ML", "--trimfill", "--trimfill-side", "left"),
    tf(trimfill(r, side = "left")))
out("molloy2014/ZCOR/ML/egger/rma/sqrtninv", D, list("--measure", "ZCOR", "--method", "ML", "--egger",
    "--egger-model", "rma", "--egger-predictor", "sqrtninv"), egger(regtest(r, model = "rma", predictor = "sqrtninv")))
out("molloy2014/ZCOR/failsafe", D, list("--measure", "ZCOR", "--failsafe"), fsnall(ml))

# --- Lee & Done 2004 (RR), EB ---
D <- "data/lee2004.csv"
r <- rma(yi, vi, data = le, method = "EB", control = ctl)
out("lee2004/RR/EB/trimfill", D, list("--measure", "RR", "--method", "EB", "--trimfill"), tf(trimfill(r)))
out("lee2004/RR/EB/egger/rma/vi", D, list("--measure", "RR", "--method", "EB", "--egger", "--egger-model", "rma",
    "--egger-predictor", "vi"), egger(regtest(r, model = "rma", predictor = "vi")))
out("lee2004/RR/EB/cumulative", D, list("--measure", "RR", "--method", "EB", "--cumulative"), cum(cumul(r)))
