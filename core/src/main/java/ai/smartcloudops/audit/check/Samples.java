package ai.smartcloudops.audit.check;

import ai.smartcloudops.audit.finding.Sample;
import ai.smartcloudops.audit.finding.Sample.Key;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * Numbers a check keeps from run to run: cumulative counters (Redis keyspace hits, evictions, Fluentd retries)
 * only mean something as a difference with their previous sample. A window belongs to the instance, not to the
 * job: the previous sample is the latest one of the same target and name that any other run took. Every value
 * recorded in a run is stored with it, found or not.
 */
public final class Samples {

    private final BiFunction<String, String, Optional<Sample>> previous;
    private final Map<Key, Double> recorded = new ConcurrentHashMap<>();

    /** @param previous the latest value of (target, name) that an earlier run recorded */
    public Samples(BiFunction<String, String, Optional<Sample>> previous) {
        this.previous = Objects.requireNonNull(previous, "previous");
    }

    /** No history: a first run, or a test. */
    public static Samples none() {
        return new Samples((target, name) -> Optional.empty());
    }

    public Optional<Sample> previous(String target, String name) {
        Key key = new Key(target, name);
        return previous.apply(key.target(), key.name());
    }

    public void record(String target, String name, double value) {
        recorded.put(new Key(target, name), value);
    }

    /** Everything recorded in this run, by target and name. */
    public Map<Key, Double> recorded() {
        return Map.copyOf(recorded);
    }
}
