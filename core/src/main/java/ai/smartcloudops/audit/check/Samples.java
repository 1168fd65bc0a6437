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
    private final BiFunction<String, String, Map<String, Sample>> previousUnder;
    private final Map<Key, Double> recorded = new ConcurrentHashMap<>();

    /**
     * @param previous      the latest value of (target, name) that an earlier run recorded
     * @param previousUnder the latest value of each name of a target that starts with a prefix, by name: one read for
     *                      the many numbers of one source (a database's statements)
     */
    public Samples(BiFunction<String, String, Optional<Sample>> previous,
                   BiFunction<String, String, Map<String, Sample>> previousUnder) {
        this.previous = Objects.requireNonNull(previous, "previous");
        this.previousUnder = Objects.requireNonNull(previousUnder, "previousUnder");
    }

    /** Numbers looked up one by one only (a test): a lookup under a prefix fails. */
    public Samples(BiFunction<String, String, Optional<Sample>> previous) {
        this(previous, (target, prefix) -> {
            throw new UnsupportedOperationException("these samples are looked up by name only, not under " + prefix);
        });
    }

    /** No history: a first run, or a test. */
    public static Samples none() {
        return new Samples((target, name) -> Optional.empty(), (target, prefix) -> Map.of());
    }

    public Optional<Sample> previous(String target, String name) {
        Key key = new Key(target, name);
        return previous.apply(key.target(), key.name());
    }

    /** The latest value of each of the target's names that start with {@code prefix}, by name. */
    public Map<String, Sample> previousUnder(String target, String prefix) {
        return Map.copyOf(previousUnder.apply(target, prefix));
    }

    public void record(String target, String name, double value) {
        recorded.put(new Key(target, name), value);
    }

    /** Everything recorded in this run, by target and name. */
    public Map<Key, Double> recorded() {
        return Map.copyOf(recorded);
    }
}
