# Extra reference cases for meta-regression, subgroup analysis and permutation tests, on datasets that
# regression.jsonl does not use. Produces data/bangertdrowns2004-mods.csv, data/bangertdrowns2004-8.csv,
# data/raudenbush1985-mods.csv, data/raudenbush1985-8.csv, data/colditz1994.csv and regression-extra.jsonl.
# Run from this directory:  Rscript regression-extra.R     (R 4, metafor 3.8-1, metadat, jsonlite)
suppressMessages({library(metafor); library(jsonlite)})
ctrl <- list(threshold = 1e-12, tol = 1e-12)

bd <- dat.bangertdrowns2004
bd$study <- paste0(bd$author, " ", bd$year, " (", bd$id, ")")
bd$level <- c("elementary", "middle", "high", "college")[bd$grade]   # metadat: grade 1..4
bd <- bd[, c("study", "year", "grade", "level", "length", "minutes", "wic", "feedback", "meta", "ni", "yi", "vi")]
write.csv(bd, "data/bangertdrowns2004-mods.csv", row.names = FALSE, na = "")
bd8 <- bd[1:8, ]
write.csv(bd8, "data/bangertdrowns2004-8.csv", row.names = FALSE, na = "")
rb <- dat.raudenbush1985
rb$study <- paste(rb$author, rb$year)
rb <- rb[, c("study", "weeks", "setting", "tester", "yi", "vi")]
write.csv(rb, "data/raudenbush1985-mods.csv", row.names = FALSE)
rb8 <- rb[1:8, ]
write.csv(rb8, "data/raudenbush1985-8.csv", row.names = FALSE)
co <- dat.colditz1994
co <- data.frame(study = paste(co$author, co$year), year = co$year, ai = co$tpos, bi = co$tneg, ci = co$cpos,
                 di = co$cneg, ablat = co$ablat, alloc = co$alloc)
write.csv(co, "data/colditz1994.csv", row.names = FALSE)
co <- escalc("RR", ai = ai, bi = bi, ci = ci, di = di, data = co)

cases <- list()
add <- function(id, file, args, expect) {
  cases[[length(cases) + 1]] <<- list(id = id, data = file, args = as.list(args), expect = expect)
}

reg <- function(id, d, file, mods, method, test, measure = NULL) {
  f <- as.formula(paste("~", paste(mods, collapse = " + ")))
  r <- rma(yi, vi, mods = f, data = d, method = method, test = test, control = ctrl)
  e <- list(k = r$k, tau2 = r$tau2, QM = r$QM, QM_pval = r$QMp, QE = r$QE, QE_pval = r$QEp,
            R2 = if (is.null(r$R2)) NA else r$R2, I2 = r$I2, H2 = r$H2)
  st <- if (test == "knha") "tval" else "zval"
  nm <- rownames(r$beta)
  for (j in seq_along(nm)) {
    p <- paste0("coef_", nm[j], "_")
    e[[paste0(p, "estimate")]] <- r$beta[j]; e[[paste0(p, "se")]] <- r$se[j]
    e[[paste0(p, st)]] <- r$zval[j]; e[[paste0(p, "pval")]] <- r$pval[j]
    e[[paste0(p, "ci_lb")]] <- r$ci.lb[j]; e[[paste0(p, "ci_ub")]] <- r$ci.ub[j]
  }
  args <- c(if (!is.null(measure)) c("--measure", measure), "--method", method, "--test", test,
            "--mods", paste(mods, collapse = ","))
  add(id, file, args, e)
  invisible(r)
}

reg("bangertdrowns2004/mods/length/REML/z", bd, "data/bangertdrowns2004-mods.csv", "length", "REML", "z")
reg("bangertdrowns2004/mods/length+meta/DL/knha", bd, "data/bangertdrowns2004-mods.csv", c("length", "meta"), "DL", "knha")
reg("bangertdrowns2004/mods/level/ML/z", bd, "data/bangertdrowns2004-mods.csv", "level", "ML", "z")
reg("bangertdrowns2004/mods/minutes/REML/z", bd, "data/bangertdrowns2004-mods.csv", "minutes", "REML", "z")
reg("bangertdrowns2004/mods/feedback+wic/FE/z", bd, "data/bangertdrowns2004-mods.csv", c("feedback", "wic"), "FE", "z")
reg("bangertdrowns2004/mods/level+length/PM/knha", bd, "data/bangertdrowns2004-mods.csv", c("level", "length"), "PM", "knha")
reg("raudenbush1985/mods/weeks+tester/HE/z", rb, "data/raudenbush1985-mods.csv", c("weeks", "tester"), "HE", "z")
reg("raudenbush1985/mods/setting+tester/SJ/knha", rb, "data/raudenbush1985-mods.csv", c("setting", "tester"), "SJ", "knha")
reg("raudenbush1985/mods/weeks/EB/z", rb, "data/raudenbush1985-mods.csv", "weeks", "EB", "z")
reg("raudenbush1985/mods/weeks/HS/z", rb, "data/raudenbush1985-mods.csv", "weeks", "HS", "z")
reg("raudenbush1985/mods/weeks/HSk/knha", rb, "data/raudenbush1985-mods.csv", "weeks", "HSk", "knha")
reg("raudenbush1985/mods/weeks/PMM/z", rb, "data/raudenbush1985-mods.csv", "weeks", "PMM", "z")
reg("colditz1994/RR/mods/year/FE/knha", co, "data/colditz1994.csv", "year", "FE", "knha", "RR")
reg("colditz1994/RR/mods/year/ML/z", co, "data/colditz1994.csv", "year", "ML", "z", "RR")
reg("colditz1994/RR/mods/ablat+year/DL/z", co, "data/colditz1994.csv", c("ablat", "year"), "DL", "z", "RR")
reg("colditz1994/RR/mods/alloc/PM/knha", co, "data/colditz1994.csv", "alloc", "PM", "knha", "RR")

