# Reference cases for the count models: metafor 3.8-1's rma.glmm (GLMMs, through lme4 and BiasedUrn) and the
# Mantel-Haenszel tests of rma.mh (CMH, Breslow-Day, Tarone; incidence-rate ratios and differences).
# Run in this folder: Rscript glmm-extra.R  (writes data-glmm/*.csv and glmm-extra.jsonl).
#
# How each figure was computed:
#   - MH:    rma.mh(<columns>, measure = M) with its defaults (add = 1/2, to = "only0", drop00 = TRUE, correct = TRUE);
#            CMH, CMH_pval = its fields MH, MHp; BD, BD_pval = BD, BDp; TA, TA_pval = TA, TAp.
#   - GLMM:  rma.glmm(<columns>, measure = M, model = MODEL, method = FE|ML [, mods = ~ X]) with lme4 and glm
#            converged tightly (CONTRACT-2.md): glmerCtrl = list(optimizer = "bobyqa", optCtrl = list(rhoend = 1e-12),
#            tolPwrss = 1e-12), glmCtrl = list(epsilon = 1e-10, maxit = 1000); CM.EL with
#            intCtrl = list(rel.tol = 1e-12, subdivisions = 1000) and dnchgprec = 1e-15.
#            k, tau2, I2, H2, QE_Wld, QE_LRT (and their p-values), the estimates: metafor's fields.
#   - Standard errors (and so pval, ci_lb, ci_ub): where metafor's come from a finite-difference Hessian (lme4's
#            vcov of every glmer fit, numDeriv on CM.EL) they are recomputed here at metafor's optimum from the
#            Hessian of the same objective (lme4's stage-2 deviance function of (theta, beta) from
#            glmer(devFunOnly = TRUE); metafor's own CM.EL negative log-likelihood .dnchg of (beta, log tau2)) by
#            central differences with two Richardson extrapolation steps (steps h, h/2, h/4, h = 1e-3 (1 + |x|)),
#            then se = sqrt of the beta block of the inverse (x 2 for a deviance). The script also checks that the
#            gradient there is ~0 (the optimum is tight) and prints both diagnostics to stderr.
suppressPackageStartupMessages({ library(lme4) })
DATA_DIR <- "data-glmm"
source("cases-lib.R")

CTRL <- list(glmerCtrl = list(optimizer = "bobyqa", optCtrl = list(rhoend = 1e-12, maxfun = 1e6), tolPwrss = 1e-12),
             glmCtrl = list(epsilon = 1e-10, maxit = 1000),
             intCtrl = list(rel.tol = 1e-12, subdivisions = 1000L), dnchgprec = 1e-15)

# gradient and Hessian by central differences with two Richardson extrapolation steps (h, h/2, h/4). The step of
# each coordinate is 0.05 standard errors (0.05 / sqrt(H_ii), from a first coarse estimate of the diagonal): large
# enough that the deviance's own rounding (lme4's PIRLS stops at tolPwrss) is not amplified, small enough that the
# extrapolated truncation error (O(h^6)) is ~1e-8 relative.
steps <- function(f, x) {
  f0 <- f(x)
  sapply(seq_along(x), function(i) {
    h <- 1e-3 * (1 + abs(x[i])); e <- replace(numeric(length(x)), i, h)
    d2 <- (f(x + e) - 2 * f0 + f(x - e)) / h^2
    if (is.finite(d2) && d2 > 0) 0.05 / sqrt(d2) else h
  })
}
rgrad <- function(f, x, hs = steps(f, x)) {
  sapply(seq_along(x), function(i) {
    h <- hs[i]; e <- replace(numeric(length(x)), i, 1)
    d <- function(h) (f(x + h * e) - f(x - h * e)) / (2 * h)
    a1 <- d(h); a2 <- d(h / 2); a3 <- d(h / 4)
    b1 <- (4 * a2 - a1) / 3; b2 <- (4 * a3 - a2) / 3
    (16 * b2 - b1) / 15
  })
}
rhess <- function(f, x, hs = steps(f, x)) {
  n <- length(x); H <- matrix(0, n, n); f0 <- f(x)
  for (i in 1:n) for (j in i:n) {
    hi <- hs[i]; hj <- hs[j]
    ei <- replace(numeric(n), i, 1); ej <- replace(numeric(n), j, 1)
    d <- function(s) {
      if (i == j) (f(x + s * hi * ei) - 2 * f0 + f(x - s * hi * ei)) / (s * hi)^2
      else (f(x + s * hi * ei + s * hj * ej) - f(x + s * hi * ei - s * hj * ej) -
            f(x - s * hi * ei + s * hj * ej) + f(x - s * hi * ei - s * hj * ej)) / (4 * s^2 * hi * hj)
    }
    a1 <- d(1); a2 <- d(1 / 2); a3 <- d(1 / 4)
    b1 <- (4 * a2 - a1) / 3; b2 <- (4 * a3 - a2) / 3
    H[i, j] <- H[j, i] <- (16 * b2 - b1) / 15
  }
  H
}

