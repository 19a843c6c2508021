# Reference cases for network meta-analysis (`meta network`, ../shared/reference/CONTRACT-2.md part B), computed
# with R metafor 3.8-1 exactly as the contract states: arm-level data -> contrasts against each study's baseline
# arm (the first of its treatments in the order: the reference, then the others in code-point order), 1/2 added to
# every cell of every arm of a study with a zero cell, covariance of two contrasts of one study = the baseline
# arm's variance term, consistency model rma.mv(yi, V, mods = ~ 0 + <+1/-1 indicators>, random = ~ contr | study,
# rho = 1/2) by REML (converged tightly: refit from the default estimate with uobyqa, rhoend 1e-12) or without
# `random` (FE). Q is the FE model's residual Q, Q_het the sum over designs of the FE residual Q within each design
# (Krahn, Binder & Koenig 2013), Q_inc = Q - Q_het; P-scores (Ruecker & Schwarzer 2015) from the fitted d's and their
# covariance. Run from this folder: Rscript network-extra.R (writes data-network/*.csv and network-extra.jsonl).
suppressPackageStartupMessages({ library(metafor); library(metadat); library(jsonlite) })
invisible(Sys.setlocale("LC_COLLATE", "C"))
DATA_DIR <- "data-network"
dir.create(DATA_DIR, showWarnings = FALSE)
cases <- list()
num <- function(x) unname(as.numeric(x))
key <- function(t) gsub("[^A-Za-z0-9]", "_", t)

# arms: data.frame(study, treatment, events, n | mean, sd, n | events, time); returns contrasts with V
make_contrasts <- function(arms, measure, reference) {
  trts <- sort(unique(arms$treatment))
  order <- c(reference, setdiff(trts, reference))
  rows <- list(); blocks <- list()
  for (s in unique(arms$study)) {
    a <- arms[arms$study == s, ]
    a <- a[order(match(a$treatment, order)), ]
    if (measure %in% c("OR", "RR", "RD")) {
      if (any(a$events == 0 | a$events == a$n)) { a$events <- a$events + 0.5; a$n <- a$n + 1 }
      lg <- switch(measure, OR = log(a$events / (a$n - a$events)), RR = log(a$events / a$n), RD = a$events / a$n)
      va <- switch(measure, OR = 1 / a$events + 1 / (a$n - a$events), RR = 1 / a$events - 1 / a$n,
                   RD = a$events * (a$n - a$events) / a$n^3)
    } else if (measure == "IRR") {
      if (any(a$events == 0)) a$events <- a$events + 0.5
      lg <- log(a$events / a$time); va <- 1 / a$events
    } else {                                  # MD
      lg <- a$mean; va <- a$sd^2 / a$n
    }
    m <- nrow(a) - 1
    V <- matrix(va[1], m, m) + diag(va[-1], m)
    blocks[[length(blocks) + 1]] <- V
    for (j in 2:nrow(a)) rows[[length(rows) + 1]] <- data.frame(study = s, base = a$treatment[1],
      trt = a$treatment[j], yi = lg[j] - lg[1], design = paste(a$treatment, collapse = ":"))
  }
  d <- do.call(rbind, rows)
  V <- bldiag(blocks)
  nonref <- setdiff(order, reference)
  X <- sapply(nonref, function(t) (d$trt == t) - (d$base == t))
  X <- matrix(X, nrow = nrow(d)); colnames(X) <- nonref
  list(d = d, V = V, X = X, nonref = nonref, trts = order)
}

