#!/usr/bin/env bash
# Renders the README's screenshots (docs/*.png) with Debian's headless Chromium from the plots and reports that
# `meta analyze --forest/--funnel` and `meta report` write for two of the bundled datasets.
# Usage: docs/screenshots.sh   (needs /usr/bin/chromium; builds meta-cli/target/meta.jar if missing)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
jar="$here/meta-cli/target/meta.jar"
[ -f "$jar" ] || (cd "$here" && mvn -B -q -o -pl meta-cli -am package -DskipTests)
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

shot() { # shot IN OUT WIDTH HEIGHT
  chromium --headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --user-data-dir="$tmp/profile-$RANDOM" \
    --hide-scrollbars --window-size="$3,$4" --screenshot="$2" "file://$1" >/dev/null 2>&1
}
size() { # the width and height attributes of an SVG's root element, rounded up
  grep -o -m1 '<svg [^>]*>' "$1" | grep -o ' width="[0-9.]*" height="[0-9.]*"' | grep -o '[0-9.]*' \
    | awk '{printf "%d ", $1 + 0.999}'
}

run() { # run NAME CSV MEASURE FAVOURS TITLE
  local name=$1 csv=$2 measure=$3 favours=$4 title=$5
  java -jar "$jar" analyze "$here/$csv" --measure "$measure" --favours "$favours" \
    --forest "$tmp/$name-forest.svg" --funnel "$tmp/$name-funnel.svg" >/dev/null
  java -jar "$jar" report "$here/$csv" --measure "$measure" --favours "$favours" --title "$title" \
    -o "$tmp/$name-report.html" >/dev/null
  for p in forest funnel; do
    read -r w h <<<"$(size "$tmp/$name-$p.svg")"
    shot "$tmp/$name-$p.svg" "$here/docs/$name-$p.png" "$w" "$h"
  done
  shot "$tmp/$name-report.html" "$here/docs/$name-report.png" 1000 "$6"
}

run bcg datasets/bcg-colditz1994.csv RR "Favours vaccine|Favours no vaccine" \
  "BCG vaccine and tuberculosis (Colditz et al. 1994)" 1350
run acupuncture datasets/acupuncture-lbp-ahrq2010-rmdq.csv MD "Favours acupuncture|Favours sham" \
  "Acupuncture vs sham for chronic low back pain: RMDQ disability (AHRQ 2010)" 1350
ls -l "$here"/docs/*.png
