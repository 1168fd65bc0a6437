package ai.smartcloudops.audit.check.redis;

import ai.smartcloudops.audit.check.Check;
import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.RunScope;
import ai.smartcloudops.audit.check.Samples;
import ai.smartcloudops.audit.check.SeverityPolicy;
import ai.smartcloudops.audit.check.Target;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.FindingCode;
import ai.smartcloudops.audit.finding.Fingerprint;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import redis.clients.jedis.Jedis;
import redis.embedded.RedisServer;
import redis.embedded.core.RedisServerBuilder;

/**
 * A real redis-server (embedded-redis, 6.2) on a free port, the instance "cache" configured on it as
 * configuration would have it, and contexts whose previous samples a test controls.
 */
final class RedisFixtures implements AutoCloseable {

    static final String INSTANCE = "cache";

    final int port;
    private final List<String> settings;
    private RedisServer server;

    private RedisFixtures(int port, List<String> settings) {
        this.port = port;
        this.settings = settings;
    }

    /** A server with redis.conf lines such as {@code maxmemory 2mb}; no RDB snapshots unless a line says so. */
    static RedisFixtures start(String... settings) {
        List<String> lines = new ArrayList<>(List.of(settings));
        if (lines.stream().noneMatch(l -> l.startsWith("save "))) {
            lines.add("save \"\"");
        }
        RedisFixtures redis = new RedisFixtures(freePort(), lines);
        redis.startServer();
        return redis;
    }

    private void startServer() {
        RedisServerBuilder builder = RedisServer.newRedisServer().bind("127.0.0.1").port(port);
        settings.forEach(builder::setting);
        try {
            server = builder.build();
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded redis-server on port " + port, e);
        }
    }

    /** Stops the server and starts a new process on the same port: every INFO counter starts again at zero. */
    void restart() {
        stop();
        startServer();
    }

    /** A server with RDB on saves again at SIGTERM and refuses to exit when that fails: no save at shutdown. */
    private void stop() {
        try (Jedis jedis = client()) {
            jedis.configSet("save", "");
        } catch (RuntimeException e) {
            // not reachable any more: nothing to save either
        }
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** redis-cli as a remediation reaches this server. */
    String cli() {
        return "redis-cli -h 127.0.0.1 -p " + port;
    }

    Jedis client() {
        return new Jedis("127.0.0.1", port);
    }

    RedisTargets targets() {
        return targets(Map.of());
    }

    /** The instance on this server; settings are health-audit.redis.* keys below it, e.g. thresholds.hit-rate. */
    RedisTargets targets(Map<String, String> settings) {
        return new RedisTargets(properties(port, settings));
    }

    static RedisProperties properties(int port, Map<String, String> settings) {
        Map<String, String> source = new HashMap<>();
        source.put("health-audit.redis.instances[0].name", INSTANCE);
        source.put("health-audit.redis.instances[0].host", "127.0.0.1");
        source.put("health-audit.redis.instances[0].port", String.valueOf(port));
        source.put("health-audit.redis.instances[0].timeout", "2s");
        settings.forEach((key, value) -> source.put("health-audit.redis." + key, value));
        return new Binder(new MapConfigurationPropertySource(source))
                .bindOrCreate("health-audit.redis", RedisProperties.class);
    }

    static CheckContext context(Check check, Instant now, Samples samples) {
        return context(check, INSTANCE, now, samples, Map.of());
    }

    /** ... in a run before which the findings of these codes on the instance were open at these severities. */
    static CheckContext context(Check check, Instant now, Samples samples, Map<FindingCode, Severity> open) {
        return context(check, INSTANCE, now, samples, open);
    }

    private static CheckContext context(Check check, String instance, Instant now, Samples samples,
                                        Map<FindingCode, Severity> open) {
        Map<String, Severity> byFingerprint = new HashMap<>();
        open.forEach((code, severity) -> byFingerprint.put(Fingerprint.of(code.code(), instance,
                new Resource(RedisCheck.KIND, null, instance)), severity));
        return new CheckContext(new RunScope(1L, now, SeverityPolicy.DEFAULTS, new ConcurrentHashMap<>(),
                f -> Optional.empty(), samples, fingerprint -> Optional.ofNullable(byFingerprint.get(fingerprint))),
                check.id(), new Target(instance, RedisTargets.KIND), Set.of(check.id()));
    }

    static List<Finding> run(Check check) throws Exception {
        return run(check, INSTANCE);
    }

    /** A first run of {@code check} on the configured instance named {@code instance}. */
    static List<Finding> run(Check check, String instance) throws Exception {
        return context(check, instance, Instant.now(), Samples.none(), Map.of()).findings(check);
    }


    /** Reads keys that do not exist ({@code misses}) and one that does ({@code hits}). */
    void lookups(int hits, int misses) {
        try (Jedis jedis = client()) {
            try {
                jedis.set("present", "1");
            } catch (redis.clients.jedis.exceptions.JedisDataException e) {
                // OOM: a full noeviction server keeps the key from an earlier call (EXISTS would count a lookup)
            }
            for (int i = 0; i < hits; i++) {
                jedis.get("present");
            }
            for (int i = 0; i < misses; i++) {
                jedis.get("absent:" + i);
            }
        }
    }

    static Map<String, String> settings(String... keyValues) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
