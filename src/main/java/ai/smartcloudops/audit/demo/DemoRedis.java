package ai.smartcloudops.audit.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.embedded.RedisServer;

/**
 * The demo's cache: a real redis-server on a free local port with a 2 MB limit and {@code noeviction}, filled
 * until it refuses writes with OOM, every command logged as slow, and an application that keeps reading keys
 * that are not there (and keeps trying to write): a low hit rate in any window, and OOM refusals in every run.
 * The first run's window is "since the server started", so the counter-based faults fire on a first run too.
 * Beside it runs a read replica whose master is gone: its replication link is down.
 */
public final class DemoRedis implements AutoCloseable {

    public static final String NAME = "smartcloudops-redis";
    public static final String REPLICA = "smartcloudops-redis-replica";

    /** The faults, by the code each one raises. */
    public static final Map<String, String> FAULTS = Map.of(
            "REDIS-101", "Redis/" + NAME,     // hit rate about 10% (a miss-heavy workload)
            "REDIS-102", "Redis/" + NAME,     // at its maxmemory and refusing writes: P1
            "REDIS-103", "Redis/" + NAME,     // maxmemory-policy noeviction: P1
            "REDIS-109", "Redis/" + REPLICA,  // a replica of a master that is gone
            "REDIS-110", "Redis/" + NAME);    // slowlog-log-slower-than 0: the slow log is full

    private static final String HOST = "127.0.0.1";
    private static final long TICK_MILLIS = 100;
    private static final String VALUE = "x".repeat(10_000);

    private final java.util.concurrent.atomic.AtomicLong writes = new java.util.concurrent.atomic.AtomicLong();

    private final RedisServer server;
    private final int port;
    private final RedisServer replica;
    private final int replicaPort;
    private final ScheduledExecutorService workload;

    private DemoRedis(RedisServer server, int port, RedisServer replica, int replicaPort) {
        this.server = server;
        this.port = port;
        this.replica = replica;
        this.replicaPort = replicaPort;
        this.workload = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "demo-redis-workload");
            thread.setDaemon(true);
            return thread;
        });
    }

    public static DemoRedis start() {
        int port = freePort();
        int replicaPort = freePort();
        RedisServer server;
        RedisServer replica;
        try {
            server = RedisServer.newRedisServer().bind(HOST).port(port)
                    .setting("maxmemory 2mb")
                    .setting("maxmemory-policy noeviction")
                    .setting("save \"\"")
                    .setting("slowlog-log-slower-than 0")
                    .build();
            server.start();
            // its master's port is closed: the link stays down
            replica = RedisServer.newRedisServer().bind(HOST).port(replicaPort)
                    .setting("save \"\"")
                    .setting("replicaof " + HOST + " " + freePort())
                    .build();
            replica.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the demo redis-server", e);
        }
        DemoRedis redis = new DemoRedis(server, port, replica, replicaPort);
        try {
            redis.fill();
            for (int i = 0; i < 10; i++) {    // enough lookups before the first run: 200, 10% hits
                redis.tick();
            }
            redis.workload.scheduleWithFixedDelay(redis::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
            return redis;
        } catch (RuntimeException e) {
            redis.close();
            throw e;
        }
    }

    /** Spring arguments that point the audit at this instance. */
    public List<String> properties() {
        return List.of(
                "--health-audit.redis.instances[0].name=" + NAME,
                "--health-audit.redis.instances[0].host=" + HOST,
                "--health-audit.redis.instances[0].port=" + port,
                "--health-audit.redis.instances[1].name=" + REPLICA,
                "--health-audit.redis.instances[1].host=" + HOST,
                "--health-audit.redis.instances[1].port=" + replicaPort);
    }

    public int port() {
        return port;
    }

    public int replicaPort() {
        return replicaPort;
    }

    /** Writes 10 KB values until Redis refuses one with OOM. */
    private void fill() {
        try (Jedis jedis = new Jedis(HOST, port)) {
            for (int i = 0; i < 10_000; i++) {
                try {
                    jedis.set("session:" + i, VALUE);
                } catch (JedisDataException e) {
                    return;
                }
            }
        }
        throw new IllegalStateException("the demo redis-server never reached its maxmemory");
    }

    /** The application: 2 hits, 18 misses and a new 10 KB key every tick, which a full cache refuses. */
    private void tick() {
        try (Jedis jedis = new Jedis(HOST, port)) {
            for (int i = 0; i < 2; i++) {
                jedis.get("session:" + i);
            }
            for (int i = 0; i < 18; i++) {
                jedis.get("session:missing:" + i);
            }
            try {
                jedis.set("session:new:" + writes.incrementAndGet(), VALUE);
            } catch (JedisDataException e) {
                // OOM: the cache is full and evicts nothing
            }
        } catch (JedisException e) {
            // the server is stopping
        }
    }

    @Override
    public void close() {
        workload.shutdownNow();
        try {
            workload.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            server.stop();
            replica.stop();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop the demo redis-server", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
