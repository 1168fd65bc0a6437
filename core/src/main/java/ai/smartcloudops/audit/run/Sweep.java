package ai.smartcloudops.audit.run;

import static ai.smartcloudops.audit.finding.CoverageStatus.ERROR;
import static ai.smartcloudops.audit.finding.CoverageStatus.NOT_CONFIGURED;
import static ai.smartcloudops.audit.finding.CoverageStatus.PARTIAL;
import static ai.smartcloudops.audit.finding.CoverageStatus.RAN;
import static ai.smartcloudops.audit.finding.CoverageStatus.SKIPPED;
import static ai.smartcloudops.audit.finding.CoverageStatus.TIMEOUT;

import ai.smartcloudops.audit.check.AuditCode;
import ai.smartcloudops.audit.check.Check;
import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.CheckRegistry;
import ai.smartcloudops.audit.check.CheckSkippedException;
import ai.smartcloudops.audit.check.Gap;
import ai.smartcloudops.audit.check.NotPermittedException;
import ai.smartcloudops.audit.check.RunScope;
import ai.smartcloudops.audit.check.Samples;
import ai.smartcloudops.audit.check.SeverityPolicy;
import ai.smartcloudops.audit.check.SharedKey;
import ai.smartcloudops.audit.check.Target;
import ai.smartcloudops.audit.check.kubernetes.Rbac;
import ai.smartcloudops.audit.config.AuditProperties;
import ai.smartcloudops.audit.finding.Area;
import ai.smartcloudops.audit.finding.Coverage;
import ai.smartcloudops.audit.finding.CoverageStatus;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Sample;
import ai.smartcloudops.audit.finding.Schedule;
import ai.smartcloudops.audit.finding.Severity;
import ai.smartcloudops.audit.net.Durations;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Runs every selected (check, target) pair on a bounded pool. A pair that throws, times out, is refused or
 * cannot reach its target becomes an AUDIT-9xx finding and a coverage row; the sweep always completes. What a
 * permission hid from a check ({@link CheckContext#partial}) makes its coverage "partial" and one AUDIT-904 per
 * target and permission; a check with nothing to read ({@link CheckContext#notConfigured}) is "not configured".
 */
@Component
public class Sweep {

    private static final Logger log = LoggerFactory.getLogger(Sweep.class);

    private final CheckRegistry registry;
    private final AuditProperties properties;
    private final Clock clock;
    private final ApplicationEventPublisher progress;

    /** @param progress where the sweep's {@link SweepProgress} goes */
    public Sweep(CheckRegistry registry, AuditProperties properties, Clock clock, ApplicationEventPublisher progress) {
        this.registry = registry;
        this.properties = properties;
        this.clock = clock;
        this.progress = progress;
    }

    /** What the sweep saw: deduplicated findings, one coverage row per (check, target), the samples recorded. */
    public record Result(List<Finding> findings, List<Coverage> coverage, Map<Sample.Key, Double> samples) {
    }

    /**
     * @param shard    this process's share: only the targets {@link Shard#share} deals it
     * @param previous the evidence of a fingerprint in the previous run of the same job, for checks that compare
     *                 counts between runs
     * @param open     the severity of a fingerprint's open finding, which a graded code holds near a band's edge
     */
    public Result run(long runId, Schedule schedule, Set<Area> areas, String targetName, Shard shard,
                      Function<String, Optional<Map<String, String>>> previous, Samples samples,
                      Function<String, Optional<Severity>> open) {
        RunScope scope = new RunScope(runId, clock.instant(), new SeverityPolicy(properties.severityOverrides()), new ConcurrentHashMap<>(), previous,
                samples, open);
        List<Map.Entry<Check, Target>> all = registry.select(schedule, areas).stream()
                .flatMap(check -> check.targets().stream().map(target -> Map.entry(check, target)))
                .filter(pair -> targetName == null || targetName.equals(pair.getValue().name()))
                .toList();
        Set<String> share = shard.share(all.stream().map(pair -> pair.getValue().name()).toList());
        List<Map.Entry<Check, Target>> selected = all.stream().filter(pair -> share.contains(pair.getValue().name()))
                .toList();
        if (!shard.single()) {
            log.info("{}: auditing {} of {} targets: {}", shard.describe(), share.size(),
                    all.stream().map(pair -> pair.getValue().name()).distinct().count(), String.join(", ", share));
        }
        Map<Target, Set<String>> checksByTarget = selected.stream().collect(Collectors.groupingBy(
                Map.Entry::getValue, Collectors.mapping(pair -> pair.getKey().id(), Collectors.toSet())));
        List<Pair> pairs = selected.stream().map(pair -> new Pair(pair.getKey(), new CheckContext(scope,
                pair.getKey().id(), pair.getValue(), checksByTarget.get(pair.getValue())))).toList();
        progress.publishEvent(new SweepProgress.Planned(runId, pairs.stream().collect(Collectors.groupingBy(
                pair -> pair.check().area(), () -> new EnumMap<>(Area.class), Collectors.collectingAndThen(
                        Collectors.toList(), inArea -> new SweepProgress.Plan(inArea.size(), (int) inArea.stream()
                                .map(pair -> pair.context().target().name()).distinct().count()))))));
        // supervisors hold the bounded slots; each check runs on its own worker so a hung one frees its slot
        ExecutorService slots = Executors.newFixedThreadPool(properties.sweep().parallelism(), daemon("sweep-slot"));
        ExecutorService workers = Executors.newCachedThreadPool(daemon("sweep-check"));
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (Pair pair : pairs) {
                futures.add(slots.submit(() -> {
                    Outcome outcome = supervise(pair, workers);
                    progress.publishEvent(new SweepProgress.Judged(runId, pair.check().area(), pair.check().id(),
                            pair.context().target().name(), outcome.findings().size()));
                    return outcome;
                }));
            }
            Map<String, Finding> findings = new LinkedHashMap<>();
            List<Coverage> coverage = new ArrayList<>();
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> future : futures) {
                Outcome outcome = future.get();
                outcomes.add(outcome);
                coverage.add(outcome.coverage());
                outcome.findings().forEach(f -> findings.merge(f.fingerprint(), f,
                        (a, b) -> b.severity().ordinal() < a.severity().ordinal() ? b : a));
            }
            notPermitted(outcomes).forEach(f -> findings.putIfAbsent(f.fingerprint(), f));
            return new Result(List.copyOf(findings.values()), coverage, samples.recorded());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("sweep interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("sweep supervisor failed", e.getCause());
        } finally {
            slots.shutdownNow();
            workers.shutdownNow();
        }
    }

    private Outcome supervise(Pair pair, ExecutorService workers) {
        Check check = pair.check();
        CheckContext context = pair.context();
        String target = context.target().name();
        Duration timeout = properties.sweep().timeoutOf(check.id());
        long started = System.nanoTime();
        // the problems become findings on the worker, under the timeout, so a template that fails is the check's failure
        Future<List<Finding>> future = workers.submit(() -> context.findings(check));
        try {
            return returned(check, context, future.get(timeout.toMillis(), TimeUnit.MILLISECONDS), started);
        } catch (TimeoutException e) {
            future.cancel(true);
            String reason = "timed out after " + Durations.format(timeout);
            log.warn("{} on {}: {}", check.id(), target, reason);
            return failed(check, context, AuditCode.AUDIT_902, Resource.of("Check", check.id()), TIMEOUT, reason,
                    Map.of("timeout", Durations.format(timeout)), started);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return failed(check, context, AuditCode.AUDIT_901, Resource.of("Check", check.id()), ERROR, "interrupted",
                    Map.of("error", "interrupted"), started);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            MemoryGuard.rethrowIfOutOfMemory(cause);
            if (cause instanceof CheckSkippedException skipped && skipped.code() == null) {
                return new Outcome(List.of(), new Coverage(check.id(), target, SKIPPED, millisSince(started), 0,
                        skipped.getMessage()), check, context, List.of());
            }
            String message = Errors.describe(cause);
            warnOnce(context, check.id(), target, message);
            if (cause instanceof NotPermittedException denied) {
                context.partial(denied.gap());
                return returned(check, context, List.of(), started);
            }
            if (cause instanceof CheckSkippedException skipped) {
                return failed(check, context, skipped.code(), skipped.resource(), SKIPPED, skipped.getMessage(),
                        skipped.facts(), started);
            }
            if (Rbac.forbidden(cause)) {
                context.partial(Rbac.refused(check.id(), message));
                return returned(check, context, List.of(), started);
            }
            if (isUnreachable(cause)) {
                return failed(check, context, AuditCode.AUDIT_903, Resource.of("Target", target), ERROR,
                        "unreachable: " + message, Map.of("error", message), started);
            }
            return failed(check, context, AuditCode.AUDIT_901, Resource.of("Check", check.id()), ERROR, message,
                    Map.of("error", message), started);
        }
    }

    /**
     * A check that returned: "ran", or "partial" when a permission hid something from it, or "not configured" when
     * it had nothing to read.
     */
    private static Outcome returned(Check check, CheckContext context, List<Finding> findings, long started) {
        List<Gap> gaps = context.gaps();
        CoverageStatus status = !gaps.isEmpty() ? PARTIAL : context.notConfigured().isPresent() ? NOT_CONFIGURED : RAN;
        String reason = !gaps.isEmpty() ? gaps.stream().map(Gap::reason).collect(Collectors.joining("; "))
                : context.notConfigured().orElse(null);
        return new Outcome(findings, new Coverage(check.id(), context.target().name(), status, millisSince(started),
                findings.size(), reason), check, context, gaps);
    }

    /**
     * One AUDIT-904 per target and permission, however many checks and rows it hid; it belongs to the first of those
     * checks by id, so it resolves once that check runs without needing it.
     */
    private static List<Finding> notPermitted(List<Outcome> outcomes) {
        record Key(String target, String permission) {
        }
        Map<Key, List<Outcome>> byPermission = new LinkedHashMap<>();
        outcomes.stream().sorted(Comparator.comparing((Outcome o) -> o.context().target().name())
                        .thenComparing(o -> o.check().id()))
                .forEach(o -> o.gaps().forEach(gap -> byPermission.computeIfAbsent(
                        new Key(o.context().target().name(), gap.permission()), k -> new ArrayList<>()).add(o)));
        List<Finding> findings = new ArrayList<>();
        byPermission.forEach((key, hiddenFrom) -> {
            List<Gap> gaps = hiddenFrom.stream().flatMap(o -> o.gaps().stream())
                    .filter(g -> g.permission().equals(key.permission())).distinct().toList();
            Outcome first = hiddenFrom.get(0);
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("permission", key.permission());
            facts.put("hidden", gaps.stream().map(Gap::hidden).distinct().collect(Collectors.joining("; ")));
            facts.put("checks", hiddenFrom.stream().map(o -> o.check().id()).distinct()
                    .collect(Collectors.joining(", ")));
            facts.put("grant", gaps.stream().map(Gap::grant).distinct().collect(Collectors.joining(" ")));
            facts.put("area", first.check().area().id());
            findings.add(first.context().finding(AuditCode.AUDIT_904, Resource.of("Permission", key.permission()),
                    facts));
        });
        return findings;
    }

    /**
     * Logs a failure once per target and message: an unreachable target fails every one of its checks the same
     * way, and one line says so (the others go to DEBUG).
     */
    private static void warnOnce(CheckContext context, String checkId, String target, String message) {
        AtomicBoolean first = new AtomicBoolean();
        context.shared(SharedKey.of("sweep.warned " + message, Boolean.class), () -> {
            first.set(true);
            return Boolean.TRUE;
        });
        if (first.get()) {
            log.warn("{} on {}: {}", checkId, target, message);
        } else {
            log.debug("{} on {}: {}", checkId, target, message);
        }
    }

    private Outcome failed(Check check, CheckContext context, AuditCode code, Resource resource, CoverageStatus status,
                           String reason, Map<String, String> facts, long started) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("check", check.id());
        all.put("area", check.area().id());
        all.putAll(facts);
        Finding finding = context.finding(code, resource, all);
        return new Outcome(List.of(finding), new Coverage(check.id(), context.target().name(), status,
                millisSince(started), 0, reason), check, context, List.of());
    }

    /**
     * No connection to the target, or none the audit could trust (TLS failed): every check of it fails alike, so it
     * is one AUDIT-903 for the target rather than an AUDIT-901 for each check.
     */
    static boolean isUnreachable(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException || t instanceof HttpConnectTimeoutException
                    || t instanceof SocketTimeoutException || t instanceof SSLException) {
                return true;
            }
            if (t instanceof IOException && t.getMessage() != null
                    && t.getMessage().toLowerCase(Locale.ROOT).contains("connection refused")) {
                return true;
            }
        }
        return false;
    }

    private static long millisSince(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private record Pair(Check check, CheckContext context) {
    }

    /** @param gaps what a permission hid from the check, for the AUDIT-904s */
    private record Outcome(List<Finding> findings, Coverage coverage, Check check, CheckContext context,
                           List<Gap> gaps) {
    }
}
