#!/usr/bin/env bash
# A random-effects network of 50 treatments and 1,000 studies (a quarter three-arm; NetworkBenchData, seeded), fitted
# by metaj (NetworkMetaAnalysis.fit: REML consistency model plus Q decomposition, design-by-treatment model and
# node-splits) and by R metafor's rma.mv (the consistency model only, as CONTRACT-2 part B states it: the contrasts
# of the same CSV, random = ~ contr | study, rho = 1/2, REML), with metafor's default dense algebra and with
# sparse = TRUE. Prints seconds per fit (wall clock and CPU time) and the ratios, all from this one run.
#
# Usage: benchmarks/compare-network.sh [TREATMENTS] [STUDIES] [METAJ_FITS]   (defaults 50, 1000, 50)
# Needs benchmarks/target/benchmarks.jar (mvn -B -o -pl benchmarks -am package -DskipTests) and Rscript + metafor.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/target/benchmarks.jar"
t="${1:-50}"; k="${2:-1000}"; fits="${3:-50}"
[ -f "$jar" ] || { echo "missing $jar: run mvn -B -o -pl benchmarks -am package -DskipTests" >&2; exit 1; }
csv="$(mktemp --suffix=.csv)"
trap 'rm -f "$csv"' EXIT
echo "machine: $(nproc) hardware threads; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
metaj="$(java -cp "$jar" org.metaj.bench.CompareNetwork "$csv" "$t" "$k" "$fits")"
echo "$metaj"
get() { echo "$1" | awk -v k="$2" '$1 == k { print $2 }'; }
rout="$(Rscript - "$csv" <<'RS'
args <- commandArgs(trailingOnly = TRUE)
suppressMessages(library(metafor))
invisible(Sys.setlocale("LC_COLLATE", "C"))
a <- read.csv(args[1], stringsAsFactors = FALSE)
order <- c("T01", setdiff(sort(unique(a$treatment)), "T01"))
rows <- list(); blocks <- list()
for (s in unique(a$study)) {
  x <- a[a$study == s, ]; x <- x[order(match(x$treatment, order)), ]
  va <- x$sd^2 / x$n; m <- nrow(x) - 1
  blocks[[length(blocks) + 1]] <- matrix(va[1], m, m) + diag(va[-1], m)
  rows[[length(rows) + 1]] <- data.frame(study = s, base = x$treatment[1], trt = x$treatment[-1],
                                         yi = x$mean[-1] - x$mean[1])
}
d <- do.call(rbind, rows); V <- bldiag(blocks)
X <- sapply(order[-1], function(t) (d$trt == t) - (d$base == t))
cat(sprintf("R_contrasts %d\n", nrow(d)))
for (sparse in c(TRUE, FALSE)) {
  t0 <- proc.time()
  f <- rma.mv(d$yi, V, mods = X, intercept = FALSE, random = ~ trt | study, rho = 0.5, data = d, sparse = sparse)
  t1 <- proc.time() - t0
  tag <- if (sparse) "sparse" else "dense"
  cat(sprintf("R_%s_tau2 %.10f\nR_%s_seconds_wall %.3f\nR_%s_seconds_cpu %.3f\n", tag, f$tau2, tag,
              t1[["elapsed"]], tag, t1[["user.self"]] + t1[["sys.self"]]))
}
RS
)"
echo "$rout"
awk -v mw="$(get "$metaj" metaj_seconds_per_fit_wall)" -v mc="$(get "$metaj" metaj_seconds_per_fit_cpu)" \
    -v sw="$(get "$rout" R_sparse_seconds_wall)" -v sc="$(get "$rout" R_sparse_seconds_cpu)" \
    -v dw="$(get "$rout" R_dense_seconds_wall)" -v dc="$(get "$rout" R_dense_seconds_cpu)" 'BEGIN {
  printf "seconds per fit: metaj %.4f (CPU %.4f), metafor sparse %.2f (CPU %.2f), metafor dense %.2f (CPU %.2f)\n", mw, mc, sw, sc, dw, dc
  printf "ratio (CPU time): %.0fx metafor sparse, %.0fx metafor dense\n", sc / mc, dc / mc }'
