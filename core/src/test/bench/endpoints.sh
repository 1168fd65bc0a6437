#!/usr/bin/env bash
# The endpoints benchmark (docs/benchmarks.md, "Endpoints that never answer"): ENDPOINTS TLS endpoints and as many
# health URLs, BLACKHOLES of each accepting and never answering, audited at the shipped defaults (timeouts and
# concurrency), each run in a JVM of its own; the same at the former default concurrency, 32; and the TLS endpoints
# that answer alone, the floor the blackholes' timeout adds to (their handshakes, client and servers in one JVM).
# The same code runs smaller in TlsScaleTest and AppScaleTest. Prints markdown rows: RUNS wall times, their median,
# and the bound: two of the timeouts a blackhole costs.
# Usage: core/src/test/bench/endpoints.sh [ENDPOINTS] [BLACKHOLES] [RUNS]   (from the repository root, after mvn verify)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
endpoints=${1:-500}
blackholes=${2:-50}
runs=${3:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp=$(bench_classpath)

# 12345 → 12,345
commas() {
  sed ':a;s/\B[0-9]\{3\}\>/,&/;ta'
}

# row LABEL MAIN ENDPOINTS BLACKHOLES [CONCURRENCY]
row() {
  local label=$1 main=$2 walls=() what counted timeouts wall bound
  shift 2
  for ((i = 1; i <= runs; i++)); do
    java -cp "$cp" "ai.smartcloudops.audit.check.$main" "$@" > "$work/line.txt" 2> "$work/err.txt" || {
      tail -20 "$work/err.txt" >&2; exit 1; }
    IFS=$'\t' read -r what counted timeouts wall bound < "$work/line.txt"
    walls+=("$wall")
  done
  printf '| %s | %s | %s | %s | %s | %s |\n' "$what$label" "$counted" "$timeouts" \
    "$(printf '%s\n' "${walls[@]}" | commas | paste -sd/ | sed 's|/| / |g')" \
    "$(median "${walls[@]}" | commas)" "$(echo "$bound" | commas)"
}

echo "| what | endpoints | timeouts | wall ms ($runs runs) | median ms | bound ms |"
echo "|---|---|---|---|---|---|"
row " (the default)" tls.TlsScale "$endpoints" "$blackholes"
row " (the former default)" tls.TlsScale "$endpoints" "$blackholes" 32
row " (floor: the answering endpoints alone)" tls.TlsScale "$((endpoints - blackholes))" 0
row " (the default)" app.AppScale "$endpoints" "$blackholes"
row " (the former default)" app.AppScale "$endpoints" "$blackholes" 32
