package ai.smartcloudops.audit.check.postgres;

import static ai.smartcloudops.audit.store.TestDatabase.rows;
import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.cli.CliRun;
import ai.smartcloudops.audit.demo.DemoDatabase;
import ai.smartcloudops.audit.store.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The nightly job through the command line against a real PostgreSQL seeded with the demo's faults. */
class PostgresChecksIT {

    @TempDir
    Path tmp;

    @Test
    void theNightlyJobStoresAFindingForEveryDrivenFault() throws Exception {
        PostgresFixtures db = PostgresFixtures.newDatabase();
        String store = TestDatabase.newDatabase();
        try (db; DemoDatabase.Faults faults = DemoDatabase.seed(db.url, db.user, db.password)) {
            Path config = tmp.resolve("postgres.yml");
            Files.writeString(config, """
                    health-audit:
                      postgres:
                        databases:
                          - name: orders-db
                            server: orders-server
                            url: %s
                            username: %s
                            password: %s
                        thresholds:
                    %s
                    """.formatted(db.url, db.user, db.password, DemoDatabase.THRESHOLDS.stream()
                    .map(t -> "      " + t.replace("=", ": ")).collect(Collectors.joining("\n"))));

            CliRun run = CliRun.of("run", "nightly", "--only", "postgres", "--config", config.toString(),
                    "--store", store, "--out", tmp.resolve("out").toString());

            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
            assertThat(findings(store)).isEqualTo(new TreeMap<>(
                    DemoDatabase.faults(db.database, "orders-server")));
            // every check saw all it reads (the fixture's user is the superuser); pool and pgbouncer have none here
            assertThat(rows(store, "SELECT check_id || ' ' || status FROM check_execution WHERE status <> 'ran' "
                    + "ORDER BY check_id")).containsExactly("postgres.pgbouncer not configured",
                    "postgres.pool not configured");
            assertThat(rows(store, "SELECT code || ' ' || severity FROM finding WHERE code IN ('PG-204', 'PG-306')"))
                    .containsExactlyInAnyOrder("PG-204 P1", "PG-306 P1");
        } finally {
            db.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '"
                    + DemoDatabase.SLOT + "'");
        }
    }

    private static Map<String, String> findings(String store) throws SQLException {
        Map<String, String> byCode = new TreeMap<>();
        for (String row : rows(store, "SELECT code || ' ' || resource_kind || '/' "
                + "|| COALESCE(resource_namespace || '/', '') || resource_name FROM finding "
                + "WHERE target IN ('orders-db', 'orders-server')")) {
            String[] parts = row.split(" ", 2);
            byCode.merge(parts[0], parts[1], (a, b) -> a + ", " + b);
        }
        return byCode;
    }

}
