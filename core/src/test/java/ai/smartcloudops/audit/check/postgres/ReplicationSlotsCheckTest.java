package ai.smartcloudops.audit.check.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import org.junit.jupiter.api.Test;

class ReplicationSlotsCheckTest {

    @Test
    void anInactiveSlotRetainingWalIsPg402() throws Exception {
        try (PostgresFixtures db = PostgresFixtures.newDatabase()) {
            String slot = db.database + "_standby";
            db.execute("SELECT pg_create_physical_replication_slot('" + slot + "', true)");
            try {
                db.execute("CREATE TABLE filler AS SELECT generate_series(1, 20000) AS id");
                assertThat(PostgresFixtures.run(new ReplicationSlotsCheck(db.targets()))).singleElement()
                        .satisfies(f -> {
                            assertThat(f.code().code()).isEqualTo("PG-402");
                            assertThat(f.severity()).isEqualTo(Severity.P2);
                            assertThat(f.resource()).isEqualTo(new Resource("ReplicationSlot", null, slot));
                            assertThat(f.title()).matches("Replication slot " + slot
                                    + " is inactive and retains \\d+(\\.\\d)? (KiB|MiB) of WAL");
                            assertThat(f.detail()).startsWith("physical slot (database (all), plugin (none), "
                                    + "wal_status reserved) has no consumer");
                            assertThat(f.remediation()).contains("-c \"SELECT pg_drop_replication_slot('" + slot
                                    + "');\"");
                        });
            } finally {
                db.execute("SELECT pg_drop_replication_slot('" + slot + "')");
            }
            assertThat(PostgresFixtures.run(new ReplicationSlotsCheck(db.targets()))).isEmpty();
        }
    }
}
