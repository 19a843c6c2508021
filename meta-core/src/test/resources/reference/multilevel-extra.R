# Reference cases for multilevel and multivariate models (metafor's rma.mv), CONTRACT-2.md part A. Every fit is
# converged tightly as CONTRACT-2.md says: fit with metafor's defaults, then refit from those estimates with
# optimizer "uobyqa" (rhoend 1e-12). Each case records the rma.mv call it reproduces in its "call" field.
# Run from this folder:  Rscript multilevel-extra.R   (writes data-multilevel/*.csv and multilevel-extra.jsonl)
suppressPackageStartupMessages({ library(metafor); library(metadat); library(jsonlite); library(clubSandwich) })

DATA_DIR <- "data-multilevel"
dir.create(DATA_DIR, showWarnings = FALSE)
cases <- list()
num <- function(x) if (is.null(x) || length(x) == 0 || all(is.na(x))) NA else unname(as.numeric(x))
write <- function(d, file) write.csv(d, file.path(DATA_DIR, file), row.names = FALSE)

# refit from metafor's own estimates with uobyqa, rhoend 1e-12
tight <- function(fit0, ...) {
  ctrl <- list(optimizer = "uobyqa", optCtrl = list(rhoend = 1e-12, maxfun = 1e6))
  if (fit0$withS) ctrl$sigma2.init <- pmax(fit0$sigma2, 1e-8)
  if (fit0$withG) { ctrl$tau2.init <- pmax(fit0$tau2, 1e-8)
                    if (!fit0$struct[1] %in% c("ID", "DIAG")) ctrl$rho.init <- pmin(pmax(fit0$rho, -0.999), 0.999) }
  update(fit0, control = ctrl)
}

coef_figures <- function(e, prefix, fit, names, se, pval, lb, ub, est = fit$beta, df = NULL) {
  if (fit$int.only) {
    e[[paste0(prefix, "estimate")]] <- num(est); e[[paste0(prefix, "se")]] <- num(se)
    e[[paste0(prefix, "pval")]] <- num(pval); e[[paste0(prefix, "ci_lb")]] <- num(lb)
    e[[paste0(prefix, "ci_ub")]] <- num(ub)
    if (!is.null(df)) e[[paste0(prefix, "df")]] <- num(df)
  } else {
    for (j in seq_along(names)) {
      key <- paste0(prefix, "coef_", names[j], "_")
      e[[paste0(key, "estimate")]] <- num(est[j]); e[[paste0(key, "se")]] <- num(se[j])
      e[[paste0(key, "pval")]] <- num(pval[j]); e[[paste0(key, "ci_lb")]] <- num(lb[j])
      e[[paste0(key, "ci_ub")]] <- num(ub[j])
      if (!is.null(df)) e[[paste0(key, "df")]] <- num(if (length(df) == 1) df else df[j])
    }
  }
  e
}

figures <- function(fit, robust = NULL, clubsandwich = FALSE, varci = FALSE) {
  e <- list(k = fit$k)
  e <- coef_figures(e, "", fit, rownames(fit$beta), fit$se, fit$pval, fit$ci.lb, fit$ci.ub)
  if (fit$int.only && (!fit$withG || fit$tau2s == 1)) {
    p <- predict(fit); e$pi_lb <- num(p$pi.lb); e$pi_ub <- num(p$pi.ub)
  }
  if (fit$withS) e$sigma2 <- I(unname(fit$sigma2))
  if (fit$withG) { e$tau2 <- I(unname(fit$tau2))
                   if (!fit$struct[1] %in% c("ID", "DIAG")) e$rho <- I(unname(fit$rho)) }
  e$QE <- num(fit$QE); e$QE_df <- fit$k - fit$p; e$QE_pval <- num(fit$QEp)
  e$QM <- num(fit$QM); e$QM_df <- num(fit$QMdf[1]); e$QM_pval <- num(fit$QMp)
  fs <- fitstats(fit)
  e$logLik <- num(fs[1, 1]); e$deviance <- num(fs[2, 1]); e$AIC <- num(fs[3, 1]); e$BIC <- num(fs[4, 1])
  e$AICc <- num(fs[5, 1])
  if (!is.null(robust)) {
    r <- robust(fit, cluster = fit$data[[robust]][fit$not.na], clubSandwich = clubsandwich)
    e <- coef_figures(e, "robust_", r, rownames(r$beta), r$se, r$pval, r$ci.lb, r$ci.ub, r$beta, r$dfs)
  }
  if (varci) {
    ci <- confint(fit, control = list(tol = 1e-12, maxiter = 10000))
    if (!is.null(ci$random)) ci <- list(ci)
    for (part in ci) {
      if (!is.list(part) || is.null(part$random)) next
      rn <- rownames(part$random)
      for (v in c("sigma", "tau", "rho")) {
        rows <- if (v == "rho") grep("^rho", rn) else grep(paste0("^", v, "\\^2"), rn)
        if (length(rows) > 0) {
          nm <- if (v == "rho") "rho" else paste0(v, "2")
          e[[paste0(nm, "_ci_lb")]] <- I(c(e[[paste0(nm, "_ci_lb")]], unname(part$random[rows, "ci.lb"])))
          e[[paste0(nm, "_ci_ub")]] <- I(c(e[[paste0(nm, "_ci_ub")]], unname(part$random[rows, "ci.ub"])))
        }
      }
    }
  }
  e
}

