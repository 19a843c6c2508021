#!/usr/bin/env bash
# Case bootstrap of the BCG log risk ratios (Colditz et al. 1994; REML, k = 13), the same in metaj and in R metafor:
# each replicate draws 13 trials with replacement and refits rma(yi, vi, method = "REML").
# Prints replicates per second of each (wall clock, and CPU time of the fitting thread/process, which is robust to
# other load on the machine) and their ratio, all measured in this one run.
#
# Usage: benchmarks/compare-metafor.sh [METAJ_REPLICATES] [R_REPLICATES]   (defaults 1000000 and 300)
# Needs benchmarks/target/benchmarks.jar (mvn -B -o -pl benchmarks -am package -DskipTests).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
jar="$here/target/benchmarks.jar"
csv="$root/datasets/bcg-colditz1994.csv"
b_metaj="${1:-1000000}"
b_r="${2:-300}"
[ -f "$jar" ] || { echo "missing $jar: run mvn -B -o -pl benchmarks -am package -DskipTests" >&2; exit 1; }

echo "machine: $(nproc) hardware threads, $(lscpu | sed -n 's/^Model name: *//p' | head -1)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
java -version 2>&1 | head -1
metaj="$(java -cp "$jar" org.metaj.bench.CompareMetafor "$b_metaj")"
echo "$metaj"
get() { echo "$1" | awk -v k="$2" '$1 == k { print $2 }'; }
mj_wall="$(get "$metaj" metaj_rate_wall)"
mj_cpu="$(get "$metaj" metaj_rate_cpu)"

if command -v Rscript >/dev/null 2>&1 && Rscript -e 'suppressMessages(library(metafor))' >/dev/null 2>&1; then
  rout="$(Rscript - "$csv" "$b_r" <<'RS'
args <- commandArgs(trailingOnly = TRUE)
suppressMessages(library(metafor))
d <- read.csv(args[1])
es <- escalc(measure = "RR", ai = ai, bi = bi, ci = ci, di = di, data = d)
yi <- as.numeric(es$yi); vi <- as.numeric(es$vi); k <- length(yi); B <- as.integer(args[2])
cat(sprintf("R_metafor_version %s\n", as.character(packageVersion("metafor"))))
cat(sprintf("R_observed_tau2 %.10f\n", rma(yi, vi, method = "REML")$tau2))
set.seed(20240501)
for (i in 1:20) invisible(rma(yi[sample.int(k, k, TRUE)], vi[sample.int(k, k, TRUE)], method = "REML"))
est <- rep(NA_real_, B); tau2 <- rep(NA_real_, B)
t0 <- proc.time()
for (b in 1:B) {
  idx <- sample.int(k, k, replace = TRUE)
  fit <- tryCatch(rma(yi[idx], vi[idx], method = "REML"), error = function(e) NULL)
  if (!is.null(fit)) { est[b] <- fit$b[1]; tau2[b] <- fit$tau2 }
}
t1 <- proc.time() - t0
cat(sprintf("R_replicates %d\nR_failed %d\n", B, sum(is.na(est))))
cat(sprintf("R_se_estimate %.6f\nR_mean_tau2 %.6f\n", sd(est, na.rm = TRUE), mean(tau2, na.rm = TRUE)))
cat(sprintf("R_wall_seconds %.6f\nR_cpu_seconds %.6f\n", t1[["elapsed"]], t1[["user.self"]] + t1[["sys.self"]]))
cat(sprintf("R_rate_wall %.3f\nR_rate_cpu %.3f\n", B / t1[["elapsed"]], B / (t1[["user.self"]] + t1[["sys.self"]])))
RS
)"
  echo "$rout"
  r_wall="$(get "$rout" R_rate_wall)"
  r_cpu="$(get "$rout" R_rate_cpu)"
  awk -v a="$mj_wall" -v b="$r_wall" -v c="$mj_cpu" -v d="$r_cpu" 'BEGIN {
    printf "replicates/s metaj %.0f vs metafor %.1f (wall clock): ratio %.0fx\n", a, b, a / b
    printf "replicates/s metaj %.0f vs metafor %.1f (CPU time):   ratio %.0fx\n", c, d, c / d }'
  run_cpu="$(get "$metaj" metaj_run_rate_cpu)"
  awk -v a="$run_cpu" -v d="$r_cpu" 'BEGIN {
    printf "end-to-end Bootstrap.run (with summaries) %.0f replicates/CPU-s: ratio %.0fx\n", a, a / d }'
else
  echo "Rscript with metafor not found: metaj only"
  printf "replicates/s metaj %.0f (wall clock), %.0f (CPU time)\n" "$mj_wall" "$mj_cpu"
fi
