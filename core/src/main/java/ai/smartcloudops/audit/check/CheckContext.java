package ai.smartcloudops.audit.check;

import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.FindingCode;
import ai.smartcloudops.audit.finding.Fingerprint;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Sample;
import ai.smartcloudops.audit.finding.Severity;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
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
     * The grade of a graded code's value on a resource (empty: no finding): its band of the ladder, held in the band
     * its open finding is in (whichever job saw it last) while the value stays within the ladder's margin, so the
     * same value does not move between severities from run to run.
     */
    public Optional<String> grade(FindingCode code, Resource resource, Ladder ladder, double value) {
        List<Severity> declared = ladder.bands().stream().map(band -> code.severity(band.grade())).toList();
        for (int i = 1; i < declared.size(); i++) {
            if (declared.get(i - 1).atLeast(declared.get(i))) {
                throw new IllegalArgumentException(code.code() + ": a ladder's grades must worsen band by band: "
                        + ladder.bands());
            }
        }
        OptionalInt current = run.open().apply(Fingerprint.of(code.code(), target.name(), resource))
                .map(open -> OptionalInt.of(band(code, ladder, open))).orElse(OptionalInt.empty());
        OptionalInt band = ladder.grade(value, current);
        return band.isEmpty() ? Optional.empty() : Optional.of(ladder.bands().get(band.getAsInt()).grade());
    }

    /** The worst band whose severity (after overrides) is no worse than an open finding's, else the mildest. */
    private int band(FindingCode code, Ladder ladder, Severity open) {
        int band = 0;
        for (int i = 0; i < ladder.bands().size(); i++) {
            if (open.atLeast(run.policy().severity(code, ladder.bands().get(i).grade()))) {
                band = i;
            }
        }
        return band;
    }

    /** What this target's {@code name} was when a run, of whichever job, last recorded it, and when. */
    public Optional<Sample> previousSample(String name) {
        return run.samples().previous(target.name(), name);
    }

    /** The latest value of each of this target's numbers whose name starts with {@code prefix}, by name. */
    public Map<String, Sample> previousSamples(String prefix) {
        return run.samples().previousUnder(target.name(), prefix);
    }

    /** Keeps a number of this target for the next run, of whichever job. */
    public void record(String name, double value) {
        run.samples().record(target.name(), name, value);
    }

    /** A value computed once per target and run, whichever check asks first (a target's snapshot). */
    public <T> T shared(SharedKey<T> key, Supplier<T> supplier) {
        return memo(List.of(target.name(), key), supplier);
    }

    /**
     * A value computed once per run for every target, whichever check of whichever target asks first: for a probe
     * that is cheaper done for all targets at once (every health URL of every service on one bounded pool).
     */
    public <T> T sharedByRun(SharedKey<T> key, Supplier<T> supplier) {
        return memo(key, supplier);
    }

    /**
     * Records what this check could not see on its target for want of a permission; the check goes on with what it
     * could see. The sweep makes its coverage "partial" and raises one AUDIT-904 per target and permission: a check
     * that cannot see is not a check that found nothing.
     */
    public void partial(String hidden, String permission, String grant) {
        partial(new Gap(hidden, permission, grant));
    }

    /** {@link #partial(String, String, String)} of a gap already named. */
    public void partial(Gap gap) {
        view().gaps.add(Objects.requireNonNull(gap, "gap"));
    }

    /** What this check could not see on its target so far, each gap once, in the order reported. */
    public List<Gap> gaps() {
        return List.copyOf(view().gaps);
    }

    /**
     * Says this check has nothing to read on its target, and why (an optional part of the configuration is absent):
     * its coverage is "not configured", not "ran".
     */
    public void notConfigured(String why) {
        view().notConfigured = Objects.requireNonNull(why, "why");
    }

    /** Why this check had nothing to read on its target, when it said so. */
    public Optional<String> notConfigured() {
        return Optional.ofNullable(view().notConfigured);
    }

    /** What this check saw of its target: kept in the run's cache, so {@link #forCheck} contexts share it. */
    private View view() {
        return (View) run.shared().computeIfAbsent(List.of(View.class, target.name(), checkId), key -> new View());
    }

    @SuppressWarnings("unchecked")
    private <T> T memo(Object key, Supplier<T> supplier) {
        return ((Memo<T>) run.shared().computeIfAbsent(key, k -> new Memo<>(supplier))).get();
    }

    /** What the check finds on this target: the problems it sees, made findings through the run's policy. */
    public List<Finding> findings(Check check) throws Exception {
        return check.run(this).stream().map(this::finding).toList();
    }

    /** A finding at the code's default grade. */
    public Finding finding(FindingCode code, Resource resource, Map<String, ?> facts) {
        return finding(Problem.of(code, resource, facts));
    }

    /** The finding a problem is: its code's templates filled, its severity from the run's {@link SeverityPolicy}. */
    public Finding finding(Problem problem) {
        FindingCode code = problem.code();
        Resource resource = problem.resource();
        Map<String, Object> values = new LinkedHashMap<>(problem.values());
        values.putAll(problem.facts());
        values.put("target", target.name());
        values.put("kind", resource.kind());
        values.put("name", resource.name());
        if (resource.namespace() != null) {
            values.put("namespace", resource.namespace());
        }
        Map<String, String> evidence = new LinkedHashMap<>();
        problem.facts().forEach((k, v) -> evidence.put(k, String.valueOf(v)));
        return Finding.of(code, target.name(), resource)
                .severity(run.policy().severity(code, problem.grade()))
                .title(Template.render(code.title(), values, code.code()))
                .detail(Template.render(code.detail(), values, code.code()))
                .evidence(evidence)
                .remediation(Template.command(code.remediation(), values, code.code()))
                .checkId(checkId).waiver(problem.waiver()).build();
    }

    /** What one check could not see on one target, or why it had nothing to read. */
    private static final class View {
        private final Set<Gap> gaps = new CopyOnWriteArraySet<>();
        private volatile String notConfigured;
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
