package ai.smartcloudops.audit.check.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import ai.smartcloudops.audit.check.AuditCode;
import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.CheckSkippedException;
import ai.smartcloudops.audit.check.RunScope;
import ai.smartcloudops.audit.check.Target;
import ai.smartcloudops.audit.demo.DemoPgBouncer;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SHOW POOLS of a real pgbouncer in front of the embedded PostgreSQL, driven into each fault. */
class PgBouncerCheckTest {

    static final Target PGBOUNCER = new Target(PostgresFixtures.TARGET + "/pgbouncer", "pgbouncer");

    @TempDir
    Path dir;

    private PostgresFixtures db;
    private DemoPgBouncer pgbouncer;

    @BeforeEach
    void start() throws Exception {
        assumeThat(DemoPgBouncer.available()).as("pgbouncer is not installed (apt-get install pgbouncer)").isTrue();
        db = PostgresFixtures.newDatabase();
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
    void aSaturatedPoolWithAQueuedClientIsPg107AndPg106() throws Exception {
        pgbouncer = launch("scram-sha-256");
        pgbouncer.holdTransaction(db.database);
        pgbouncer.holdTransaction(db.database);
        pgbouncer.queueClient(db.database);

        List<Finding> findings = run(targets());

        Resource pool = new Resource("PgBouncerPool", null, db.database + "/" + db.user);
        assertThat(findings).extracting(f -> f.code().code()).containsExactly("PG-106", "PG-107");
        assertThat(findings.get(0)).satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.P2);
            assertThat(f.resource()).isEqualTo(pool);
            assertThat(f.target()).isEqualTo(PGBOUNCER.name());
            assertThat(f.title()).isEqualTo("1 client(s) waiting for a server connection in pgbouncer pool "
                    + db.database + "/" + db.user);
            assertThat(f.detail()).startsWith("pgbouncer 127.0.0.1:" + pgbouncer.port() + " queues 1 client(s) of "
                    + db.database + "/" + db.user + ", the oldest for ")
                    .contains("2 of 2 server connections are busy (transaction pooling, 2 active clients)")
                    .contains("P1 once the oldest waits 5s or longer");
            assertThat(f.remediation()).contains(
                    "psql -h 127.0.0.1 -p " + pgbouncer.port() + " -U health_audit -d pgbouncer -c \"SHOW POOLS;\"",
                    "psql -h 127.0.0.1 -p " + pgbouncer.port() + " -U health_audit -d pgbouncer -c \"SHOW CLIENTS;\"",
                    "print(f'Checked out: {pool.checkedout()}')",
                    "raise pool_size of " + db.database + " (or default_pool_size) in pgbouncer.ini",
                    "-d pgbouncer -c \"RELOAD;\"");
            assertThat(f.evidence()).containsEntry("waiting", "1").containsEntry("poolSize", "2")
                    .containsEntry("serversActive", "2").containsEntry("auditUser", "health_audit")
                    .doesNotContainValue(pgbouncer.auditPassword());
        });
        assertThat(findings.get(1)).satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.P2);
            assertThat(f.resource()).isEqualTo(pool);
            assertThat(f.title()).isEqualTo("pgbouncer pool " + db.database + "/" + db.user
                    + " is 100% saturated (2 of 2 server connections)");
            assertThat(f.detail()).isEqualTo("pgbouncer 127.0.0.1:" + pgbouncer.port() + " has 2 server connections of "
                    + db.database + "/" + db.user + " in use and 0 idle, pool_size 2 (transaction pooling): 100%, "
                    + "threshold 90%. The next client beyond the pool waits for a connection.");
            assertThat(f.remediation()).contains(
                    "psql -h 127.0.0.1 -p " + pgbouncer.port() + " -U health_audit -d pgbouncer -c \"SHOW DATABASES;\"",
                    "psql " + db.psql() + " -c \"SELECT application_name, state, count(*) FROM pg_stat_activity");
        });
    }

    @Test
    void clientsWaitingLongerThanTheMaxWaitAreP1() throws Exception {
        pgbouncer = launch("md5");
        pgbouncer.holdTransaction(db.database);
        pgbouncer.holdTransaction(db.database);
        pgbouncer.queueClient(db.database);
        Thread.sleep(1100);

        List<Finding> findings = run(targets("pgbouncer-max-wait=1s"));

        assertThat(findings).filteredOn(f -> f.code().code().equals("PG-106")).singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.P1));
    }

    @Test
    void aBusyPoolBelowTheThresholdsAndWithoutQueueRaisesNothing() throws Exception {
        pgbouncer = launch("md5");
        pgbouncer.holdTransaction(db.database);
        pgbouncer.connect(db.database).createStatement().execute("SELECT 1");

        assertThat(run(targets())).isEmpty();
        assertThat(run(targets("pgbouncer-saturation-percent=50"))).extracting(f -> f.code().code())
                .containsExactly("PG-107");
    }

    @Test
    void aPgBouncerThatDoesNotListenIsAnAudit903NamingItWithoutThePassword() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        PostgresTargets targets = targets(Map.of("pgbouncer.port", String.valueOf(closed),
                "pgbouncer.password", "s3cret-pw"));

        assertThatThrownBy(() -> run(targets)).isInstanceOfSatisfying(CheckSkippedException.class, e -> {
            assertThat(e.code()).isEqualTo(AuditCode.AUDIT_903);
            assertThat(e.resource()).isEqualTo(Resource.of("Target", PGBOUNCER.name()));
            assertThat(e.getMessage()).startsWith("cannot connect: pgbouncer 127.0.0.1:" + closed
                    + " as health_audit: ").contains("Connection refused").doesNotContain("s3cret-pw");
        });
    }

    @Test
    void aWrongPasswordIsAnAudit903WithoutThePassword() throws Exception {
        pgbouncer = launch("md5");
        PostgresTargets targets = targets(Map.of("pgbouncer.port", String.valueOf(pgbouncer.port()),
                "pgbouncer.password", "wrong-pw"));

        assertThatThrownBy(() -> run(targets)).isInstanceOfSatisfying(CheckSkippedException.class, e -> {
            assertThat(e.code()).isEqualTo(AuditCode.AUDIT_903);
            assertThat(e.getMessage()).isEqualTo("cannot connect: pgbouncer 127.0.0.1:" + pgbouncer.port()
                    + " as health_audit: FATAL: password authentication failed");
        });
    }

    @Test
    void aUserNotInStatsUsersIsAnAudit903SayingSo() throws Exception {
        pgbouncer = DemoPgBouncer.launch(dir, port(db.url), "app_client", "client-pw", 2, "md5");
        PostgresTargets targets = targets(Map.of("pgbouncer.port", String.valueOf(pgbouncer.port()),
                "pgbouncer.username", "app_client", "pgbouncer.password", "client-pw"));

        assertThatThrownBy(() -> run(targets)).isInstanceOfSatisfying(CheckSkippedException.class, e ->
                assertThat(e.getMessage()).isEqualTo("cannot connect: pgbouncer 127.0.0.1:" + pgbouncer.port()
                        + " as app_client: FATAL: not allowed (add app_client to pgbouncer's stats_users)"));
    }

    @Test
    void aDatabaseWithoutAPgBouncerIsItsTargetOnlyToSayItIsNotConfigured() throws Exception {
        PostgresTargets without = db.targets();
        PostgresTargets with = targets(Map.of("pgbouncer.port", "6432"));
        Target database = new Target(PostgresFixtures.TARGET, "postgresql");
        PgBouncerCheck check = new PgBouncerCheck(without);
        CheckContext context = new CheckContext(RunScope.first(1L, PostgresFixtures.NOW), check.id(), database,
                Set.of(check.id()));

        assertThat(check.targets()).containsExactly(database);
        assertThat(context.findings(check)).isEmpty();
        assertThat(context.notConfigured()).contains("no pgbouncer configured in front of this database "
                + "(health-audit.postgres.databases[].pgbouncer)");
        assertThat(new PgBouncerCheck(with).targets()).containsExactly(PGBOUNCER);
        assertThat(new LocksCheck(with).targets()).containsExactly(new Target(PostgresFixtures.TARGET,
                "postgresql"));
    }

    @Test
    void thePgBouncerBlockIsValidatedAndItsPasswordNeverPrinted() {
        PostgresProperties.PgBouncer pgbouncer = new PostgresProperties.PgBouncer("pgbouncer.db", null, "audit",
                "s3cret-pw", null);

        assertThat(pgbouncer.port()).isEqualTo(6432);
        assertThat(pgbouncer.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(pgbouncer.toString()).contains("host=pgbouncer.db", "port=6432", "username=audit",
                "password=****").doesNotContain("s3cret-pw");
        assertThatThrownBy(() -> new PostgresProperties.PgBouncer(" ", 6432, "audit", null, null))
                .hasMessage("health-audit.postgres.databases[].pgbouncer.host is required");
        assertThatThrownBy(() -> new PostgresProperties.PgBouncer("h", 70_000, "audit", null, null))
                .hasMessage("health-audit.postgres.databases[].pgbouncer.port must be between 1 and 65535, not 70000");
        assertThatThrownBy(() -> new PostgresProperties.PgBouncer("h", 6432, null, null, null))
                .hasMessage("health-audit.postgres.databases[].pgbouncer.username is required (a user in "
                        + "pgbouncer's stats_users)");
        assertThatThrownBy(() -> new PostgresProperties.PgBouncer("h", 6432, "audit", null, Duration.ZERO))
                .hasMessage("health-audit.postgres.databases[].pgbouncer.connect-timeout must be positive");
    }

    private DemoPgBouncer launch(String authType) {
        return DemoPgBouncer.launch(dir, port(db.url), db.user, db.password, 2, authType);
    }

    static int port(String url) {
        String hostPort = url.substring("jdbc:postgresql://".length(), url.lastIndexOf('/'));
        return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
    }

    private PostgresTargets targets(String... thresholds) {
        return targets(Map.of(), thresholds);
    }

    /** Targets whose database has a pgbouncer block: this test's pgbouncer unless {@code overrides} says. */
    private PostgresTargets targets(Map<String, String> overrides, String... thresholds) {
        Map<String, String> keys = new HashMap<>();
        keys.put("pgbouncer.host", "127.0.0.1");
        if (pgbouncer != null) {
            keys.put("pgbouncer.port", String.valueOf(pgbouncer.port()));
            keys.put("pgbouncer.password", pgbouncer.auditPassword());
        }
        keys.put("pgbouncer.username", DemoPgBouncer.AUDIT_USER);
        keys.put("pgbouncer.connect-timeout", "3s");
        keys.putAll(overrides);
        return new PostgresTargets(PostgresFixtures.properties(keys, db.url, db.user, db.password, thresholds));
    }

    static List<Finding> run(PostgresTargets targets) throws Exception {
        PgBouncerCheck check = new PgBouncerCheck(targets);
        return (new CheckContext(RunScope.first(1L, PostgresFixtures.NOW), check.id(), PGBOUNCER,
                Set.of(check.id()))).findings(check);
    }
}
