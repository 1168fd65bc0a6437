package ai.smartcloudops.audit.check.postgres;

import ai.smartcloudops.audit.check.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.postgresql.Driver;

/**
 * Where a configured database is: its JDBC URL read by the driver's own parser, the one place the audit takes such a
 * URL apart. It names the server a database is on and the {@code psql} arguments of a remediation.
 *
 * @param host     one host name or address (an IPv6 address without brackets)
 * @param port     the server's port, 5432 unless the URL says otherwise
 * @param database the database, decoded as the driver decodes it
 * @param user     the URL's {@code user} parameter, or null
 * @param sslmode  the URL's {@code sslmode} parameter, or null
 */
public record PostgresUrl(String host, int port, String database, String user, String sslmode) {

    static final String FORMAT = "jdbc:postgresql://HOST[:PORT]/DATABASE";
    private static final String PREFIX = "jdbc:postgresql://";

    public PostgresUrl {
        if (host == null || host.isBlank() || host.contains(",")) {
            throw new IllegalArgumentException("one host is expected");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("the port must be between 1 and 65535");
        }
        if (database == null || database.isEmpty()) {
            throw new IllegalArgumentException("the database is missing");
        }
    }

    /**
     * The parts of {@code url}; an IllegalArgumentException that names what is wrong, never the URL (it may hold a
     * password).
     */
    public static PostgresUrl parse(String url) {
        Properties parsed = url == null || !url.startsWith(PREFIX) ? null : Driver.parseURL(url, new Properties());
        if (parsed == null) {
            throw new IllegalArgumentException("expected " + FORMAT);
        }
        String host = parsed.getProperty("PGHOST", "");
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new PostgresUrl(host, Integer.parseInt(parsed.getProperty("PGPORT", "5432").split(",")[0]),
                parsed.getProperty("PGDBNAME"), parsed.getProperty("user"), parsed.getProperty("sslmode"));
    }

    /** host:port, the host in lower case ({@code [v6]:port}): the name of the server when none is configured. */
    public String address() {
        String name = host.toLowerCase(Locale.ROOT);
        return (name.contains(":") ? "[" + name + "]" : name) + ":" + port;
    }

    /** The same database and role on another server of it (a standby, a primary), e.g. as replication names it. */
    public PostgresUrl on(String otherHost, int otherPort) {
        return new PostgresUrl(otherHost, otherPort, database, user, sslmode);
    }

    /**
     * The arguments of {@code psql} that reach this database as {@code username} (the URL's user when null):
     * {@code -h HOST -p PORT -U USER -d DATABASE}. The database goes in as a connection string when sslmode is set or
     * when psql would read its name as one (an {@code =} in it, a URI), so a name stays a name.
     */
    public Template.Words psql(String username) {
        List<String> words = new ArrayList<>(List.of("-h", host, "-p", String.valueOf(port)));
        String role = username != null ? username : user;
        if (role != null) {
            words.addAll(List.of("-U", role));
        }
        boolean conninfo = sslmode != null || database.contains("=") || database.startsWith("postgresql://")
                || database.startsWith("postgres://");
        words.addAll(List.of("-d", conninfo ? "dbname=" + conninfoValue(database)
                + (sslmode == null ? "" : " sslmode=" + conninfoValue(sslmode)) : database));
        return new Template.Words(words);
    }

    /** A value of a libpq connection string: single-quoted, with {@code '} and {@code \} escaped by a backslash. */
    private static String conninfoValue(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
