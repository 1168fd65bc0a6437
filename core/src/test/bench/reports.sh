#!/usr/bin/env bash
# The reports benchmark (docs/benchmarks.md): a synthetic run of FINDINGS findings over RESOURCES pods
# (SyntheticReport, test code) rendered in its own process per row, each with -Xmx512m: the floor (a bare SXSSF
# write of the finding rows), report.html + report.xlsx, and each report alone. Wall and CPU seconds are the
# rendering's, measured in the process after the model is built; peak RSS is the whole process's.
# Usage: core/src/test/bench/reports.sh [FINDINGS] [RESOURCES]   (from the repository root, after mvn verify)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
findings=${1:-100000}
resources=${2:-1000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cp=$(bench_classpath)

declare -A wall
row() { # mode, description
  local mode=$1 what=$2
  measure "$work/$mode" java -Xmx512m -cp "$cp" ai.smartcloudops.audit.report.ReportBenchmark \
    "$mode" "$findings" "$resources" "$work/$mode"
  # the rendering's own seconds, measured in the process after the model is built
  read -r _ rows seconds cpu mib < "$work/$mode.out"
  wall[$mode]=$seconds
  printf '| %s | %s | %s | %s | %d | %s |\n' "$what" "$rows" "$seconds" "$cpu" "$rss" "$mib"
  rm -rf "${work:?}/$mode"
}

echo "| what | findings | wall s | CPU s | peak RSS MiB | written MiB |"
echo "|---|---|---|---|---|---|"
row floor "floor: bare SXSSF, every finding row once (one sheet)"
row floor-sheets "floor: bare SXSSF, the rows of report.xlsx (per area + All findings)"
row report "report.html + report.xlsx"
row html "report.html alone"
row xlsx "report.xlsx alone"
row json "findings.json alone"
printf '| report.html + report.xlsx / floor | | %s × (rows of report.xlsx), %s × (rows once) | | | |\n' \
  "$(echo "scale=2; ${wall[report]} / ${wall[floor-sheets]}" | bc)" "$(echo "scale=2; ${wall[report]} / ${wall[floor]}" | bc)"
