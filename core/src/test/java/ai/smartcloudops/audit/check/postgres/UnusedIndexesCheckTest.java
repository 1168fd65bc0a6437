package ai.smartcloudops.audit.check.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import ai.smartcloudops.audit.text.Humanize;
import org.junit.jupiter.api.Test;

class UnusedIndexesCheckTest {

    @Test
    void aLargeIndexNeverScannedIsPg305ButNotAUniqueOrAScannedOne() throws Exception {
        try (PostgresFixtures db = PostgresFixtures.newDatabase()) {
            db.execute("CREATE TABLE items (id int PRIMARY KEY, sku text, shelf int)",
                    "INSERT INTO items SELECT g, 'sku-' || g, g % 50 FROM generate_series(1, 5000) g",
                    "CREATE INDEX items_sku ON items (sku)", "CREATE INDEX items_shelf ON items (shelf)",
                    "CREATE INDEX items_tiny ON items (id) WHERE id < 0",
                    "SET enable_seqscan = off; SELECT count(*) FROM items WHERE shelf = 7");
            PostgresFixtures.await("the scan in pg_stat_user_indexes", () -> db.holds(
                    "SELECT idx_scan > 0 FROM pg_stat_user_indexes WHERE indexrelname = 'items_shelf'"));
            long size = sizeOf(db);

            assertThat(PostgresFixtures.run(new UnusedIndexesCheck(db.targets("unused-index-bytes=16384"))))
                    .singleElement().satisfies(f -> {
                        assertThat(f.code().code()).isEqualTo("PG-305");
                        assertThat(f.severity()).isEqualTo(Severity.P3);
                        assertThat(f.resource()).isEqualTo(new Resource("Index", "public", "items_sku"));
                        assertThat(f.title()).matches("Index public\\.items_sku \\(" + Humanize.bytes(size).replace(".", "\\.")
                                + "\\) has not been scanned since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC");
                        assertThat(f.evidence()).containsEntry("table", "items")
                                .containsEntry("definition", "CREATE INDEX items_sku ON public.items USING btree (sku)");
                        assertThat(f.remediation()).contains("-c 'DROP INDEX CONCURRENTLY public.items_sku;'");
                    });
            assertThat(PostgresFixtures.run(new UnusedIndexesCheck(db.targets()))).isEmpty();
        }
    }

    private static long sizeOf(PostgresFixtures db) throws Exception {
        try (var c = db.connect(); var s = c.createStatement();
             var rs = s.executeQuery("SELECT pg_relation_size('items_sku')")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
