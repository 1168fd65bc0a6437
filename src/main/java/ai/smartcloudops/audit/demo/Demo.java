package ai.smartcloudops.audit.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The whole local estate of the demo: the Kubernetes cluster, the application's database and its lagging read
 * replica, its Redis and the Prometheus that holds its pool gauges, each with injected faults beside healthy
 * resources. Everything is started fresh, so every demo run sees the same faults.
 */
public final class Demo implements AutoCloseable {

    /** The faults, by the code each one raises: "Kind/namespace/name" of the resource. */
    public static final Map<String, String> FAULTS = faults();

    private final DemoEstate estate;
    private final DemoDatabase database;
    private final Path databaseDir;
    private final DemoReplica replica;
    private final DemoRedis redis;
    private final DemoPrometheus prometheus;

    private Demo(DemoEstate estate, DemoDatabase database, Path databaseDir, DemoReplica replica, DemoRedis redis,
                 DemoPrometheus prometheus) {
        this.estate = estate;
        this.database = database;
        this.databaseDir = databaseDir;
        this.replica = replica;
        this.redis = redis;
        this.prometheus = prometheus;
    }

    public static Demo start(Clock clock) {
        DemoEstate estate = DemoEstate.start(clock);
        Path databaseDir = null;
        DemoDatabase database = null;
        DemoReplica replica = null;
        DemoRedis redis = null;
        try {
            databaseDir = Files.createTempDirectory("health-audit-demo-db-");
            database = DemoDatabase.start(databaseDir.resolve("primary"));
            replica = DemoReplica.lagging(database, databaseDir.resolve("replica"));
            redis = DemoRedis.start();
            return new Demo(estate, database, databaseDir, replica, redis, DemoPrometheus.start());
        } catch (IOException | RuntimeException e) {
            if (redis != null) {
                redis.close();
            }
            if (replica != null) {
                replica.close();
            }
            if (database != null) {
                database.close();
            }
            estate.close();
            delete(databaseDir);
            throw e instanceof IOException io ? new UncheckedIOException("cannot start the demo database", io)
                    : (RuntimeException) e;
        }
    }

    /** Spring arguments that point the audit at the demo's estate. */
    public List<String> properties() {
        List<String> properties = new ArrayList<>(estate.properties());
        properties.addAll(database.properties());
        properties.addAll(replica.properties());
        properties.addAll(redis.properties());
        properties.addAll(prometheus.properties());
        return properties;
    }

    @Override
    public void close() {
        try {
            prometheus.close();
            redis.close();
            replica.close();
        } finally {
            try {
                database.close();
            } finally {
                estate.close();
                delete(databaseDir);
            }
        }
    }

    private static Map<String, String> faults() {
        Map<String, String> all = new TreeMap<>(DemoEstate.FAULTS);
        all.putAll(DemoDatabase.FAULTS);
        all.putAll(DemoReplica.FAULTS);
        all.putAll(DemoRedis.FAULTS);
        all.putAll(DemoPrometheus.FAULTS);
        return Collections.unmodifiableMap(all);
    }

    static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
