#!/usr/bin/env bash
# Runs every notebook (or the ones named) with the JDK's jshell, outside the JUnit runner.
#   meta-examples/run-notebooks.sh                 # all notebooks
#   meta-examples/run-notebooks.sh bcg-*.jsh       # some
# Needs meta-core, meta-report and datasets installed: mvn -B -q -o -pl meta-core,meta-report,datasets install -DskipTests
# Exit status 1 if any notebook throws, fails an assertion, or does not reach its final report(...).
set -u
cd "$(dirname "$0")"
CP_FILE=target/notebooks.classpath
mkdir -p target
if [ ! -s "$CP_FILE" ] || [ pom.xml -nt "$CP_FILE" ]; then
  mvn -B -q -o dependency:build-classpath -Dmdep.outputFile="$CP_FILE" >/dev/null || exit 2
fi
# Use this checkout's compiled meta-core, meta-report and datasets (target/classes) rather than the jars in ~/.m2, which other
# builds on the machine may be rewriting; the other dependencies come from the Maven classpath.
CP=$(tr ':' '\n' < "$CP_FILE" | grep -v '/org/metaj/' | paste -sd: -)
for m in ../datasets ../meta-core ../meta-report; do
  [ -d "$m/target/classes" ] || { echo "build first: mvn -B -q -o -pl meta-core,meta-report,datasets install -DskipTests"; exit 2; }
  CP="$(cd "$m" && pwd)/target/classes:$CP"
done
if [ $# -gt 0 ]; then books=("$@"); else books=(notebooks/[!_]*.jsh); fi
status=0
for nb in "${books[@]}"; do
  case "$nb" in notebooks/*) ;; *) nb="notebooks/$nb" ;; esac
  out=$(jshell -q -R-Djava.util.prefs.userRoot=target/prefs --class-path "$CP" notebooks/_prelude.jsh "$nb" < /dev/null 2>&1)
  if grep -q '^NOTEBOOK OK:' <<<"$out" && ! grep -qE '^(\|  )?(Exception|Error)|AssertionError' <<<"$out"; then
    echo "PASS $nb"
  else
    echo "FAIL $nb"; echo "$out" | grep -v '^SLF4J' | sed 's/^/    /'; status=1
  fi
  [ -n "${VERBOSE:-}" ] && echo "$out" | grep -v '^SLF4J'
done
exit $status
