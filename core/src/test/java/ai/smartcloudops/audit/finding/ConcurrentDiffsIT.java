package ai.smartcloudops.audit.finding;

import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.filtering;
import static java.util.stream.Collectors.groupingBy;
import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.check.AuditCode;
import ai.smartcloudops.audit.check.TestCatalogue;
import ai.smartcloudops.audit.check.kubernetes.KubernetesCode;
import ai.smartcloudops.audit.run.RunStore;
import ai.smartcloudops.audit.store.TestDatabase;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An hourly and a nightly run diff one store at the same moment, 20 times, on embedded PostgreSQL: they find the
 * same fingerprints at different severities (so in different orders of severity), both find fingerprints new to
 * the store, and each resolves what its own previous run saw. Neither fails, and the state is what either order
 * of the two would leave.
 */
class ConcurrentDiffsIT {

    private static final int SHARED = 40;
    private static final int FRESH = 20;
    private static final int GONE = 10;
    private static final String CHECK = "kubernetes.pods";

    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private HikariDataSource dataSource;
    private JdbcClient jdbc;
    private FindingStore findings;
    private RunStore runs;
    private TransactionTemplate transaction;

    @BeforeEach
    void store() {
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(TestDatabase.newStore());
        jdbc = JdbcClient.create(dataSource);
        findings = new FindingStore(dataSource, TestCatalogue.get());
        runs = new RunStore(jdbc);
        transaction = new TransactionTemplate(new JdbcTransactionManager(dataSource));
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
        dataSource.close();
    }

    @Test
    void hourlyAndNightlyDiffingTogetherNeverDeadlockAndLeaveTheStateOfEitherOrder() throws Exception {
        for (int round = 0; round < 20; round++) {
            String target = "cluster-" + round;
            List<String> shared = names("shared", SHARED);
            List<String> fresh = names("fresh", FRESH);
            long hourlyBefore = run("hourly", target, concat(shared, names("hourly-gone", GONE)), 0);
            long nightlyBefore = run("nightly", target, concat(shared, names("nightly-gone", GONE)), 0);
            findings.diff(hourlyBefore, null, Instant.now(), AuditCode.AUDIT_904);
            findings.diff(nightlyBefore, null, Instant.now(), AuditCode.AUDIT_904);
            long hourly = run("hourly", target, concat(shared, fresh), 0);
            long nightly = run("nightly", target, concat(shared, fresh), 1);

            CyclicBarrier together = new CyclicBarrier(2);
            Future<?> first = pool.submit(() -> diff(together, hourly, hourlyBefore));
            Future<?> second = pool.submit(() -> diff(together, nightly, nightlyBefore));
            first.get();
            second.get();

            String ofTarget = " FROM finding_state s WHERE EXISTS (SELECT 1 FROM finding f WHERE "
                    + "f.fingerprint = s.fingerprint AND f.target = '" + target + "')";
            assertThat(rows("SELECT count(*)" + ofTarget + " AND status = 'open'")).as("round " + round)
                    .containsExactly(String.valueOf(SHARED + FRESH));
            assertThat(rows("SELECT resolved_run || ' ' || count(*)" + ofTarget + " AND status = 'resolved' "
                    + "GROUP BY resolved_run ORDER BY resolved_run")).as("round " + round)
                    .containsExactly(hourly + " " + GONE, nightly + " " + GONE);
            // a fingerprint new to the store is new in exactly one of the two runs, so it notifies once
            List<TrackedFinding> both = concat(findings.items(hourly), findings.items(nightly));
            assertThat(both.stream().filter(item -> item.finding().resource().name().startsWith("fresh-"))
                    .collect(groupingBy(item -> item.finding().fingerprint(),
                            filtering(item -> item.state() == FindingState.NEW, counting()))).values())
                    .as("round " + round).hasSize(FRESH).containsOnly(1L);
            assertThat(both.stream().filter(item -> item.finding().resource().name().startsWith("shared-"))
                    .map(TrackedFinding::state)).as("round " + round)
                    .isNotEmpty().doesNotContain(FindingState.NEW);
        }
    }

    private Void diff(CyclicBarrier together, long runId, long previous) throws Exception {
        together.await();
        transaction.executeWithoutResult(status -> findings.diff(runId, previous, Instant.now(), AuditCode.AUDIT_904));
        return null;
    }

    /**
     * A run of the job that found the named pods of the target (the check ran there), each at a severity that
     * {@code shift} turns around, so two runs with different shifts list the same fingerprints in other orders.
     */
    private long run(String job, String target, List<String> pods, int shift) {
        long runId = runs.create(job, "test", Instant.now(), "");
        List<Finding> found = IntStream.range(0, pods.size())
                .mapToObj(i -> Finding.of(KubernetesCode.K8S_201, target,
                                new Resource("Pod", "smartcloudops", pods.get(i)))
                        .severity(Severity.values()[shift == 0 ? i % 4 : 3 - i % 4]).title("pod restarts")
                        .checkId(CHECK).build())
                .toList();
        findings.saveSweep(runId, 0, found,
                List.of(new Coverage(CHECK, target, CoverageStatus.RAN, 1, found.size(), null)), Map.of());
        return runId;
    }

    private static List<String> names(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + "-" + i).toList();
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private List<String> rows(String sql) {
        return jdbc.sql(sql).query(String.class).list();
    }
}
