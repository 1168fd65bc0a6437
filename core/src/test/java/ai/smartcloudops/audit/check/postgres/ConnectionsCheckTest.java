package ai.smartcloudops.audit.check.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.RunScope;
import ai.smartcloudops.audit.finding.Coverage;
import ai.smartcloudops.audit.finding.CoverageStatus;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import ai.smartcloudops.audit.run.Sweep;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A server of the test's own with ten connection slots and none reserved, so every count is exact. */
class ConnectionsCheckTest {

    private static EmbeddedPostgres server;

    @BeforeAll
    static void start() throws Exception {
        server = EmbeddedPostgres.builder().setServerConfig("max_connections", "10")
                .setServerConfig("superuser_reserved_connections", "0").start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void connectionsAtTheWarningPercentAreP2AtTheCriticalPercentP1AndOnTheServer() throws Exception {
        try (PostgresFixtures db = PostgresFixtures.newDatabase(server, "thresholds")) {
            Connection monitor = db.connect("orders-api");
            for (int i = 0; i < 2; i++) {
                db.connect("orders-api");
            }
            db.connect().setAutoCommit(false);

            Finding warn = settled(monitor, new ConnectionsCheck(db.targets("connections-warn-percent=40")));
            Finding critical = settled(monitor, new ConnectionsCheck(db.targets("connections-warn-percent=40",
                    "connections-critical-percent=40")));

            assertThat(warn.code().code()).isEqualTo("PG-102");
            assertThat(warn.severity()).isEqualTo(Severity.P2);
            assertThat(warn.target()).isEqualTo(db.server);
            assertThat(warn.resource()).isEqualTo(new Resource("Server", null, db.server));
            assertThat(warn.title()).isEqualTo("Connections at 40% of max_connections on " + db.server);
            assertThat(warn.detail()).isEqualTo("4 of 10 connections in use (0 reserved for superusers), not counting "
                    + "the audit's own 1; by state: idle 4; top applications: orders-api 3, PostgreSQL JDBC Driver 1. "
                    + "Thresholds 40% (P2) and 95% (P1), P0 once no slot is left for a role without superuser: new "
                    + "connections then fail with \"too many clients\".");
            assertThat(warn.remediation()).contains("psql " + db.psql() + " -c \"SELECT application_name, state, "
                    + "count(*) FROM pg_stat_activity GROUP BY 1, 2 ORDER BY 3 DESC;\"");
            assertThat(critical.severity()).isEqualTo(Severity.P1);
            assertThat(critical.detail()).contains("Thresholds 40% (P2) and 40% (P1)");
            assertThat(PostgresFixtures.run(new ConnectionsCheck(db.targets()))).isEmpty();
        }
    }

    @Test
    void theAuditsOwnSessionsAreNotCountedAndTheFindingSaysHowManyItHeld() throws Exception {
        try (PostgresFixtures db = PostgresFixtures.newDatabase(server, "own_sessions")) {
            Connection monitor = db.connect();
            for (int i = 0; i < 2; i++) {
                db.connect("orders-api");
            }
            // 3 clients are 30 %: P2; with the audit's 2 sessions counted they would be 50 %: P1
            PostgresTargets targets = db.targets("connections-warn-percent=30", "connections-critical-percent=50");
            ConnectionsCheck check = new ConnectionsCheck(targets);
            RunScope run = RunScope.first(1L, PostgresFixtures.NOW);
            CheckContext database = PostgresFixtures.context(new LocksCheck(targets), run);
            targets.withConnection(database, c -> null);   // the run's connection probes, closed
            PostgresFixtures.awaitClients(monitor, 3);

            List<Finding> findings = targets.withConnection(database, c -> {
                try {
                    return PostgresFixtures.context(check, run).findings(check);
                } catch (Exception e) {
                    throw new SQLException(e);
                }
            });

            assertThat(findings).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(Severity.P2);
                assertThat(f.title()).isEqualTo("Connections at 30% of max_connections on " + db.server);
                assertThat(f.detail()).startsWith("3 of 10 connections in use (0 reserved for superusers), not "
                        + "counting the audit's own 2; by state: idle 3; top applications: orders-api 2, "
                        + "PostgreSQL JDBC Driver 1.");
                assertThat(f.evidence()).containsEntry("connections", "3").containsEntry("auditConnections", "2");
            });
        }
    }

    @Test
    void aServerWithNoSlotLeftIsPg102AtP0WithItsMessageAndTheOtherChecksAreSkippedWithoutAFinding()
            throws Exception {
        try (PostgresFixtures db = PostgresFixtures.newDatabase(server, "exhausted")) {
            List<Connection> clients = new ArrayList<>();
            try {
                fill(db, clients);
                PostgresTargets targets = db.targets();

                Sweep.Result result = PostgresFixtures.sweep(new ConnectionsCheck(targets), new LocksCheck(targets));

                String refused = "FATAL: sorry, too many clients already";
                assertThat(result.findings()).singleElement().satisfies(f -> {
                    assertThat(f.code().code()).isEqualTo("PG-102");
                    assertThat(f.severity()).isEqualTo(Severity.P0);
                    assertThat(f.target()).isEqualTo(db.server);
                    assertThat(f.resource()).isEqualTo(new Resource("Server", null, db.server));
                    assertThat(f.title()).isEqualTo("Connections at 100% of max_connections on " + db.server);
                    assertThat(f.detail()).startsWith("The server refused the audit's connection: " + refused
                            + "; by state: unknown (the server refused the audit); top applications: unknown (the "
                            + "server refused the audit). Thresholds 80% (P2) and 95% (P1), P0 once no slot");
                    assertThat(f.evidence()).containsEntry("error", refused);
                });
                assertThat(result.coverage()).extracting(Coverage::check, Coverage::target, Coverage::status,
                        Coverage::reason).containsExactlyInAnyOrder(
                        tuple(ConnectionsCheck.ID, db.server, CoverageStatus.RAN, null),
                        tuple(LocksCheck.ID, PostgresFixtures.TARGET, CoverageStatus.SKIPPED, "server " + db.server
                                + " has no connection slot left (" + refused + "): reported as PG-102 on "
                                + db.server));
            } finally {
                for (Connection c : clients) {
                    c.close();
                }
            }
        }
    }

    /** Takes every slot of the server. */
    private static void fill(PostgresFixtures db, List<Connection> clients) {
        while (true) {
            try {
                clients.add(DriverManager.getConnection(db.url, db.user, db.password));
            } catch (SQLException e) {
                assertThat(e.getSQLState()).isEqualTo("53300");
                return;
            }
            assertThat(clients).hasSizeLessThanOrEqualTo(10);
        }
    }

    /** The check's finding once the run's probes have left: it runs once to probe, then once to count. */
    private static Finding settled(Connection monitor, ConnectionsCheck check) throws Exception {
        RunScope run = RunScope.first(1L, PostgresFixtures.NOW);
        PostgresFixtures.context(check, run).findings(check);
        PostgresFixtures.awaitClients(monitor, 4);
        List<Finding> findings = PostgresFixtures.context(check, run).findings(check);
        assertThat(findings).hasSize(1);
        return findings.get(0);
    }
}
