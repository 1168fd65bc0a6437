package ai.smartcloudops.audit.check.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ai.smartcloudops.audit.check.AllChecks;
import ai.smartcloudops.audit.check.Check;
import ai.smartcloudops.audit.finding.Area;
import ai.smartcloudops.audit.finding.Coverage;
import ai.smartcloudops.audit.finding.CoverageStatus;
import ai.smartcloudops.audit.net.HttpLimits;
import ai.smartcloudops.audit.run.Sweep;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL checks of a run share one read per target on the embedded server: one connection for the database's
 * snapshot and one for its server's, besides the run's one probe of the database; a part of the read that fails for
 * a reason of its own fails only the check that inspects it.
 */
class PostgresSnapshotTest {

    /** The run's probe of the database, the database's snapshot, the server's snapshot. */
    private static final int CONNECTIONS = 3;

    @Test
    void everyPostgresCheckOfARunReadsTheDatabaseOnOneConnectionAndTheServerOnAnother() throws Exception {
        try (PostgresFixtures db = PostgresFixtures.newDatabase()) {
            db.execute("CREATE EXTENSION pg_stat_statements");
            Connection monitor = db.connect();
            // the sessions so far, this one included, counted once they have reported to the statistics collector
            sessions(monitor);
            Thread.sleep(1000);
            long before = sessions(monitor);

            Sweep.Result result = PostgresFixtures.sweep(checks(db.targets()));

            assertThat(result.coverage()).filteredOn(c -> c.status() != CoverageStatus.NOT_CONFIGURED)
                    .extracting(Coverage::status).containsOnly(CoverageStatus.RAN);
            assertThat(result.coverage()).filteredOn(c -> c.status() == CoverageStatus.RAN).hasSize(19);
            PostgresFixtures.await(CONNECTIONS + " sessions", () -> sessions(monitor) - before >= CONNECTIONS);
            Thread.sleep(1000);
            assertThat(sessions(monitor) - before).isEqualTo(CONNECTIONS);
        }
    }

    @Test
    void aPartTheRoleMayNotReadFailsOnlyTheCheckThatInspectsIt() throws Exception {
        try (PostgresFixtures db = PostgresFixtures.newDatabase()) {
            String role = "audit_" + db.database;
            db.execute("CREATE EXTENSION pg_stat_statements", "REVOKE SELECT ON pg_stat_statements FROM PUBLIC",
                    "CREATE ROLE " + role + " LOGIN PASSWORD 'audit-pw'", "GRANT pg_read_all_stats TO " + role);
            try {
                PostgresTargets targets = new PostgresTargets(PostgresFixtures.properties(db.url, role, "audit-pw"));

                Sweep.Result result = PostgresFixtures.sweep(checks(targets));

                assertThat(result.coverage()).filteredOn(c -> c.status() != CoverageStatus.RAN
                                && c.status() != CoverageStatus.NOT_CONFIGURED)
                        .extracting(Coverage::check, Coverage::status).containsExactly(
                                tuple(StatementsCheck.ID, CoverageStatus.ERROR));
                assertThat(result.coverage()).filteredOn(c -> c.check().equals(StatementsCheck.ID))
                        .extracting(Coverage::reason).singleElement().asString()
                        .contains("permission denied for view pg_stat_statements");
            } finally {
                db.execute("DROP OWNED BY " + role, "DROP ROLE " + role);
            }
        }
    }

    private static Check[] checks(PostgresTargets targets) {
        return AllChecks.of(Area.POSTGRES, targets, HttpLimits.DEFAULT).toArray(Check[]::new);
    }

    /** Sessions established to the monitor's database so far (PostgreSQL 14's pg_stat_database.sessions). */
    private static long sessions(Connection monitor) throws SQLException {
        try (Statement s = monitor.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT sessions FROM pg_stat_database WHERE datname = current_database()")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
