package ai.smartcloudops.audit.check.redis;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.CheckSkippedException;
import ai.smartcloudops.audit.check.Target;
import ai.smartcloudops.audit.check.tls.Pem;
import ai.smartcloudops.audit.check.tls.TrustAnchors;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The configured Redis instances as targets, and connections to them (AUTH and TLS). The first check of an
 * instance in a run connects once: when it cannot, every Redis check of that instance is skipped with one
 * AUDIT-903 naming the instance and the reason — never the password.
 */
@Component
@EnableConfigurationProperties(RedisProperties.class)
public class RedisTargets {

    static final String KIND = "redis";

    private final RedisProperties properties;

    public RedisTargets(RedisProperties properties) {
        this.properties = properties;
    }

    public RedisProperties properties() {
        return properties;
    }

    public List<Target> targets() {
        return properties.instances().stream().map(i -> new Target(i.name(), KIND)).toList();
    }

    public RedisProperties.Instance instance(CheckContext context) {
        return properties.instances().stream().filter(i -> i.name().equals(context.target().name())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no Redis instance named " + context.target().name()));
    }

    public RedisProperties.Thresholds thresholds(CheckContext context) {
        return properties.thresholdsOf(instance(context));
    }

    /** What a check does with a connection. */
    public interface Work<T> {
        T apply(Jedis jedis);
    }

    /**
     * Runs {@code work} on a new connection to the context's instance, closed afterwards, once the instance answers
     * on it: a connection or an ECHO that fails is the instance out of reach, not a failed check.
     */
    public <T> T withJedis(CheckContext context, Work<T> work) {
        try (Jedis jedis = answering(instance(context))) {
            return work.apply(jedis);
        }
    }

    /** A connection on which the instance answered. */
    private static Jedis answering(RedisProperties.Instance instance) {
        Jedis jedis = null;
        try {
            jedis = open(instance);
            // ECHO, not PING: Redis refuses PING while writes are stopped by a failed RDB save (MISCONF)
            jedis.echo("health-audit");
            return jedis;
        } catch (JedisException e) {
            if (jedis != null) {
                jedis.close();
            }
            throw unreachable(instance, e);
        }
    }

    static Jedis open(RedisProperties.Instance instance) {
        int millis = (int) instance.timeout().toMillis();
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(millis).socketTimeoutMillis(millis).clientName("health-audit")
                .ssl(instance.tls());
        if (instance.tls() && instance.caBundle() != null) {
            config.sslSocketFactory(TrustAnchors.jdkDefault().with(Pem.certificates(Path.of(instance.caBundle())))
                    .sslContext().getSocketFactory());
        }
        if (instance.username() != null) {
            config.user(instance.username());
        }
        if (instance.password() != null) {
            config.password(instance.password());
        }
        return new Jedis(new HostAndPort(instance.host(), instance.port()), config.build());
    }

    private static CheckSkippedException unreachable(RedisProperties.Instance instance, JedisException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return CheckSkippedException.unreachable(instance.name(), (e.getMessage() == null ? "" : e.getMessage())
                + (root != e && root.getMessage() != null ? " (" + root.getMessage() + ")" : ""), instance.password());
    }
}