fit_net <- function(cn, method, level = 95) {
  d <- cn$d; d$contr <- d$trt
  if (method == "FE") return(rma.mv(d$yi, cn$V, mods = cn$X, intercept = FALSE, method = "FE", level = level))
  f0 <- rma.mv(d$yi, cn$V, mods = cn$X, intercept = FALSE, random = ~ contr | study, rho = 0.5, data = d,
               method = "REML")
  f1 <- rma.mv(d$yi, cn$V, mods = cn$X, intercept = FALSE, random = ~ contr | study, rho = 0.5, data = d,
         method = "REML", level = level, control = list(tau2.init = max(f0$tau2, 1e-4), optimizer = "uobyqa",
                                         optCtrl = list(rhoend = 1e-12)))
  # polish: the root of the score of metafor's own restricted log-likelihood (central differences), then refit
  # with tau^2 fixed there (the likelihood is flat to 1e-16 near the optimum, where uobyqa may stop ~1e-7 away)
  t0 <- f1$tau2
  if (t0 < 1e-10) return(f1)
  ll <- function(t) c(logLik(rma.mv(d$yi, cn$V, mods = cn$X, intercept = FALSE, random = ~ contr | study,
                                    rho = 0.5, data = d, method = "REML", tau2 = t)))
  sc <- function(t) { h <- 1e-5 * t0; (ll(t + h) - ll(t - h)) / (2 * h) }
  lo <- t0 * (1 - 1e-4); hi <- t0 * (1 + 1e-4)
  if (sc(lo) > 0 && sc(hi) < 0) t0 <- uniroot(sc, c(lo, hi), tol = 1e-15 * t0)$root
  rma.mv(d$yi, cn$V, mods = cn$X, intercept = FALSE, random = ~ contr | study, rho = 0.5, data = d,
         method = "REML", level = level, tau2 = t0)
}

q_het <- function(cn) {
  d <- cn$d; q <- 0; df <- 0
  for (g in unique(d$design)) {
    idx <- which(d$design == g)
    if (length(unique(d$study[idx])) < 2) next
    tt <- unique(d$trt[idx])
    Xg <- matrix(sapply(tt, function(t) as.numeric(d$trt[idx] == t)), nrow = length(idx))
    f <- rma.mv(d$yi[idx], cn$V[idx, idx], mods = Xg, intercept = FALSE, method = "FE")
    q <- q + f$QE; df <- df + f$k - f$p
  }
  c(q, df)
}

# design-by-treatment interaction model (Higgins et al. 2012): every design its own effects; tau^2 by REML in that
# model; the global test is the GLS Wald statistic of the interaction terms, computed as the difference of the two
# models' ML log-likelihoods at that fixed tau^2 (log|S| cancels, leaving the difference of weighted RSS)
dbt <- function(cn, method) {
  d <- cn$d; d$contr <- d$trt
  cols <- unique(paste(d$design, d$trt))
  Xd <- sapply(cols, function(k) as.numeric(paste(d$design, d$trt) == k)); Xd <- matrix(Xd, nrow = nrow(d))
  t2 <- 0
  if (method == "REML") {
    f <- rma.mv(d$yi, cn$V, mods = Xd, intercept = FALSE, random = ~ contr | study, rho = 0.5, data = d,
                method = "REML")
    f <- rma.mv(d$yi, cn$V, mods = Xd, intercept = FALSE, random = ~ contr | study, rho = 0.5, data = d,
                method = "REML", control = list(tau2.init = max(f$tau2, 1e-4), optimizer = "uobyqa",
                                                optCtrl = list(rhoend = 1e-12)))
    t2 <- f$tau2
    if (t2 > 1e-10) {
      ll <- function(t) c(logLik(rma.mv(d$yi, cn$V, mods = Xd, intercept = FALSE, random = ~ contr | study,
                                        rho = 0.5, data = d, method = "REML", tau2 = t)))
      sc <- function(t) { h <- 1e-5 * f$tau2; (ll(t + h) - ll(t - h)) / (2 * h) }
      lo <- t2 * (1 - 1e-4); hi <- t2 * (1 + 1e-4)
      if (sc(lo) > 0 && sc(hi) < 0) t2 <- uniroot(sc, c(lo, hi), tol = 1e-15 * t2)$root
    } else t2 <- 0
  }
  mll <- function(X) c(logLik(rma.mv(d$yi, cn$V, mods = X, intercept = FALSE, random = ~ contr | study,
                                     rho = 0.5, data = d, method = "ML", tau2 = t2)))
  q <- 2 * (mll(Xd) - mll(cn$X)); df <- ncol(Xd) - ncol(cn$X)
  list(tau2 = t2, Q = q, df = df, pval = if (df > 0) pchisq(q, df, lower.tail = FALSE) else NA)
}

