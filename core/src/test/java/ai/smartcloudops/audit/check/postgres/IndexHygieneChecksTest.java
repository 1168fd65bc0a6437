package ai.smartcloudops.audit.check.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Severity;
import ai.smartcloudops.audit.text.Humanize;
import org.junit.jupiter.api.Test;

/**
 * PG-307, PG-308 and PG-309, pghero's duplicate indexes, invalid constraints and missing indexes, on an embedded
 * PostgreSQL's catalog and statistics.
 */
class IndexHygieneChecksTest {

    @Test
    void anIndexLedByAnotherIsPg307AndOnlyTheWeakerOrNewerOfAPairIs() throws Exception {
        try (PostgresFixtures db = PostgresFixtures.newDatabase()) {
            db.execute("CREATE TABLE items (id int PRIMARY KEY, sku text, shelf int, \"Bin $(id)\" text)",
                    // led by items_sku_shelf: a duplicate
                    "CREATE INDEX items_sku ON items (sku)",
                    "CREATE INDEX items_sku_shelf ON items (sku, shelf)",
                    // the same columns in another order, a partial one, an expression one: not duplicates
                    "CREATE INDEX items_shelf_sku ON items (shelf, sku)",
                    "CREATE INDEX items_sku_live ON items (sku) WHERE shelf > 0",
                    "CREATE INDEX items_lower_sku ON items (lower(sku))",
                    // unique: enforces something the wider index does not
                    "CREATE UNIQUE INDEX items_shelf_unique ON items (shelf)",
                    // a plain index on the primary key's column, and two equal ones: the newer is the duplicate
                    "CREATE INDEX items_id ON items (id)",
                    "CREATE INDEX \"=HYPERLINK(1)\" ON items (\"Bin $(id)\")",
                    "CREATE INDEX \"<script>\" ON items (\"Bin $(id)\")");

            var findings = PostgresFixtures.run(new DuplicateIndexesCheck(db.targets()));

            assertThat(findings).extracting(f -> f.code().code(), Finding::severity, f -> f.resource().name(),
                    f -> f.evidence().get("coveredBy")).containsExactlyInAnyOrder(
                    tuple("PG-307", Severity.P3, "items_sku", "items_sku_shelf"),
                    tuple("PG-307", Severity.P3, "items_id", "items_pkey"),
                    tuple("PG-307", Severity.P3, "<script>", "\"=HYPERLINK(1)\""));
            assertThat(findings).filteredOn(f -> f.resource().name().equals("items_sku")).singleElement()
                    .satisfies(f -> {
                        assertThat(f.title()).isEqualTo("Index public.items_sku on items duplicates items_sku_shelf");
                        assertThat(f.remediation()).contains("-c 'DROP INDEX CONCURRENTLY public.items_sku;'");
                    });
            assertThat(findings).filteredOn(f -> f.resource().name().equals("<script>")).singleElement()
                    .satisfies(f -> assertThat(f.remediation())
                            .contains("-c 'DROP INDEX CONCURRENTLY public.\"<script>\";'"));
        }
    }

    @Test
    void aConstraintAddedNotValidIsPg308UntilItIsValidated() throws Exception {
        try (PostgresFixtures db = PostgresFixtures.newDatabase()) {
            db.execute("CREATE TABLE customers (id int PRIMARY KEY)",
                    "CREATE TABLE orders (id int PRIMARY KEY, customer int, total numeric)",
                    "INSERT INTO orders VALUES (1, 7, -5)",
                    "ALTER TABLE orders ADD CONSTRAINT orders_customer FOREIGN KEY (customer) REFERENCES customers "
                            + "NOT VALID",
                    "ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total >= 0) NOT VALID",
                    "ALTER TABLE orders ADD CONSTRAINT orders_id_positive CHECK (id > 0)");

            var findings = PostgresFixtures.run(new InvalidConstraintsCheck(db.targets()));

            assertThat(findings).extracting(f -> f.code().code(), Finding::severity, Finding::title).containsExactly(
                    tuple("PG-308", Severity.P3, "The foreign key constraint public.orders_customer on orders is NOT "
                            + "VALID"),
                    tuple("PG-308", Severity.P3, "The check constraint public.orders_total_positive on orders is NOT "
                            + "VALID"));
            assertThat(findings.get(1).evidence()).containsEntry("definition", "CHECK ((total >= (0)::numeric)) "
                    + "NOT VALID");
            assertThat(findings.get(1).remediation())
                    .contains("-c 'ALTER TABLE orders VALIDATE CONSTRAINT orders_total_positive;'");

            db.execute("DELETE FROM orders WHERE total < 0", "ALTER TABLE orders VALIDATE CONSTRAINT "
                    + "orders_total_positive");
            assertThat(PostgresFixtures.run(new InvalidConstraintsCheck(db.targets())))
                    .extracting(f -> f.resource().name()).containsExactly("orders_customer");
        }
    }

    @Test
    void aLargeTableScannedMostlySequentiallyIsPg309AndASmallOrIndexedOneIsNot() throws Exception {
        try (PostgresFixtures db = PostgresFixtures.newDatabase()) {
            db.execute("CREATE TABLE events (id bigint PRIMARY KEY, action text)",
                    "INSERT INTO events SELECT g, 'a-' || (g % 40) FROM generate_series(1, 12000) g",
                    "CREATE TABLE small (id int PRIMARY KEY, action text)",
                    "INSERT INTO small SELECT g, 'a' FROM generate_series(1, 100) g",
                    "SELECT count(*) FROM events WHERE action = 'a-7'",
                    "SELECT count(*) FROM events WHERE action = 'a-8'",
                    "SELECT count(*) FROM small WHERE action = 'a'",
                    "SET enable_seqscan = off; SELECT action FROM events WHERE id = 5");
            PostgresFixtures.await("the scans in pg_stat_user_tables", () -> db.holds(
                    "SELECT seq_scan >= 2 AND idx_scan >= 1 AND n_live_tup >= 12000 FROM pg_stat_user_tables "
                            + "WHERE relname = 'events'"));

            long seq = db.number("SELECT seq_scan FROM pg_stat_user_tables WHERE relname = 'events'");
            long idx = db.number("SELECT idx_scan FROM pg_stat_user_tables WHERE relname = 'events'");

            var findings = PostgresFixtures.run(new MissingIndexesCheck(db.targets()));

            assertThat(findings).singleElement().satisfies(f -> {
                assertThat(f.code().code()).isEqualTo("PG-309");
                assertThat(f.severity()).isEqualTo(Severity.P3);
                assertThat(f.resource()).isEqualTo(new ai.smartcloudops.audit.finding.Resource("Table", "public",
                        "events"));
                assertThat(f.title()).isEqualTo("Table public.events (12000 rows) is scanned with an index "
                        + Humanize.percent(100.0 * idx / (seq + idx)) + " of the time");
                assertThat(f.evidence()).containsEntry("seqScans", String.valueOf(seq))
                        .containsEntry("indexScans", String.valueOf(idx))
                        .containsEntry("seqRowsRead", String.valueOf(db.number(
                                "SELECT seq_tup_read FROM pg_stat_user_tables WHERE relname = 'events'")));
                assertThat(f.remediation()).contains("-c \"CREATE INDEX CONCURRENTLY ON public.events ($COLUMNS);\"");
            });
            assertThat(PostgresFixtures.run(new MissingIndexesCheck(db.targets("index-use-percent=" + (long) Math.floor(
                    100.0 * idx / (seq + idx)))))).isEmpty();
        }
    }
}
