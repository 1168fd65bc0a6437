package ai.smartcloudops.audit.check;

import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Fingerprint;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What a check gets for one (check, target) pair of a run: the target, the clock, a cache shared by all
 * checks of the same target in the run (so a cluster's pods are listed once), and the finding factory.
 */
public final class CheckContext {

    private final RunScope run;
    private final String checkId;
    private final Target target;
    private final Set<String> checksOnTarget;

    /** @param checksOnTarget the ids of every check that audits this target in this run */
    public CheckContext(RunScope run, String checkId, Target target, Set<String> checksOnTarget) {
        this.run = Objects.requireNonNull(run, "run");
        this.checkId = Objects.requireNonNull(checkId, "checkId");
        this.target = Objects.requireNonNull(target, "target");
        this.checksOnTarget = Set.copyOf(checksOnTarget);
    }

    /** The same run and target, for another check: its findings carry that check's id. */
    public CheckContext forCheck(String otherCheckId) {
        return new CheckContext(run, otherCheckId, target, checksOnTarget);
    }

    public String checkId() {
        return checkId;
    }

    /** The ids of every check that audits this target in this run. */
    public Set<String> checksOnTarget() {
        return checksOnTarget;
    }

    public long runId() {
        return run.runId();
    }

    public Target target() {
        return target;
    }

    public Instant now() {
        return run.now();
    }

    /** The evidence the previous run of the same job recorded for this code on this resource, if it found it. */
    public Optional<Map<String, String>> previous(FindingCode code, Resource resource) {
        return run.previous().apply(Fingerprint.of(code.code(), target.name(), resource));
    }

    /**
     * The severity of a graded code's value on a resource (empty: no finding): its band of the ladder, held at the
     * severity its finding has now while the value stays within the ladder's margin, so the same value does not
     * move between severities from run to run.
     */
    public Optional<Severity> grade(FindingCode code, Resource resource, Ladder ladder, double value) {
        return ladder.grade(value, run.open().apply(Fingerprint.of(code.code(), target.name(), resource)));
    }

    /** What this target's {@code name} was when a run, of whichever job, last recorded it, and when. */
    public Optional<Samples.Sample> previousSample(String name) {
        return run.samples().previous(target.name(), name);
    }

    /** Keeps a number of this target for the next run, of whichever job. */
    public void record(String name, double value) {
        run.samples().record(target.name(), name, value);
    }

    /** A value computed once per target and run, whichever check asks first. */
    public <T> T shared(String key, Supplier<T> supplier) {
        return memo(target.name() + "\u001f" + key, supplier);
    }

    /**
     * A value computed once per run for every target, whichever check of whichever target asks first: for a probe
     * that is cheaper done for all targets at once (every health URL of every service on one bounded pool).
     */
    public <T> T sharedByRun(String key, Supplier<T> supplier) {
        return memo("\u001frun\u001f" + key, supplier);
    }

    @SuppressWarnings("unchecked")
    private <T> T memo(String key, Supplier<T> supplier) {
        return ((Memo<T>) run.shared().computeIfAbsent(key, k -> new Memo<>(supplier))).get();
    }

    /** A finding at the code's configured severity. */
    public Finding finding(FindingCode code, Resource resource, Map<String, ?> facts) {
        return finding(code, run.severities().apply(code), resource, facts);
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
                Template.command(code.remediation(), values, code.code()),
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
