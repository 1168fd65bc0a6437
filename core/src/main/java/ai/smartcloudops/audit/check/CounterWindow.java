package ai.smartcloudops.audit.check;

import ai.smartcloudops.audit.finding.Sample;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How much the cumulative counters of one source (a Redis server, a database's statistics, a pod's containers)
 * grew, and over which window. The window runs from the previous sample of the same source, whichever job took it;
 * the counters as they are ("since the server started") count only when the source was never sampled, or when they
 * began again after the previous sample (a restart, a reset). {@link #of} records the counters for the next run.
 *
 * @param description the window as findings say it, e.g. "since the previous run at 2026-05-01T11:00:00Z"
 * @param growth      by counter name; empty for a {@link Kind#BASELINE}
 */
public record CounterWindow(Kind kind, String description, Map<String, Long> growth) {

    public static final String ORIGIN = ".origin";

    public enum Kind {
        /** The source was never sampled: the counters as they are, since they began counting. */
        FIRST,
        /** The counters began again after the previous sample (another server process, a reset): as they are. */
        RESET,
        /** The growth since the previous sample. */
        PREVIOUS,
        /** The source was sampled before, but not these counters: nothing to judge until the next run. */
        BASELINE
    }

    /**
     * What the counters count from: an identity that changes when they begin again (a server's run id, a database's
     * statistics reset), the tolerance within which two identities are the same (a start time computed from an
     * uptime moves by a second), and the origin as a window says it ("the server started at …").
     */
    public record Origin(double identity, double tolerance, String description) {

        public Origin {
            if (!Double.isFinite(identity) || !(tolerance >= 0) || description == null || description.isBlank()) {
                throw new IllegalArgumentException("an origin needs an identity, a tolerance and a description");
            }
        }

        public boolean same(double other) {
            return Math.abs(identity - other) <= tolerance;
        }
    }

    public CounterWindow {
        growth = Map.copyOf(growth);
    }

    public long growth(String counter) {
        return growth.getOrDefault(counter, 0L);
    }

    /**
     * The window of {@code counters} of {@code source} on the context's target, recorded as
     * {@code source.counter} (and the origin as {@code source.origin}) for the next run.
     *
     * @param origin what the counters count from; null when the source does not say (their growth is then
     *               compared with the previous sample unless a counter went down)
     */
    public static CounterWindow of(CheckContext context, String source, Origin origin, Map<String, Long> counters) {
        if (counters.isEmpty()) {
            throw new IllegalArgumentException("a window of " + source + " needs at least one counter");
        }
        Map<String, Optional<Sample>> previous = new LinkedHashMap<>();
        counters.keySet().forEach(c -> previous.put(c, context.previousSample(source + "." + c)));
        Optional<Sample> previousOrigin = origin == null ? Optional.empty()
                : context.previousSample(source + ORIGIN);
        counters.forEach((c, value) -> context.record(source + "." + c, value));
        if (origin != null) {
            context.record(source + ORIGIN, origin.identity());
        }

        String since = origin == null ? "with no earlier sample" : "since " + origin.description();
        boolean restarted = previousOrigin.isPresent() && !origin.same(previousOrigin.get().value());
        if (previous.values().stream().anyMatch(Optional::isEmpty)) {
            if (previousOrigin.isEmpty()) {
                return new CounterWindow(Kind.FIRST, since, counters);
            }
            return restarted ? new CounterWindow(Kind.RESET, since, counters)
                    : new CounterWindow(Kind.BASELINE, "from this run on", Map.of());
        }
        Instant at = previous.values().iterator().next().orElseThrow().at();
        if (restarted) {
            return new CounterWindow(Kind.RESET, since, counters);
        }
        if (counters.entrySet().stream().anyMatch(c -> c.getValue() < previous.get(c.getKey()).orElseThrow().value())) {
            return new CounterWindow(Kind.RESET, "since the counters were reset, after the previous run at " + at,
                    counters);
        }
        Map<String, Long> growth = new LinkedHashMap<>();
        counters.forEach((c, value) -> growth.put(c, value - (long) previous.get(c).orElseThrow().value()));
        return new CounterWindow(Kind.PREVIOUS, "since the previous run at " + at, growth);
    }
}
