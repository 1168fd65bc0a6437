package ai.smartcloudops.audit.demo;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A hot standby of an embedded PostgreSQL on this machine, streaming from it: a base backup taken with
 * {@code pg_start_backup}/{@code pg_stop_backup} and a file copy (the embedded binaries ship no pg_basebackup),
 * started with {@code standby.signal} and {@code primary_conninfo}. The primary must accept replication
 * connections from localhost, as an embedded server's trust authentication does.
 */
public final class EmbeddedStandby implements AutoCloseable {

    /** Files of the running primary that a base backup leaves out. */
    private static final Set<String> SERVER_FILES = Set.of("postmaster.pid", "postmaster.opts", "epg-lock");
    /** Directories a base backup copies empty: WAL (the standby streams it) and the primary's runtime state. */
    private static final Set<String> EMPTIED = Set.of("pg_wal", "pg_replslot", "pg_stat_tmp", "pg_dynshmem",
            "pg_notify", "pg_serial", "pg_snapshots", "pg_subtrans");

    /** The standby's server log, in its data directory: it says why a standby did not start. */
    private static final String LOG = "standby.log";

    private final EmbeddedPostgres server;
    private final Path dataDir;

    private EmbeddedStandby(EmbeddedPostgres server, Path dataDir) {
        this.server = server;
        this.dataDir = dataDir;
    }

    /**
     * Starts a standby of the server on {@code primaryPort} in the empty directory {@code dataDir}; the primary
     * lists it in pg_stat_replication as {@code applicationName}. {@code settings} go into its configuration before
     * it starts (a {@code primary_slot_name}, a {@code recovery_min_apply_delay}).
     */
    public static EmbeddedStandby start(int primaryPort, String user, String password, String applicationName,
                                        Map<String, String> settings, Path dataDir) {
        String url = "jdbc:postgresql://localhost:" + primaryPort + "/postgres";
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            Path primaryData;
            try (ResultSet rs = s.executeQuery("SHOW data_directory")) {
                rs.next();
                primaryData = Path.of(rs.getString(1));
            }
            s.execute("SELECT pg_start_backup('health-audit standby', true, false)");
            copy(primaryData, dataDir);
            try (ResultSet rs = s.executeQuery("SELECT labelfile FROM pg_stop_backup(false, false)")) {
                rs.next();
                Files.writeString(dataDir.resolve("backup_label"), rs.getString(1));
            }
            Files.createDirectories(dataDir.resolve("pg_wal/archive_status"));
            Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
            Files.createFile(dataDir.resolve("standby.signal"));
            // in the configuration file, not on the command line: the server is started through pg_ctl -o;
            // a status report every second keeps the primary's view of the replay lag current
            Files.writeString(dataDir.resolve("postgresql.auto.conf"), "primary_conninfo = 'host=localhost port="
                    + primaryPort + " user=" + user + " password=" + password + " application_name="
                    + applicationName + "'\nwal_receiver_status_interval = 1\n", StandardOpenOption.APPEND);
            for (Map.Entry<String, String> setting : settings.entrySet()) {
                Files.writeString(dataDir.resolve("postgresql.auto.conf"), setting.getKey() + " = '"
                        + setting.getValue().replace("'", "''") + "'\n", StandardOpenOption.APPEND);
            }
            EmbeddedPostgres server = EmbeddedPostgres.builder().setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(dataDir.resolve(LOG).toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(dataDir.resolve(LOG).toFile()))
                    .start();
            return new EmbeddedStandby(server, dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a standby of localhost:" + primaryPort + " in " + dataDir
                    + lastLines(dataDir.resolve(LOG)), e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take a base backup of localhost:" + primaryPort + ": "
                    + e.getMessage(), e);
        }
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop the standby in " + dataDir, e);
        } finally {
            Demo.delete(dataDir);
        }
    }

    private static String lastLines(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return ": " + String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return !dir.equals(from) && EMPTIED.contains(dir.getFileName().toString())
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                if (!SERVER_FILES.contains(file.getFileName().toString())) {
                    try {
                        Files.copy(file, to.resolve(from.relativize(file).toString()),
                                StandardCopyOption.REPLACE_EXISTING);
                    } catch (NoSuchFileException e) {
                        // dropped by the running server during the backup: WAL replay recreates what is needed
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
    }
}
