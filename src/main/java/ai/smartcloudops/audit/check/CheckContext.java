package ai.smartcloudops.audit.check;

import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What a check gets for one (check, target) pair of a run: the target, the clock, a cache shared by all
 * checks of the same target in the run (so a cluster's pods are listed once), and the finding factory.
 */
public final class CheckContext {

    private final long runId;
    private final String checkId;
    private final Target target;
    private final Instant now;
    private final Function<FindingCode, Severity> severities;
    private final ConcurrentMap<String, Object> shared;
    private final Set<String> checksOnTarget;

    /**
     * @param shared         the run's cache, shared by every (check, target) pair
     * @param checksOnTarget the ids of every check that audits this target in this run
     */
    public CheckContext(long runId, String checkId, Target target, Instant now,
                        Function<FindingCode, Severity> severities, ConcurrentMap<String, Object> shared,
                        Set<String> checksOnTarget) {
        this.runId = runId;
        this.checkId = Objects.requireNonNull(checkId, "checkId");
        this.target = Objects.requireNonNull(target, "target");
        this.now = Objects.requireNonNull(now, "now");
        this.severities = Objects.requireNonNull(severities, "severities");
        this.shared = Objects.requireNonNull(shared, "shared");
        this.checksOnTarget = Set.copyOf(checksOnTarget);
    }

    /** The same run and target, for another check: its findings carry that check's id. */
    public CheckContext forCheck(String otherCheckId) {
        return new CheckContext(runId, otherCheckId, target, now, severities, shared, checksOnTarget);
    }

    public String checkId() {
        return checkId;
    }

    /** The ids of every check that audits this target in this run. */
    public Set<String> checksOnTarget() {
        return checksOnTarget;
    }

    public long runId() {
        return runId;
    }

    public Target target() {
        return target;
    }

    public Instant now() {
        return now;
    }

    /** A value computed once per target and run, whichever check asks first. */
    @SuppressWarnings("unchecked")
    public <T> T shared(String key, Supplier<T> supplier) {
        Memo<T> memo = (Memo<T>) shared.computeIfAbsent(target.name() + "\u001f" + key, k -> new Memo<>(supplier));
        return memo.get();
    }

    /** A finding at the code's configured severity. */
    public Finding finding(FindingCode code, Resource resource, Map<String, ?> facts) {
        return finding(code, severities.apply(code), resource, facts);
    }

    /** A finding at an explicit severity, for codes whose severity depends on how bad it is. */
    public Finding finding(FindingCode code, Severity severity, Resource resource, Map<String, ?> facts) {
        Map<String, Object> values = new LinkedHashMap<>(facts);
        values.put("target", target.name());
        values.put("kind", resource.kind());
        values.put("name", resource.name());
        if (resource.namespace() != null) {
            values.put("namespace", resource.namespace());
        }
        Map<String, String> evidence = new LinkedHashMap<>();
        facts.forEach((k, v) -> evidence.put(k, String.valueOf(v)));
        return new Finding(code.code(), severity, code.area().id(), target.name(), resource,
                Template.render(code.title(), values, code.code()),
                Template.render(code.detail(), values, code.code()),
                evidence,
                Template.render(code.remediation(), values, code.code()),
                null, checkId);
    }

    /** Memoises a value or the failure computing it, so every check of a target sees the same outcome. */
    private static final class Memo<T> {
        private final Supplier<T> supplier;
        private T value;
        private RuntimeException failure;
        private boolean done;

        private Memo(Supplier<T> supplier) {
            this.supplier = supplier;
        }

        private synchronized T get() {
            if (!done) {
                try {
                    value = supplier.get();
                } catch (RuntimeException e) {
                    failure = e;
                }
                done = true;
            }
            if (failure != null) {
                throw failure;
            }
            return value;
        }
    }
}
