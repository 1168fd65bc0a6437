package ai.smartcloudops.audit.run;

import ai.smartcloudops.audit.check.Check;
import ai.smartcloudops.audit.check.CheckRegistry;
import ai.smartcloudops.audit.check.Samples;
import ai.smartcloudops.audit.config.AuditProperties;
import ai.smartcloudops.audit.finding.Schedule;
import ai.smartcloudops.audit.finding.Severity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.springframework.context.ApplicationEventPublisher;

/**
 * The real sweep over the checks a test gives, as a first nightly run with the default severities: what a check
 * reports becomes findings and coverage exactly as in a run, so a test against a real server sees both.
 */
public final class Sweeps {

    static final Function<String, Optional<Map<String, String>>> NO_HISTORY = fingerprint -> Optional.empty();
    static final Function<String, Optional<Severity>> NO_FINDING = fingerprint -> Optional.empty();
    static final ApplicationEventPublisher NO_PROGRESS = event -> {
    };
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T02:30:00Z"), ZoneOffset.UTC);

    private Sweeps() {
    }

    /** Every check on every one of its targets, with the default sweep settings. */
    public static Sweep.Result nightly(Check... checks) {
        return nightly(CLOCK.instant(), checks);
    }

    /** ... in a run that starts at {@code now}. */
    public static Sweep.Result nightly(Instant now, Check... checks) {
        return run(new AuditProperties(null, null, null, null, null, null), Clock.fixed(now, ZoneOffset.UTC),
                checks);
    }

    static Sweep.Result sweep(int parallelism, Map<String, Duration> timeouts, Check... checks) {
        return run(properties(parallelism, timeouts, Map.of()), CLOCK, checks);
    }

    static AuditProperties properties(int parallelism, Map<String, Duration> timeouts,
                                      Map<String, Severity> overrides) {
        return new AuditProperties(null, null, null,
                new AuditProperties.Sweep(parallelism, Duration.ofSeconds(10), timeouts), overrides, null);
    }

    private static Sweep.Result run(AuditProperties properties, Clock clock, Check... checks) {
        return new Sweep(new CheckRegistry(List.of(checks)), properties, clock, NO_PROGRESS)
                .run(1, Schedule.NIGHTLY, Set.of(), null, Shard.SINGLE, NO_HISTORY, Samples.none(), NO_FINDING);
    }
}
