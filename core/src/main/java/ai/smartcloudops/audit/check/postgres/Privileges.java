package ai.smartcloudops.audit.check.postgres;

import ai.smartcloudops.audit.check.CheckContext;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * What PostgreSQL hides from the audit's role, reported as a gap of the check that needed it: a role without
 * pg_read_all_stats sees another role's sessions without state, times or query, and its statements without text.
 */
final class Privileges {

    /** What PostgreSQL shows instead of another role's query text. */
    static final String HIDDEN = "<insufficient privilege>";

    private Privileges() {
    }

    /** The audit's role, as an SQL identifier for a GRANT. */
    static String role(Connection c) throws SQLException {
        return Sql.one(c, "SELECT quote_ident(current_user)", rs -> rs.getString(1));
    }

    /** Sessions of this database whose state and query the role may not see. */
    static long hiddenSessions(Connection c) throws SQLException {
        return Sql.one(c, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query = ?",
                rs -> rs.getLong(1), HIDDEN);
    }

    /** The gap of a check that reads pg_stat_activity: the same for every such check of the database. */
    static void sessions(CheckContext context, PostgresSnapshot snapshot) {
        stats(context, snapshot, snapshot.hiddenSessions().get(context),
                "sessions of other roles in pg_stat_activity (their state, times and query)");
    }

    /** {@code hidden} rows of a statistics view that pg_read_all_stats would show in full. */
    static void stats(CheckContext context, PostgresSnapshot snapshot, long hidden, String what) {
        if (hidden > 0) {
            context.partial(hidden + " " + what, "GRANT pg_read_all_stats", "GRANT pg_read_all_stats TO "
                    + snapshot.role() + "; -- pg_monitor includes it");
        }
    }
}
