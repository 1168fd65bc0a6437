package ai.smartcloudops.audit.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The one place tests get PostgreSQL from: an embedded server (zonky) by default, or a Testcontainers
 * PostgreSQL with {@code -Dhealth-audit.test.db=container} on a machine with Docker. One server per test JVM;
 * each caller gets a fresh database on it.
 */
public final class TestDatabase {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static Server server;

    private TestDatabase() {
    }

    /** A JDBC URL (with credentials) of a new, empty database. */
    public static synchronized String newDatabase() {
        if (server == null) {
            server = "container".equals(System.getProperty("health-audit.test.db")) ? container() : embedded();
        }
        String name = "audit_test_" + DATABASES.incrementAndGet();
        try (Connection c = DriverManager.getConnection(server.url("postgres"), server.user(), server.password());
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return server.url(name) + (server.url(name).contains("?") ? "&" : "?") + "user=" + server.user()
                + "&password=" + server.password();
    }

    /** A JDBC URL of a new database holding the store's tables (Flyway migrated), as the application leaves it. */
    public static String newStore() {
        String url = newDatabase();
        Flyway.configure().dataSource(url, null, null).load().migrate();
        return url;
    }

    /** The first column of every row {@code sql} returns from the database at {@code url}, as text. */
    public static List<String> rows(String url, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    private record Server(String host, int port, String user, String password) {
        String url(String database) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }
    }

    private static Server embedded() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                    .setServerConfig("max_connections", "200")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException e) {
                    // the JVM is exiting; the data directory is temporary
                }
            }));
            return new Server("localhost", postgres.getPort(), "postgres", "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded test PostgreSQL", e);
        }
    }

    @SuppressWarnings("resource")
    private static Server container() {
        PostgreSQLContainer container = new PostgreSQLContainer("postgres:14-alpine")
                .withCommand("postgres", "-c", "shared_preload_libraries=pg_stat_statements", "-c",
                        "max_connections=200");
        container.start();
        return new Server(container.getHost(), container.getFirstMappedPort(), container.getUsername(),
                container.getPassword());
    }
}
