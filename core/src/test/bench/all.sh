#!/usr/bin/env bash
# Every benchmark of docs/benchmarks.md, one after the other, as one markdown report on stdout.
# Usage: core/src/test/bench/all.sh   (from the repository root of a clone, after mvn -B verify)
# Nothing else should run on the machine meanwhile: each row is wall time on shared cores.
set -euo pipefail
dir=$(dirname "$0")
echo "# health-audit benchmarks"
echo
echo "- date: $(date -u +%Y-%m-%dT%H:%MZ), commit $(git rev-parse --short HEAD)$(git diff --quiet || echo ' (with local changes)')"
echo "- machine: $(nproc) CPUs ($(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)), \
$(free -g | awk '/^Mem:/ {print $2}') GiB, $(. /etc/os-release && echo "$PRETTY_NAME"), \
$(java -version 2>&1 | awk 'NR == 1'), load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
section() { echo; echo "## $1"; echo; shift; "$@"; }
section "Artefacts" "$dir/sizes.sh"
section "Start-up (launch to first check, 5 runs each)" "$dir/startup.sh" 5
section "Kubernetes sweep at 5,000 nodes and 150,000 pods" "$dir/kubernetes-sweep.sh" 5000 150000
section "Store and diff of 100,000 findings" "$dir/finding-store.sh" 1000 100
section "Reports of 100,000 findings" "$dir/reports.sh" 100000 1000
section "500 endpoints, 50 of them blackholes" "$dir/endpoints.sh"
