# Shared by the benchmark scripts (docs/benchmarks.md); sourced, not run. Run the scripts from the repository's root
# after `mvn -B verify` (or `mvn -B -DskipTests package`): they start the packaged jars and the test classes.

# The core module's test classpath (its classes, its tests, every dependency), resolved once into
# core/target/bench-classpath.txt; Maven fetches the dependency plugin on first use.
bench_classpath() {
  local file=core/target/bench-classpath.txt
  if [ ! -s "$file" ] || [ core/pom.xml -nt "$file" ]; then
    mvn -B -q -pl core -am dependency:build-classpath -Dmdep.includeScope=test \
      -Dmdep.outputFile="$PWD/$file" >/dev/null
  fi
  echo "core/target/test-classes:core/target/classes:$(cat "$file")"
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
