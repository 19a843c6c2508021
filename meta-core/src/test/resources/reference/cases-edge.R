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
DATA_DIR <- "data-edge"
source("cases-lib.R")

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
