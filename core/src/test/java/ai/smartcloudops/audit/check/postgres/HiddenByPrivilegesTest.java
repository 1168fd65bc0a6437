package ai.smartcloudops.audit.check.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ai.smartcloudops.audit.finding.Coverage;
import ai.smartcloudops.audit.finding.CoverageStatus;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import ai.smartcloudops.audit.run.Sweep;
import ai.smartcloudops.audit.run.Sweeps;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL checks through the sweep against the embedded server, as a role created for the test that may not
 * see everything: what it cannot see is coverage "partial" and one AUDIT-904 naming the grant, never silence, and
 * the same fact seen by a role that may read it is the finding.
 */
class HiddenByPrivilegesTest {

    private static final String SEQUENCES = "GRANT SELECT ON the sequences, or pg_read_all_data";

    @Test
    void aSequenceAt93PercentHiddenFromPgMonitorIsPartialWithOneAudit904NamingTheGrant() throws Exception {
        try (PostgresFixtures db = PostgresFixtures.newDatabase(); Role audit = Role.create(db, "pg_monitor")) {
            db.execute("CREATE SCHEMA shop", "CREATE SEQUENCE shop.order_seq AS smallint",
                    "SELECT setval('shop.order_seq', 30474)");   // 93.0 % of 32767

            Sweep.Result result = Sweeps.nightly(new SequencesCheck(audit.targets()));

            assertThat(result.coverage()).extracting(Coverage::check, Coverage::status, Coverage::reason)
                    .containsExactly(tuple("postgres.sequences", CoverageStatus.PARTIAL, "needs " + SEQUENCES
                            + ": last_value of 1 sequence (shop.order_seq)"));
            assertThat(result.findings()).singleElement().satisfies(f -> {
                assertThat(f.code().code()).isEqualTo("AUDIT-904");
                assertThat(f.severity()).isEqualTo(Severity.P3);
                assertThat(f.resource()).isEqualTo(Resource.of("Permission", SEQUENCES));
                assertThat(f.title()).isEqualTo("The audit cannot see all of orders-db: needs " + SEQUENCES);
                assertThat(f.detail()).isEqualTo("The audit's identity may not see last_value of 1 sequence "
                        + "(shop.order_seq), so postgres.sequences saw only part of orders-db (coverage partial). What "
                        + "it could not see is not audited: no finding there means unknown, not healthy.");
                assertThat(f.remediation()).isEqualTo("# orders-db: give the audit's identity " + SEQUENCES
                        + ", so it sees last_value of 1 sequence (shop.order_seq); for example\n"
                        + "# GRANT SELECT ON ALL SEQUENCES IN SCHEMA shop TO " + audit.name() + "; -- or, for "
                        + "every table and sequence: GRANT pg_read_all_data TO " + audit.name() + ";\n"
                        + "# (the read-only roles and policies are in docs/operations.md), then audit it again:\n"
                        + "health-audit run nightly --only postgres --target orders-db");
                assertThat(f.checkId()).isEqualTo("postgres.sequences");
            });
        }
    }

    @Test
    void theSameSequenceReadByTheRoleIsPg306AndTheCheckRanInFull() throws Exception {
        for (String grant : new String[] {"GRANT SELECT ON ALL SEQUENCES IN SCHEMA shop TO %s",
                "GRANT pg_read_all_data TO %s"}) {
            try (PostgresFixtures db = PostgresFixtures.newDatabase(); Role audit = Role.create(db, "pg_monitor")) {
                db.execute("CREATE SCHEMA shop", "GRANT USAGE ON SCHEMA shop TO " + audit.name(),
                        "CREATE SEQUENCE shop.order_seq AS smallint", "SELECT setval('shop.order_seq', 30474)",
                        grant.formatted(audit.name()));

                Sweep.Result result = Sweeps.nightly(new SequencesCheck(audit.targets()));

                assertThat(result.coverage()).extracting(Coverage::status, Coverage::reason)
                        .as(grant).containsExactly(tuple(CoverageStatus.RAN, null));
                assertThat(result.findings()).as(grant).singleElement().satisfies(f -> {
                    assertThat(f.code().code()).isEqualTo("PG-306");
                    assertThat(f.severity()).isEqualTo(Severity.P1);
                    assertThat(f.resource()).isEqualTo(new Resource("Sequence", "shop", "order_seq"));
                    assertThat(f.title()).isEqualTo("Sequence shop.order_seq is at 93.0% of its smallint maximum");
                });
            }
        }
    }