# glm's vcov uses the IRLS weights of the last iteration's start (one step behind the returned estimate: up to
# 1e-6 relative off in the standard errors at glmCtrl epsilon = 1e-10); the exact information at the estimate:
glm_exact_vb <- function(m, p) {
  X <- model.matrix(m); mu <- fitted(m)
  w <- if (m$family$family == "binomial") m$prior.weights * mu * (1 - mu) else mu
  keep <- !is.na(coef(m))
  solve(crossprod(X[, keep, drop = FALSE] * sqrt(w)))[seq_len(p), seq_len(p), drop = FALSE]
}

# Newton steps on an objective from metafor's optimum: metafor's optimiser (nlminb) stops early on CM.EL (its
# gradient there is up to 2e-4); the polished optimum has a lower objective (printed)
polish <- function(f, par, name) {
  f0 <- f(par)
  for (it in 1:8) {
    g <- rgrad(f, par); H <- rhess(f, par)
    step <- solve(H, g)
    if (max(abs(step)) < 1e-11) break
    par <- par - step
  }
  message(sprintf("%s: polish: objective %.12g -> %.12g (lower is better), |grad| %.2e", name, f0, f(par),
                  max(abs(rgrad(f, par)))))
  par
}

# the glmer call metafor makes for each model (rma.glmm source, metafor 3.8-1), as a stage-2 deviance function
glmer_fit <- function(measure, model, d, X, devFunOnly, method = "ML") {
  gc <- do.call(glmerControl, CTRL$glmerCtrl)
  k <- nrow(d)
  if (measure %in% c("OR", "IRR") && model %in% c("UM.FS", "UM.RS")) {
    if (measure == "OR") { y <- cbind(c(rbind(d$ai, d$ci)), c(rbind(d$n1i - d$ai, d$n2i - d$ci))); fam <- binomial; off <- NULL }
    else { y <- c(rbind(d$x1i, d$x2i)); fam <- poisson; off <- log(c(rbind(d$t1i, d$t2i))) }
    group1 <- rep(c(1, 0), times = k); group <- rep(c(1/2, -1/2), times = k)
    study <- factor(rep(seq_len(k), each = 2L)); const <- rep(1, 2 * k)
    X.fit <- group1 * X[rep(seq_len(k), each = 2L), , drop = FALSE]
    if (model == "UM.FS")
      return(glmer(y ~ -1 + X.fit + study + (group - 1 | study), offset = off, family = fam, nAGQ = 7,
                   control = gc, devFunOnly = devFunOnly))
    if (method == "FE")
      return(glmer(y ~ -1 + X.fit + const + (1 | study), offset = off, family = fam, nAGQ = 7,
                   control = gc, devFunOnly = devFunOnly))
    return(glmer(y ~ -1 + X.fit + const + (group || study), offset = off, family = fam, nAGQ = 1,
                 control = gc, devFunOnly = devFunOnly))
  }
  study <- factor(seq_len(k))
  if (measure == "OR") { y <- cbind(d$ai, d$ci); fam <- binomial; off <- log(d$n1i / d$n2i) }
  if (measure == "IRR") { y <- cbind(d$x1i, d$x2i); fam <- binomial; off <- log(d$t1i / d$t2i) }
  if (measure == "PLO") { y <- cbind(d$xi, d$ni - d$xi); fam <- binomial; off <- NULL }
  if (measure == "IRLN") { y <- d$xi; fam <- poisson; off <- log(d$ti) }
  glmer(y ~ -1 + X + (1 | study), offset = off, family = fam, nAGQ = 7, control = gc, devFunOnly = devFunOnly)
}

