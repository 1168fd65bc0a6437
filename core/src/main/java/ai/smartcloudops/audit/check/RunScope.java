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
 * What every check of one run shares: the run, its clock, the severity policy, a cache, and what the
 * previous run of the same job found (for counts compared between runs).
 *
 * @param previous the evidence of a fingerprint in the previous run of the same job, empty when it was not found
 * @param samples  numbers kept from run to run
 * @param open     the severity of a fingerprint's finding while it is open, whichever job saw it last (the
 *                 severity a graded code holds near a band's edge)
 */
public record RunScope(long runId, Instant now, SeverityPolicy policy,
                       ConcurrentMap<Object, Object> shared,
                       Function<String, Optional<Map<String, String>>> previous, Samples samples,
                       Function<String, Optional<Severity>> open) {

    public RunScope {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(shared, "shared");
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(samples, "samples");
        Objects.requireNonNull(open, "open");
    }

    /** A run with no finding open before it. */
    public RunScope(long runId, Instant now, SeverityPolicy policy,
                    ConcurrentMap<Object, Object> shared, Function<String, Optional<Map<String, String>>> previous,
                    Samples samples) {
        this(runId, now, policy, shared, previous, samples, fingerprint -> Optional.empty());
    }

    /** A run with default severities, no history and a fresh cache: a first run, or a test. */
    public static RunScope first(long runId, Instant now) {
        return new RunScope(runId, now, SeverityPolicy.DEFAULTS, new ConcurrentHashMap<>(), f -> Optional.empty(),
                Samples.none());
    }
}
