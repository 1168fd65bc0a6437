package ai.smartcloudops.audit.finding;

import ai.smartcloudops.audit.check.AuditCode;
import ai.smartcloudops.audit.check.TestCatalogue;
import ai.smartcloudops.audit.run.RunStore;
import ai.smartcloudops.audit.store.TestDatabase;
import com.sun.management.OperatingSystemMXBean;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The store at scale (docs/benchmarks.md, src/test/bench/finding-store.sh): a synthetic sweep of findings on the
 * embedded PostgreSQL, measured three ways on one connection: the floor, a bare COPY of the same rows into a table
 * like {@code finding} (its indexes included); the store's write and diff of a first run (every finding new); and
 * of a second run of the same findings (every one persisting). Each is one transaction per step, as the jobs run
 * them. Prints markdown rows: what, rows, wall s, CPU s (this JVM and the server process that did the work), and
 * the ratio to the floor.
 * <p>
 * Usage: {@code FindingStoreBenchmark [RESOURCES] [CODES_PER_RESOURCE]} (default 1,000 × 100 = 100,000 findings).
 */
public final class FindingStoreBenchmark {

    private final HikariDataSource dataSource = new HikariDataSource();
    private final JdbcTemplate template;
    private final TransactionTemplate transaction;
    private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final int backend;

    private FindingStoreBenchmark() {
        dataSource.setJdbcUrl(TestDatabase.newStore());
        // one connection, so the server process whose CPU is read is the one that does the work
        dataSource.setMaximumPoolSize(1);
        template = new JdbcTemplate(dataSource);
        transaction = new TransactionTemplate(new JdbcTransactionManager(dataSource));
        backend = template.queryForObject("SELECT pg_backend_pid()", Integer.class);
    }

    public static void main(String[] args) throws Exception {
        int resources = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int codes = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        FindingStoreBenchmark benchmark = new FindingStoreBenchmark();
        try {
            benchmark.run(resources, codes);
        } finally {
            benchmark.dataSource.close();
        }
        System.exit(0);
    }

    private void run(int resources, int codes) throws IOException {
        SyntheticSweep sweep = SyntheticSweep.of(resources, codes);
        List<Finding> findings = sweep.findings();
        JdbcClient jdbc = JdbcClient.create(template);
        FindingStore store = new FindingStore(dataSource, TestCatalogue.get());
        RunStore runs = new RunStore(jdbc);
        String rows = String.format("%,d findings, %,d resources", findings.size(), resources);

        long floorRun = runs.create("nightly", "bench", Instant.now(), "");
        template.execute("CREATE TABLE finding_floor (LIKE finding INCLUDING ALL)");
        double floor = measure("floor: COPY (binary) of the same rows into a table like finding", rows, 0, () ->
                template.execute((ConnectionCallback<Long>) c -> BinaryCopy.into(c, "finding_floor",
                        FindingStore.FINDING_COLUMNS, findings, (f, row) -> FindingStore.findingRow(floorRun, 0, f,
                                row))));
        Long previous = null;
        for (String what : List.of("run 1 (all new)", "run 2 (all persisting)")) {
            long run = runs.create("nightly", "bench", Instant.now(), "");
            Long before = previous;
            double stored = measure("store write, " + what, rows, floor,
                    () -> store.saveSweep(run, 0, findings, sweep.coverage(), Map.of()));
            double diffed = measure("diff, " + what, rows, floor,
                    () -> store.diff(run, before, Instant.now(), AuditCode.AUDIT_904));
            System.out.printf("| **store write + diff, %s** | %s | %.2f | | %.2f× |%n", what, rows, stored + diffed,
                    (stored + diffed) / floor);
            previous = run;
        }
    }

    /** Runs {@code work} in one transaction and prints its row; returns its wall seconds. */
    private double measure(String what, String rows, double floor, Runnable work) throws IOException {
        System.gc();
        long cpu = os.getProcessCpuTime() + serverCpuNanos();
        long start = System.nanoTime();
        transaction.executeWithoutResult(status -> work.run());
        double wall = (System.nanoTime() - start) / 1e9;
        double used = (os.getProcessCpuTime() + serverCpuNanos() - cpu) / 1e9;
        System.out.printf("| %s | %s | %.2f | %.2f | %s |%n", what, rows, wall, used,
                floor == 0 ? "1.00×" : String.format("%.2f×", wall / floor));
        return wall;
    }

    /** User + system CPU of the server process serving the connection, from /proc (the server is local). */
    private long serverCpuNanos() throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(backend), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields 14 and 15 of stat (utime, stime), counted from the state field, which is the 3rd
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * 10_000_000L;
    }
}
