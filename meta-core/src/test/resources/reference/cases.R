# cases.jsonl: the shared reference suite's pooled-model cases (a copy of /work/shared/reference/cases.jsonl, whose
# README describes them), regenerated from metafor 3.8-1 with the helpers of cases-lib.R on the CSVs in data/.
#
# Run from this folder (meta-core/src/test/resources/reference):  Rscript cases.R [OUT.jsonl]   (default cases.jsonl)
# The committed cases.jsonl is the shared suite's file, byte for byte; this script reproduces every one of its 289
# cases and figures within the project tolerance (1e-9 + 1e-6 |want|; the shared file was written with fewer digits),
# checked by writing to another file and comparing.
#
# Provenance of every figure: as cases-extra.R (escalc with metafor's defaults; rma(yi, vi, method = M, test = T,
# control = CTRL) for FE ... PMM with z, and DL / REML / PM with Knapp-Hartung; rma.mh; rma.peto; predict; confint).
DATA_DIR <- "data"
source("cases-lib.R")
args <- commandArgs(trailingOnly = TRUE)
out <- if (length(args) > 0) args[1] else "cases.jsonl"

rd <- function(f) read.csv(file.path(DATA_DIR, f), check.names = FALSE)
tables <- function(m, d) {
  if (all(c("bi", "di") %in% names(d))) escalc(m, ai = ai, bi = bi, ci = ci, di = di, data = d)
  else escalc(m, ai = ai, n1i = n1i, ci = ci, n2i = n2i, data = d)
}
peto <- function(name, file, d) {
  fit <- if (all(c("bi", "di") %in% names(d))) rma.peto(ai = ai, bi = bi, ci = ci, di = di, data = d)
         else rma.peto(ai = ai, n1i = n1i, ci = ci, n2i = n2i, data = d)
  e <- fit_figures(fit, FALSE); e$pi_lb <- NULL; e$pi_ub <- NULL; e$tau2 <- 0
  add_case(paste0(name, "/PETO/PETO"), file, c("--measure", "PETO", "--method", "PETO"), e)
}
two_by_two_sets <- function(name, measures, mh) {
  file <- paste0(name, ".csv"); d <- rd(file)
  for (m in measures) uni_cases(name, file, tables(m, d), m)
  mh_cases(name, file, d, mh)
  peto(name, file, d)
}

two_by_two_sets("bcg", c("OR", "RR", "RD"), c("OR", "RR"))
nd <- rd("normand1999.csv")
for (m in c("MD", "SMD", "ROM"))
  uni_cases("normand1999", "normand1999.csv", escalc(m, m1i = m1i, sd1i = sd1i, n1i = n1i, m2i = m2i, sd2i = sd2i,
                                                     n2i = n2i, data = nd), m)
uni_cases("hackshaw1998", "hackshaw1998.csv", rd("hackshaw1998.csv"), NULL)
uni_cases("raudenbush1985", "raudenbush1985.csv", rd("raudenbush1985.csv"), NULL)
mo <- rd("molloy2014.csv")
for (m in c("ZCOR", "COR")) uni_cases("molloy2014", "molloy2014.csv", escalc(m, ri = ri, ni = ni, data = mo), m)
pr <- rd("pritz1997.csv")
for (m in c("PR", "PLO", "PAS", "PFT")) uni_cases("pritz1997", "pritz1997.csv", escalc(m, xi = xi, ni = ni, data = pr), m)
ha <- rd("hart1999.csv")
for (m in c("IRR", "IRD"))
  uni_cases("hart1999", "hart1999.csv", escalc(m, x1i = x1i, t1i = t1i, x2i = x2i, t2i = t2i, data = ha), m)
two_by_two_sets("li2007", c("OR", "RR"), c("OR", "RR"))
two_by_two_sets("lee2004", c("RR", "OR"), c("RR", "OR"))

con <- file(out, "w")
for (c in cases) writeLines(toJSON(c, auto_unbox = TRUE, digits = I(12), na = "null"), con)
close(con)
cat(length(cases), "cases written to", out, "\n")
