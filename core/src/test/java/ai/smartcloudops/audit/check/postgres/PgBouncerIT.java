package ai.smartcloudops.audit.check.postgres;

import static ai.smartcloudops.audit.store.TestDatabase.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import ai.smartcloudops.audit.cli.CliRun;
import ai.smartcloudops.audit.demo.DemoPgBouncer;
import ai.smartcloudops.audit.store.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The nightly job through the command line against a real pgbouncer in front of the embedded PostgreSQL. */
class PgBouncerIT {

    private static final String TARGET = PostgresFixtures.TARGET + "/pgbouncer";

    @TempDir
    Path tmp;

    private PostgresFixtures db;
    private DemoPgBouncer pgbouncer;

    @BeforeEach
    void start() throws Exception {
        assumeThat(DemoPgBouncer.available()).as("pgbouncer is not installed (apt-get install pgbouncer)").isTrue();
        db = PostgresFixtures.newDatabase();
        pgbouncer = DemoPgBouncer.launch(tmp.resolve("pgbouncer"), PgBouncerCheckTest.port(db.url),
                db.user, db.password, 2, "scram-sha-256");
    }

    @AfterEach
    void stop() throws Exception {
        if (pgbouncer != null) {
            pgbouncer.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void aSaturatedPoolWithAQueuedClientIsStoredAsPg106AndPg107() throws Exception {
        pgbouncer.holdTransaction(db.database);
        pgbouncer.holdTransaction(db.database);
        pgbouncer.queueClient(db.database);

        String store = audit();

        String pool = "PgBouncerPool/" + db.database + "/" + db.user;
        assertThat(rows(store, "SELECT code || ' ' || severity || ' ' || resource_kind || '/' || resource_name "
                + "FROM finding WHERE target = '" + TARGET + "' ORDER BY code"))
                .containsExactly("PG-106 P2 " + pool, "PG-107 P2 " + pool);
        assertThat(rows(store, "SELECT status FROM check_execution WHERE check_id = 'postgres.pgbouncer'"))
                .containsExactly("ran");
    }

    @Test
    void aPoolWithAnIdleServerAndNoQueueRaisesNothing() throws Exception {
        try (Statement s = pgbouncer.connect(db.database).createStatement()) {
            s.execute("SELECT 1");
        }

        String store = audit();

        assertThat(rows(store, "SELECT code FROM finding WHERE target = '" + TARGET + "'")).isEmpty();
        assertThat(rows(store, "SELECT status FROM check_execution WHERE check_id = 'postgres.pgbouncer'"))
                .containsExactly("ran");
    }

    private String audit() throws Exception {
        String store = TestDatabase.newDatabase();
        Path config = tmp.resolve("pgbouncer.yml");
        Files.writeString(config, """
                health-audit:
                  postgres:
                    databases:
                      - name: %s
                        url: %s
                        username: %s
                        password: %s
                        pgbouncer:
                          host: 127.0.0.1
                          port: %d
                          username: %s
                          password: %s
                        thresholds: {pgbouncer-max-wait: 1h}   # the job starts in seconds: a short queue, P2
                """.formatted(PostgresFixtures.TARGET, db.url, db.user, db.password, pgbouncer.port(),
                DemoPgBouncer.AUDIT_USER, pgbouncer.auditPassword()));
        CliRun run = CliRun.of("run", "nightly", "--only", "postgres", "--target", TARGET, "--config",
                config.toString(), "--store", store, "--out", tmp.resolve("out").toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out() + run.err()).doesNotContain(pgbouncer.auditPassword());
        return store;
    }

}