pscores <- function(fit, cn, small) {
  est <- c(0, num(fit$beta)); names(est) <- cn$trts
  vc <- matrix(0, length(est), length(est)); vc[-1, -1] <- fit$vb
  n <- length(est); p <- numeric(n)
  for (i in 1:n) {
    s <- 0
    for (j in setdiff(1:n, i)) {
      se <- sqrt(vc[i, i] + vc[j, j] - 2 * vc[i, j])
      s <- s + if (small == "good") pnorm((est[j] - est[i]) / se) else pnorm((est[i] - est[j]) / se)
    }
    p[i] <- s / (n - 1)
  }
  setNames(p, cn$trts)
}

network_case <- function(name, file, arms, measure, reference, method, small = "bad", level = 95) {
  cn <- make_contrasts(arms, measure, reference)
  fit <- fit_net(cn, method, level)
  fe <- fit_net(cn, "FE")
  qh <- q_het(cn)
  e <- list(k = length(unique(cn$d$study)), n_treatments = length(cn$trts), n_contrasts = nrow(cn$d),
            tau2 = if (method == "FE") 0 else num(fit$tau2),
            Q = num(fe$QE), Q_df = fe$k - fe$p, Q_pval = num(fe$QEp),
            Q_het = qh[1], Q_het_df = qh[2], Q_het_pval = if (qh[2] > 0) pchisq(qh[1], qh[2], lower.tail = FALSE) else NA,
            Q_inc = num(fe$QE) - qh[1], Q_inc_df = (fe$k - fe$p) - qh[2])
  e$Q_inc_pval <- if (e$Q_inc_df > 0) pchisq(e$Q_inc, e$Q_inc_df, lower.tail = FALSE) else NA
  for (i in seq_along(cn$nonref)) {
    t <- key(cn$nonref[i])
    e[[paste0("d_", t, "_estimate")]] <- num(fit$beta[i]); e[[paste0("d_", t, "_se")]] <- num(fit$se[i])
    e[[paste0("d_", t, "_pval")]] <- num(fit$pval[i])
    e[[paste0("d_", t, "_ci_lb")]] <- num(fit$ci.lb[i]); e[[paste0("d_", t, "_ci_ub")]] <- num(fit$ci.ub[i])
  }
  db <- dbt(cn, method)
  e$dbt_tau2 <- db$tau2; e$dbt_Q <- db$Q; e$dbt_df <- db$df; e$dbt_pval <- db$pval
  ps <- pscores(fit, cn, small)
  for (t in names(ps)) e[[paste0("pscore_", key(t))]] <- num(ps[t])
  args <- c("network", "--measure", measure, "--reference", reference, "--method", method,
            "--small-values", small)
  if (level != 95) args <- c(args, "--level", as.character(level))
  cases[[length(cases) + 1]] <<- list(id = paste(name, measure, reference, method, small, level, sep = "/"),
                                      data = paste0(DATA_DIR, "/", file), args = as.list(args), expect = e)
}

write_arms <- function(d, file) write.csv(d, file.path(DATA_DIR, file), row.names = FALSE)

# Hasselblad (1998) smoking cessation: 24 studies, 4 treatments, two three-arm studies; events/n
h <- dat.hasselblad1998
hass <- data.frame(study = paste0("s", h$study), treatment = h$trt, events = h$xi, n = h$ni)
write_arms(hass, "hasselblad1998.csv")
for (m in c("OR", "RR", "RD")) for (meth in c("REML", "FE")) network_case("hasselblad1998", "hasselblad1998.csv", hass, m, "no_contact", meth)
network_case("hasselblad1998", "hasselblad1998.csv", hass, "OR", "no_contact", "REML", small = "good")
network_case("hasselblad1998", "hasselblad1998.csv", hass, "OR", "ind_counseling", "REML")

# Senn et al. (2013) glucose-lowering agents: 26 studies, 10 treatments, one three-arm study; mean/sd/n (MD)
s <- dat.senn2013
senn <- data.frame(study = s$study, treatment = s$treatment, mean = s$mi, sd = s$sdi, n = s$ni)
write_arms(senn, "senn2013.csv")
for (meth in c("REML", "FE")) network_case("senn2013", "senn2013.csv", senn, "MD", "placebo", meth, small = "good")
network_case("senn2013", "senn2013.csv", senn, "MD", "placebo", "REML", small = "good", level = 90)

