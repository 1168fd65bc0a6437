package ai.smartcloudops.audit.check.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.demo.DemoReplica;
import ai.smartcloudops.audit.demo.EmbeddedStandby;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real streaming replicas of their own primary, which keeps writing; a test pauses a replica's replay so it falls
 * behind. The replica streams through a replication slot, as a managed one does.
 */
class ReplicationLagCheckTest {

    private static final String USER = "postgres";
    private static final String REPLICA = "orders-replica";
    private static final String SLOT = "orders_replica";

    @TempDir
    static Path dir;
    private static EmbeddedPostgres primary;
    private static DemoReplica replica;

    @BeforeAll
    static void startPrimaryAndReplica() throws Exception {
        primary = PostgresFixtures.server(dir.resolve("primary"));
        replica = DemoReplica.start(primary.getPort(), USER, USER, REPLICA, dir.resolve("replica"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (replica != null) {
            replica.close();
        }
        if (primary != null) {
            primary.close();
        }
    }

    @Test
    void aPausedReplicaIsPg401NamedByItsSlotOnThePrimaryAndOnItselfWhenItsPrimaryIsNotAudited() throws Exception {
        String primaryServer = "localhost:" + primary.getPort();
        String replicaServer = "localhost:" + replica.port();
        replica.pauseReplay();
        try {
            replica.awaitPrimaryLag(Duration.ofMillis(1100));
            assertThat(run(primary.getPort())).singleElement().satisfies(f -> {
                assertPg401(f, primaryServer, new Resource("Replica", null, SLOT));
                assertThat(f.detail()).startsWith("Measured from pg_stat_replication on " + primaryServer
                        + ": replay lag ").containsPattern("client (127\\.0\\.0\\.1|::1), streaming \\(async\\)");
                // the standby, reached at the address the primary sees and the port it was cloned with
                assertThat(f.remediation()).contains("psql -h localhost -p " + primary.getPort()
                        + " -U postgres -d postgres -c \"SELECT application_name, client_addr")
                        .containsPattern("psql -h (127\\.0\\.0\\.1|::1) -p " + primary.getPort() + " -U postgres "
                                + "-d postgres -c \"SELECT pg_wal_replay_resume\\(\\);\"");
            });
            assertThat(run(replica.port())).singleElement().satisfies(f -> {
                assertPg401(f, replicaServer, new Resource("Server", null, replicaServer));
                assertThat(f.detail()).startsWith("Measured from this standby: replay lag ")
                        .containsPattern("\\d+(\\.\\d)? KiB of WAL not yet replayed")
                        .contains("client local, replay paused, WAL receiver streaming");
                // the primary, as the standby's WAL receiver reaches it
                assertThat(f.remediation()).contains("psql -h localhost -p " + primary.getPort()
                        + " -U postgres -d postgres -c \"SELECT application_name, client_addr")
                        .contains("psql -h localhost -p " + replica.port()
                                + " -U postgres -d postgres -c \"SELECT pg_wal_replay_resume();\"");
            });
        } finally {
            replica.resumeReplay();
        }
        replica.awaitCaughtUp();
        assertThat(run(primary.getPort())).isEmpty();
        assertThat(run(replica.port())).isEmpty();
    }

    @Test
    void aLagUnderTheThresholdIsNotAFinding() throws Exception {
        replica.pauseReplay();
        try {
            replica.awaitPrimaryLag(Duration.ofMillis(200));
            assertThat(PostgresFixtures.run(new ReplicationLagCheck(targets(primary.getPort(),
                    "replication-lag=1h")))).isEmpty();
            assertThat(PostgresFixtures.run(new ReplicationLagCheck(targets(replica.port(), "replication-lag=1h"))))
                    .isEmpty();
        } finally {
            replica.resumeReplay();
        }
        replica.awaitCaughtUp();
    }

    @Test
    void twoStandbysThatBothKeepTheDefaultNameAreTwoPg401() throws Exception {
        List<EmbeddedStandby> standbys = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                standbys.add(EmbeddedStandby.start(primary.getPort(), USER, USER, "walreceiver", Map.of(),
                        dir.resolve("walreceiver-" + i)));
            }
            for (EmbeddedStandby standby : standbys) {
                query(standby.port(), "SELECT pg_wal_replay_pause()");
            }
            PostgresFixtures.await("both standbys lagging", () -> "2".equals(query(primary.getPort(),
                    "SELECT count(*) FROM pg_stat_replication WHERE application_name = 'walreceiver' "
                            + "AND replay_lag >= interval '1.1 seconds'")));
            String pids = query(primary.getPort(), "SELECT string_agg(pid::text, ',' ORDER BY pid) "
                    + "FROM pg_stat_replication WHERE application_name = 'walreceiver'");

            List<Finding> findings = run(primary.getPort());

            assertThat(findings).extracting(f -> f.resource().name()).containsExactlyInAnyOrder(
                    "walreceiver (127.0.0.1, pid " + pids.split(",")[0] + ")",
                    "walreceiver (127.0.0.1, pid " + pids.split(",")[1] + ")");
            assertThat(findings).allSatisfy(f -> assertPg401(f, "localhost:" + primary.getPort(),
                    new Resource("Replica", null, f.resource().name())));
        } finally {
            for (EmbeddedStandby standby : standbys) {
                standby.close();
            }
        }
    }