# subgroups: a separate model per level; Q_between = common-effect Q of the subgroup estimates (weights 1/se^2)
sub <- function(id, d, file, col, method, test, pooled = FALSE) {
  lv <- sort(unique(d[[col]][!is.na(d[[col]])]))
  e <- list(); est <- c(); se <- c()
  if (pooled) {
    rp <- rma(yi, vi, mods = as.formula(paste("~ 0 + factor(", col, ")")), data = d, method = method,
              test = test, control = ctrl)
  }
  for (j in seq_along(lv)) {
    s <- d[!is.na(d[[col]]) & d[[col]] == lv[j], ]
    p <- paste0("subgroup_", lv[j], "_")
    if (pooled) {
      fx <- rma(yi, vi, data = s, tau2 = rp$tau2, control = ctrl)
      b <- rp$beta[j]; sb <- rp$se[j]
      e[[paste0(p, "estimate")]] <- b; e[[paste0(p, "se")]] <- sb; e[[paste0(p, "tau2")]] <- rp$tau2
      e[[paste0(p, "k")]] <- nrow(s); e[[paste0(p, "ci_lb")]] <- rp$ci.lb[j]; e[[paste0(p, "ci_ub")]] <- rp$ci.ub[j]
      e[[paste0(p, "I2")]] <- fx$I2
    } else {
      r <- rma(yi, vi, data = s, method = method, test = test, control = ctrl)
      b <- c(r$beta); sb <- r$se
      e[[paste0(p, "estimate")]] <- b; e[[paste0(p, "se")]] <- sb; e[[paste0(p, "tau2")]] <- r$tau2
      e[[paste0(p, "k")]] <- r$k; e[[paste0(p, "ci_lb")]] <- r$ci.lb; e[[paste0(p, "ci_ub")]] <- r$ci.ub
      e[[paste0(p, "I2")]] <- r$I2
    }
    est <- c(est, b); se <- c(se, sb)
  }
  qb <- rma(est, sei = se, method = "FE")
  e$Q_between <- qb$QE; e$Q_between_df <- length(lv) - 1; e$Q_between_pval <- qb$QEp
  add(id, file, c("--method", method, "--test", test, "--subgroup", col, if (pooled) "--pooled-tau2"), e)
}
sub("bangertdrowns2004/subgroup/level/DL", bd, "data/bangertdrowns2004-mods.csv", "level", "DL", "z")
sub("bangertdrowns2004/subgroup/meta/REML/knha", bd, "data/bangertdrowns2004-mods.csv", "meta", "REML", "knha")
sub("raudenbush1985/subgroup/tester/REML/knha", rb, "data/raudenbush1985-mods.csv", "tester", "REML", "knha")
sub("bangertdrowns2004/subgroup/level/REML/pooled", bd, "data/bangertdrowns2004-mods.csv", "level", "REML", "z", TRUE)

# exact permutation tests (permutest, exact = TRUE). The refits use maxiter = 100000: with tol = 1e-12 and the
# default maxiter = 100, Fisher scoring fails on ~10% of the arrangements (near-flat REML likelihoods whose maximum
# is at tau^2 = 0), and permutest silently leaves those out of the p-value's denominator.
pctrl <- c(ctrl, list(maxiter = 100000))
perm <- function(id, d, file, mods, method, test) {
  if (is.null(mods)) {
    r <- rma(yi, vi, data = d, method = method, test = test, control = pctrl)
  } else {
    r <- rma(yi, vi, mods = as.formula(paste("~", paste(mods, collapse = " + "))), data = d, method = method,
             test = test, control = pctrl)
  }
  set.seed(1)
  pt <- permutest(r, exact = TRUE, progbar = FALSE)
  e <- list()
  nm <- rownames(r$beta)
  for (j in seq_along(nm)) e[[paste0("coef_", nm[j], "_permutation_pval")]] <- pt$pval[j]
  e$QM_permutation_pval <- pt$QMp
  add(id, file, c("--method", method, "--test", test, if (!is.null(mods)) c("--mods", paste(mods, collapse = ",")),
                  "--permutation", "exact"), e)
}
perm("bangertdrowns2004-8/mods/ni/REML/permutation", bd8, "data/bangertdrowns2004-8.csv", "ni", "REML", "z")
perm("raudenbush1985-8/mods/weeks/REML/knha/permutation", rb8, "data/raudenbush1985-8.csv", "weeks", "REML", "knha")
perm("raudenbush1985-8/mods/tester/DL/permutation", rb8, "data/raudenbush1985-8.csv", "tester", "DL", "z")
perm("raudenbush1985-8/DL/permutation", rb8, "data/raudenbush1985-8.csv", NULL, "DL", "z")

con <- file("regression-extra.jsonl", "w")
for (cs in cases) writeLines(toJSON(cs, auto_unbox = TRUE, digits = NA, na = "null"), con)
close(con)

# predict() values used by MetaRegressionTest (printed, not stored)
r <- rma(yi, vi, mods = ~ weeks, data = rb, method = "REML", test = "knha", control = ctrl)
print(predict(r, newmods = 10), digits = 15)
r <- rma(yi, vi, mods = ~ length + meta, data = bd, method = "DL", control = ctrl)
print(predict(r, newmods = c(5, 1)), digits = 15)
