#!/usr/bin/env bash
# The store benchmark (docs/benchmarks.md): a synthetic sweep of RESOURCES × CODES findings on the embedded
# PostgreSQL, in a 512 MB heap: a bare binary COPY of the same rows (the floor), then the store's write and diff of
# a first run (all new) and of a second run of the same findings (all persisting), with their ratio to the floor.
# Usage: core/src/test/bench/finding-store.sh [RESOURCES] [CODES]   (from the repository root, after mvn verify)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
resources=${1:-1000}
codes=${2:-100}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cp=$(bench_classpath)

echo "| what | rows | wall s | CPU s (JVM + server) | × floor |"
echo "|---|---|---|---|---|"
/usr/bin/time -f "%e %M" -o "$work/time.txt" \
  java -Xmx512m -cp "$cp" ai.smartcloudops.audit.finding.FindingStoreBenchmark "$resources" "$codes" \
  2> "$work/err.txt" | grep '^|' || { cat "$work/err.txt" >&2; exit 1; }
read -r wall rss < "$work/time.txt"
printf '| whole process (-Xmx512m: generating the findings, the embedded server, the three steps) | | %.1f | | peak RSS %d MiB |\n' \
  "$wall" "$((rss / 1024))"
