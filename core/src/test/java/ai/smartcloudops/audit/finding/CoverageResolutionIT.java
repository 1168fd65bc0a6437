package ai.smartcloudops.audit.finding;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.check.AuditCode;
import ai.smartcloudops.audit.check.TestCatalogue;
import ai.smartcloudops.audit.check.postgres.PostgresCode;
import ai.smartcloudops.audit.run.RunStore;
import ai.smartcloudops.audit.store.TestDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * What a run's coverage lets the diff resolve, on the store in embedded PostgreSQL: a check that a permission left
 * partial resolves none of its findings (what it could not see may still be there) but the AUDIT-904 of a
 * permission it no longer lacks; a check with nothing to read now resolves what it found when it had.
 */
class CoverageResolutionIT {

    private static final String TARGET = "orders-db";
    private static final String SEQUENCES = "postgres.sequences";
    private static final String POOL = "postgres.pool";

    /** A fresh store for each test (JUnit makes an instance per test). */
    private final DataSource dataSource = new DriverManagerDataSource(TestDatabase.newStore());
    private final JdbcClient jdbc = JdbcClient.create(dataSource);
    private final FindingStore findings = new FindingStore(dataSource, TestCatalogue.get());
    private final RunStore runs = new RunStore(jdbc);

    @Test
    void aPartialCheckResolvesOnlyTheAudit904OfAPermissionItNoLongerLacks() {
        long first = run(List.of(finding(PostgresCode.PG_306, "Sequence", "order_seq", SEQUENCES),
                        finding(AuditCode.AUDIT_904, "Permission", "GRANT SELECT ON the sequences", SEQUENCES),
                        finding(AuditCode.AUDIT_904, "Permission", "GRANT pg_read_all_stats", SEQUENCES)),
                new Coverage(SEQUENCES, TARGET, CoverageStatus.PARTIAL, 5, 3,
                        "needs GRANT SELECT ON the sequences: …; "
                        + "needs GRANT pg_read_all_stats: …"));
        findings.diff(first, null, Instant.now(), AuditCode.AUDIT_904);
        long second = run(List.of(finding(AuditCode.AUDIT_904, "Permission", "GRANT pg_read_all_stats", SEQUENCES)),
                new Coverage(SEQUENCES, TARGET, CoverageStatus.PARTIAL, 5, 1, "needs GRANT pg_read_all_stats: …"));

        findings.diff(second, first, Instant.now(), AuditCode.AUDIT_904);

        assertThat(states()).containsExactlyInAnyOrder(
                "PG-306 order_seq open",
                "AUDIT-904 GRANT SELECT ON the sequences resolved",
                "AUDIT-904 GRANT pg_read_all_stats open");
    }

    @Test
    void aCheckWithNothingToReadNowResolvesWhatItFoundWhenItHad() {
        long first = run(List.of(finding(PostgresCode.PG_104, "Pool", TARGET, POOL)),
                new Coverage(POOL, TARGET, CoverageStatus.RAN, 5, 1, null));
        findings.diff(first, null, Instant.now(), AuditCode.AUDIT_904);
        long second = run(List.of(), new Coverage(POOL, TARGET, CoverageStatus.NOT_CONFIGURED, 0, 0,
                "no pool gauges configured (health-audit.postgres.databases[].pool)"));

        findings.diff(second, first, Instant.now(), AuditCode.AUDIT_904);

        assertThat(states()).containsExactly("PG-104 orders-db resolved");
    }

    private long run(List<Finding> found, Coverage coverage) {
        long runId = runs.create("nightly", "test", Instant.now(), "");
        findings.saveSweep(runId, 0, found, List.of(coverage), Map.of());
        return runId;
    }

    private static Finding finding(FindingCode code, String kind, String name, String check) {
        return Finding.of(code, TARGET, new Resource(kind, null, name)).severity(Severity.P3)
                .title(code.code() + " " + name).checkId(check).build();
    }

    /** Every fingerprint's code, resource name and status. */
    private List<String> states() {
        return jdbc.sql("SELECT DISTINCT s.code || ' ' || f.resource_name || ' ' || s.status FROM finding_state s "
                + "JOIN finding f USING (fingerprint)").query(String.class).list();
    }
}