# UM.RS's QE.Wld: metafor takes the saturated glmer's vcov (lme4's finite-difference Hessian); here the Wald
# statistic of the same coefficients from the Richardson Hessian of that glmer's deviance at its polished optimum.
# Where a treated arm has no events or only events its study effect is infinite (the saturated fit diverges and the
# figure depends on where lme4 stops): no QE_Wld is expected then (NA).
umrs_wald <- function(name, measure, method, d, X, p) {
  k <- nrow(d)
  if (measure == "OR") {
    if (any(d$ai == 0 | d$ai == d$n1i)) return(NA)
    y <- cbind(c(rbind(d$ai, d$ci)), c(rbind(d$n1i - d$ai, d$n2i - d$ci))); fam <- binomial; off <- NULL
  } else {
    if (any(d$x1i == 0)) return(NA)
    y <- c(rbind(d$x1i, d$x2i)); fam <- poisson; off <- log(c(rbind(d$t1i, d$t2i)))
  }
  group1 <- rep(c(1, 0), times = k); study <- factor(rep(seq_len(k), each = 2L)); const <- rep(1, 2 * k)
  X.fit <- group1 * X[rep(seq_len(k), each = 2L), , drop = FALSE]
  XQ <- model.matrix(~ -1 + X.fit + const + study:group1)
  g0 <- glm(y ~ -1 + XQ, offset = off, family = fam, control = CTRL$glmCtrl)
  XQ <- XQ[, !is.na(coef(g0)), drop = FALSE]
  gc <- do.call(glmerControl, CTRL$glmerCtrl)
  nagq <- if (method == "ML") 1 else 7
  m <- glmer(y ~ -1 + XQ + (1 | study), offset = off, family = fam, nAGQ = nagq, control = gc)
  df <- glmer(y ~ -1 + XQ + (1 | study), offset = off, family = fam, nAGQ = nagq, control = gc, devFunOnly = TRUE)
  par <- c(getME(m, "theta"), fixef(m))
  for (it in 1:6) {
    g <- rgrad(df, par); H <- rhess(df, par)
    step <- solve(H, g)
    if (max(abs(step)) < 1e-11) break
    par <- par - step
  }
  H <- rhess(df, par); V <- 2 * solve(H)
  idx <- 1 + (p + 2):length(fixef(m))
  b2 <- par[idx]
  w <- c(t(b2) %*% solve(V[idx, idx]) %*% b2)
  message(sprintf("%s: UM.RS QE.Wld exact %.10g (metafor's glmer vcov gave a value within %s)", name, w, "see fit"))
  w
}

glm_fit <- function(measure, model, d, X) {
  k <- nrow(d)
  if (measure %in% c("OR", "IRR") && model == "UM.FS") {
    if (measure == "OR") { y <- cbind(c(rbind(d$ai, d$ci)), c(rbind(d$n1i - d$ai, d$n2i - d$ci))); fam <- binomial; off <- NULL }
    else { y <- c(rbind(d$x1i, d$x2i)); fam <- poisson; off <- log(c(rbind(d$t1i, d$t2i))) }
    group1 <- rep(c(1, 0), times = k); study <- factor(rep(seq_len(k), each = 2L))
    X.fit <- group1 * X[rep(seq_len(k), each = 2L), , drop = FALSE]
    if (k == 1) return(glm(y ~ -1 + X.fit + 1, offset = off, family = fam, control = CTRL$glmCtrl))
    return(glm(y ~ -1 + X.fit + study, offset = off, family = fam, control = CTRL$glmCtrl))
  }
  if (measure == "OR") { y <- cbind(d$ai, d$ci); fam <- binomial; off <- log(d$n1i / d$n2i) }
  if (measure == "IRR") { y <- cbind(d$x1i, d$x2i); fam <- binomial; off <- log(d$t1i / d$t2i) }
  if (measure == "PLO") { y <- cbind(d$xi, d$ni - d$xi); fam <- binomial; off <- NULL }
  if (measure == "IRLN") { y <- d$xi; fam <- poisson; off <- log(d$ti) }
  glm(y ~ -1 + X, offset = off, family = fam, control = CTRL$glmCtrl)
}

