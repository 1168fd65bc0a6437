package ai.smartcloudops.audit.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The session store of the demo after a login burst, on its own redis-server: {@code allkeys-lru} (the expected
 * policy) with a 16 MB limit and 100 clients at most. The burst wrote half as much again as the limit, so Redis
 * evicted sessions (REDIS-104); a clean-up then deleted nine sessions in ten, leaving the allocator's pages mostly
 * empty but not free (REDIS-107: RSS stays near the peak, well over 1.4 times the data and more than 10 MB beyond
 * it); an operator's BGSAVE into a directory that was removed failed (REDIS-108); and the burst's clients took
 * every connection, so later ones were rejected (REDIS-105), and 92 of them are still connected (REDIS-106) —
 * which leaves room for the audit's own connections (one per check, four checks at a time by default).
 * {@link #close()} closes the held connections.
 */
final class DemoSessionsCache implements AutoCloseable {

    static final String NAME = "smartcloudops-redis-sessions";

    static final Map<String, String> FAULTS = Map.of(
            "REDIS-104", "Redis/" + NAME,    // evicted sessions in the burst
            "REDIS-105", "Redis/" + NAME,    // connections rejected at maxclients
            "REDIS-106", "Redis/" + NAME,    // 92 of 100 clients connected (and the audit's)
            "REDIS-107", "Redis/" + NAME,    // RSS near the 16 MB peak, a few MB of data
            "REDIS-108", "Redis/" + NAME);   // the last BGSAVE failed

    private static final int MAX_CLIENTS = 100;

    static final String[] SETTINGS = {"maxmemory 16mb", "maxmemory-policy allkeys-lru", "maxclients " + MAX_CLIENTS};

    /** Connections left free for the audit (at most four at a time by default) and a margin. */
    private static final int FREE_CLIENTS = 8;
    private static final int REJECTED = 3;
    /** 48,000 sessions of about 500 bytes: about 24 MB written into 16 MB. */
    private static final int SESSIONS = 48_000;
    private static final String VALUE = "s".repeat(400);
    private static final int BATCH = 1000;
    /** The fragmentation check's defaults: the demo waits until its RSS reading passes both. */
    private static final double FRAGMENTATION_RATIO = 1.4;
    private static final long FRAGMENTATION_BYTES = 10L * 1024 * 1024;

    private final List<Jedis> clients;

    private DemoSessionsCache(List<Jedis> clients) {
        this.clients = clients;
    }

    /** Drives the instance at {@code host:port}, started with {@link #SETTINGS}, into every fault of FAULTS. */
    static DemoSessionsCache seed(String host, int port) {
        try (Jedis jedis = new Jedis(host, port)) {
            burst(jedis);
            cleanUp(jedis);
            failSnapshot(jedis);
        }
        DemoSessionsCache cache = new DemoSessionsCache(new ArrayList<>());
        try {
            cache.takeConnections(host, port);
            Jedis any = cache.clients.get(0);
            await(any, "memory", DemoSessionsCache::fragmented,
                    "the sessions cache's RSS to stay beyond its data");
            return cache;
        } catch (RuntimeException e) {
            cache.close();
            throw e;
        }
    }

    /** Writes {@link #SESSIONS} sessions, half as much again as maxmemory: allkeys-lru evicts the oldest. */
    private static void burst(Jedis jedis) {
        for (int from = 0; from < SESSIONS; from += BATCH) {
            Pipeline pipeline = jedis.pipelined();
            for (int i = from; i < from + BATCH; i++) {
                pipeline.set("session:" + i, VALUE);
            }
            pipeline.sync();
        }
        if (number(jedis.info("stats"), "evicted_keys") == 0) {
            throw new IllegalStateException("the demo's sessions cache evicted nothing");
        }
    }

    /** Deletes nine sessions in ten: the survivors keep nearly every allocator page in use. */
    private static void cleanUp(Jedis jedis) {
        for (int from = 0; from < SESSIONS; from += BATCH) {
            Pipeline pipeline = jedis.pipelined();
            for (int i = from; i < from + BATCH; i++) {
                if (i % 10 != 0) {
                    pipeline.del("session:" + i);
                }
            }
            pipeline.sync();
        }
    }

    /** BGSAVE into a directory that no longer exists: the snapshot cannot be written. */
    private static void failSnapshot(Jedis jedis) {
        try {
            Path dir = Files.createTempDirectory("health-audit-demo-rdb-");
            jedis.configSet("dir", dir.toString());
            Files.delete(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the demo's failed snapshot", e);
        }
        jedis.bgsave();
        await(jedis, "persistence", info -> "0".equals(field(info, "rdb_bgsave_in_progress").orElse(""))
                && "err".equals(field(info, "rdb_last_bgsave_status").orElse("")), "the BGSAVE to fail");
    }

    /** Connects until Redis refuses, is refused {@link #REJECTED} times, and lets {@link #FREE_CLIENTS} go. */
    private void takeConnections(String host, int port) {
        int rejected = 0;
        while (rejected < REJECTED) {
            if (clients.size() > MAX_CLIENTS) {
                throw new IllegalStateException("the demo's sessions cache accepts more than " + MAX_CLIENTS
                        + " clients");
            }
            Jedis client = new Jedis(host, port);
            try {
                client.ping();   // Redis accepts the socket, then answers "max number of clients reached"
                clients.add(client);
            } catch (JedisException e) {
                client.close();
                rejected++;
            }
        }
        for (int i = 0; i < FREE_CLIENTS; i++) {
            clients.remove(clients.size() - 1).close();
        }
    }

    private static boolean fragmented(String info) {
        double ratio = field(info, "mem_fragmentation_ratio").map(Double::parseDouble).orElse(0.0);
        return ratio > FRAGMENTATION_RATIO
                && number(info, "used_memory_rss") - number(info, "used_memory") > FRAGMENTATION_BYTES;
    }

    /** Polls an INFO section until {@code done} holds, for up to 5 seconds. */
    private static void await(Jedis jedis, String section, Predicate<String> done, String what) {
        for (int i = 0; i < 100; i++) {
            if (done.test(jedis.info(section))) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        throw new IllegalStateException("waited in vain for " + what);
    }

    private static Optional<String> field(String info, String name) {
        return info.lines().filter(l -> l.startsWith(name + ":")).findFirst()
                .map(l -> l.substring(name.length() + 1).trim());
    }

    private static long number(String info, String name) {
        return field(info, name).map(Long::parseLong).orElse(0L);
    }

    @Override
    public void close() {
        clients.forEach(Jedis::close);
        clients.clear();
    }
}
