package ai.smartcloudops.audit.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

/**
 * The whole local estate of the demo, each part with injected faults beside healthy resources: the Kubernetes
 * cluster and a disaster-recovery cluster that cannot be reached; the application's database (each database on its
 * own embedded PostgreSQL) with a lagging read replica and, where pgbouncer is installed, a pgbouncer; the
 * reporting database; the Redis instances (a cache, a replica and a session store); Prometheus; the application's
 * health URLs and TLS endpoints; an Elasticsearch and a Fluentd; an AWS account; and local Slack, PagerDuty, ticket
 * and SMTP servers that receive its notifications and weekly email. Everything is started fresh, so every demo run
 * sees the same faults. The servers that run as processes of their own keep their data and pid files in
 * {@code <home>/demo-servers} ({@link DemoServers}), so a demo killed with -9 leaves nothing that the next one does
 * not stop.
 */
public final class Demo implements AutoCloseable {

    /** The faults, by the code each one raises: "Kind/namespace/name" of the resource. */
    public static final Map<String, String> FAULTS = faults();
    /** The faults a demo shows from its second run on, once its store holds the first run's samples. */
    public static final Map<String, String> FAULTS_FROM_SECOND_RUN = DemoAnalyticsDatabase.GROWTH;

    private final Deque<DemoPart> parts;
    private final DemoServers servers;

    private Demo(Deque<DemoPart> parts, DemoServers servers) {
        this.parts = parts;
        this.servers = servers;
    }

    /** Where under health-audit's home the demo keeps its store: history survives from one demo to the next. */
    public static Path storeDir(Path home) {
        return home.resolve("demo");
    }

    /**
     * Starts the estate, its servers under {@code home} (health-audit's home); first stops what a demo killed there
     * left running, its store included.
     */
    public static Demo start(Clock clock, Path home) {
        Deque<DemoPart> parts = new ArrayDeque<>();
        DemoServers servers = DemoServers.take(home.resolve("demo-servers"), storeDir(home));
        CompletableFuture<DemoAnalyticsDatabase> analytics = null;
        try {
            DemoEstate estate = DemoEstate.start(clock);
            parts.push(estate);
            parts.push(DemoDrCluster.start());
            Path analyticsDir = servers.resolve(DemoAnalyticsDatabase.DATABASE);
            // the two PostgreSQL servers start side by side: their initdb and seeding are most of the start
            // counted beside the store, which outlives the servers' directory as the history does
            Path runs = home.resolve("demo-runs");
            analytics = CompletableFuture.supplyAsync(() -> DemoAnalyticsDatabase.start(analyticsDir, runs));
            DemoDatabase database = DemoDatabase.start(servers.resolve(DemoDatabase.DATABASE));
            parts.push(database);
            parts.push(join(analytics));
            analytics = null;   // a part now: closed with the others
            parts.push(DemoReplica.lagging(database, servers.resolve("replica")));
            if (DemoPgBouncer.available()) {
                parts.push(DemoPgBouncer.start(servers.resolve("pgbouncer"), database.port(), DemoDatabase.USER,
                        DemoDatabase.PASSWORD));
            }
            parts.push(DemoRedis.start(servers.resolve("redis")));
            parts.push(DemoPrometheus.start());
            parts.push(DemoApp.start());
            DemoTls tls = DemoTls.start(clock.instant());
            parts.push(tls);
            tls.seed(estate.client());
            parts.push(DemoLogging.start());
            parts.push(DemoAws.start(clock.instant()));
            parts.push(DemoNotifications.start());
            return new Demo(parts, servers);
        } catch (RuntimeException e) {
            if (analytics != null) {
                try {
                    join(analytics).close();
                } catch (RuntimeException notStarted) {
                    // nothing to close
                }
            }
            close(parts, servers);
            throw e;
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
        List<String> properties = new ArrayList<>();
        parts.descendingIterator().forEachRemaining(part -> part.properties().forEach(property -> {
            if (!property.startsWith("--")) {   // Spring would take it for a plain argument and ignore it
                throw new IllegalStateException(part.getClass().getSimpleName() + " gives an argument that is not "
                        + "a --property: " + property.substring(0, property.indexOf('=') + 1));
            }
            properties.add(property);
        }));
        return properties;
    }

    /** Stops every part, the last started first. */
    @Override
    public void close() {
        close(parts, servers);
    }

    private static void close(Deque<DemoPart> parts, DemoServers servers) {
        RuntimeException failure = null;
        while (!parts.isEmpty()) {
            try {
                parts.pop().close();
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        servers.close();
        if (failure != null) {
            throw failure;
        }
    }

    private static Map<String, String> faults() {
        Map<String, String> all = new TreeMap<>(DemoEstate.FAULTS);
        all.putAll(DemoDatabase.FAULTS);
        all.putAll(DemoAnalyticsDatabase.FAULTS);
        all.putAll(DemoReplica.FAULTS);
        if (DemoPgBouncer.available()) {
            all.putAll(DemoPgBouncer.FAULTS);
        }
        all.putAll(DemoRedis.FAULTS);
        all.putAll(DemoPrometheus.FAULTS);
        all.putAll(DemoApp.FAULTS);
        all.putAll(DemoTls.FAULTS);
        all.putAll(DemoDrCluster.FAULTS);
        all.putAll(DemoLogging.FAULTS);
        all.putAll(DemoAws.FAULTS);
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
