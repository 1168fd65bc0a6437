package ai.smartcloudops.audit.check.redis;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.CounterWindow;
import ai.smartcloudops.audit.text.Humanize;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.Jedis;

/**
 * One INFO reply as fields (the {@code name:value} lines of every section), read once per check, and what the
 * checks derive from it: the server's start, counters over the window since the previous sample.
 */
final class RedisInfo {

    /** Counters are kept as {@code redis.<counter>}. */
    static final String SOURCE = "redis";
    /** Without a run_id, a server start other than the recorded one by more than this is a restart. */
    private static final Duration START_TOLERANCE = Duration.ofMinutes(1);

    private final Map<String, String> fields;

    private RedisInfo(Map<String, String> fields) {
        this.fields = fields;
    }

    static RedisInfo read(Jedis jedis) {
        return parse(jedis.info());
    }

    static RedisInfo parse(String reply) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : reply.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (line.isBlank() || line.startsWith("#") || colon <= 0) {
                continue;
            }
            String value = line.substring(colon + 1).trim();
            if (value.startsWith("count=")) {   // errorstat_OOM:count=3 (Redis 6.2+) reads as 3
                int comma = value.indexOf(',');
                value = value.substring("count=".length(), comma < 0 ? value.length() : comma);
            }
            fields.put(line.substring(0, colon).trim(), value);
        }
        return new RedisInfo(fields);
    }

    Optional<String> string(String name) {
        return Optional.ofNullable(fields.get(name)).filter(v -> !v.isEmpty());
    }

    Optional<Long> number(String name) {
        return string(name).flatMap(v -> {
            try {
                return Optional.of(Long.parseLong(v));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    Optional<Double> decimal(String name) {
        return string(name).flatMap(v -> {
            try {
                return Optional.of(Double.parseDouble(v));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    long count(String name) {
        return number(name).orElse(0L);
    }

    /** A byte count as every size is shown ({@link Humanize#bytes}), not as INFO's own {@code <name>_human}. */
    String human(String name) {
        return Humanize.bytes(count(name));
    }

    /** When the server process started: its own clock less its uptime, else the run's clock. */
    Instant started(Instant now) {
        Instant clock = number("server_time_usec").map(us -> Instant.ofEpochSecond(us / 1_000_000))
                .orElse(now);
        return clock.minusSeconds(count("uptime_in_seconds"));
    }

    /** The first 52 bits of run_id, which changes at every server start, as a number that survives a double. */
    Optional<Double> runIdNumber() {
        return string("run_id").filter(id -> id.length() >= 13 && id.substring(0, 13).matches("[0-9a-fA-F]+"))
                .map(id -> (double) Long.parseLong(id.substring(0, 13), 16));
    }

    /**
     * The growth of cumulative counters since the previous sample of this server, whichever job took it, recorded
     * for the next run ({@link CounterWindow}). The counters count from the server's start, which its run_id (or,
     * without one, its start time within a minute) identifies: after a restart the window is since that start.
     */
    CounterWindow window(CheckContext context, List<String> counters) {
        Instant started = started(context.now());
        String description = "the server started at " + started;
        CounterWindow.Origin origin = runIdNumber().map(id -> new CounterWindow.Origin(id, 0, description))
                .orElseGet(() -> new CounterWindow.Origin(started.getEpochSecond(), START_TOLERANCE.toSeconds(),
                        description));
        Map<String, Long> current = new LinkedHashMap<>();
        counters.forEach(c -> current.put(c, count(c)));
        return CounterWindow.of(context, SOURCE, origin, current);
    }
}
