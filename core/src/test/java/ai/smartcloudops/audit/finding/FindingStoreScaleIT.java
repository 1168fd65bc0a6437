package ai.smartcloudops.audit.finding;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.check.AuditCode;
import ai.smartcloudops.audit.check.TestCatalogue;
import ai.smartcloudops.audit.run.RunStore;
import ai.smartcloudops.audit.store.TestDatabase;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * 20,000 findings on 200 pods stored and diffed twice, in the 512 MB heap of a CronJob pod (failsafe's scale
 * execution), each write and each diff in one transaction as the jobs run them: the first run finds them all new,
 * the second finds them all persisting, and the store holds one state per fingerprint.
 */
class FindingStoreScaleIT {

    private static final int RESOURCES = 200;
    private static final int CODES = 100;

    private final HikariDataSource dataSource = new HikariDataSource();

    @AfterEach
    void close() {
        dataSource.close();
    }

    @Test
    void twentyThousandFindingsAreStoredAndDiffedTwice() {
        dataSource.setJdbcUrl(TestDatabase.newStore());
        JdbcClient jdbc = JdbcClient.create(dataSource);
        FindingStore store = new FindingStore(dataSource, TestCatalogue.get());
        RunStore runs = new RunStore(jdbc);
        TransactionTemplate transaction = new TransactionTemplate(new JdbcTransactionManager(dataSource));
        SyntheticSweep sweep = SyntheticSweep.of(RESOURCES, CODES);

        Long previous = null;
        for (FindingState expected : List.of(FindingState.NEW, FindingState.PERSISTING)) {
            long run = runs.create("nightly", "test", Instant.now(), "");
            Long before = previous;
            transaction.executeWithoutResult(status -> store.saveSweep(run, 0, sweep.findings(), sweep.coverage(),
                    Map.of()));
            transaction.executeWithoutResult(status -> store.diff(run, before, Instant.now(), AuditCode.AUDIT_904));

            assertThat(jdbc.sql("SELECT state || ' ' || count(*) FROM finding"
                    + " NATURAL LEFT JOIN finding_verdict WHERE run_id = ? GROUP BY state")
                    .param(run).query(String.class).list()).containsExactly(expected + " " + RESOURCES * CODES);
            previous = run;
        }
        assertThat(jdbc.sql("SELECT status || ' ' || count(*) FROM finding_state GROUP BY status")
                .query(String.class).list()).containsExactly("open " + RESOURCES * CODES);
    }
}