add_case <- function(id, file, args, fit, ...) {
  cases[[length(cases) + 1]] <<- list(id = id, data = paste0(DATA_DIR, "/", file), args = as.list(args),
                                      call = paste(deparse(fit$call), collapse = " "), expect = figures(fit, ...))
}

# ---- dat.konstantopoulos2011: three-level (schools within districts) ----
k11 <- dat.konstantopoulos2011[, c("district", "school", "study", "year", "yi", "vi")]
write(k11, "konstantopoulos2011.csv")
f <- "konstantopoulos2011.csv"
R3 <- c("--random", "~ 1 | district/school")
fit <- tight(rma.mv(yi, vi, random = ~ 1 | district/school, data = k11))
add_case("k2011/3level/REML", f, R3, fit)
add_case("k2011/3level/REML/robust", f, c(R3, "--robust", "district"), fit, robust = "district")
add_case("k2011/3level/REML/clubsandwich", f, c(R3, "--robust", "district", "--clubsandwich"), fit,
         robust = "district", clubsandwich = TRUE)
add_case("k2011/3level/REML/variance-ci", f, c(R3, "--variance-ci"), fit, varci = TRUE)
fit <- tight(rma.mv(yi, vi, random = ~ 1 | district/school, data = k11, method = "ML"))
add_case("k2011/3level/ML", f, c(R3, "--method", "ML"), fit)
add_case("k2011/3level/ML/variance-ci", f, c(R3, "--method", "ML", "--variance-ci"), fit, varci = TRUE)
fit <- tight(rma.mv(yi, vi, random = ~ 1 | district/school, data = k11, test = "t"))
add_case("k2011/3level/REML/t", f, c(R3, "--test", "t"), fit)
fit <- tight(rma.mv(yi, vi, mods = ~ year, random = ~ 1 | district/school, data = k11))
add_case("k2011/3level/REML/mods", f, c(R3, "--mods", "year"), fit)
add_case("k2011/3level/REML/mods/robust", f, c(R3, "--mods", "year", "--robust", "district"), fit,
         robust = "district")
add_case("k2011/3level/REML/mods/clubsandwich", f, c(R3, "--mods", "year", "--robust", "district",
         "--clubsandwich"), fit, robust = "district", clubsandwich = TRUE)
fit <- tight(rma.mv(yi, vi, mods = ~ year, random = ~ 1 | district/school, data = k11, test = "t", method = "ML"))
add_case("k2011/3level/ML/mods/t", f, c(R3, "--mods", "year", "--test", "t", "--method", "ML"), fit)
fit <- tight(rma.mv(yi, vi, random = list(~ 1 | district, ~ 1 | study), data = k11))
add_case("k2011/list/REML", f, c("--random", "~ 1 | district", "--random", "~ 1 | study"), fit)
fit <- tight(rma.mv(yi, vi, random = ~ 1 | study, data = k11))
add_case("k2011/2level/REML", f, c("--random", "~ 1 | study"), fit)
fit <- tight(rma.mv(yi, vi, random = ~ school | district, struct = "CS", data = k11))
add_case("k2011/CS/REML", f, c("--random", "~ school | district", "--struct", "CS"), fit)
fit <- tight(rma.mv(yi, vi, random = list(~ 1 | district, ~ school | district), struct = "ID", data = k11))
add_case("k2011/ID+sigma/REML", f, c("--random", "~ 1 | district", "--random", "~ school | district",
         "--struct", "ID"), fit)

