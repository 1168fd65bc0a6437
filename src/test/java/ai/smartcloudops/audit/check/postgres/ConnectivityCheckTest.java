package ai.smartcloudops.audit.check.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import org.junit.jupiter.api.Test;

class ConnectivityCheckTest {

    @Test
    void aRoundTripAboveTheThresholdIsPg101AndWithinItNothing() throws Exception {
        try (PostgresFixtures db = PostgresFixtures.newDatabase()) {
            assertThat(PostgresFixtures.run(new ConnectivityCheck(db.targets()))).isEmpty();

            assertThat(PostgresFixtures.run(new ConnectivityCheck(db.targets("round-trip=0ms")))).singleElement()
                    .satisfies(f -> {
                        assertThat(f.code()).isEqualTo("PG-101");
                        assertThat(f.severity()).isEqualTo(Severity.P2);
                        assertThat(f.checkId()).isEqualTo("postgres.connectivity");
                        assertThat(f.resource()).isEqualTo(new Resource("Database", null, db.database));
                        assertThat(f.title()).matches("Database " + db.database + " answers SELECT 1 in \\d+\\.\\d ms");
                        assertThat(f.detail()).contains("(median of 3; threshold 0.0 ms) and opening a connection took ");
                        assertThat(f.evidence()).containsEntry("samples", "3").containsEntry("database", db.database);
                        assertThat(f.remediation())
                                .contains("print('Database connection: OK')")
                                .contains("aws rds describe-db-instances --db-instance-identifier smartcloudops-prod")
                                .contains("psql " + db.psql() + " -c \"SELECT state, wait_event_type, count(*) FROM pg_stat_activity");
                    });
        }
    }
}
