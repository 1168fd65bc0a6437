package ai.smartcloudops.audit.finding;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.check.AuditCode;
import ai.smartcloudops.audit.check.TestCatalogue;
import ai.smartcloudops.audit.run.RunStore;
import ai.smartcloudops.audit.store.TestDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Storing and diffing a run costs a number of statements that does not grow with its findings, counted by
 * PostgreSQL itself (pg_stat_statements on the embedded server): a sweep of 2,000 findings and its diffs run as
 * many statements as one of 20.
 */
class DiffStatementsIT {

    @Test
    void aRunOfAHundredTimesMoreFindingsRunsAsManyStatements() {
        List<Long> small = statements(2, 10);
        List<Long> large = statements(20, 100);

        assertThat(large).isEqualTo(small);
        // save: 3 DELETEs, the prune and 2 COPYs; diff: the lock (with the planner setting), the one pass, the run marked
        // diffed and the setting reset, and the resolving one after a run
        assertThat(small).containsExactly(6L, 4L, 6L, 5L);
    }

    /** The statements of saving and diffing a first and a second run of the same synthetic sweep, in order. */
    private static List<Long> statements(int resources, int codes) {
        SingleConnectionDataSource dataSource = new SingleConnectionDataSource(TestDatabase.newStore(), true);
        try {
            JdbcClient jdbc = JdbcClient.create(dataSource);
            jdbc.sql("CREATE EXTENSION IF NOT EXISTS pg_stat_statements").update();
            // room for this test's statements: when the view is full, PostgreSQL evicts entries (and their counts)
            jdbc.sql("SELECT pg_stat_statements_reset()").query().singleRow();
            FindingStore store = new FindingStore(dataSource, TestCatalogue.get());
            RunStore runs = new RunStore(jdbc);
            SyntheticSweep sweep = SyntheticSweep.of(resources, codes);
            long first = runs.create("nightly", "test", Instant.now(), "");
            long second = runs.create("nightly", "test", Instant.now(), "");
            return List.of(
                    counted(jdbc, () -> store.saveSweep(first, 0, sweep.findings(), sweep.coverage(), Map.of())),
                    counted(jdbc, () -> store.diff(first, null, Instant.now(), AuditCode.AUDIT_904)),
                    counted(jdbc, () -> store.saveSweep(second, 0, sweep.findings(), sweep.coverage(), Map.of())),
                    counted(jdbc, () -> store.diff(second, first, Instant.now(), AuditCode.AUDIT_904)));
        } finally {
            dataSource.destroy();
        }
    }

    /** How many statements {@code work} ran on this database (the count's own query is counted once, and taken off). */
    private static long counted(JdbcClient jdbc, Runnable work) {
        long before = executed(jdbc);
        work.run();
        return executed(jdbc) - before - 1;
    }

    private static long executed(JdbcClient jdbc) {
        return jdbc.sql("SELECT coalesce(sum(calls), 0) FROM pg_stat_statements "
                + "WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())")
                .query(Long.class).single();
    }
}
