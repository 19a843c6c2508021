# Provenance of the Baujat figures in org.metaj.cli.PlotCommandsTest (R 4, metafor 3.8-1):
# metafor's baujat() on the REML model of the BCG trials (log risk ratios), and the formula it matches:
# x_i = (y_i - b)^2 / (v_i + tau^2), y_i = (b - b_(-i))^2 / se_(-i)^2 (leave-one-out refits).
# The REML fits are run to convergence (threshold 1e-12): with metafor's default threshold (1e-5) the
# leave-one-out fit without study 4 stops at tau^2 = 0.2627583562 instead of the optimum 0.2627581481 (which
# metaj reaches), and y_4 then differs by 1.4e-6 relative (0.2377733201 instead of 0.2377736760).
library(metafor)
dat <- escalc(measure="RR", ai=tpos, bi=tneg, ci=cpos, di=cneg, data=dat.bcg)
res <- rma(yi, vi, data=dat, control=list(threshold=1e-12, maxiter=1000))
b <- baujat(res)
x <- (dat$yi - res$b[1])^2 / (dat$vi + res$tau2)
stopifnot(isTRUE(all.equal(as.numeric(b$x), as.numeric(x))))
cat(sprintf("%.10f %.10f\n", b$x, b$y), sep="")
