package ai.smartcloudops.audit.schedule;

import java.text.ParseException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.quartz.CronExpression;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code serve} command: when each audit job runs, in which time zone, and who may start one over HTTP.
 *
 * @param schedules              Quartz cron expression by job (hourly, nightly, weekly-report, escalate); a job left out
 *                               keeps its default, {@code off} schedules it not at all
 * @param timeZone               the zone the cron expressions are read in
 * @param apiToken               the bearer token of the HTTP API (env HEALTH_AUDIT_SERVE_API_TOKEN); unset: the
 *                               API refuses every call
 * @param clusterCheckinInterval how often a replica tells the others it is alive; a replica silent for longer is
 *                               taken over
 * @param shutdownGrace          how long a stopping replica waits for its running audits before it marks them
 *                               failed
 * @param maxQueuedRuns          on-demand runs (POST /api/audits) waiting or running at once across the replicas;
 *                               one more is refused with 429
 */
@ConfigurationProperties("health-audit.serve")
public record ServeProperties(Map<String, String> schedules, String timeZone, String apiToken,
                              Duration clusterCheckinInterval, Duration shutdownGrace, Integer maxQueuedRuns) {

    public static final String OFF = "off";
    /** The jobs that run on a schedule, with their default cron expressions. */
    public static final Map<String, String> DEFAULT_SCHEDULES = defaults();

    public ServeProperties {
        Map<String, String> merged = new LinkedHashMap<>(DEFAULT_SCHEDULES);
        (schedules == null ? Map.<String, String>of() : schedules).forEach((job, cron) -> {
            if (!DEFAULT_SCHEDULES.containsKey(job)) {
                throw new IllegalArgumentException("health-audit.serve.schedules." + job
                        + ": unknown job; scheduled jobs: " + String.join(", ", DEFAULT_SCHEDULES.keySet()));
            }
            String value = cron == null ? "" : cron.trim();
            try {
                if (!OFF.equals(value)) {
                    CronExpression.validateExpression(value);
                }
            } catch (ParseException e) {
                throw new IllegalArgumentException("health-audit.serve.schedules." + job + ": '" + value
                        + "' is not a Quartz cron expression (seconds minutes hours day-of-month month "
                        + "day-of-week, e.g. 0 30 2 * * ?) or off: " + e.getMessage());
            }
            merged.put(job, value);
        });
        merged.values().removeIf(OFF::equals);
        schedules = Collections.unmodifiableMap(merged);
        timeZone = timeZone == null || timeZone.isBlank() ? "UTC" : timeZone.trim();
        try {
            ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("health-audit.serve.time-zone: '" + timeZone
                    + "' is not a time zone; expected a region such as Europe/Berlin or UTC");
        }
        apiToken = apiToken == null || apiToken.isBlank() ? null : apiToken.trim();
        clusterCheckinInterval = clusterCheckinInterval == null ? Duration.ofSeconds(15) : clusterCheckinInterval;
        if (clusterCheckinInterval.toMillis() < 1000) {
            throw new IllegalArgumentException("health-audit.serve.cluster-checkin-interval must be at least 1s");
        }
        shutdownGrace = shutdownGrace == null ? Duration.ofSeconds(25) : shutdownGrace;
        if (shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("health-audit.serve.shutdown-grace must not be negative");
        }
        maxQueuedRuns = maxQueuedRuns == null ? 4 : maxQueuedRuns;
        if (maxQueuedRuns < 1 || maxQueuedRuns > 100) {
            throw new IllegalArgumentException("health-audit.serve.max-queued-runs must be between 1 and 100, not "
                    + maxQueuedRuns);
        }
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    /** Never the token itself: this record may be printed or logged. */
    @Override
    public String toString() {
        return "ServeProperties[schedules=" + schedules + ", timeZone=" + timeZone + ", apiToken="
                + (apiToken == null ? "unset" : "set") + ", clusterCheckinInterval=" + clusterCheckinInterval
                + ", shutdownGrace=" + shutdownGrace + ", maxQueuedRuns=" + maxQueuedRuns + "]";
    }

    private static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("hourly", "0 5 * * * ?");
        defaults.put("nightly", "0 30 2 * * ?");
        defaults.put("weekly-report", "0 0 7 ? * MON");
        defaults.put("escalate", "0 */5 * * * ?");
        return Collections.unmodifiableMap(defaults);
    }
}