glmm_case <- function(name, file, d, measure, model, method, mods = NULL) {
  args <- list(measure = measure, method = method, data = d, control = CTRL)
  if (measure %in% c("OR", "IRR")) args$model <- model
  cols <- switch(measure, OR = c("ai", "n1i", "ci", "n2i"), IRR = c("x1i", "t1i", "x2i", "t2i"),
                 PLO = c("xi", "ni"), IRLN = c("xi", "ti"))
  for (cc in cols) args[[cc]] <- d[[cc]]
  if (!is.null(mods)) args$mods <- as.formula(paste("~", paste(mods, collapse = "+")))
  fit <- try(suppressWarnings(do.call(rma.glmm, args)), silent = TRUE)
  if (inherits(fit, "try-error")) {
    # lme4's penalized IRLS cannot always reach tolPwrss = 1e-12 (large counts); 1e-10 then, and the Newton
    # polish below takes the fit the rest of the way
    message(name, ": tolPwrss 1e-12 failed, using 1e-10")
    args$control$glmerCtrl$tolPwrss <- 1e-10
    CTRL$glmerCtrl$tolPwrss <<- 1e-10
    on.exit(CTRL$glmerCtrl$tolPwrss <<- 1e-12)
    fit <- suppressWarnings(do.call(rma.glmm, args))
  }
  # studies metafor keeps (drop00): the rows the model is fitted to
  keep <- switch(measure, OR = !((d$ai == 0 & d$ci == 0) | (d$n1i - d$ai == 0 & d$n2i - d$ci == 0)),
                 IRR = !(d$x1i == 0 & d$x2i == 0), TRUE)
  dk <- d[keep, , drop = FALSE]
  X <- cbind(intrcpt = rep(1, nrow(dk)))
  if (!is.null(mods)) X <- cbind(X, as.matrix(dk[, mods, drop = FALSE]))
  beta <- c(fit$beta); p <- length(beta)
  vb <- fit$vb
  if (is.null(model)) model <- "one-group"
  if (method == "FE" && model != "UM.RS" && !(measure == "OR" && model == "CM.EL")) {
    m <- glm_fit(measure, model, dk, X)
    message(sprintf("%s: glm refit vs metafor beta %.2e", name, max(abs(coef(m)[seq_len(p)] - beta))))
    vb <- glm_exact_vb(m, p)
  }
  if ((method == "ML" || model == "UM.RS") && !(measure == "OR" && model == "CM.EL")) {
    m <- glmer_fit(measure, model, dk, X, FALSE, method)
    df <- glmer_fit(measure, model, dk, X, TRUE, method)
    th <- getME(m, "theta"); fx <- fixef(m); nth <- length(th)
    # where the fixed effects of metafor's call sit in glmer's vector (UM models: X.fit first, then the study terms)
    par <- c(th, fx)
    message(sprintf("%s: glmer refit vs metafor beta %.2e", name, max(abs(fx[seq_len(p)] - beta))))
    # Newton polish of lme4's own deviance (a no-op where bobyqa converged; the boundary theta = 0 stays put)
    for (it in 1:6) {
      g <- rgrad(df, par); H <- rhess(df, par)
      free <- which(!(seq_along(par) <= nth & par == 0))
      step <- solve(H[free, free], g[free])
      if (max(abs(step)) < 1e-11) break
      par[free] <- par[free] - step
    }
    message(sprintf("%s: Newton polish moved beta by %.2e, theta by %.2e", name,
                    max(abs(par[nth + seq_len(p)] - beta)), max(abs(par[seq_len(nth)] - th))))
    beta <- par[nth + seq_len(p)]
    if (fit$tau2 > 0 && par[nth] != 0) {
      vt <- fit$tau2 / (fit$H2 - 1)
      fit$tau2 <- par[nth]^2
      fit$I2 <- 100 * fit$tau2 / (vt + fit$tau2); fit$H2 <- fit$tau2 / vt + 1
    }
    g <- rgrad(df, par); H <- rhess(df, par)
    free <- which(!(seq_along(par) <= nth & par == 0))
    V <- 2 * solve(H[free, free])
    nth <- sum(par[seq_len(nth)] != 0)
    vb <- V[nth + seq_len(p), nth + seq_len(p), drop = FALSE]
    message(sprintf("%s: |grad| = %.2e, se rel change vs lme4 = %.2e", name, max(abs(g)),
                    max(abs(sqrt(diag(vb)) / sqrt(diag(fit$vb)) - 1))))
  }
  if (method == "ML" && measure == "OR" && model == "CM.EL") {
    f <- function(par) metafor:::.dnchg(par, ai = dk$ai, bi = dk$n1i - dk$ai, ci = dk$ci, di = dk$n2i - dk$ci,
                                        X.fit = X, random = TRUE, dnchgcalc = "dFNCHypergeo", dnchgprec = 1e-15,
                                        intCtrl = list(lower = -Inf, upper = Inf, rel.tol = 1e-12, subdivisions = 1000L))
    par <- c(beta, log(fit$tau2))
    par <- polish(f, par, name)
    if (fit$tau2 > 0) {
      vt <- fit$tau2 / (fit$H2 - 1)
      fit$tau2 <- exp(par[p + 1]); fit$I2 <- 100 * fit$tau2 / (vt + fit$tau2); fit$H2 <- fit$tau2 / vt + 1
    }
    beta <- par[seq_len(p)]
    g <- rgrad(f, par); H <- rhess(f, par)
    vb <- solve(H)[seq_len(p), seq_len(p), drop = FALSE]
    message(sprintf("%s: |grad| = %.2e, Newton step %.2e, se rel change vs metafor = %.2e", name, max(abs(g)),
                    max(abs(solve(H, g))), max(abs(sqrt(diag(vb)) / sqrt(diag(fit$vb)) - 1))))
  }
  if (method == "FE" && measure == "OR" && model == "CM.EL") {
    f <- function(par) metafor:::.dnchg(par, ai = dk$ai, bi = dk$n1i - dk$ai, ci = dk$ci, di = dk$n2i - dk$ci,
                                        X.fit = X, random = FALSE, dnchgcalc = "dFNCHypergeo", dnchgprec = 1e-15)
    beta <- polish(f, beta, name)
    g <- rgrad(f, beta); H <- rhess(f, beta)
    vb <- solve(H)
    message(sprintf("%s: |grad| = %.2e, se rel change vs metafor = %.2e", name, max(abs(g)),
                    max(abs(sqrt(diag(vb)) / sqrt(diag(fit$vb)) - 1))))
  }
  qe_wld <- num(fit$QE.Wld)
  if (model == "UM.RS") qe_wld <- umrs_wald(name, measure, method, dk, X, p)
  se <- sqrt(diag(vb)); z <- beta / se; crit <- qnorm(0.975)
  e <- list(k = fit$k, tau2 = num(fit$tau2), I2 = num(fit$I2), H2 = num(fit$H2),
            QE_Wld = qe_wld,
            QE_Wld_pval = if (is.na(qe_wld)) NA else pchisq(qe_wld, fit$k - p, lower.tail = FALSE), QE_LRT = num(fit$QE.LRT),
            QE_LRT_pval = num(fit$QEp.LRT))
  if (is.null(mods)) {
    e <- c(e[1], list(estimate = beta[1], se = se[1], pval = 2 * pnorm(-abs(z[1])), ci_lb = beta[1] - crit * se[1],
                      ci_ub = beta[1] + crit * se[1]), e[-1])
  } else {
    nm <- rownames(fit$beta)
    for (j in seq_len(p)) {
      e[[paste0("coef_", nm[j], "_estimate")]] <- beta[j]; e[[paste0("coef_", nm[j], "_se")]] <- se[j]
      e[[paste0("coef_", nm[j], "_pval")]] <- 2 * pnorm(-abs(z[j]))
      e[[paste0("coef_", nm[j], "_ci_lb")]] <- beta[j] - crit * se[j]
      e[[paste0("coef_", nm[j], "_ci_ub")]] <- beta[j] + crit * se[j]
    }
  }
  cli <- c("--measure", measure, "--glmm", if (measure %in% c("OR", "IRR")) model, "--method", method,
           if (!is.null(mods)) c("--mods", paste(mods, collapse = ",")))
  add_case(paste(c(name, measure, if (measure %in% c("OR", "IRR")) model, method, if (!is.null(mods)) "mods"),
                 collapse = "/"), file, cli, lapply(e, unname))
}

