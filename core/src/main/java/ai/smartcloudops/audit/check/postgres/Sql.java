package ai.smartcloudops.audit.check.postgres;

import ai.smartcloudops.audit.finding.Resource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Small helpers of the PostgreSQL checks: one-value queries, the database and server resources, redaction. */
final class Sql {

    static final int STATEMENT_CHARS = 200;

    private static final Pattern DOLLAR_QUOTED = Pattern.compile("\\$([A-Za-z_]\\w*)?\\$.*?\\$\\1\\$", Pattern.DOTALL);
    private static final Pattern QUOTED = Pattern.compile("[eEbBxXnN]?'(?:[^']|'')*'?");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w$.])-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?(?![\\w.])");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    private Sql() {
    }

    /** A row mapper that may throw. */
    interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    static <T> List<T> list(Connection c, String sql, Row<T> row, Object... parameters) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(row.map(rs));
                }
                return rows;
            }
        }
    }

    static <T> T one(Connection c, String sql, Row<T> row, Object... parameters) throws SQLException {
        List<T> rows = list(c, sql, row, parameters);
        if (rows.size() != 1) {
            throw new SQLException("expected one row from " + sql + ", got " + rows.size());
        }
        return rows.get(0);
    }

    static String currentDatabase(Connection c) throws SQLException {
        return one(c, "SELECT current_database()", rs -> rs.getString(1));
    }

    static Resource database(String name) {
        return new Resource("Database", null, name);
    }

    /** A server target's own resource: the facts of the server, not of a database on it. */
    static Resource server(String name) {
        return new Resource("Server", null, name);
    }

    /**
     * A statement as it may appear in evidence: literals (strings, numbers, dollar-quoted bodies) become
     * {@code ?}, whitespace is collapsed, and at most {@value #STATEMENT_CHARS} characters are kept.
     */
    static String redact(String query) {
        if (query == null) {
            return "";
        }
        String text = DOLLAR_QUOTED.matcher(query).replaceAll("?");
        text = QUOTED.matcher(text).replaceAll("?");
        text = NUMBER.matcher(text).replaceAll("?");
        return truncate(SPACE.matcher(text).replaceAll(" ").trim());
    }

    static String truncate(String text) {
        return text.length() <= STATEMENT_CHARS ? text : text.substring(0, STATEMENT_CHARS - 1) + "…";
    }
}
