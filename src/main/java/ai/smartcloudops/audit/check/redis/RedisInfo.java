package ai.smartcloudops.audit.check.redis;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Samples;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * One INFO reply as fields (the {@code name:value} lines of every section), read once per check, and what the
 * checks derive from it: the server's start, counters over the window since the previous run, CONFIG values.
 */
final class RedisInfo {

    /** Recorded with every counter: identify the server process, to tell a restart from a quiet window. */
    static final String STARTED = "redis.started_at";
    static final String RUN_ID = "redis.run_id";
    /** Without a run_id, a server start later than the recorded one by more than this is a restart. */
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

    /** A byte count as INFO's {@code <name>_human} shows it (e.g. 1.95M), or plain bytes. */
    String human(String name) {
        return string(name + "_human").orElseGet(() -> bytes(count(name)));
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

    /** A CONFIG GET value; empty when CONFIG is refused (ElastiCache renames or disables it) or unknown. */
    static Optional<String> config(Jedis jedis, String name) {
        try {
            Map<String, String> values = jedis.configGet(name);
            return Optional.ofNullable(values.get(name));
        } catch (JedisDataException e) {
            return Optional.empty();
        }
    }

    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + "B";
        }
        String[] units = {"K", "M", "G", "T"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.2f%s", value, units[unit]);
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }

    /**
     * The growth of cumulative counters over the window since the previous run of the same job, and records them
     * (with the server's identity) for the next run. Counters are cumulative since the server started: after a
     * restart (another run_id, a later start, or a counter that went down) the window is "since the restart" and
     * the growth is the counter itself; on a first run it is "since the server started".
     *
     * @param description e.g. "since the previous run at 2026-05-01T11:00:00Z"
     * @param growth      by counter name
     */
    record Window(Kind kind, Instant from, String description, Map<String, Long> growth) {

        enum Kind { SERVER_START, RESTART, PREVIOUS_RUN }

        long growth(String counter) {
            return growth.getOrDefault(counter, 0L);
        }

        static Window of(CheckContext context, RedisInfo info, List<String> counters) {
            Instant started = info.started(context.now());
            Optional<Double> runId = info.runIdNumber();
            Map<String, Long> current = new LinkedHashMap<>();
            counters.forEach(c -> current.put(c, info.count(c)));

            Map<String, Optional<Samples.Sample>> previous = new LinkedHashMap<>();
            counters.forEach(c -> previous.put(c, context.previousSample("redis." + c)));
            Optional<Samples.Sample> previousStart = context.previousSample(STARTED);
            Optional<Samples.Sample> previousRunId = context.previousSample(RUN_ID);

            counters.forEach(c -> context.record("redis." + c, current.get(c)));
            context.record(STARTED, started.getEpochSecond());
            runId.ifPresent(id -> context.record(RUN_ID, id));

            boolean complete = previous.values().stream().allMatch(Optional::isPresent);
            if (!complete) {
                return new Window(Kind.SERVER_START, started, "since the server started at " + started, current);
            }
            boolean wentDown = counters.stream().anyMatch(c -> current.get(c) < previous.get(c).get().value());
            boolean otherProcess;
            if (runId.isPresent() && previousRunId.isPresent()) {
                otherProcess = runId.get().doubleValue() != previousRunId.get().value();
            } else {
                otherProcess = previousStart.isPresent() && started.isAfter(
                        Instant.ofEpochSecond((long) previousStart.get().value()).plus(START_TOLERANCE));
            }
            if (wentDown || otherProcess) {
                return new Window(Kind.RESTART, started, "since the restart at " + started, current);
            }
            Instant at = previous.get(counters.get(0)).get().at();
            Map<String, Long> growth = new LinkedHashMap<>();
            counters.forEach(c -> growth.put(c, current.get(c) - (long) previous.get(c).get().value()));
            return new Window(Kind.PREVIOUS_RUN, at, "since the previous run at " + at, growth);
        }
    }
}
