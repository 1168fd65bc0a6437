package ai.smartcloudops.audit.check.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import org.junit.jupiter.api.Test;

class WraparoundCheckTest {

    @Test
    void anAgeAtTheThresholdIsPg303NamingTheOldestTable() throws Exception {
        try (PostgresFixtures db = PostgresFixtures.newDatabase()) {
            assertThat(PostgresFixtures.run(new WraparoundCheck(db.targets("wraparound-age=1")))).singleElement()
                    .satisfies(f -> {
                        assertThat(f.code().code()).isEqualTo("PG-303");
                        assertThat(f.severity()).isEqualTo(Severity.P2);
                        assertThat(f.resource()).isEqualTo(new Resource("Database", null, db.database));
                        assertThat(f.title()).matches("Transaction ID age of " + db.database
                                + " is \\d+ \\(0% of the wraparound limit\\)");
                        assertThat(f.detail()).matches("age\\(datfrozenxid\\) \\d+, threshold 1, "
                                + "autovacuum_freeze_max_age 200000000; oldest table \\S+ \\(age \\d+\\)\\. .*");
                        assertThat(f.remediation()).contains("VACUUM (FREEZE, VERBOSE) " + f.evidence().get("oldestTable"))
                                .contains("SELECT datname, age(datfrozenxid) FROM pg_database ORDER BY 2 DESC;");
                    });
            assertThat(PostgresFixtures.run(new WraparoundCheck(db.targets()))).isEmpty();
        }
    }

    @Test
    void pastOnePointFiveBillionItIsP1() {
        assertThat(PostgresCode.PG_303.severity(WraparoundCheck.grade(1_500_000_000L))).isEqualTo(Severity.P2);
        assertThat(PostgresCode.PG_303.severity(WraparoundCheck.grade(1_500_000_001L))).isEqualTo(Severity.P1);
    }
}
