package ai.smartcloudops.audit.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.embedded.RedisServer;
import redis.embedded.core.RedisServerBuilder;

/**
 * The demo's caches, each a real redis-server on a free local port:
 * <ul>
 *   <li>{@value #NAME}: a 2 MB limit and {@code noeviction}, filled until it refuses writes with OOM (and held 2 % over
 *   its limit), every command
 *   logged as slow, and an application that keeps reading keys that are not there (and keeps trying to write): a
 *   low hit rate in any window, and OOM refusals in every run;</li>
 *   <li>{@value #REPLICA}: a read replica whose master is gone: its replication link is down;</li>
 *   <li>{@value #SESSIONS}: the session store after a burst ({@link DemoSessionsCache}): it evicted keys, rejected
 *   connections and holds connections close to its maxclients, its allocator is fragmented, and its last RDB
 *   snapshot failed.</li>
 * </ul>
 * The counter-based faults (evictions, rejected connections) happen once, before the first run, whose window is
 * "since the server started": every demo starts fresh servers, so every demo run shows them.
 */
public final class DemoRedis implements DemoPart {

    public static final String NAME = "smartcloudops-redis";
    public static final String REPLICA = "smartcloudops-redis-replica";
    public static final String SESSIONS = DemoSessionsCache.NAME;
    /** The instances, in the order of the audit's configuration. */
    public static final List<String> INSTANCES = List.of(NAME, REPLICA, SESSIONS);

    /** The faults, by the code each one raises. */
    public static final Map<String, String> FAULTS = faults();

    private static final String HOST = "127.0.0.1";
    private static final long TICK_MILLIS = 100;
    private static final String VALUE = "x".repeat(10_000);
    /**
     * How far over its limit the filled cache is left: clear of REDIS-102's P1 edge at 100 %, which a cache resting on
     * its limit would cross or not depending on its clients' buffers at that moment, and refusing every write.
     */
    private static final double OVER_LIMIT = 1.02;

    private record Instance(String name, int port, RedisServer server) {
    }

    private final AtomicLong writes = new AtomicLong();
    private final List<Instance> instances;
    private final ScheduledExecutorService workload;
    private DemoSessionsCache sessions;

    private DemoRedis(List<Instance> instances) {
        this.instances = instances;
        this.workload = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "demo-redis-workload");
            thread.setDaemon(true);
            return thread;
        });
    }

    private static Map<String, String> faults() {
        Map<String, String> faults = new TreeMap<>();
        faults.put("REDIS-101", "Redis/" + NAME);      // hit rate about 10% (a miss-heavy workload)
        faults.put("REDIS-102", "Redis/" + NAME);      // over its maxmemory with noeviction: P1
        faults.put("REDIS-103", "Redis/" + NAME);      // maxmemory-policy noeviction: P1
        faults.put("REDIS-111", "Redis/" + NAME);      // and so refusing the application's writes: P1
        faults.put("REDIS-109", "Redis/" + REPLICA);   // a replica of a master that is gone
        faults.put("REDIS-110", "Redis/" + NAME);      // slowlog-log-slower-than 0: the slow log is full
        faults.putAll(DemoSessionsCache.FAULTS);
        return Collections.unmodifiableMap(faults);
    }

    /** The three instances, each with its pid file in {@code dir} ({@link DemoServers}). */
    public static DemoRedis start(Path dir) {
        DemoRedis redis = new DemoRedis(new ArrayList<>());
        try {
            Files.createDirectories(dir);
            redis.instances.add(server(dir, NAME, "maxmemory 2mb", "maxmemory-policy noeviction",
                    "slowlog-log-slower-than 0"));
            // its master's port is closed: the link stays down
            redis.instances.add(server(dir, REPLICA, "replicaof " + HOST + " " + freePort()));
            redis.instances.add(server(dir, SESSIONS, DemoSessionsCache.SETTINGS));
            redis.fill();
            for (int i = 0; i < 10; i++) {    // enough lookups before the first run: 200, 10% hits
                redis.tick();
            }
            redis.sessions = DemoSessionsCache.seed(HOST, redis.port(SESSIONS));
            redis.workload.scheduleWithFixedDelay(redis::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
            return redis;
        } catch (IOException e) {
            redis.close();
            throw new UncheckedIOException("cannot create the demo Redis directory " + dir, e);
        } catch (RuntimeException e) {
            redis.close();
            throw e;
        }
    }

    /**
     * A redis-server on a free local port with the given redis.conf lines and no RDB save points; it writes its pid
     * file in {@code dir} and shows that file in its process title, which is how a later demo knows it for its own.
     */
    private static Instance server(Path dir, String name, String... settings) {
        int port = freePort();
        String pidFile = DemoServers.pidFile(dir, name).toString();
        RedisServerBuilder builder = RedisServer.newRedisServer().bind(HOST).port(port).setting("save \"\"")
                .setting("pidfile \"" + pidFile + "\"")
                .setting("proc-title-template \"{title} {listen-addr} " + pidFile + "\"");
        for (String setting : settings) {
            builder.setting(setting);
        }
        try {
            RedisServer server = builder.build();
            server.start();
            return new Instance(name, port, server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the demo redis-server " + name, e);
        }
    }

    /** Spring arguments that point the audit at these instances. */
    @Override
    public List<String> properties() {
        List<String> properties = new ArrayList<>();
        for (int i = 0; i < instances.size(); i++) {
            String prefix = "--health-audit.redis.instances[" + i + "].";
            properties.add(prefix + "name=" + instances.get(i).name());
            properties.add(prefix + "host=" + HOST);
            properties.add(prefix + "port=" + instances.get(i).port());
        }
        return properties;
    }

    /** The port of the instance of that name. */
    public int port(String name) {
        return instances.stream().filter(i -> i.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no demo Redis instance " + name)).port();
    }

    /**
     * Writes 10 KB values until Redis refuses one with OOM, then lowers maxmemory to {@link #OVER_LIMIT} below what it
     * uses: full for certain, whatever its clients' buffers hold when the audit reads it.
     */
    private void fill() {
        try (Jedis jedis = new Jedis(HOST, port(NAME))) {
            try {
                for (int i = 0; i < 10_000; i++) {
                    jedis.set("session:" + i, VALUE);
                }
                throw new IllegalStateException("the demo redis-server never reached its maxmemory");
            } catch (JedisDataException e) {
                jedis.configSet("maxmemory", String.valueOf((long) (used(jedis) / OVER_LIMIT)));
            }
        }
    }

    private static long used(Jedis jedis) {
        return jedis.info("memory").lines().filter(l -> l.startsWith("used_memory:"))
                .mapToLong(l -> Long.parseLong(l.substring("used_memory:".length()).trim())).findFirst()
                .orElseThrow();
    }

    /** The application: 2 hits, 18 misses and a new 10 KB key every tick, which the full cache refuses. */
    private void tick() {
        try (Jedis jedis = new Jedis(HOST, port(NAME))) {
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
        if (sessions != null) {
            sessions.close();
        }
        IOException failure = null;
        for (Instance instance : instances) {
            try {
                instance.server().stop();
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw new UncheckedIOException("cannot stop a demo redis-server", failure);
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
