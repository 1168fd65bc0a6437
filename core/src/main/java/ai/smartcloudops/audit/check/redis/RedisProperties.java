package ai.smartcloudops.audit.check.redis;

import ai.smartcloudops.audit.check.Template;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Redis instances to audit (ElastiCache or self-run) and their thresholds. Passwords come from the
 * environment, e.g. {@code password: ${REDIS_AUTH_TOKEN}}.
 *
 * @param instances  one entry per instance; empty means no Redis audit
 * @param thresholds the defaults of every instance, overridable per instance
 */
@ConfigurationProperties("health-audit.redis")
public record RedisProperties(List<Instance> instances, Thresholds thresholds) {

    public RedisProperties {
        instances = instances == null ? List.of() : List.copyOf(instances);
        thresholds = Thresholds.DEFAULTS.with(thresholds);
        for (Instance instance : instances) {
            thresholds.with(instance.thresholds());   // refused at startup, not at the instance's first check
        }
        long names = instances.stream().map(Instance::name).distinct().count();
        if (names != instances.size()) {
            throw new IllegalArgumentException("health-audit.redis.instances: instance names must be unique");
        }
    }

    public Thresholds thresholdsOf(Instance instance) {
        return thresholds.with(instance.thresholds());
    }

    /**
     * @param name       the name findings use for this instance
     * @param host       host name
     * @param port       port (6379)
     * @param username   ACL user, if any
     * @param password   AUTH password or token; never logged or reported
     * @param tls        connect with TLS (ElastiCache in-transit encryption)
     * @param caBundle   optional PEM file of extra trust anchors for TLS, besides the JDK's default trust store
     * @param timeout    connect and read timeout
     * @param thresholds this instance's overrides
     */
    public record Instance(String name, String host, Integer port, String username, String password, Boolean tls,
                           String caBundle, Duration timeout, Thresholds thresholds) {

        public Instance {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("health-audit.redis.instances[].name is required");
            }
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("health-audit.redis.instances[" + name + "].host is required");
            }
            port = port == null ? 6379 : port;
            tls = tls != null && tls;
            timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
            caBundle = caBundle == null || caBundle.isBlank() ? null : caBundle;
        }

        /**
         * What a remediation's redis-cli lines need to reach this instance as the audit does, built here only:
         * {@code connection} (host, port and {@code flags}), {@code flags} (TLS with the CA bundle, the ACL user) for
         * another server of the same deployment (its master), and {@code auth}, a comment on the password. The
         * password itself never: redis-cli reads it from REDISCLI_AUTH.
         */
        public Map<String, Object> commandValues() {
            List<String> flags = new ArrayList<>();
            if (tls) {
                flags.add("--tls");
                if (caBundle != null) {
                    flags.addAll(List.of("--cacert", caBundle));
                }
            }
            if (username != null) {
                flags.addAll(List.of("--user", username));
            }
            List<String> connection = new ArrayList<>(List.of("-h", host, "-p", String.valueOf(port)));
            connection.addAll(flags);
            return Map.of("connection", new Template.Words(connection), "flags", new Template.Words(flags),
                    "auth", password == null ? "no AUTH password is configured for " + name
                            : "export REDISCLI_AUTH=<the AUTH password" + (username == null ? "" : " of " + username)
                            + "> first: redis-cli reads it from there, so it stays off the command line");
        }

        @Override
        public String toString() {
            return "Instance[name=" + name + ", host=" + host + ", port=" + port + ", tls=" + tls + "]";
        }
    }

    /**
     * Every field is optional: a null means "inherit".
     *
     * @param hitRate               keyspace hits over hits+misses since the previous sample, below this
     * @param memoryWarnPercent     used_memory over maxmemory, P2 at or above this
     * @param memoryCriticalPercent ... P1 at or above this (the guide's "Redis out of memory")
     * @param expectedPolicy        the maxmemory-policy the guide expects (allkeys-lru)
     * @param clientsPercent        connected_clients over maxclients
     * @param fragmentationRatio    mem_fragmentation_ratio above this ...
     * @param fragmentationBytes    ... with at least this much memory wasted
     * @param rdbMaxAge             no successful RDB save for longer than this (persistence enabled)
     * @param slowlogEntries        SLOWLOG LEN at or above this
     */
    public record Thresholds(Double hitRate, Integer memoryWarnPercent, Integer memoryCriticalPercent,
                             String expectedPolicy, Integer clientsPercent, Double fragmentationRatio,
                             Long fragmentationBytes, Duration rdbMaxAge, Long slowlogEntries) {

        static final Thresholds DEFAULTS = new Thresholds(0.8, 90, 100, "allkeys-lru", 90, 1.4, 10L * 1024 * 1024,
                Duration.ofHours(48), 10L);

        public Thresholds with(Thresholds override) {
            if (override == null) {
                return this;
            }
            Thresholds t = new Thresholds(pick(override.hitRate, hitRate),
                    pick(override.memoryWarnPercent, memoryWarnPercent),
                    pick(override.memoryCriticalPercent, memoryCriticalPercent),
                    pick(override.expectedPolicy, expectedPolicy), pick(override.clientsPercent, clientsPercent),
                    pick(override.fragmentationRatio, fragmentationRatio),
                    pick(override.fragmentationBytes, fragmentationBytes), pick(override.rdbMaxAge, rdbMaxAge),
                    pick(override.slowlogEntries, slowlogEntries));
            // REDIS-102's two bands: P2 from the warning, P1 from the critical percentage
            if (t.memoryWarnPercent >= t.memoryCriticalPercent) {
                throw new IllegalArgumentException("health-audit.redis thresholds: memory-warn-percent ("
                        + t.memoryWarnPercent + ") must be below memory-critical-percent (" + t.memoryCriticalPercent
                        + ")");
            }
            return t;
        }

        private static <T> T pick(T override, T base) {
            return override != null ? override : base;
        }
    }
}