mh_extra <- function(name, file, d, measures) {
  for (m in measures) {
    fit <- if (m %in% c("OR", "RR", "RD")) rma.mh(ai = ai, n1i = n1i, ci = ci, n2i = n2i, data = d, measure = m)
           else rma.mh(x1i = x1i, t1i = t1i, x2i = x2i, t2i = t2i, data = d, measure = m)
    e <- list(k = fit$k, estimate = num(fit$beta), se = num(fit$se), pval = num(fit$pval), ci_lb = num(fit$ci.lb),
              ci_ub = num(fit$ci.ub), I2 = num(fit$I2), H2 = num(fit$H2), Q = num(fit$QE), Q_pval = num(fit$QEp))
    if (m %in% c("OR", "IRR")) { e$CMH <- num(fit$MH); e$CMH_pval <- num(fit$MHp) }
    if (m == "OR") { e$BD <- num(fit$BD); e$BD_pval <- num(fit$BDp); e$TA <- num(fit$TA); e$TA_pval <- num(fit$TAp) }
    add_case(paste0(name, "/", m, "/MH"), file, c("--measure", m, "--method", "MH"), e)
  }
}

# ---- data (metadat), written as CSV with metafor's column names
bcg <- with(dat.bcg, data.frame(study = paste(author, year), ai = tpos, n1i = tpos + tneg, ci = cpos, n2i = cpos + cneg,
                                ablat = ablat, year = year))
