# Shared by the benchmark scripts (docs/benchmarks.md); sourced, not run. Run the scripts from the repository's root
# after `mvn -B verify` (or `mvn -B -DskipTests package`): they start the packaged jars and the test classes.

# The core module's test classpath (its classes, its tests, the demo module's classes, every dependency), resolved
# once into core/target/bench-classpath.txt; Maven fetches the dependency plugin on first use. test-compile (up to
# date after `mvn verify`) puts the demo module into the reactor by its classes: after verify it is in no local
# repository.
bench_classpath() {
  local file=core/target/bench-classpath.txt
  if [ ! -s "$file" ] || [ core/pom.xml -nt "$file" ]; then
    if ! mvn -B -q -Dstyle.color=never -pl core -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
        -Dmdep.outputFile=target/bench-classpath.txt > "$file.log" 2>&1; then
      echo "could not resolve the test classpath of core (mvn output in $file.log)" >&2
      return 1
    fi
  fi
  echo "core/target/test-classes:core/target/classes:demo/target/classes:$(cat "$file")"
}

# measure OUT_PREFIX COMMAND...: runs the command with its output in OUT_PREFIX.out/.err and sets wall (s),
# cpu (s, user + system of the process and the children it waited for) and rss (peak resident set, MiB).
measure() {
  local prefix=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$prefix.time" "$@" > "$prefix.out" 2> "$prefix.err" || {
    echo "failed: $*" >&2; tail -5 "$prefix.err" >&2; return 1; }
  local user sys kib
  read -r wall user sys kib < "$prefix.time"
  cpu=$(echo "$user + $sys" | bc)
  rss=$((kib / 1024))
}

# The median of the numbers given.
median() {
  printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'
}

# bench_servers DIR CLASSPATH: starts BenchServers (a PostgreSQL server store and a health URL that records when it is
# probed, in DIR/arrivals.txt) in the background; sets store, health and servers (its pid, for the caller's trap).
bench_servers() {
  java -cp "$2" ai.smartcloudops.audit.bench.BenchServers "$1" > "$1/servers.txt" 2> "$1/servers.err" &
  servers=$!
  until [ -s "$1/servers.txt" ]; do
    kill -0 "$servers" 2>/dev/null || { cat "$1/servers.err" >&2; return 1; }
    sleep 0.2
  done
  read -r store health < "$1/servers.txt"
}

# The image's JVM options (Dockerfile's ENTRYPOINT, besides its archive).
IMAGE_JVM_OPTIONS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"

# image_layout DIR STORE: the image's jar as the image runs it, made as the Dockerfile makes it: extracted into DIR/app,
# with the class-data-sharing archive of a training run (one unreachable health URL) against the server STORE.
# Prints the java arguments that start it.
image_layout() {
  java -Djarmode=tools -jar core/target/image/health-audit.jar extract --destination "$1/app" >/dev/null
  printf 'health-audit:\n  app:\n    services: [{name: training, urls: {local: "http://127.0.0.1:1/"}}]\n' \
    > "$1/training.yml"
  # shellcheck disable=SC2086
  measure "$1/training" java $IMAGE_JVM_OPTIONS -XX:ArchiveClassesAtExit="$1/app/health-audit.jsa" \
    -jar "$1/app/health-audit.jar" run nightly --config "$1/training.yml" --out "$1/training-out" --store "$2"
  echo "$IMAGE_JVM_OPTIONS -XX:SharedArchiveFile=$1/app/health-audit.jsa -jar $1/app/health-audit.jar"
}
