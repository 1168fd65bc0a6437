#!/usr/bin/env bash
# The Kubernetes sweep benchmark (docs/benchmarks.md): on one synthetic cluster served by one process, measure
# the full nightly Kubernetes sweep (the image's jar as the image runs it, against a server store), a bare paged
# LIST + decode with fabric8 (the floor) and kubectl (the manual way), each in its own process: wall time, CPU,
# peak RSS and API requests.
# Usage: core/src/test/bench/kubernetes-sweep.sh [NODES] [PODS]   (from the repository root, after mvn verify)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
nodes=${1:-5000}
pods=${2:-150000}
work=$(mktemp -d)
server=
servers=
trap 'kill $server $servers 2>/dev/null; rm -rf "$work"' EXIT
cp=$(bench_classpath)
bench_servers "$work" "$cp"
image=$(image_layout "$work" "$store")

java -cp "$cp" ai.smartcloudops.audit.check.kubernetes.SyntheticCluster "$nodes" "$pods" "$work" > "$work/server.txt" &
server=$!
until [ -s "$work/server.txt" ]; do sleep 0.2; done
read -r url kubeconfig < "$work/server.txt"
cat > "$work/scale.yml" <<YAML
health-audit:
  sweep:
    check-timeout: 30m
  kubernetes:
    clusters:
      - name: synthetic
        kubeconfig: $kubeconfig
YAML

row() { # name, command...
  local name=$1; shift
  local before after
  before=$(curl -s "$url/_synthetic/requests")
  measure "$work/run" "$@"
  after=$(curl -s "$url/_synthetic/requests")
  printf '| %s | %s | %.1f | %.1f | %d | %d |\n' "$name" "$nodes nodes, $pods pods" "$wall" "$cpu" "$rss" \
    "$((after - before))"
}

echo "| what | cluster | wall s | CPU s | peak RSS MiB | requests |"
echo "|---|---|---|---|---|---|"
# shellcheck disable=SC2086
row "health-audit run nightly --only kubernetes (-Xmx512m, the image's layout, server store)" \
  java -Xmx512m $image run nightly --only kubernetes --config "$work/scale.yml" --out "$work/out" --store "$store"
row "floor: bare paged LIST + decode, fabric8 (-Xmx512m)" \
  java -Xmx512m -cp "$cp" ai.smartcloudops.audit.check.kubernetes.BareListBenchmark "$kubeconfig"
if command -v kubectl >/dev/null 2>&1; then
  row "kubectl get nodes,pods,events,deployments -A -o json ($(kubectl version --client -o json \
      | sed -n 's/.*"gitVersion": "\([^"]*\)".*/\1/p'))" \
    kubectl --kubeconfig "$kubeconfig" get nodes,pods,events,deployments -A -o json
else
  echo "| kubectl: not installed | | | | | |"
fi
