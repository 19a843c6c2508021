#!/usr/bin/env bash
# Three-level REML fit (rma.mv(yi, vi, random = ~ 1 | cluster/es)) of k simulated effects in k/10 clusters, the same
# data in metaj and in R metafor (default dense algebra and sparse = TRUE), side by side in one run.
# Usage: benchmarks/compare-multilevel.sh [K] [METAJ_FITS]   (defaults 1000 and 500)
# Needs benchmarks/target/benchmarks.jar (mvn -B -o -pl benchmarks -am package -DskipTests).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/target/benchmarks.jar"
k="${1:-1000}"
fits="${2:-500}"
csv="$(mktemp --suffix=.csv)"
trap 'rm -f "$csv"' EXIT
echo "machine: $(nproc) hardware threads; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "$jar" org.metaj.bench.CompareMultilevel "$k" "$csv" "$fits"
Rscript - "$csv" <<'RS'
args <- commandArgs(trailingOnly = TRUE)
suppressMessages(library(metafor))
d <- read.csv(args[1])
t <- system.time(fs <- rma.mv(yi, vi, random = ~ 1 | cluster/es, data = d, sparse = TRUE))[["elapsed"]]
cat(sprintf("metafor_sparse_s_per_fit %.3f\n", t))
t <- system.time(fd <- rma.mv(yi, vi, random = ~ 1 | cluster/es, data = d))[["elapsed"]]
cat(sprintf("metafor_dense_s_per_fit %.3f\n", t))
cat(sprintf("metafor_sigma2 %.10f %.10f\nmetafor_logLik %.10f\n", fd$sigma2[1], fd$sigma2[2], logLik(fd)))
RS
