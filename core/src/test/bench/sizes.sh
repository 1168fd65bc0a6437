#!/usr/bin/env bash
# What each distribution weighs (docs/benchmarks.md): the image's jar (module core) and the workstation's jar (module
# cli), and the largest libraries of the image's jar.
# Usage: core/src/test/bench/sizes.sh   (from the repository root, after mvn verify or mvn -DskipTests package)
# (No `head` in a pipeline: under pipefail, the writer it cuts off would fail the script.)
set -euo pipefail
mib() { echo "scale=1; $(stat -c %s "$1") / 1048576" | bc; }
libs() { unzip -Z1 "$1" | grep -c '^BOOT-INF/lib/.*\.jar$'; }
echo "| artefact | MiB | libraries |"
echo "|---|---|---|"
printf '| image: core/target/image/health-audit.jar | %s | %d |\n' "$(mib core/target/image/health-audit.jar)" \
  "$(libs core/target/image/health-audit.jar)"
printf '| workstation: target/health-audit.jar (core, demo estate, PostgreSQL binaries) | %s | %d |\n' \
  "$(mib target/health-audit.jar)" "$(libs target/health-audit.jar)"
echo
echo "Largest libraries of the image's jar:"
echo
echo "| library | MiB |"
echo "|---|---|"
unzip -Zl core/target/image/health-audit.jar 'BOOT-INF/lib/*' | awk '$NF ~ /\.jar$/ {print $4, $NF}' | sort -rn \
  | awk 'NR <= 8' | while read -r bytes name; do
  printf '| %s | %s |\n' "${name#BOOT-INF/lib/}" "$(echo "scale=1; $bytes / 1048576" | bc)"
done
