package ai.smartcloudops.audit.check;

import ai.smartcloudops.audit.finding.Severity;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * What every check of one run shares: the run, its clock, the configured severities, a cache, and what the
 * previous run of the same job found (for counts compared between runs).
 *
 * @param previous the evidence of a fingerprint in the previous run of the same job, empty when it was not found
 * @param samples  numbers kept from run to run
 */
public record RunScope(long runId, Instant now, Function<FindingCode, Severity> severities,
                       ConcurrentMap<String, Object> shared,
                       Function<String, Optional<Map<String, String>>> previous, Samples samples) {

    public RunScope {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(severities, "severities");
        Objects.requireNonNull(shared, "shared");
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(samples, "samples");
    }

    /** A run with default severities, no history and a fresh cache: a first run, or a test. */
    public static RunScope first(long runId, Instant now) {
        return new RunScope(runId, now, FindingCode::severity, new ConcurrentHashMap<>(), f -> Optional.empty(),
                Samples.none());
    }
}
