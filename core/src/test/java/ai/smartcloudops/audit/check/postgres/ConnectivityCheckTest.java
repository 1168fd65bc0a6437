package ai.smartcloudops.audit.check.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import ai.smartcloudops.audit.text.Quote;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectivityCheckTest {

    private static final Path PSQL = Stream.of("/usr/bin/psql", "/usr/local/bin/psql").map(Path::of)
            .filter(Files::isExecutable).findFirst().orElse(null);

    @TempDir
    Path dir;

    @Test
    void aRoundTripAboveTheThresholdIsPg101AndWithinItNothing() throws Exception {
        try (PostgresFixtures db = PostgresFixtures.newDatabase()) {
            assertThat(PostgresFixtures.run(new ConnectivityCheck(db.targets()))).isEmpty();

            assertThat(PostgresFixtures.run(new ConnectivityCheck(db.targets("round-trip=0ms")))).singleElement()
                    .satisfies(f -> {
                        assertThat(f.code().code()).isEqualTo("PG-101");
                        assertThat(f.severity()).isEqualTo(Severity.P2);
                        assertThat(f.checkId()).isEqualTo("postgres.connectivity");
                        assertThat(f.resource()).isEqualTo(new Resource("Database", null, db.database));
                        assertThat(f.title()).matches("Database " + db.database + " answers SELECT 1 in \\d+(\\.\\d+)?(µs|ms|s)");
                        assertThat(f.detail()).contains("(median of 3; threshold 0s) and opening a connection took ");
                        assertThat(f.evidence()).containsEntry("samples", "3").containsEntry("database", db.database);
                        assertThat(f.remediation())
                                .contains("print('Database connection: OK')")
                                .contains("aws rds describe-db-instances --db-instance-identifier $RDS_INSTANCE")
                                .contains("psql " + db.psql() + " -c \"SELECT state, wait_event_type, count(*) FROM pg_stat_activity");
                    });
        }
    }

    /**
     * The remediation's psql line reaches the audited database whatever its name: every value is one shell word, and
     * a name psql would read as a connection string (an = in it) is given as the dbname of one, with the URL's
     * sslmode. Pasted into bash with a real psql, it connects to that database and runs nothing else.
     */
    @Test
    void thePsqlLineNamesTheAuditedServerAndAHostileDatabaseNameStaysOneName() throws Exception {
        try (PostgresFixtures db = PostgresFixtures.newDatabase()) {
            String host = "-h localhost -p " + db.server.split(":")[1] + " -U postgres -d ";
            assertPsqlReaches(db, "o'rders $(touch pwned) \"x\" #z", "",
                    "psql " + host + "'o'\\''rders $(touch pwned) \"x\" #z' -c \"SELECT state");
            assertPsqlReaches(db, "a=b o'c `touch pwned`", "?sslmode=disable",
                    "psql " + host + "'dbname='\\''a=b o\\'\\''c `touch pwned`'\\'' sslmode='\\''disable'\\''' "
                            + "-c \"SELECT state");
        }
    }

    private void assertPsqlReaches(PostgresFixtures db, String name, String parameters, String psql) throws Exception {
        db.execute("CREATE DATABASE " + Quote.sqlIdentifier(name));
        try {
            String url = db.url.substring(0, db.url.lastIndexOf('/') + 1)
                    + URLEncoder.encode(name, StandardCharsets.UTF_8) + parameters;
            List<Finding> findings = PostgresFixtures.run(new ConnectivityCheck(new PostgresTargets(
                    PostgresFixtures.properties(url, db.user, db.password, "round-trip=0ms"))));

            assertThat(findings).singleElement().satisfies(f -> assertThat(f.title()).startsWith("Database " + name
                    + " answers SELECT 1 in "));
            String line = findings.get(0).remediation().lines().filter(l -> l.startsWith("psql ")).findFirst()
                    .orElseThrow();
            assertThat(line).startsWith(psql);
            assumeTrue(PSQL != null, "psql is needed to run the line");
            Process bash = new ProcessBuilder("/bin/bash", "-c", line.replace("count(*)", "current_database(), "
                    + "count(*)")).directory(dir.toFile()).redirectErrorStream(true).start();
            assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(bash.exitValue()).as(out).isZero();
            assertThat(out).contains(name);
            assertThat(dir.resolve("pwned")).doesNotExist();
        } finally {
            db.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = "
                    + Quote.sqlString(name), "DROP DATABASE " + Quote.sqlIdentifier(name));
        }
    }
}
