#!/usr/bin/env bash
# The start-up benchmark (docs/benchmarks.md): from launching `java -jar` to the first check of `run nightly`, the
# fixed cost a CronJob pod pays at every run. The configuration names one health URL, served locally, which
# records when it is first probed; the whole run (check, store, diff, reports, exit) is measured too.
# Rows: the image's jar against a server store, as built and as the image runs it (extracted, with a class-data-
# sharing archive from a training run, as the Dockerfile makes them), and the workstation's jar with its embedded
# store, as built and through its launcher (target/health-audit, whose first run makes its archive); RUNS runs each,
# alternating, with their median.
# Usage: core/src/test/bench/startup.sh [RUNS] [JAVA_OPTIONS...]   (from the repository root, after mvn verify)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
runs=${1:-5}
shift || true
extra="$*"
work=$(mktemp -d)
servers=
trap '[ -n "$servers" ] && kill "$servers" 2>/dev/null; rm -rf "$work"' EXIT
cp=$(bench_classpath)

bench_servers "$work" "$cp"
cat > "$work/one-url.yml" <<YAML
health-audit:
  app:
    services:
      - name: startup-probe
        urls:
          local: $health
YAML

image=$(image_layout "$work" "$store")

declare -A first whole
launch() { # name, command...
  local name=$1; shift
  : > "$work/arrivals.txt"
  local started
  started=$(date +%s%3N)
  # shellcheck disable=SC2068
  measure "$work/run" $@ run nightly --only app --config "$work/one-url.yml" \
    --out "$work/out" ${store_args[$name]}
  first[$name]+="$(( $(head -1 "$work/arrivals.txt") - started )) "
  whole[$name]+="$wall "
}

declare -A store_args=([jar]="--store $store" [image]="--store $store" [workstation]="" [launcher]="")
# the embedded store's first start makes its database, the launcher's first run its archive: once, not at every run
launcher=(env HEALTH_AUDIT_HOME="$work/home" JAVA_OPTS="$extra" target/health-audit)
measure "$work/warm-up" "${launcher[@]}" run nightly --only app --config "$work/one-url.yml" --out "$work/out"
for ((i = 1; i <= runs; i++)); do
  launch jar java "$*" -jar core/target/image/health-audit.jar
  launch image java "$*" "$image"
  launch workstation java "$*" -Dhealth-audit.home="$work/home" -jar target/health-audit.jar
  launch launcher "${launcher[@]}"
done

declare -A what=(
  [jar]="image's jar as built (java -jar core/target/image/health-audit.jar), server store"
  [image]="image's jar as the image runs it: extracted, class-data-sharing archive, C1, serial GC, server store"
  [workstation]="workstation's jar (java -jar target/health-audit.jar), embedded store"
  [launcher]="workstation's launcher (target/health-audit: extracted, class-data-sharing archive, C1, serial GC), embedded store")
echo "| what | to first check, ms ($runs runs) | median ms | whole run, s | median s |"
echo "|---|---|---|---|---|"
for name in jar image workstation launcher; do
  # shellcheck disable=SC2086
  printf '| %s | %s | %s | %s | %s |\n' "${what[$name]}${extra:+ ($extra)}" \
    "$(echo ${first[$name]} | sed 's| | / |g')" "$(median ${first[$name]})" \
    "$(echo ${whole[$name]} | sed 's| | / |g')" "$(median ${whole[$name]})"
done
