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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

/**
 * The whole local estate of the demo: the Kubernetes cluster, the application's database and its reporting database
 * (each on its own embedded PostgreSQL), its Redis instances (a cache, a replica and a session store) and the
 * Prometheus that holds its pool gauges, each with injected faults beside healthy resources. Everything is started
 * fresh, so every demo run sees the same faults.
 */
public final class Demo implements AutoCloseable {

    /** The faults, by the code each one raises: "Kind/namespace/name" of the resource. */
    public static final Map<String, String> FAULTS = faults();

    private final DemoEstate estate;
    private final DemoDatabase database;
    private final DemoAnalyticsDatabase analytics;
    private final Path databaseDir;
    private final DemoRedis redis;
    private final DemoPrometheus prometheus;

    private Demo(DemoEstate estate, DemoDatabase database, DemoAnalyticsDatabase analytics, Path databaseDir,
                 DemoRedis redis, DemoPrometheus prometheus) {
        this.estate = estate;
        this.database = database;
        this.analytics = analytics;
        this.databaseDir = databaseDir;
        this.redis = redis;
        this.prometheus = prometheus;
    }

    public static Demo start(Clock clock) {
        DemoEstate estate = DemoEstate.start(clock);
        Path databaseDir = null;
        CompletableFuture<DemoAnalyticsDatabase> analytics = null;
        DemoDatabase database = null;
        DemoRedis redis = null;
        try {
            databaseDir = Files.createTempDirectory("health-audit-demo-db-");
            Path analyticsDir = databaseDir.resolve(DemoAnalyticsDatabase.DATABASE);
            // the two PostgreSQL servers start side by side: their initdb and seeding are most of the start
            analytics = CompletableFuture.supplyAsync(() -> DemoAnalyticsDatabase.start(analyticsDir));
            database = DemoDatabase.start(databaseDir.resolve(DemoDatabase.DATABASE));
            redis = DemoRedis.start();
            return new Demo(estate, database, join(analytics), databaseDir, redis, DemoPrometheus.start());
        } catch (IOException | RuntimeException e) {
            if (redis != null) {
                redis.close();
            }
            if (analytics != null) {
                try {
                    join(analytics).close();
                } catch (RuntimeException notStarted) {
                    // nothing to close
                }
            }
            if (database != null) {
                database.close();
            }
            estate.close();
            delete(databaseDir);
            throw e instanceof IOException io ? new UncheckedIOException("cannot start the demo databases", io)
                    : (RuntimeException) e;
        }
    }

    /** The started analytics database, or what stopped it starting. */
    private static DemoAnalyticsDatabase join(CompletableFuture<DemoAnalyticsDatabase> analytics) {
        try {
            return analytics.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Spring arguments that point the audit at the demo's estate. */
    public List<String> properties() {
        List<String> properties = new ArrayList<>(estate.properties());
        properties.addAll(database.properties());
        properties.addAll(analytics.properties());
        properties.addAll(redis.properties());
        properties.addAll(prometheus.properties());
        return properties;
    }

    @Override
    public void close() {
        try {
            prometheus.close();
            redis.close();
        } finally {
            try {
                analytics.close();
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
        all.putAll(DemoAnalyticsDatabase.FAULTS);
        all.putAll(DemoRedis.FAULTS);
        all.putAll(DemoPrometheus.FAULTS);
        return Collections.unmodifiableMap(all);
    }

    private static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the demo databases in " + dir, e);
        }
    }
}
