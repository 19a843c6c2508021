# Extra reference cases: metafor 3.8-1 results on datasets that cases.jsonl has never seen.
#
# Run from this folder (meta-core/src/test/resources/reference):  Rscript cases-extra.R
# Writes data-extra/*.csv (metafor column names) and cases-extra.jsonl (same format as cases.jsonl).
#
# Provenance of every figure:
#   - effect sizes: escalc(measure, <columns>) with metafor's defaults (add = 1/2, to = "only0", drop00 = FALSE,
#     vtype = "LS"); generic sets use the data set's own yi / vi;
#   - FE ... PMM:   rma(yi, vi, method = M, test = T, control = CTRL)  (FE = common effect);
#   - MH:           rma.mh(<2x2 columns>, measure = M)   (OR, RR, RD; defaults drop00 = TRUE for the Q test)
#   - PETO:         rma.peto(<2x2 columns>)
#   - k estimate se pval ci_lb ci_ub tau2 I2 H2 Q Q_pval: the fitted object (I2 in percent, as metafor prints it);
#   - pi_lb pi_ub: predict(fit) (for FE, the confidence interval);
#   - tau2_ci_lb tau2_ci_ub: confint(fit, control = list(tol = 1e-12, maxiter = 10000))$random["tau^2", ]
#     (Q-profile; NA -> null), only for random-effects fits.
# Datasets (metadat): Yusuf 1985 (table 6 and table 9: zero and double-zero tables), Collins 1985b (pre-eclampsia),
# Hine 1989 (RD, tau2 = 0), Egger 2001 (magnesium), Curtis 1998 (first 12 rows, ROM),
# Gibson 2002 (first 2 rows, k = 2), Bangert-Drowns 2004 (generic yi/vi), McDaniel 1994 (first 15, COR/ZCOR),
# Cohen 1981 (first 3 rows, k = 3), de Bruin 2009 (proportions), Nielweise 2008 (incidence rates),
# Egger 2001 first 3 rows (k = 3, OR) and its row 16 alone (k = 1), Collins 1985b neonatal deaths (double zeros),
# Axfors 2021 (hydroxychloroquine mortality: 15 double-zero trials of 33), Hasselblad 1998 (proportions with xi = 0).
DATA_DIR <- "data-extra"
source("cases-lib.R")

# --- 2x2 tables -----------------------------------------------------------------------------------------------
y6 <- subset(dat.yusuf1985, table == "6", c(trial, ai, n1i, ci, n2i)); names(y6)[1] <- "study"
two_by_two("yusuf1985t6", y6, c("OR", "RR", "RD"))            # 3 double-zero, 1 single-zero studies
y9 <- subset(dat.yusuf1985, table == "9", c(trial, ai, n1i, ci, n2i)); names(y9)[1] <- "study"
two_by_two("yusuf1985t9", y9, c("OR"))                        # 6 double-zero studies of 26
cb <- with(dat.collins1985b, data.frame(study = author, ai = pre.xti, n1i = pre.nti, ci = pre.xci, n2i = pre.nci))
two_by_two("collins1985b", cb, c("OR"))                       # very heterogeneous
hi <- with(dat.hine1989, data.frame(study = source, ai = ai, n1i = n1i, ci = ci, n2i = n2i))
two_by_two("hine1989", hi, c("RD"), mh = c("RD", "OR"))  # Q < df: tau2 = 0
eg <- with(dat.egger2001, data.frame(study = study, ai = ai, n1i = n1i, ci = ci, n2i = n2i))
two_by_two("egger2001", eg, c("OR"))
two_by_two("egger2001k3", eg[1:3, ], c("OR"))                 # k = 3
cn <- with(dat.collins1985b, data.frame(study = author, ai = ned.xti, n1i = fup.nti, ci = ned.xci, n2i = fup.nci))
two_by_two("collins1985bned", cn, c("OR", "RD"))     # neonatal deaths: 2 double-zero, 1 single-zero, 1 NA
ax <- with(dat.axfors2021, data.frame(study = acronym, ai = hcq_arm_event, n1i = hcq_arm_total,
                                      ci = control_arm_event, n2i = control_arm_total))
