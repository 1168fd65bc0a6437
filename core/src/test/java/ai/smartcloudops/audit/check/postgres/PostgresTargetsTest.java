package ai.smartcloudops.audit.check.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.smartcloudops.audit.check.AuditCode;
import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.CheckSkippedException;
import ai.smartcloudops.audit.finding.Resource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostgresTargetsTest {

    private static final String ROLE = "audit_locked";
    private static final String RIGHT = "right-pw-4711";
    private static final String WRONG = "wr0ng-s3cret-pw";

    @Test
    void aWrongPasswordSkipsEveryCheckOfTheDatabaseWithOneAudit903WithoutThePassword() throws Exception {
        try (PostgresFixtures db = PostgresFixtures.newDatabase()) {
            requirePasswordFor(db, ROLE, RIGHT);
            PostgresTargets targets = new PostgresTargets(PostgresFixtures.properties(db.url, ROLE, WRONG));
            ConnectivityCheck check = new ConnectivityCheck(targets);
            CheckContext context = PostgresFixtures.context(check);

            CheckSkippedException skipped = catchThrowableOfType(CheckSkippedException.class,
                    () -> context.findings(check));
            CheckSkippedException again = catchThrowableOfType(CheckSkippedException.class,
                    () -> context.forCheck(LocksCheck.ID).findings(new LocksCheck(targets)));
            ConnectionsCheck ofServer = new ConnectionsCheck(targets);
            CheckSkippedException server = catchThrowableOfType(CheckSkippedException.class,
                    () -> ofServer.run(PostgresFixtures.context(ofServer)));

            assertThat(skipped.code()).isEqualTo(AuditCode.AUDIT_903);
            assertThat(skipped.resource()).isEqualTo(Resource.of("Target", PostgresFixtures.TARGET));
            assertThat(skipped.getMessage()).startsWith("cannot connect: ")
                    .contains("password authentication failed for user \"" + ROLE + "\"")
                    .doesNotContain(WRONG).doesNotContain(RIGHT);
            assertThat(skipped.facts().get("error")).doesNotContain(WRONG);
            assertThat(again).isSameAs(skipped);
            // the server's own checks cannot reach it through any of its databases either
            assertThat(server.code()).isEqualTo(AuditCode.AUDIT_903);
            assertThat(server.resource()).isEqualTo(Resource.of("Target", db.server));
            assertThat(server.getMessage()).isEqualTo(skipped.getMessage());

            // the right password connects
            assertThat(new LocksCheck(new PostgresTargets(PostgresFixtures.properties(db.url, ROLE, RIGHT)))
                    .run(PostgresFixtures.context(check).forCheck(LocksCheck.ID))).isEmpty();
        }
    }

    @Test
    void aDatabaseThatDoesNotExistIsSkippedNamingIt() throws Exception {
        try (PostgresFixtures db = PostgresFixtures.newDatabase()) {
            String url = db.url.substring(0, db.url.lastIndexOf('/') + 1) + "no_such_db";
            PostgresTargets targets = new PostgresTargets(PostgresFixtures.properties(url, db.user, db.password));
            ConnectivityCheck check = new ConnectivityCheck(targets);

            CheckSkippedException skipped = catchThrowableOfType(CheckSkippedException.class,
                    () -> PostgresFixtures.context(check).findings(check));

            assertThat(skipped.code()).isEqualTo(AuditCode.AUDIT_903);
            assertThat(skipped.getMessage()).contains("database \"no_such_db\" does not exist");
        }
    }

    /**
     * The embedded server trusts local connections; a pg_hba.conf line for one role makes it check that role's
     * password, leaving every other connection of the shared server as it was.
     */
    static void requirePasswordFor(PostgresFixtures db, String role, String password) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DO $$BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + role + "') THEN "
                    + "CREATE ROLE " + role + " LOGIN; END IF; END$$");
            s.execute("ALTER ROLE " + role + " PASSWORD '" + password + "'");
            s.execute("GRANT pg_monitor TO " + role);
            Path hba;
            try (ResultSet rs = s.executeQuery("SHOW hba_file")) {
                rs.next();
                hba = Path.of(rs.getString(1));
            }
            List<String> lines = Files.readAllLines(hba);
            String rule = "host all " + role + " all scram-sha-256";
            if (!lines.contains(rule)) {
                Files.writeString(hba, rule + "\n" + String.join("\n", lines) + "\n");
                s.execute("SELECT pg_reload_conf()");
                Thread.sleep(200);
            }
        }
    }
}