# ---- dat.berkey1998: multivariate (PD and AL) with known sampling covariances v1i, v2i ----
b98 <- dat.berkey1998[, c("trial", "author", "year", "ni", "outcome", "yi", "vi", "v1i", "v2i")]
b98$year_c <- b98$year - 1983   # centred: with the raw year the intercept is ill-conditioned (cond(X'WX) ~ 1e11)
write(b98, "berkey1998.csv")
f <- "berkey1998.csv"
V <- bldiag(lapply(split(b98[, c("v1i", "v2i")], b98$trial), as.matrix))
BV <- c("--cluster", "trial", "--vcov-columns", "v1i,v2i", "--mods", "outcome", "--random", "~ outcome | trial")
for (s in c("UN", "CS", "HCS", "DIAG", "ID", "AR", "HAR")) {
  fit <- tight(rma.mv(yi, V, mods = ~ outcome, random = ~ outcome | trial, struct = s, data = b98))
  add_case(paste0("berkey1998/", s, "/REML"), f, c(BV, "--struct", s), fit)
}
fit <- tight(rma.mv(yi, V, mods = ~ outcome, random = ~ outcome | trial, struct = "UN", data = b98, method = "ML"))
add_case("berkey1998/UN/ML", f, c(BV, "--struct", "UN", "--method", "ML"), fit)
fit <- tight(rma.mv(yi, V, mods = ~ outcome, random = ~ outcome | trial, struct = "UN", data = b98, test = "t"))
add_case("berkey1998/UN/REML/t", f, c(BV, "--struct", "UN", "--test", "t"), fit)
add_case("berkey1998/UN/REML/t/robust", f, c(BV, "--struct", "UN", "--test", "t", "--robust", "trial"), fit,
         robust = "trial")
add_case("berkey1998/UN/REML/t/clubsandwich", f, c(BV, "--struct", "UN", "--test", "t", "--robust", "trial",
         "--clubsandwich"), fit, robust = "trial", clubsandwich = TRUE)
fit <- tight(rma.mv(yi, V, mods = ~ outcome, random = ~ outcome | trial, struct = "CS", data = b98))
add_case("berkey1998/CS/REML/variance-ci", f, c(BV, "--struct", "CS", "--variance-ci"), fit, varci = TRUE)
fit <- tight(rma.mv(yi, V, mods = ~ outcome + year_c, random = ~ outcome | trial, struct = "UN", data = b98))
add_case("berkey1998/UN/REML/mods2", f, c(BV[-(5:6)], "--mods", "outcome,year_c", "--struct", "UN"), fit)

# ---- dat.knapp2017: several tasks per study, several patient groups against one shared control group ----
kn <- dat.knapp2017[, c("study", "task", "difficulty", "group1", "group2", "comp", "yi", "vi", "n_sz", "n_hc")]
kn$esid <- seq_len(nrow(kn))
write(kn, "knapp2017.csv")
f <- "knapp2017.csv"
V <- vcalc(vi, cluster = study, obs = esid, rho = 0.6, data = kn)
fit <- tight(rma.mv(yi, V, random = ~ 1 | study/esid, data = kn))
add_case("knapp2017/rho/REML", f, c("--cluster", "study", "--rho", "0.6", "--random", "~ 1 | study/esid"), fit)
add_case("knapp2017/rho/REML/clubsandwich", f, c("--cluster", "study", "--rho", "0.6", "--random",
         "~ 1 | study/esid", "--robust", "study", "--clubsandwich"), fit, robust = "study", clubsandwich = TRUE)
fit <- tight(rma.mv(yi, V, mods = ~ task, random = ~ 1 | study/esid, data = kn))
add_case("knapp2017/rho/mods/REML", f, c("--cluster", "study", "--rho", "0.6", "--mods", "task", "--random",
         "~ 1 | study/esid"), fit)
# a multi-arm set: one row per comparison of patient group and control group (the first task); studies with
# several patient groups compare each with one shared control group
ma <- kn[!duplicated(kn[, c("study", "group1", "group2")]), ]
write(ma, "knapp2017-multiarm.csv")
f <- "knapp2017-multiarm.csv"
V <- vcalc(vi, cluster = study, grp1 = group1, grp2 = group2, w1 = n_sz, w2 = n_hc, data = ma)
MA <- c("--cluster", "study", "--shared-groups", "group1,group2", "--group-sizes", "n_sz,n_hc")
fit <- tight(rma.mv(yi, V, random = ~ 1 | study, data = ma))
add_case("knapp2017-multiarm/REML", f, c(MA, "--random", "~ 1 | study"), fit)
fit <- tight(rma.mv(yi, V, random = ~ 1 | study, data = ma, method = "ML", test = "t"))
add_case("knapp2017-multiarm/ML/t", f, c(MA, "--random", "~ 1 | study", "--method", "ML", "--test", "t"), fit)
fit <- tight(rma.mv(yi, V, random = ~ 1 | study/comp, data = ma))
add_case("knapp2017-multiarm/nested/REML", f, c(MA, "--random", "~ 1 | study/comp"), fit)