    @Test
    void sessionsAndStatementsOfOtherRolesHiddenWithoutPgReadAllStatsAreOneAudit904ForThreeChecks()
            throws Exception {
        try (PostgresFixtures db = PostgresFixtures.newDatabase(); Role audit = Role.create(db)) {
            db.execute("CREATE EXTENSION pg_stat_statements", "SELECT count(*) FROM pg_class");
            Connection idle = db.connect("billing-worker");
            idle.setAutoCommit(false);
            PostgresFixtures.execute(idle, "SELECT 1");
            db.background(db.connect("report-job"), "SELECT pg_sleep(60)");
            PostgresFixtures.await("the sleeping query", () -> db.holds("SELECT count(*) = 1 FROM pg_stat_activity "
                    + "WHERE datname = current_database() AND query LIKE 'SELECT pg_sleep%'"));
            Thread.sleep(1100);
            String[] thresholds = {"long-query=1s", "idle-in-transaction=1s", "slow-mean-millis=0", "slow-min-calls=1"};

            Sweep.Result hidden = Sweeps.nightly(new LongQueriesCheck(audit.targets(thresholds)),
                    new IdleInTransactionCheck(audit.targets(thresholds)),
                    new StatementsCheck(audit.targets(thresholds)));

            assertThat(hidden.coverage()).extracting(Coverage::check, Coverage::status)
                    .containsExactlyInAnyOrder(tuple("postgres.long-queries", CoverageStatus.PARTIAL),
                            tuple("postgres.idle-in-transaction", CoverageStatus.PARTIAL),
                            tuple("postgres.statements", CoverageStatus.PARTIAL));
            assertThat(hidden.coverage()).filteredOn(c -> !c.check().equals("postgres.statements"))
                    .extracting(Coverage::reason).containsOnly("needs GRANT pg_read_all_stats: 2 sessions of other "
                            + "roles in pg_stat_activity (their state, times and query)");
            assertThat(hidden.findings()).extracting(f -> f.code().code()).doesNotContain("PG-201", "PG-103");
            assertThat(hidden.findings()).filteredOn(f -> f.code().code().equals("AUDIT-904")).singleElement()
                    .satisfies(f -> {
                        assertThat(f.severity()).isEqualTo(Severity.P3);
                        assertThat(f.resource()).isEqualTo(Resource.of("Permission", "GRANT pg_read_all_stats"));
                        assertThat(f.title()).isEqualTo("The audit cannot see all of orders-db: needs GRANT "
                                + "pg_read_all_stats");
                        assertThat(f.detail()).matches("The audit's identity may not see 2 sessions of other roles "
                                + "in pg_stat_activity \\(their state, times and query\\); \\d+ statements of other "
                                + "roles in pg_stat_statements \\(their text and queryid\\), so "
                                + "postgres.idle-in-transaction, postgres.long-queries, postgres.statements saw only "
                                + "part of orders-db \\(coverage partial\\)\\. .*");
                        assertThat(f.remediation()).contains("\n# GRANT pg_read_all_stats TO " + audit.name()
                                + "; -- pg_monitor includes it\n");
                        assertThat(f.checkId()).isEqualTo("postgres.idle-in-transaction");
                    });

            audit.grant("GRANT pg_read_all_stats TO %s");
            Sweep.Result seen = Sweeps.nightly(new LongQueriesCheck(audit.targets(thresholds)),
                    new IdleInTransactionCheck(audit.targets(thresholds)));

            assertThat(seen.coverage()).extracting(Coverage::status).containsOnly(CoverageStatus.RAN);
            assertThat(seen.findings()).extracting(f -> f.code().code(), Finding::severity)
                    .containsExactlyInAnyOrder(tuple("PG-201", Severity.P2), tuple("PG-103", Severity.P2));
        }
    }

    @Test
    void anIndexOfATableTheRoleMayNotReadIsPartialBloatCoverageNamingTheGrantNotSilence() throws Exception {
        try (PostgresFixtures db = PostgresFixtures.newDatabase(); Role audit = Role.create(db, "pg_monitor")) {
            db.execute("CREATE TABLE payroll (id int, amount numeric)",
                    "INSERT INTO payroll SELECT g, g FROM generate_series(1, 100000) g",
                    "CREATE INDEX payroll_id ON payroll (id)", "DELETE FROM payroll WHERE id % 10 <> 0",
                    "VACUUM ANALYZE payroll");
            String[] thresholds = {"index-bloat-bytes=1048576", "index-bloat-percent=50"};

            Sweep.Result hidden = Sweeps.nightly(new IndexBloatCheck(audit.targets(thresholds)));

            assertThat(hidden.coverage()).extracting(Coverage::status, Coverage::reason).containsExactly(tuple(
                    CoverageStatus.PARTIAL, "needs SELECT on the tables: 1 B-tree index of tables the role may not "
                            + "read (their columns' statistics in pg_stats)"));
            assertThat(hidden.findings()).singleElement().satisfies(f -> {
                assertThat(f.code().code()).isEqualTo("AUDIT-904");
                assertThat(f.remediation()).contains("GRANT pg_read_all_data TO " + audit.name() + ";");
            });

            audit.grant("GRANT SELECT ON payroll TO %s");
            Sweep.Result seen = Sweeps.nightly(new IndexBloatCheck(audit.targets(thresholds)));

            assertThat(seen.coverage()).extracting(Coverage::status).containsExactly(CoverageStatus.RAN);
            assertThat(seen.findings()).extracting(f -> f.code().code()).containsExactly("PG-312");
        }
    }

    /** A login role made for one test database, with the given predefined roles; dropped at the end. */
    private record Role(PostgresFixtures db, String name) implements AutoCloseable {

        private static final String PASSWORD = "audit-pw";

        static Role create(PostgresFixtures db, String... memberOf) throws SQLException {
            Role role = new Role(db, "audit_" + db.database);
            db.execute("CREATE ROLE " + role.name + " LOGIN PASSWORD '" + PASSWORD + "'");
            for (String predefined : memberOf) {
                role.grant("GRANT " + predefined + " TO %s");
            }
            return role;
        }

        void grant(String statement) throws SQLException {
            db.execute(statement.formatted(name));
        }

        PostgresTargets targets(String... thresholds) {
            return new PostgresTargets(PostgresFixtures.properties(db.url, name, PASSWORD, thresholds));
        }

        @Override
        public void close() throws SQLException {
            db.execute("DROP OWNED BY " + name, "DROP ROLE " + name);
        }
    }
}