# Franchini et al. (2012) Parkinson's disease: 7 studies (wide in metadat, one row per arm here); mean/sd/n (MD)
f <- dat.franchini2012
fr <- do.call(rbind, lapply(1:3, function(j) data.frame(study = f$Study, treatment = f[[paste0("Treatment", j)]],
  mean = f[[paste0("y", j)]], sd = f[[paste0("sd", j)]], n = f[[paste0("n", j)]])))
fr <- fr[!is.na(fr$treatment), ]
fr <- fr[order(match(fr$study, f$Study)), ]
write_arms(fr, "franchini2012.csv")
for (meth in c("REML", "FE")) network_case("franchini2012", "franchini2012.csv", fr, "MD", "Placebo", meth, small = "good")

# Linde et al. (2015) depression: responders / randomised, 9 treatments, multi-arm studies (OR)
l <- dat.linde2015
li <- do.call(rbind, lapply(1:3, function(j) data.frame(study = paste0(l$author, " ", l$year, " #", l$id),
  treatment = l[[paste0("treatment", j)]], events = l[[paste0("resp", j)]], n = l[[paste0("n", j)]])))
li <- li[!is.na(li$treatment) & li$treatment != "" & !is.na(li$events), ]
li <- li[order(match(li$study, unique(paste0(l$author, " ", l$year, " #", l$id)))), ]
write_arms(li, "linde2015.csv")
for (meth in c("REML", "FE")) network_case("linde2015", "linde2015.csv", li, "OR", "Placebo", meth)

# Dong et al. (2013) inhaled COPD drugs, deaths / randomised: zero-event arms (1/2 added to the study)
dg <- dat.dong2013
dong <- data.frame(study = paste0("d", dg$id), treatment = dg$treatment, events = dg$death, n = dg$randomized)
write_arms(dong, "dong2013.csv")
for (meth in c("REML", "FE")) network_case("dong2013", "dong2013.csv", dong, "OR", "Placebo", meth)
network_case("dong2013", "dong2013.csv", dong, "RR", "Placebo", "REML")

# Contrast-level input (GEN): the two-arm studies of Senn et al. (2013) as one row per study (study, treat1, treat2,
# yi = mean difference treat1 - treat2, vi); treat1 is the second arm in metadat's order, so signs flip where it is
# the baseline
s2 <- senn[senn$study %in% names(which(table(senn$study) == 2)), ]
gen <- do.call(rbind, lapply(unique(s2$study), function(st) { a <- s2[s2$study == st, ]
  data.frame(study = st, treat1 = a$treatment[2], treat2 = a$treatment[1], yi = a$mean[2] - a$mean[1],
             vi = a$sd[2]^2 / a$n[2] + a$sd[1]^2 / a$n[1]) }))
write_arms(gen, "senn2013-contrasts.csv")
gen_arms <- do.call(rbind, lapply(seq_len(nrow(gen)), function(i) data.frame(study = gen$study[i],
  treatment = c(gen$treat1[i], gen$treat2[i]), mean = c(gen$yi[i], 0), sd = c(sqrt(gen$vi[i]), 0), n = 1)))
for (meth in c("REML", "FE")) {
  network_case("senn2013-contrasts", "senn2013-contrasts.csv", gen_arms, "MD", "placebo", meth, small = "good")
  cases[[length(cases)]]$args[[3]] <- "GEN"
  cases[[length(cases)]]$id <- sub("/MD/", "/GEN/", cases[[length(cases)]]$id)
}

# A small rates network made up for the IRR formula (not published data): events / person-years
set.seed(20261204)
rates <- data.frame(study = rep(c("r1", "r2", "r3", "r4", "r5", "r6"), c(2, 2, 3, 2, 2, 2)),
                    treatment = c("A", "B", "A", "C", "A", "B", "C", "B", "C", "A", "B", "C", "A"),
                    events = c(12, 20, 7, 15, 30, 22, 41, 9, 0, 14, 25, 18, 11),
                    time = c(1000, 1100, 400, 420, 2500, 2400, 2600, 800, 790, 1200, 1250, 900, 950))
write_arms(rates, "rates-synthetic.csv")
for (meth in c("REML", "FE")) network_case("rates-synthetic", "rates-synthetic.csv", rates, "IRR", "A", meth)

writeLines(vapply(cases, function(c) toJSON(c, auto_unbox = TRUE, digits = NA, na = "null"), ""), "network-extra.jsonl")
cat(length(cases), "cases\n")
