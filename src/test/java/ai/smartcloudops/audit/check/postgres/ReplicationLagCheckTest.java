package ai.smartcloudops.audit.check.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.demo.DemoReplica;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real streaming replica of its own primary, which keeps writing; the test pauses the replay so it falls behind. */
class ReplicationLagCheckTest {

    private static final String USER = "postgres";
    private static final String REPLICA = "orders-replica";

    @TempDir
    static Path dir;
    private static EmbeddedPostgres primary;
    private static DemoReplica replica;

    @BeforeAll
    static void startPrimaryAndReplica() throws Exception {
        primary = EmbeddedPostgres.builder().setDataDirectory(Files.createDirectory(dir.resolve("primary")))
                .setCleanDataDirectory(true).start();
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
    void aReplicaWhoseReplayIsPausedIsPg401FromBothSides() throws Exception {
        replica.pauseReplay();
        try {
            replica.awaitPrimaryLag(Duration.ofMillis(1100));
            assertThat(run(primary.getPort())).singleElement().satisfies(f -> {
                assertPg401(f, new Resource("Replica", null, REPLICA));
                assertThat(f.detail()).startsWith("Measured from pg_stat_replication on the primary: replay lag ")
                        .containsPattern("client (127\\.0\\.0\\.1|::1), streaming \\(async\\)");
            });
            assertThat(run(replica.port())).singleElement().satisfies(f -> {
                assertPg401(f, new Resource("Database", null, "postgres"));
                assertThat(f.detail()).startsWith("Measured from this standby: replay lag ")
                        .containsPattern("\\d+(\\.\\d)? kB of WAL not yet replayed")
                        .contains("client local, replay paused, WAL receiver streaming");
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

    private static void assertPg401(Finding f, Resource resource) {
        assertThat(f.code()).isEqualTo("PG-401");
        assertThat(f.severity()).isEqualTo(Severity.P2);
        assertThat(f.resource()).isEqualTo(resource);
        assertThat(f.title()).matches("Replica " + resource.name()
                + " of postgres replays \\d+\\.\\ds behind its primary");
        assertThat(f.detail()).contains("(threshold 1s)");
        assertThat(f.remediation()).contains("FROM pg_stat_replication;")
                .contains("-d postgres -c \"SELECT pg_wal_replay_resume();\"");
    }

    private static List<Finding> run(int port) throws Exception {
        return PostgresFixtures.run(new ReplicationLagCheck(targets(port, "replication-lag=1s")));
    }

    private static PostgresTargets targets(int port, String... thresholds) {
        return new PostgresTargets(PostgresFixtures.properties("jdbc:postgresql://localhost:" + port + "/postgres",
                USER, USER, thresholds));
    }
}