    /**
     * A delayed standby started before the primary wrote anything has replayed no commit since it started: it has no
     * last replay timestamp while the WAL it received waits. Both sides see lag.
     */
    @Test
    void aStandbyThatHasReplayedNoCommitSinceItStartedIsLagWhileWalWaits() throws Exception {
        try (EmbeddedPostgres quiet = PostgresFixtures.server(dir.resolve("quiet-primary"));
             EmbeddedStandby delayed = EmbeddedStandby.start(quiet.getPort(), USER, USER, "delayed",
                     Map.of("recovery_min_apply_delay", "1h"), dir.resolve("delayed"))) {
            query(quiet.getPort(), "CREATE TABLE orders (id int)");
            PostgresFixtures.await("WAL received and waiting", () -> "t".equals(query(delayed.port(),
                    "SELECT pg_last_xact_replay_timestamp() IS NULL AND pg_last_wal_receive_lsn() > "
                            + "pg_last_wal_replay_lsn() AND now() - pg_postmaster_start_time() > interval '1.1s'")));
            PostgresFixtures.await("the primary's view of the lag", () -> "t".equals(query(quiet.getPort(),
                    "SELECT replay_lag >= interval '1.1s' FROM pg_stat_replication")));

            assertThat(run(quiet.getPort())).singleElement().satisfies(f -> assertPg401(f,
                    "localhost:" + quiet.getPort(), new Resource("Replica", null, "delayed (127.0.0.1, pid "
                            + query(quiet.getPort(), "SELECT pid FROM pg_stat_replication") + ")")));
            assertThat(run(delayed.port())).singleElement().satisfies(f -> {
                assertPg401(f, "localhost:" + delayed.port(), new Resource("Server", null,
                        "localhost:" + delayed.port()));
                assertThat(f.detail()).startsWith("Measured from this standby: replay lag ")
                        .contains("client local, replaying, WAL receiver streaming");
            });
        }
    }

    private static void assertPg401(Finding f, String server, Resource resource) {
        assertThat(f.code().code()).isEqualTo("PG-401");
        assertThat(f.severity()).isEqualTo(Severity.P2);
        assertThat(f.target()).isEqualTo(server);
        assertThat(f.resource()).isEqualTo(resource);
        assertThat(f.title()).matches("Replica " + resource.name().replace("(", "\\(").replace(")", "\\)")
                .replace(".", "\\.") + " replays \\d+(\\.\\d+)?(µs|ms|s) behind its primary");
        assertThat(f.detail()).contains("(threshold 1s)");
        assertThat(f.remediation()).contains("FROM pg_stat_replication;").contains("pg_wal_replay_resume();");
    }

    private static List<Finding> run(int port) throws Exception {
        return PostgresFixtures.run(new ReplicationLagCheck(targets(port, "replication-lag=1s")));
    }

    private static PostgresTargets targets(int port, String... thresholds) {
        return new PostgresTargets(PostgresFixtures.properties("jdbc:postgresql://localhost:" + port + "/postgres",
                USER, USER, thresholds));
    }

    private static String query(int port, String sql) {
        return DemoReplica.query(port, USER, USER, sql);
    }
}
