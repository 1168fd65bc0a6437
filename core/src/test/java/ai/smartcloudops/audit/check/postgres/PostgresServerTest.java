package ai.smartcloudops.audit.check.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.smartcloudops.audit.demo.DemoReplica;
import ai.smartcloudops.audit.finding.Coverage;
import ai.smartcloudops.audit.finding.CoverageStatus;
import ai.smartcloudops.audit.run.Sweep;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One primary holding two audited databases, a lagging standby of it that is audited too, and the primary's
 * inventory database configured a second time under another address: every server-wide fact is one finding, on the
 * server, and every catalog fact one finding, on the primary.
 */
class PostgresServerTest {

    private static final String USER = "postgres";
    private static final String PRIMARY = "orders-primary";
    private static final String STANDBY = "orders-standby";

    @TempDir
    static Path dir;
    private static EmbeddedPostgres primary;
    private static DemoReplica standby;

    @BeforeAll
    static void start() throws Exception {
        primary = PostgresFixtures.server(dir.resolve("primary"));
        try (PostgresFixtures orders = PostgresFixtures.newDatabase(primary, "orders");
             PostgresFixtures inventory = PostgresFixtures.newDatabase(primary, "inventory")) {
            orders.execute("CREATE TABLE customers (id int, email text)",
                    "INSERT INTO customers VALUES (1, 'a@example.com'), (2, 'a@example.com')");
            assertThatThrownBy(() -> orders.execute("CREATE UNIQUE INDEX CONCURRENTLY customers_email_key "
                    + "ON customers (email)")).hasMessageContaining("duplicate");   // left invalid, on every standby
            inventory.execute("SELECT pg_create_physical_replication_slot('abandoned', true)");
        }
        standby = DemoReplica.start(primary.getPort(), USER, USER, STANDBY, dir.resolve("standby"));
        standby.pauseReplay();
        standby.awaitPrimaryLag(Duration.ofMillis(1100));
    }

    @AfterAll
    static void stop() throws Exception {
        if (standby != null) {
            standby.close();
        }
        if (primary != null) {
            primary.close();
        }
    }

    @Test
    void eachFactOfTheServerAndOfItsCatalogIsOneFinding() {
        PostgresTargets targets = new PostgresTargets(PostgresFixtures.bind(configuration()));

        Sweep.Result result = PostgresFixtures.sweep(new ConnectionsCheck(targets), new ReplicationLagCheck(targets),
                new ReplicationSlotsCheck(targets), new InvalidIndexesCheck(targets));

        Map<String, String> findings = result.findings().stream().collect(Collectors.toMap(
                f -> f.code().code() + " " + f.target(), f -> f.resource().kind() + "/" + f.resource().name(),
                (a, b) -> a + ", " + b, TreeMap::new));
        assertThat(findings).isEqualTo(Map.of(
                        "PG-102 " + PRIMARY, "Server/" + PRIMARY,
                        "PG-401 " + PRIMARY, "Replica/orders_standby",
                        "PG-402 " + PRIMARY, "ReplicationSlot/abandoned",
                        "PG-304 orders", "Index/customers_email_key"));
        Map<String, String> coverage = result.coverage().stream().collect(Collectors.toMap(
                c -> c.check() + "@" + c.target(), c -> c.status() + (c.reason() == null ? "" : ": " + c.reason())));
        String alias = "127.0.0.1:" + primary.getPort();
        assertThat(coverage).containsEntry(ConnectionsCheck.ID + "@" + PRIMARY, "ran")
                .containsEntry(ConnectionsCheck.ID + "@" + STANDBY, "ran")
                .containsEntry(ReplicationSlotsCheck.ID + "@" + STANDBY, "ran")
                .containsEntry(ReplicationLagCheck.ID + "@" + STANDBY, "skipped: the replay lag of this standby is "
                        + "reported by its primary, server " + PRIMARY + " (pg_stat_replication)")
                .containsEntry(InvalidIndexesCheck.ID + "@orders-on-standby", "skipped: invalid indexes (PG-304) of "
                        + "orders-on-standby are reported on orders, on the primary of this standby: a standby's catalog is "
                        + "a copy of its primary's")
                .containsEntry(InvalidIndexesCheck.ID + "@inventory", "ran")
                .containsEntry(InvalidIndexesCheck.ID + "@inventory-by-address", "ran");
        assertThat(coverage.get(ConnectionsCheck.ID + "@" + alias)).matches("skipped: the same server as " + PRIMARY
                + " \\(system identifier \\d+, started [^)]+\\), configured before it: its facts are reported on "
                + PRIMARY);
        assertThat(result.coverage()).filteredOn(c -> c.target().equals(alias)).extracting(Coverage::status)
                .containsOnly(CoverageStatus.SKIPPED);
    }

    /**
     * orders and inventory on the primary, named as one server; the standby's orders; inventory again by its address,
     * without a server name.
     */
    private static Map<String, String> configuration() {
        Map<String, String> source = new HashMap<>();
        database(source, 0, "orders", PRIMARY, primary.getPort(), "localhost", "orders");
        database(source, 1, "inventory", PRIMARY, primary.getPort(), "localhost", "inventory");
        database(source, 2, "orders-on-standby", STANDBY, standby.port(), "localhost", "orders");
        database(source, 3, "inventory-by-address", null, primary.getPort(), "127.0.0.1", "inventory");
        // the first database of a server holds the server's thresholds: any number of connections is PG-102 here
        source.put("health-audit.postgres.databases[0].thresholds.connections-warn-percent", "0");
        source.put("health-audit.postgres.thresholds.replication-lag", "1s");
        return source;
    }

    private static void database(Map<String, String> source, int index, String name, String server, int port,
                                 String host, String database) {
        String prefix = "health-audit.postgres.databases[" + index + "].";
        source.put(prefix + "name", name);
        if (server != null) {
            source.put(prefix + "server", server);
        }
        source.put(prefix + "url", "jdbc:postgresql://" + host + ":" + port + "/" + database);
        source.put(prefix + "username", USER);
        source.put(prefix + "password", USER);
    }
}