# ---- dat.tannersmith2016: many effects per study, constant sampling correlation ----
ts <- dat.tannersmith2016[, c("studyid", "yi", "vi", "propmale", "sexmix")]
ts$esid <- ave(seq_len(nrow(ts)), ts$studyid, FUN = seq_along)
write(ts, "tannersmith2016.csv")
f <- "tannersmith2016.csv"
V <- vcalc(vi, cluster = studyid, obs = esid, rho = 0.8, data = ts)
TS <- c("--cluster", "studyid", "--rho", "0.8", "--random", "~ 1 | studyid/esid")
fit <- tight(rma.mv(yi, V, random = ~ 1 | studyid/esid, data = ts))
add_case("tannersmith2016/REML", f, TS, fit)
add_case("tannersmith2016/REML/robust", f, c(TS, "--robust", "studyid"), fit, robust = "studyid")
add_case("tannersmith2016/REML/clubsandwich", f, c(TS, "--robust", "studyid", "--clubsandwich"), fit,
         robust = "studyid", clubsandwich = TRUE)
fit <- tight(rma.mv(yi, V, mods = ~ propmale + sexmix, random = ~ 1 | studyid/esid, data = ts))
add_case("tannersmith2016/mods/REML", f, c(TS, "--mods", "propmale,sexmix"), fit)
add_case("tannersmith2016/mods/REML/clubsandwich", f, c(TS, "--mods", "propmale,sexmix", "--robust", "studyid",
         "--clubsandwich"), fit, robust = "studyid", clubsandwich = TRUE)
fit <- tight(rma.mv(yi, V, mods = ~ propmale + sexmix, random = ~ 1 | studyid/esid, data = ts, test = "t",
                    method = "ML"))
add_case("tannersmith2016/mods/ML/t/robust", f, c(TS, "--mods", "propmale,sexmix", "--test", "t", "--method", "ML",
         "--robust", "studyid"), fit, robust = "studyid")

# ---- dat.ishak2007: repeated measurements over time (3, 6, 12, 24 months), AR / HAR / UN ----
ish <- reshape(dat.ishak2007, direction = "long", idvar = "study", v.names = c("yi", "vi"),
               varying = list(c(2, 4, 6, 8), c(3, 5, 7, 9)))
ish <- ish[!is.na(ish$yi), ]
ish$time <- c(3, 6, 12, 24)[ish$time]
ish$tp <- sprintf("t%02d", ish$time)   # text levels whose sorted order is the time order
ish <- ish[order(ish$study, ish$time), c("study", "time", "tp", "yi", "vi", "mdur", "mbase")]
write(ish, "ishak2007.csv")
f <- "ishak2007.csv"
# sampling errors of one study correlated 0.9 across time points (with independent rows the random-effects
# correlations go to their bound 1)
V <- vcalc(vi, cluster = study, obs = seq_along(vi), rho = 0.9, data = ish)
IV <- c("--cluster", "study", "--rho", "0.9")
for (s in c("AR", "HAR", "CS", "HCS", "DIAG", "UN")) {
  fit <- tight(rma.mv(yi, V, mods = ~ tp, random = ~ tp | study, struct = s, data = ish))
  add_case(paste0("ishak2007/", s, "/REML"), f, c(IV, "--mods", "tp", "--random", "~ tp | study", "--struct", s),
           fit)
}
fit <- tight(rma.mv(yi, V, random = ~ time | study, struct = "AR", data = ish, method = "ML"))
add_case("ishak2007/AR/ML/variance-ci", f, c(IV, "--random", "~ time | study", "--struct", "AR", "--method", "ML",
         "--variance-ci"), fit, varci = TRUE)

con <- file("multilevel-extra.jsonl", "w")
for (cs in cases) writeLines(toJSON(cs, auto_unbox = TRUE, digits = NA, na = "null"), con)
close(con)
cat(length(cases), "cases\n")