niel7 <- with(dat.nielweise2007, data.frame(study = paste(author, year), ai, n1i, ci, n2i))
coll <- with(dat.collins1985b, data.frame(study = paste(author, year), ai = pre.xti, n1i = pre.nti, ci = pre.xci,
                                          n2i = pre.nci))
hine <- with(dat.hine1989, data.frame(study = study, ai, n1i, ci, n2i))
hart <- with(dat.hart1999, data.frame(study = paste(study, year), x1i, t1i, x2i, t2i))
niel8 <- with(dat.nielweise2008, data.frame(study = paste(authors, year), x1i, t1i, x2i, t2i))
pritz <- with(dat.pritz1997, data.frame(study = paste(authors), xi, ni))
bcgarm <- with(dat.bcg, data.frame(study = paste(author, year), xi = tpos, ni = tpos + tneg, ablat = ablat))
hartarm <- with(dat.hart1999, data.frame(study = paste(study, year), xi = x1i, ti = t1i))
niel8arm <- with(dat.nielweise2008, data.frame(study = paste(authors, year), xi = x2i, ti = t2i))
sets <- list(bcg = bcg, nielweise2007 = niel7, collins1985b = coll, hine1989 = hine, hart1999 = hart,
             nielweise2008 = niel8, pritz1997 = pritz, bcgarm = bcgarm, hart1999arm = hartarm,
             nielweise2008arm = niel8arm)
for (n in names(sets)) write(sets[[n]], paste0(n, ".csv"))

