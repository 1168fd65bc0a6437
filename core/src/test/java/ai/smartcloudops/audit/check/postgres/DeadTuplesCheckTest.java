package ai.smartcloudops.audit.check.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import org.junit.jupiter.api.Test;

class DeadTuplesCheckTest {

    @Test
    void aTableWithManyDeadTuplesAndAutovacuumOffIsPg302() throws Exception {
        try (PostgresFixtures db = PostgresFixtures.newDatabase()) {
            db.execute("CREATE TABLE sessions (id int PRIMARY KEY, data text) WITH (autovacuum_enabled = false)",
                    "INSERT INTO sessions SELECT g, 'x' FROM generate_series(1, 2000) g",
                    "DELETE FROM sessions WHERE id <= 1000",
                    "CREATE TABLE tidy (id int)", "INSERT INTO tidy SELECT generate_series(1, 100)",
                    "DELETE FROM tidy WHERE id <= 10");
            PostgresFixtures.await("dead tuples in pg_stat_user_tables", () -> db.holds(
                    "SELECT n_dead_tup = 1000 AND n_live_tup = 1000 FROM pg_stat_user_tables WHERE relname = 'sessions'"));

            assertThat(PostgresFixtures.run(new DeadTuplesCheck(db.targets("dead-tuples=500"))))
                    .singleElement().satisfies(f -> {
                        assertThat(f.code().code()).isEqualTo("PG-302");
                        assertThat(f.severity()).isEqualTo(Severity.P2);
                        assertThat(f.resource()).isEqualTo(new Resource("Table", "public", "sessions"));
                        assertThat(f.title()).isEqualTo("Table public.sessions has 1000 dead tuples (50%)");
                        assertThat(f.detail()).isEqualTo("50% of the table's tuples are dead (threshold 20%), "
                                + "never vacuumed, never analyzed. Live tuples 1000; last vacuum never, last analyze "
                                + "never; autovacuum disabled for this table.");
                        assertThat(f.remediation())
                                .contains("-d " + db.database + " -c 'VACUUM (VERBOSE, ANALYZE) public.sessions;'")
                                .contains("-c 'ANALYZE public.sessions;'")
                                .contains("-c 'ALTER TABLE public.sessions RESET (autovacuum_enabled);'")
                                .contains("-c 'VACUUM ANALYZE;'");
                    });
            assertThat(PostgresFixtures.run(new DeadTuplesCheck(db.targets("dead-tuples=1001")))).isEmpty();
        }
    }

    @Test
    void manyDeadTuplesBelowTheRatioCountOnlyWhenVacuumIsStale() throws Exception {
        try (PostgresFixtures db = PostgresFixtures.newDatabase()) {
            db.execute("CREATE TABLE ledger (id int) WITH (autovacuum_enabled = false)",
                    "INSERT INTO ledger SELECT generate_series(1, 10000)",
                    "DELETE FROM ledger WHERE id <= 600", "ANALYZE ledger");
            PostgresFixtures.await("dead tuples in pg_stat_user_tables", () -> db.holds("SELECT n_dead_tup = 600 "
                    + "AND last_analyze IS NOT NULL FROM pg_stat_user_tables WHERE relname = 'ledger'"));

            assertThat(PostgresFixtures.run(new DeadTuplesCheck(db.targets("dead-tuples=500"))))
                    .singleElement().satisfies(f -> assertThat(f.detail()).startsWith("Never vacuumed. Live tuples ")
                            .contains("; last vacuum never, last analyze 20"));
            assertThat(PostgresFixtures.run(new DeadTuplesCheck(db.targets("dead-tuples=500", "stale-vacuum=30d"))))
                    .singleElement().satisfies(f -> assertThat(f.detail()).startsWith("Never vacuumed. "));
        }
    }
}
