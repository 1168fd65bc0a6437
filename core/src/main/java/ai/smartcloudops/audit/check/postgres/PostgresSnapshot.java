package ai.smartcloudops.audit.check.postgres;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.CounterWindow;
import ai.smartcloudops.audit.check.Part;
import ai.smartcloudops.audit.check.SharedKey;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the audit reads of one database in a run, on one connection and in one READ ONLY transaction (one view of the
 * pg_stat_* views and the catalog), once for every PostgreSQL check of the database. Only the parts the run's checks
 * of the database inspect are read; each under a savepoint, so a part that fails (a statement timeout, a view the
 * role may not read) fails only the checks that inspect it. Every row set is bounded: the queries keep only rows past
 * the thresholds, and at most {@link #ROWS} of them.
 *
 * @param database        the database's name on its server (current_database())
 * @param role            the audit's role, as an SQL identifier for a GRANT
 * @param primary         the audited database this one's catalog is a copy of, when it is on a standby
 * @param hiddenSessions  sessions of the database whose state and query the role may not see
 */
record PostgresSnapshot(String database, String role, Optional<String> primary, Part<Connectivity> connectivity,
                        Part<Long> hiddenSessions, Part<Blocks> blocks, Part<List<DeadTuples>> deadTuples,
                        Part<Sessions> idleInTransaction, Part<List<Index>> invalidIndexes, Part<List<Wait>> locks,
                        Part<Queries> longQueries, Part<Sequences> sequences, Part<Statements> statements,
                        Part<UnusedIndexes> unusedIndexes, Part<Wraparound> wraparound,
                        Part<List<DuplicateIndex>> duplicateIndexes, Part<List<Constraint>> invalidConstraints,
                        Part<SeqScans> seqScans, Part<Sizes> sizes, Part<BloatedIndexes> bloatedIndexes) {

    /** The most rows a query keeps of what is past its thresholds. */
    static final int ROWS = 1000;
    /** The characters of a statement's text read: redacted and shortened after, a statement may be megabytes. */
    static final int STATEMENT_READ_CHARS = 4000;
    /** Sessions, queries and waits shown in a finding; the others are counted. */
    static final int SHOWN = 5;

    PostgresSnapshot {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(primary, "primary");
    }

    /** SELECT 1's round trips, the connection's time to open (after the run's first connection paid for more). */
    record Connectivity(long connectNanos, List<Long> roundTripNanos) {
        Connectivity {
            roundTripNanos = List.copyOf(roundTripNanos);
        }
    }

    /** The database's block counters in pg_stat_database, and where they count from. */
    record Blocks(long hits, long reads, CounterWindow.Origin origin) {
        Blocks {
            Objects.requireNonNull(origin, "origin");
        }
    }

    /** A table with at least the threshold's dead tuples; {@code vacuumStale}: not vacuumed for the stale time. */
    record DeadTuples(String schema, String table, String qualified, long live, long dead, Instant lastVacuum,
                      Instant lastAnalyze, boolean vacuumStale, boolean analyzeStale, String autovacuum) {
    }

    /** A session idle in a transaction past the threshold. */
    record Session(int pid, double idleSeconds, String application, String user, String state) {
    }

    /** The oldest {@link #SHOWN} sessions idle in a transaction, and how many there are. */
    record Sessions(long count, List<Session> oldest) {
        Sessions {
            oldest = List.copyOf(oldest);
        }
    }

    /** An index of the database: its schema, name, qualified name, table, size and definition. */
    record Index(String schema, String name, String qualified, String table, long bytes, String definition) {
    }

    /** An index whose columns lead another index of its table, which serves its every query ({@code coveredBy}). */
    record DuplicateIndex(Index index, String coveredBy, String coveringDefinition) {
    }

    /** A constraint added NOT VALID and never validated: rows from before it were never checked against it. */
    record Constraint(String schema, String name, String table, String type, String definition) {
    }

    /**
     * A large table whose scans are mostly sequential since {@code since}.
     *
     * @param indexPercent idx_scan over all its scans, in percent
     */
    record SeqScanned(String schema, String table, String qualified, long rows, long seqScans, long indexScans,
                      long seqRowsRead, double indexPercent) {
    }

    /** The tables scanned mostly sequentially since {@code since}, when the statistics count from. */
    record SeqScans(String since, List<SeqScanned> tables) {
        SeqScans {
            tables = List.copyOf(tables);
        }
    }

    /** A table's size with its indexes and TOAST. */
    record TableSize(String schema, String table, String qualified, long bytes) {
    }

    /** The database's size and its {@link #ROWS} largest tables'. */
    record Sizes(long databaseBytes, List<TableSize> tables) {
        Sizes {
            tables = List.copyOf(tables);
        }
    }

    /**
     * A B-tree index larger than its rows need: {@code pages} as of the last VACUUM or ANALYZE, {@code neededPages}
     * estimated from its rows, their width in the statistics and its fillfactor.
     */
    record BloatedIndex(Index index, long pages, long neededPages, int blockSize, int fillfactor) {
        double bloatBytes() {
            return ((double) pages - neededPages) * blockSize;
        }

        double bloatPercent() {
            return 100.0 * ((double) pages - neededPages) / pages;
        }
    }

    /**
     * The bloated B-tree indexes, and how many indexes past the size threshold were not estimated because the role
     * may not read their table: pg_stats shows a column's statistics only to a role that may select it.
     */
    record BloatedIndexes(List<BloatedIndex> indexes, long unreadable) {
        BloatedIndexes {
            indexes = List.copyOf(indexes);
        }
    }

    /** Large indexes never scanned since {@code since}, when the statistics count from. */
    record UnusedIndexes(String since, List<Index> indexes) {
        UnusedIndexes {
            indexes = List.copyOf(indexes);
        }
    }

    /**
     * A session waiting on a lock past the threshold; {@code schema}/{@code relation} name the table waited for,
     * {@code lockType} what else is (a transaction id, an advisory lock).
     */
    record Wait(int pid, String blockingPids, int blockingPid, double waitedSeconds, String mode, String lock,
                String application, String user, String blockers, String schema, String relation,
                String lockType) {
    }

    /** A statement running past the threshold, its literals removed. */
    record Query(int pid, double seconds, String waitEvent, String application, String query) {
    }

    /** The {@link #SHOWN} longest statements running past the threshold, and how many there are. */
    record Queries(long count, List<Query> longest) {
        Queries {
            longest = List.copyOf(longest);
        }
    }

    /** A sequence the role may read and that does not cycle: its last value and the end it moves to. */
    record Sequence(String schema, String name, String qualified, String dataType, BigDecimal last, BigDecimal end) {
    }

    /** A sequence whose last_value the role may not read, by its schema and qualified name (SQL identifiers). */
    record Hidden(String schema, String qualified) {
    }

    record Sequences(List<Sequence> readable, List<Hidden> hidden) {
        Sequences {
            readable = List.copyOf(readable);
            hidden = List.copyOf(hidden);
        }
    }

    /**
     * A statement of pg_stat_statements, the entries of its queryid (one per role) together: the cumulative calls and
     * time the audit compares with its previous sample; its text redacted.
     */
    record Statement(String queryId, long calls, double totalMillis, String query) {
    }

    /**
     * pg_stat_statements of the database: the {@link #ROWS} statements with the most time, what their counters count
     * from; or why the extension cannot be asked ({@code missing}).
     *
     * @param hidden statements of other roles the role may not see the text of
     */
    record Statements(String missing, CounterWindow.Origin origin, List<Statement> busiest, long hidden) {
        Statements {
            busiest = List.copyOf(busiest);
        }

        static Statements missing(String reason) {
            return new Statements(Objects.requireNonNull(reason, "reason"), null, List.of(), 0);
        }
    }

    /** The age of the database's oldest unfrozen transaction ID, its oldest table and autovacuum_freeze_max_age. */
    record Wraparound(long age, String oldestTable, String oldestTableAge, String freezeMaxAge) {
    }

    /** Reads the parts the run's checks of the context's database inspect. */
    static PostgresSnapshot read(CheckContext context, PostgresTargets targets) {
        Set<String> checks = checks(context);
        PostgresProperties.Thresholds t = targets.thresholds(context);
        PostgresProperties.Database configured = targets.database(context);
        Optional<String> primary = checks.contains(InvalidIndexesCheck.ID) || checks.contains(UnusedIndexesCheck.ID)
                || checks.contains(SequencesCheck.ID) || checks.contains(DuplicateIndexesCheck.ID)
                || checks.contains(InvalidConstraintsCheck.ID) || checks.contains(GrowthCheck.ID)
                || checks.contains(IndexBloatCheck.ID) ? targets.auditedPrimary(context, configured,
                d -> d.location().database().equals(configured.location().database()))
                .map(PostgresProperties.Database::name) : Optional.empty();
        targets.reachable(context);   // the run's first connection to the database: the probe pays for more
        long started = System.nanoTime();
        try {
            return targets.withConnection(context, c -> {
                long connectNanos = System.nanoTime() - started;
                c.setAutoCommit(false);
                try (java.sql.Statement s = c.createStatement()) {
                    s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                }
                try {
                    return read(c, checks, t, targets.ownSessions(c, context), connectNanos, primary);
                } finally {
                    c.rollback();
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The checks whose parts a read reads: the run's checks of the target, and the one that asked. */
    static Set<String> checks(CheckContext context) {
        Set<String> checks = new TreeSet<>(context.checksOnTarget());
        checks.add(context.checkId());
        return checks;
    }

    /**
     * The key a snapshot of {@code name} is shared under: named by the checks it reads for too, so a context that
     * announces other checks of the target (a check run on its own) gets a read that has its part.
     */
    static <T> SharedKey<T> key(String name, Class<T> type, CheckContext context) {
        return SharedKey.of(name + " " + String.join(",", checks(context)), type);
    }

    private static PostgresSnapshot read(Connection c, Set<String> checks, PostgresProperties.Thresholds t,
                                         Array own, long connectNanos, Optional<String> primary) throws SQLException {
        String database = Sql.currentDatabase(c);
        boolean catalog = primary.isEmpty();
        return new PostgresSnapshot(database, Privileges.role(c), primary,
                Savepoints.part(c, checks.contains(ConnectivityCheck.ID), x -> connectivity(x, connectNanos)),
                Savepoints.part(c, checks.contains(LongQueriesCheck.ID) || checks.contains(IdleInTransactionCheck.ID),
                        Privileges::hiddenSessions),
                Savepoints.part(c, checks.contains(CacheHitCheck.ID), PostgresSnapshot::blocks),
                Savepoints.part(c, checks.contains(DeadTuplesCheck.ID), x -> deadTuples(x, t)),
                Savepoints.part(c, checks.contains(IdleInTransactionCheck.ID), x -> idleInTransaction(x, t, own)),
                Savepoints.part(c, catalog && checks.contains(InvalidIndexesCheck.ID),
                        PostgresSnapshot::invalidIndexes),
                Savepoints.part(c, checks.contains(LocksCheck.ID), x -> locks(x, t, own)),
                Savepoints.part(c, checks.contains(LongQueriesCheck.ID), x -> longQueries(x, t, own)),
                Savepoints.part(c, catalog && checks.contains(SequencesCheck.ID), x -> sequences(x, t)),
                Savepoints.part(c, checks.contains(StatementsCheck.ID), x -> statements(x, database)),
                Savepoints.part(c, catalog && checks.contains(UnusedIndexesCheck.ID), x -> unusedIndexes(x, t)),
                Savepoints.part(c, checks.contains(WraparoundCheck.ID), PostgresSnapshot::wraparound),
                Savepoints.part(c, catalog && checks.contains(DuplicateIndexesCheck.ID),
                        PostgresSnapshot::duplicateIndexes),
                Savepoints.part(c, catalog && checks.contains(InvalidConstraintsCheck.ID),
                        PostgresSnapshot::invalidConstraints),
                Savepoints.part(c, checks.contains(MissingIndexesCheck.ID), x -> seqScans(x, t)),
                Savepoints.part(c, catalog && checks.contains(GrowthCheck.ID), PostgresSnapshot::sizes),
                Savepoints.part(c, catalog && checks.contains(IndexBloatCheck.ID), x -> bloatedIndexes(x, t)));
    }

    private static Connectivity connectivity(Connection c, long connectNanos) throws SQLException {
        List<Long> rounds = new ArrayList<>();
        try (java.sql.Statement statement = c.createStatement()) {
            for (int i = 0; i < ConnectivityCheck.SAMPLES; i++) {
                long started = System.nanoTime();
                statement.executeQuery("SELECT 1").close();
                rounds.add(System.nanoTime() - started);
            }
        }
        return new Connectivity(connectNanos, rounds);
    }

    /**
     * The statistics count from the server's system identifier, the database's oid and its statistics reset: when
     * one of them changed (a new server, the database recreated, pg_stat_reset) the window is since then.
     */
    private static Blocks blocks(Connection c) throws SQLException {
        return Sql.one(c, """
                SELECT d.blks_hit, d.blks_read, d.datid, s.system_identifier, d.stats_reset,
                       coalesce('the statistics were reset at '
                                || to_char(d.stats_reset AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI "UTC"'),
                                'the database was created')
                FROM pg_stat_database d, pg_control_system() s WHERE d.datname = current_database()""",
                rs -> new Blocks(rs.getLong(1), rs.getLong(2), new CounterWindow.Origin(Objects.hash(rs.getLong(4),
                        rs.getLong(3), rs.getTimestamp(5)), 0, rs.getString(6))));
    }

    private static List<DeadTuples> deadTuples(Connection c, PostgresProperties.Thresholds t) throws SQLException {
        return Sql.list(c, """
                SELECT s.schemaname, s.relname, quote_ident(s.schemaname) || '.' || quote_ident(s.relname),
                       s.n_live_tup, s.n_dead_tup,
                       greatest(s.last_vacuum, s.last_autovacuum), greatest(s.last_analyze, s.last_autoanalyze),
                       now() - greatest(s.last_vacuum, s.last_autovacuum) >= make_interval(secs => ?) IS NOT FALSE,
                       now() - greatest(s.last_analyze, s.last_autoanalyze) >= make_interval(secs => ?) IS NOT FALSE,
                       coalesce((SELECT o.option_value FROM pg_options_to_table(cl.reloptions) o
                                 WHERE o.option_name = 'autovacuum_enabled'), 'default')
                FROM pg_stat_user_tables s JOIN pg_class cl ON cl.oid = s.relid
                WHERE s.n_dead_tup >= ?
                ORDER BY s.n_dead_tup DESC
                LIMIT ?""", rs -> new DeadTuples(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                rs.getLong(5), instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)), rs.getBoolean(8),
                rs.getBoolean(9), rs.getString(10)), t.staleVacuum().toSeconds(), t.staleVacuum().toSeconds(),
                t.deadTuples(), ROWS);
    }

    private static Sessions idleInTransaction(Connection c, PostgresProperties.Thresholds t, Array own)
            throws SQLException {
        List<long[]> count = new ArrayList<>();
        List<Session> sessions = Sql.list(c, """
                SELECT pid, extract(epoch FROM now() - state_change), coalesce(nullif(application_name, ''), '(none)'),
                       coalesce(usename, '(none)'), state, count(*) OVER ()
                FROM pg_stat_activity
                WHERE datname = current_database() AND pid <> ALL (?)
                  AND state IN ('idle in transaction', 'idle in transaction (aborted)')
                  AND now() - state_change >= make_interval(secs => ?)
                ORDER BY state_change
                LIMIT ?""", rs -> {
                    count.add(new long[] {rs.getLong(6)});
                    return new Session(rs.getInt(1), rs.getDouble(2), rs.getString(3), rs.getString(4),
                            rs.getString(5));
                }, own, t.idleInTransaction().toMillis() / 1000.0, SHOWN);
        return new Sessions(count.isEmpty() ? 0 : count.get(0)[0], sessions);
    }

    private static List<Index> invalidIndexes(Connection c) throws SQLException {
        return Sql.list(c, """
                SELECT n.nspname, ic.relname, quote_ident(n.nspname) || '.' || quote_ident(ic.relname),
                       i.indrelid::regclass::text, pg_relation_size(i.indexrelid), pg_get_indexdef(i.indexrelid)
                FROM pg_index i
                JOIN pg_class ic ON ic.oid = i.indexrelid
                JOIN pg_namespace n ON n.oid = ic.relnamespace
                WHERE NOT i.indisvalid AND n.nspname NOT LIKE 'pg_temp%'
                  AND NOT EXISTS (SELECT 1 FROM pg_stat_progress_create_index p WHERE p.index_relid = i.indexrelid
                                  OR (p.relid = i.indrelid AND p.index_relid = 0))
                ORDER BY 1, 2
                LIMIT ?""", PostgresSnapshot::index, ROWS);
    }

    /**
     * pghero's duplicate indexes: a valid index of the same access method, predicate and expressions as another of its
     * table, whose columns are the other's first columns. A unique or primary-key one is kept (it enforces something),
     * unless the other enforces the same on the same columns; of two equal ones, the newer is the duplicate.
     */
    private static List<DuplicateIndex> duplicateIndexes(Connection c) throws SQLException {
        return Sql.list(c, """
                WITH idx AS (
                  SELECT i.indexrelid, i.indrelid, ' ' || array_to_string(i.indkey::int2[], ' ') || ' ' AS cols,
                         ' ' || array_to_string(i.indclass::oid[], ' ') || ' ' AS classes,
                         i.indisunique, i.indisprimary, ic.relam,
                         coalesce(pg_get_expr(i.indpred, i.indrelid), '') AS pred,
                         coalesce(pg_get_expr(i.indexprs, i.indrelid), '') AS exprs
                  FROM pg_index i
                  JOIN pg_class ic ON ic.oid = i.indexrelid
                  JOIN pg_namespace n ON n.oid = ic.relnamespace
                  WHERE i.indisvalid AND n.nspname NOT IN ('pg_catalog', 'information_schema')
                    AND n.nspname !~ '^pg_(toast|temp)')
                SELECT DISTINCT ON (a.indexrelid) n.nspname, ic.relname,
                       quote_ident(n.nspname) || '.' || quote_ident(ic.relname), a.indrelid::regclass::text,
                       pg_relation_size(a.indexrelid), pg_get_indexdef(a.indexrelid),
                       b.indexrelid::regclass::text, pg_get_indexdef(b.indexrelid)
                FROM idx a
                JOIN idx b ON b.indrelid = a.indrelid AND b.indexrelid <> a.indexrelid AND b.relam = a.relam
                  AND b.pred = a.pred AND b.exprs = a.exprs AND starts_with(b.cols, a.cols)
                  AND starts_with(b.classes, a.classes)
                JOIN pg_class ic ON ic.oid = a.indexrelid
                JOIN pg_namespace n ON n.oid = ic.relnamespace
                WHERE NOT a.indisprimary
                  AND (NOT a.indisunique OR b.cols = a.cols AND (b.indisunique OR b.indisprimary))
                  AND (b.cols <> a.cols OR b.indisprimary OR b.indisunique AND NOT a.indisunique
                       OR a.indisunique = b.indisunique AND a.indexrelid > b.indexrelid)
                ORDER BY a.indexrelid, b.indisprimary DESC, b.indisunique DESC, b.indexrelid
                LIMIT ?""", rs -> new DuplicateIndex(index(rs), rs.getString(7), rs.getString(8)), ROWS);
    }

    private static List<Constraint> invalidConstraints(Connection c) throws SQLException {
        return Sql.list(c, """
                SELECT n.nspname, con.conname, con.conrelid::regclass::text,
                       CASE con.contype WHEN 'f' THEN 'foreign key' WHEN 'c' THEN 'check' ELSE con.contype::text END,
                       pg_get_constraintdef(con.oid)
                FROM pg_constraint con JOIN pg_namespace n ON n.oid = con.connamespace
                WHERE NOT con.convalidated AND con.conrelid <> 0
                ORDER BY 1, 3, 2
                LIMIT ?""", rs -> new Constraint(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5)), ROWS);
    }

    private static Index index(java.sql.ResultSet rs) throws SQLException {
        return new Index(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                rs.getString(6));
    }

    private static List<Wait> locks(Connection c, PostgresProperties.Thresholds t, Array own) throws SQLException {
        return Sql.list(c, """
                SELECT a.pid, array_to_string(pg_blocking_pids(a.pid), ', '), (pg_blocking_pids(a.pid))[1],
                       extract(epoch FROM now() - coalesce(l.waitstart, a.query_start)),
                       coalesce(l.mode, a.wait_event_type || '/' || a.wait_event),
                       coalesce(l.locktype || ' ' || coalesce(l.relation::regclass::text,
                                l.transactionid::text, l.virtualxid, ''), a.wait_event_type || '/' || a.wait_event),
                       coalesce(nullif(a.application_name, ''), '(none)'), coalesce(a.usename, '(none)'),
                       (SELECT string_agg('pid ' || b.pid || ' ' || coalesce(b.state, 'unknown') || ' ('
                               || coalesce(nullif(b.application_name, ''), '(none)') || ', in transaction for '
                               || coalesce(date_trunc('second', now() - b.xact_start)::text, '?') || ')', '; ')
                          FROM pg_stat_activity b WHERE b.pid = ANY (pg_blocking_pids(a.pid))),
                       n.nspname, c.relname, coalesce(l.locktype, a.wait_event_type)
                FROM pg_stat_activity a
                LEFT JOIN pg_locks l ON l.pid = a.pid AND NOT l.granted
                LEFT JOIN pg_class c ON c.oid = l.relation
                LEFT JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE a.datname = current_database() AND a.pid <> ALL (?)
                  AND cardinality(pg_blocking_pids(a.pid)) > 0
                  AND now() - coalesce(l.waitstart, a.query_start) >= make_interval(secs => ?)
                ORDER BY coalesce(l.waitstart, a.query_start)
                LIMIT ?""", rs -> new Wait(rs.getInt(1), rs.getString(2), rs.getInt(3), rs.getDouble(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                rs.getString(10), rs.getString(11), rs.getString(12)), own, t.lockWait().toMillis() / 1000.0,
                LocksCheck.MAX_FINDINGS);
    }

    private static Queries longQueries(Connection c, PostgresProperties.Thresholds t, Array own) throws SQLException {
        List<long[]> count = new ArrayList<>();
        List<Query> queries = Sql.list(c, """
                SELECT pid, extract(epoch FROM now() - query_start),
                       coalesce(wait_event_type || '/' || wait_event, 'none'),
                       coalesce(nullif(application_name, ''), '(none)'), query, count(*) OVER ()
                FROM pg_stat_activity
                WHERE datname = current_database() AND pid <> ALL (?) AND state = 'active'
                  AND backend_type = 'client backend'
                  AND now() - query_start >= make_interval(secs => ?)
                ORDER BY query_start
                LIMIT ?""", rs -> {
                    count.add(new long[] {rs.getLong(6)});
                    return new Query(rs.getInt(1), rs.getDouble(2), rs.getString(3), rs.getString(4),
                            Sql.redact(rs.getString(5)));
                }, own, t.longQuery().toMillis() / 1000.0, SHOWN);
        return new Queries(count.isEmpty() ? 0 : count.get(0)[0], queries);
    }

    /**
     * The sequences at or past the threshold's percentage of their range (by magnitude: the check compares signs),
     * and those whose last_value the role may not read (pg_sequences shows NULL, as for one never used).
     */
    private static Sequences sequences(Connection c, PostgresProperties.Thresholds t) throws SQLException {
        List<Sequence> readable = Sql.list(c, """
                SELECT * FROM (
                  SELECT schemaname, sequencename, quote_ident(schemaname) || '.' || quote_ident(sequencename),
                         data_type::text, last_value, CASE WHEN increment_by > 0 THEN max_value ELSE min_value END e
                  FROM pg_sequences
                  WHERE last_value IS NOT NULL AND NOT cycle) s
                WHERE e <> 0 AND abs(last_value::numeric * 100 / e) >= ?
                ORDER BY 1, 2
                LIMIT ?""", rs -> new Sequence(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getBigDecimal(5), rs.getBigDecimal(6)), t.sequencePercent(), ROWS);
        List<Hidden> hidden = Sql.list(c, """
                SELECT quote_ident(n.nspname), quote_ident(n.nspname) || '.' || quote_ident(c.relname)
                FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE NOT s.seqcycle AND NOT pg_is_other_temp_schema(n.oid)
                  -- as pg_sequences decides to show last_value; CASE, as it fails on what is not a sequence
                  AND CASE WHEN c.relkind = 'S' THEN NOT has_sequence_privilege(c.oid, 'SELECT,USAGE') END
                ORDER BY 1, 2
                LIMIT ?""", rs -> new Hidden(rs.getString(1), rs.getString(2)), ROWS);
        return new Sequences(readable, hidden);
    }

    /**
     * pg_stat_statements, or why it is missing: not created, or created but not loaded (SQLSTATE 55000). The counters
     * count from the server's system identifier, the database's oid and the extension's reset (PostgreSQL 14 on).
     */
    private static Statements statements(Connection c, String database) throws SQLException {
        String schema = Sql.list(c, """
                SELECT quote_ident(n.nspname) FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
                WHERE e.extname = 'pg_stat_statements'""", rs -> rs.getString(1)).stream().findFirst().orElse(null);
        if (schema == null) {
            return Statements.missing("The extension is not created in " + database);
        }
        String total = c.getMetaData().getDatabaseMajorVersion() >= 13 ? "total_exec_time" : "total_time";
        List<Statement> statements;
        java.sql.Savepoint savepoint = c.setSavepoint();
        try {
            statements = Sql.list(c, """
                    SELECT s.queryid::text, sum(s.calls), sum(s.%1$s), left(min(s.query), ?)
                    FROM %2$s.pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
                    WHERE d.datname = current_database() AND s.queryid IS NOT NULL
                    GROUP BY s.queryid
                    ORDER BY 3 DESC, 1
                    LIMIT ?""".formatted(total, schema),
                    rs -> new Statement(rs.getString(1), rs.getLong(2), rs.getDouble(3),
                            Sql.truncate(Sql.redact(rs.getString(4)))), STATEMENT_READ_CHARS, ROWS);
        } catch (SQLException e) {
            if ("55000".equals(e.getSQLState())) {   // must be loaded via shared_preload_libraries
                c.rollback(savepoint);
                return Statements.missing("The extension is created but the library is not in "
                        + "shared_preload_libraries");
            }
            throw e;
        }
        boolean info = Sql.one(c, "SELECT to_regclass(? || '.pg_stat_statements_info') IS NOT NULL",
                rs -> rs.getBoolean(1), schema);
        CounterWindow.Origin origin = Sql.one(c, """
                SELECT s.system_identifier, d.oid, r.at,
                       coalesce('pg_stat_statements was reset at '
                                || to_char(r.at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI "UTC"'),
                                'pg_stat_statements began counting')
                FROM pg_control_system() s, pg_database d, (SELECT %s AS at) r
                WHERE d.datname = current_database()"""
                .formatted(info ? "(SELECT stats_reset FROM %s.pg_stat_statements_info)".formatted(schema)
                        : "NULL::timestamptz"),
                rs -> new CounterWindow.Origin(Objects.hash(rs.getLong(1), rs.getLong(2), rs.getTimestamp(3)), 0,
                        rs.getString(4)));
        long hidden = Sql.one(c, """
                SELECT count(*) FROM %s.pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
                WHERE d.datname = current_database() AND s.query = ?""".formatted(schema),
                rs -> rs.getLong(1), Privileges.HIDDEN);
        return new Statements(null, origin, statements, hidden);
    }

    /** Since when the database's statistics count: their last reset, or the database's creation. */
    private static String statisticsSince(Connection c) throws SQLException {
        return Sql.one(c, """
                SELECT coalesce(to_char(stats_reset AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI "UTC"'),
                                'the database was created')
                FROM pg_stat_database WHERE datname = current_database()""", rs -> rs.getString(1));
    }

    /** pghero's missing indexes: tables of many rows whose scans use an index less often than the threshold. */
    private static SeqScans seqScans(Connection c, PostgresProperties.Thresholds t) throws SQLException {
        return new SeqScans(statisticsSince(c), Sql.list(c, """
                SELECT schemaname, relname, quote_ident(schemaname) || '.' || quote_ident(relname), n_live_tup,
                       seq_scan, coalesce(idx_scan, 0), seq_tup_read,
                       100.0 * coalesce(idx_scan, 0) / (seq_scan + coalesce(idx_scan, 0))
                FROM pg_stat_user_tables
                WHERE n_live_tup >= ? AND seq_scan > 0
                  AND 100.0 * coalesce(idx_scan, 0) / (seq_scan + coalesce(idx_scan, 0)) < ?
                ORDER BY seq_tup_read DESC, 1, 2
                LIMIT ?""", rs -> new SeqScanned(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getDouble(8)), t.missingIndexRows(),
                t.indexUsePercent(), ROWS));
    }

    /**
     * The database's size (its files, no lock taken) and its largest tables'. A table's size takes a lock that waits
     * behind an ACCESS EXCLUSIVE one (a migration's ALTER TABLE, a LOCK TABLE): such a table, held or awaited, is left
     * out of this run, and its previous sample stays the one to compare with.
     */
    private static Sizes sizes(Connection c) throws SQLException {
        return new Sizes(Sql.one(c, "SELECT pg_database_size(current_database())", rs -> rs.getLong(1)), Sql.list(c, """
                SELECT n.nspname, c.relname, quote_ident(n.nspname) || '.' || quote_ident(c.relname),
                       pg_total_relation_size(c.oid)
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind IN ('r', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
                  AND n.nspname !~ '^pg_(toast|temp)'
                  AND NOT EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'relation' AND l.relation = c.oid
                                  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                                  AND l.mode = 'AccessExclusiveLock')
                ORDER BY 4 DESC, 1, 2
                LIMIT ?""", rs -> new TableSize(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)),
                ROWS));
    }

    /**
     * B-tree indexes past the bloat thresholds, by the usual estimate (as pghero and ioguix's query make it): a leaf
     * tuple is its line pointer (4 bytes), its header (8, or 16 with a null bitmap) and its columns' average width
     * in pg_stats (less their nulls) aligned to 8; a page holds (block size - 40 bytes of headers) x fillfactor of
     * them. Indexes with a column of type name, without statistics for every column, or never analyzed are not
     * estimated. Deduplicated leaves (PostgreSQL 13 on) make an index smaller than the estimate, never larger.
     */
    private static BloatedIndexes bloatedIndexes(Connection c, PostgresProperties.Thresholds t) throws SQLException {
        long unreadable = Sql.one(c, """
                SELECT count(*) FROM pg_index i
                JOIN pg_class ic ON ic.oid = i.indexrelid
                JOIN pg_namespace n ON n.oid = ic.relnamespace
                JOIN pg_am am ON am.oid = ic.relam
                WHERE am.amname = 'btree' AND i.indisvalid
                  AND ic.relpages::bigint * current_setting('block_size')::int >= ?
                  AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_(toast|temp)'
                  AND NOT has_table_privilege(i.indrelid, 'SELECT')""", rs -> rs.getLong(1), t.indexBloatBytes());
        return new BloatedIndexes(Sql.list(c, """
                WITH idx AS (
                  SELECT i.indexrelid, i.indrelid, n.nspname, ic.relname AS index, tc.relname AS tbl, ic.reltuples,
                         ic.relpages,
                         current_setting('block_size')::int AS bs,
                         coalesce((SELECT o.option_value::int FROM pg_options_to_table(ic.reloptions) o
                                   WHERE o.option_name = 'fillfactor'), 90) AS fillfactor
                  FROM pg_index i
                  JOIN pg_class ic ON ic.oid = i.indexrelid
                  JOIN pg_class tc ON tc.oid = i.indrelid
                  JOIN pg_namespace n ON n.oid = ic.relnamespace
                  JOIN pg_am am ON am.oid = ic.relam
                  WHERE am.amname = 'btree' AND i.indisvalid AND ic.reltuples >= 0
                    AND ic.relpages::bigint * current_setting('block_size')::int >= ?
                    AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_(toast|temp)'),
                width AS (
                  SELECT x.indexrelid, count(*) AS columns, count(s.attname) AS known,
                         bool_or(a.atttypid = 'name'::regtype) AS name_typed,
                         bool_or(coalesce(s.null_frac, 0) > 0) AS nullable,
                         sum((1 - coalesce(s.null_frac, 0)) * coalesce(s.avg_width, 0)) AS bytes
                  FROM idx x
                  JOIN pg_attribute a ON a.attrelid = x.indexrelid AND a.attnum > 0
                  LEFT JOIN pg_stats s ON s.schemaname = x.nspname AND NOT s.inherited
                    AND (s.tablename = x.tbl AND s.attname = pg_get_indexdef(a.attrelid, a.attnum, true)
                         OR s.tablename = x.index AND s.attname = a.attname)
                  GROUP BY x.indexrelid),
                estimate AS (
                  SELECT x.*, 1 + ceil(x.reltuples / greatest(1, floor((x.bs - 40) * x.fillfactor / 100.0
                             / (4 + CASE WHEN w.nullable THEN 16 ELSE 8 END + 8 * ceil(w.bytes / 8.0)))))::bigint
                           AS needed
                  FROM idx x JOIN width w ON w.indexrelid = x.indexrelid
                  WHERE w.known = w.columns AND NOT w.name_typed)
                SELECT e.nspname, e.index, quote_ident(e.nspname) || '.' || quote_ident(e.index),
                       e.indrelid::regclass::text, e.relpages::bigint * e.bs, pg_get_indexdef(e.indexrelid),
                       e.relpages, e.needed, e.bs, e.fillfactor
                FROM estimate e
                WHERE e.relpages > e.needed AND (e.relpages - e.needed) * e.bs >= ?
                  AND 100.0 * (e.relpages - e.needed) / e.relpages >= ?
                ORDER BY (e.relpages - e.needed) DESC, 1, 2
                LIMIT ?""", rs -> new BloatedIndex(index(rs), rs.getLong(7), rs.getLong(8), rs.getInt(9),
                rs.getInt(10)), t.indexBloatBytes(), t.indexBloatBytes(), t.indexBloatPercent(), ROWS), unreadable);
    }

    private static UnusedIndexes unusedIndexes(Connection c, PostgresProperties.Thresholds t) throws SQLException {
        String since = statisticsSince(c);
        return new UnusedIndexes(since, Sql.list(c, """
                SELECT s.schemaname, s.indexrelname, quote_ident(s.schemaname) || '.' || quote_ident(s.indexrelname),
                       s.relid::regclass::text, pg_relation_size(s.indexrelid), pg_get_indexdef(s.indexrelid)
                FROM pg_stat_user_indexes s JOIN pg_index i ON i.indexrelid = s.indexrelid
                WHERE s.idx_scan = 0 AND i.indisvalid AND NOT i.indisunique AND NOT i.indisprimary
                  AND NOT i.indisexclusion AND pg_relation_size(s.indexrelid) >= ?
                ORDER BY pg_relation_size(s.indexrelid) DESC, 1, 2
                LIMIT ?""", PostgresSnapshot::index, t.unusedIndexBytes(), ROWS));
    }

    private static Wraparound wraparound(Connection c) throws SQLException {
        long age = Sql.one(c, "SELECT age(datfrozenxid) FROM pg_database WHERE datname = current_database()",
                rs -> rs.getLong(1));
        String[] oldest = Sql.list(c, """
                SELECT c.oid::regclass::text, age(c.relfrozenxid) FROM pg_class c
                WHERE c.relkind IN ('r', 'm', 't') AND c.relfrozenxid <> '0'
                ORDER BY age(c.relfrozenxid) DESC LIMIT 1""",
                rs -> new String[] {rs.getString(1), rs.getString(2)}).stream().findFirst()
                .orElse(new String[] {"(none)", "0"});
        return new Wraparound(age, oldest[0], oldest[1], Sql.one(c,
                "SELECT current_setting('autovacuum_freeze_max_age')", rs -> rs.getString(1)));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