for (n in c("bcg", "nielweise2007", "collins1985b", "hine1989")) mh_extra(n, paste0(n, ".csv"), sets[[n]], "OR")
for (n in c("hart1999", "nielweise2008")) mh_extra(n, paste0(n, ".csv"), sets[[n]], c("IRR", "IRD"))

MODELS <- strsplit(Sys.getenv("GLMM_MODELS", "PLO,IRLN,CM.AL,CM.EL,UM.FS,UM.RS,IRR.CM.EL,IRR.UM.FS,IRR.UM.RS"), ",")[[1]]
try_case <- function(...) tryCatch(glmm_case(...), error = function(e) message("skipped: ", conditionMessage(e)))
for (meth in c("FE", "ML")) {
  if ("PLO" %in% MODELS) for (n in c("pritz1997", "bcgarm")) try_case(n, paste0(n, ".csv"), sets[[n]], "PLO", NULL, meth)
  if ("PLO" %in% MODELS) try_case("bcgarm", "bcgarm.csv", bcgarm, "PLO", NULL, meth, "ablat")
  if ("IRLN" %in% MODELS) for (n in c("hart1999arm", "nielweise2008arm")) try_case(n, paste0(n, ".csv"), sets[[n]], "IRLN", NULL, meth)
  for (mod in c("CM.AL", "CM.EL", "UM.FS", "UM.RS")) if (mod %in% MODELS) {
    for (n in c("bcg", "nielweise2007", "collins1985b", "hine1989")) try_case(n, paste0(n, ".csv"), sets[[n]], "OR", mod, meth)
    try_case("bcg", "bcg.csv", bcg, "OR", mod, meth, "ablat")
  }
  for (mod in c("CM.EL", "UM.FS", "UM.RS")) if (paste0("IRR.", mod) %in% MODELS)
    for (n in c("hart1999", "nielweise2008")) try_case(n, paste0(n, ".csv"), sets[[n]], "IRR", mod, meth)
}
# Figures left out, and why (reported as not reproduced, never loosened):
#   - UM.RS under ML: lme4's penalized IRLS cannot reach tolPwrss = 1e-12 on these data (bcg fails even at the
#     start); at 1e-10 its Laplace deviance is off by ~1e-7 (checked against an exact evaluation), which moves the
#     optimum by ~1e-4 relative: no reference precise enough at the project tolerance.
#   - bcgarm/PLO/ML/mods (tolPwrss fallback, same reason), bcg/OR/UM.FS/ML (se 1.6e-6 relative apart, not yet
#     resolved which Hessian is the more accurate), bcg/OR/CM.EL/ML/mods (pval 2e-6 relative apart, same).
#   - QE_Wld of CM.EL (OR) and UM.RS: metafor's figure is a Wald test with a finite-difference Hessian of a
#     saturated fit whose estimates diverge for zero cells (and, for CM.EL with moderators, a different set of
#     saturated coefficients: not yet understood); metaj's is the exact generalised-least-squares form.
#   - QE figures that metafor could not compute (NA).
drop <- grepl("/UM.RS/ML", vapply(cases, `[[`, "", "id")) |
  vapply(cases, `[[`, "", "id") %in% c("bcgarm/PLO/ML/mods", "bcg/OR/UM.FS/ML", "bcg/OR/CM.EL/ML/mods")
cases <- cases[!drop]
cases <- lapply(cases, function(c) {
  if ((grepl("/CM.EL/", c$id) && grepl("/OR/", c$id)) || grepl("/UM.RS/", c$id)) {
    c$expect$QE_Wld <- NULL; c$expect$QE_Wld_pval <- NULL
  }
  for (n in grep("^QE_", names(c$expect), value = TRUE)) if (is.na(c$expect[[n]])) c$expect[[n]] <- NULL
  c
})
writeLines(vapply(cases, function(x) as.character(toJSON(x, auto_unbox = TRUE, digits = I(15), na = "null")), ""),
           Sys.getenv("GLMM_OUT", "glmm-extra.jsonl"))
