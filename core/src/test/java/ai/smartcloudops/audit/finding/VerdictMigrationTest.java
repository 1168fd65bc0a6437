package ai.smartcloudops.audit.finding;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.store.TestDatabase;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A store written before the diff stopped writing a row per finding reads the same verdicts after its migration: every
 * diffed run keeps its findings' states, and a run that was never diffed has none.
 */
class VerdictMigrationTest {

    private static final String FINDING = "INSERT INTO finding (run_id, fingerprint, check_id, code, severity, area, "
            + "target, resource_kind, resource_name, title, detail, evidence, remediation) VALUES (?, ?, "
            + "'kubernetes.pods', 'K8S-201', ?, 'kubernetes', 'prod', 'Pod', ?, 't', '', '{}', '')";

    @Test
    void diffedRunsKeepTheirVerdictsAndAnUndiffedRunHasNone() {
        String url = TestDatabase.newDatabase();
        Flyway.configure().dataSource(url, null, null).target("10").load().migrate();
        JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(url));
        for (String status : List.of("COMPLETED", "COMPLETED", "FAILED")) {
            jdbc.sql("INSERT INTO audit_run (job, trigger_kind, started_at, status) VALUES ('nightly', 'test', now(), ?)")
                    .param(status).update();
        }
        jdbc.sql(FINDING).params(1, "a", "P2", "steady").update();
        jdbc.sql(FINDING).params(2, "a", "P2", "steady").update();
        jdbc.sql(FINDING).params(2, "b", "P0", "worse").update();
        jdbc.sql(FINDING).params(3, "a", "P2", "steady").update();
        jdbc.sql("INSERT INTO finding_state (fingerprint, code, severity, status, first_seen_run, first_seen_at, "
                + "last_seen_run, last_seen_at) VALUES ('a', 'K8S-201', 'P2', 'open', 1, now(), 2, now()), "
                + "('b', 'K8S-201', 'P0', 'open', 1, now(), 2, now())").update();
        jdbc.sql("INSERT INTO run_finding_state (run_id, fingerprint, state) VALUES (1, 'a', 'new'), "
                + "(2, 'a', 'persisting'), (2, 'b', 'regressed')").update();

        Flyway.configure().dataSource(url, null, null).load().migrate();

        assertThat(jdbc.sql("SELECT run_id || ' ' || resource_name || ' ' || coalesce(state, '-') FROM finding "
                        + "NATURAL JOIN finding_verdict ORDER BY run_id, resource_name").query(String.class).list())
                .containsExactly("1 steady new", "2 steady persisting", "2 worse regressed", "3 steady -");
    }
}