two_by_two("axfors2021", ax, c("OR", "RD"))                   # 15 double-zero studies of 33
e1 <- eg[16, ]; write(e1, "egger2001k1.csv")                  # k = 1 (no Knapp-Hartung: df = 0)
uni_cases("egger2001k1", "egger2001k1.csv", escalc("OR", ai = ai, n1i = n1i, ci = ci, n2i = n2i, data = e1), "OR",
          knha = FALSE)
mh_cases("egger2001k1", "egger2001k1.csv", e1, c("OR", "RR", "RD")); peto_case("egger2001k1", "egger2001k1.csv", e1)

# --- continuous ---------------------------------------------------------------------------------------------
cu <- with(dat.curtis1998[1:12, ], data.frame(study = paste(paper, id), m1i, sd1i, n1i, m2i, sd2i, n2i))
write(cu, "curtis1998.csv")
uni_cases("curtis1998", "curtis1998.csv", escalc("ROM", m1i = m1i, sd1i = sd1i, n1i = n1i, m2i = m2i, sd2i = sd2i,
                                                 n2i = n2i, data = cu), "ROM")
gi <- with(dat.gibson2002[1:2, ], data.frame(study = paste(author, year), m1i, sd1i, n1i, m2i, sd2i, n2i))
write(gi, "gibson2002k2.csv")                                 # k = 2
for (m in c("MD", "SMD")) uni_cases("gibson2002k2", "gibson2002k2.csv",
    escalc(m, m1i = m1i, sd1i = sd1i, n1i = n1i, m2i = m2i, sd2i = sd2i, n2i = n2i, data = gi), m)

# --- generic yi / vi --------------------------------------------------------------------------------------
bd <- with(dat.bangertdrowns2004, data.frame(study = paste(author, year), yi = yi, vi = vi))
write(bd, "bangertdrowns2004.csv")
uni_cases("bangertdrowns2004", "bangertdrowns2004.csv", bd, NULL)

# --- correlations -----------------------------------------------------------------------------------------
mc <- with(dat.mcdaniel1994[1:15, ], data.frame(study = study, ri = ri, ni = ni))
write(mc, "mcdaniel1994.csv")
for (m in c("ZCOR", "COR")) uni_cases("mcdaniel1994", "mcdaniel1994.csv", escalc(m, ri = ri, ni = ni, data = mc), m)
co <- with(dat.cohen1981[1:3, ], data.frame(study = study, ri = ri, ni = ni))
write(co, "cohen1981k3.csv")                                  # k = 3
uni_cases("cohen1981k3", "cohen1981k3.csv", escalc("ZCOR", ri = ri, ni = ni, data = co), "ZCOR")

# --- proportions ------------------------------------------------------------------------------------------
db <- with(dat.debruin2009, data.frame(study = author, xi = xi, ni = ni))
write(db, "debruin2009.csv")
for (m in c("PR", "PLO", "PFT")) uni_cases("debruin2009", "debruin2009.csv", escalc(m, xi = xi, ni = ni, data = db), m)

hb <- with(dat.hasselblad1998, data.frame(study = paste(authors, trt), xi = xi, ni = ni))
write(hb, "hasselblad1998.csv")                               # two studies with xi = 0
for (m in c("PR", "PLO", "PFT", "PAS")) uni_cases("hasselblad1998", "hasselblad1998.csv",
    escalc(m, xi = xi, ni = ni, data = hb), m)

# --- incidence rates --------------------------------------------------------------------------------------
nw <- with(dat.nielweise2008, data.frame(study = authors, x1i, t1i, x2i, t2i))
write(nw, "nielweise2008.csv")
for (m in c("IRR", "IRD")) uni_cases("nielweise2008", "nielweise2008.csv",
    escalc(m, x1i = x1i, t1i = t1i, x2i = x2i, t2i = t2i, data = nw), m)

# k = 4 incidence-rate differences (Nielweise 2008 rows 5, 9, 2, 6): small variances, REML tau2 close to 0.
ir <- nw[c(5, 9, 2, 6), ]; write(ir, "nielweise2008b.csv")
uni_cases("nielweise2008b", "nielweise2008b.csv", escalc("IRD", x1i = x1i, t1i = t1i, x2i = x2i, t2i = t2i, data = ir), "IRD")

con <- file("cases-extra.jsonl", "w")
for (c in cases) writeLines(toJSON(c, auto_unbox = TRUE, digits = I(12), na = "null"), con)
close(con)
cat(length(cases), "cases\n")
