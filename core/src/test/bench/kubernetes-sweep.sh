#!/usr/bin/env bash
# The Kubernetes sweep benchmark (docs/benchmarks.md): on one synthetic cluster served by one process, measure
# the full nightly Kubernetes sweep, a bare paged LIST + decode with fabric8 (the floor) and kubectl (the manual
# way), each in its own process: wall time, CPU, peak RSS and API requests.
# Usage: src/test/bench/kubernetes-sweep.sh [NODES] [PODS]   (from the repository root, after mvn package)
set -euo pipefail
nodes=${1:-5000}
pods=${2:-150000}
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

mvn -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp.txt" >/dev/null
cp="target/test-classes:target/classes:$(cat "$work/cp.txt")"

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

count() { curl -s "$url/_synthetic/requests"; }

measure() { # name, command...
  local name=$1; shift
  local before after
  before=$(count)
  /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" "$@" > "$work/$name.out" 2> "$work/$name.err"
  after=$(count)
  read -r wall user sys rss < "$work/time.txt"
  printf '| %s | %s | %.1f | %.1f | %d | %d |\n' "$name" "$nodes nodes, $pods pods" "$wall" \
    "$(echo "$user + $sys" | bc)" "$((rss / 1024))" "$((after - before))"
}

echo "| what | cluster | wall s | CPU s | peak RSS MiB | requests |"
echo "|---|---|---|---|---|---|"
measure "health-audit run nightly --only kubernetes (-Xmx512m, embedded store)" \
  java -Xmx512m -Dhealth-audit.home="$work/home" -jar target/health-audit.jar run nightly --only kubernetes \
  --config "$work/scale.yml" --out "$work/out"
measure "bare paged LIST + decode, fabric8 (-Xmx512m)" \
  java -Xmx512m -cp "$cp" ai.smartcloudops.audit.check.kubernetes.BareListBenchmark "$kubeconfig"
if command -v kubectl >/dev/null 2>&1; then
  measure "kubectl get nodes,pods,events,deployments -A -o json" \
    kubectl --kubeconfig "$kubeconfig" get nodes,pods,events,deployments -A -o json
else
  echo "| kubectl | not installed | | | | |"
fi
