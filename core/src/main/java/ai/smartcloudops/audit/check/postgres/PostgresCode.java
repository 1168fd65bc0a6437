package ai.smartcloudops.audit.check.postgres;

import ai.smartcloudops.audit.finding.Area;
import ai.smartcloudops.audit.finding.FindingCode;
import ai.smartcloudops.audit.finding.Grade;
import ai.smartcloudops.audit.finding.Severity;
import ai.smartcloudops.audit.finding.Team;
import java.util.List;

/** PostgreSQL codes: 1xx connections and pools, 2xx queries and locks, 3xx maintenance, 4xx replication. */
public enum PostgresCode implements FindingCode {
    // connections and pools: PG-1xx
    PG_101("PG-101", Severity.P2, ConnectivityCheck.ID, "API Service Unavailable (500/503 Errors)",
            "Database {name} answers SELECT 1 in {roundTrip}",
            "SELECT 1 took {roundTrip} (median of {samples}; threshold {threshold}) and opening a connection took "
                    + "{connect}: every query and every new pool connection of the application pays this latency.",
            """
            # DEPLOYMENT, NAMESPACE: the application that connects to this database
            kubectl exec -it deployment/$DEPLOYMENT -n $NAMESPACE -- python -c "
            from app.database import get_db
            try:
                db = next(get_db())
                print('Database connection: OK')
            except Exception as e:
                print('Database error:', e)
            "
            # RDS_INSTANCE: the RDS instance identifier of this server
            aws rds describe-db-instances --db-instance-identifier $RDS_INSTANCE
            psql {psql} -c "SELECT state, wait_event_type, count(*) FROM pg_stat_activity GROUP BY 1, 2 ORDER BY 3 DESC;\""""),
    PG_102("PG-102", Severity.P2, ConnectionsCheck.ID, "Database Performance Degradation",
            "Connections at {percent}% of max_connections on {name}",
            "{usage}; by state: {byState}; top applications: {applications}. Thresholds {warnPercent}% (P2) and "
                    + "{criticalPercent}% (P1), P0 once no slot is left for a role without superuser: new "
                    + "connections then fail with \"too many clients\".",
            """
            psql {psql} -c "SELECT application_name, state, count(*) FROM pg_stat_activity GROUP BY 1, 2 ORDER BY 3 DESC;"
            # DEPLOYMENT, NAMESPACE: the application that connects to this database
            kubectl exec -it deployment/$DEPLOYMENT -n $NAMESPACE -- python -c "
            from app.database import engine
            pool = engine.pool
            print(f'Pool size: {pool.size()}')
            print(f'Checked out: {pool.checkedout()}')
            print(f'Overflow: {pool.overflow()}')
            print(f'Invalid: {pool.invalid()}')
            "
            # APP_CONFIGMAP: the ConfigMap of that application that holds DATABASE_POOL_*
            kubectl patch configmap $APP_CONFIGMAP -n $NAMESPACE -p '
            data:
              DATABASE_POOL_SIZE: "20"
              DATABASE_MAX_OVERFLOW: "30"
              DATABASE_POOL_TIMEOUT: "30"
              DATABASE_POOL_RECYCLE: "3600"
            '
            # RDS_INSTANCE: the RDS instance identifier of this server
            aws rds describe-db-instances --db-instance-identifier $RDS_INSTANCE""",
            new Grade(PostgresCode.CONNECTIONS_CRITICAL, Severity.P1),
            new Grade(PostgresCode.NO_SLOT_LEFT, Severity.P0)),
    PG_103("PG-103", Severity.P2, IdleInTransactionCheck.ID, "Database Performance Degradation",
            "{sessions} sessions idle in transaction for longer than {threshold} on {name}",
            "Oldest first: {oldest}. An open transaction keeps its locks and stops VACUUM from removing dead rows; "
                    + "its connection is lost to the pool.",
            """
            psql {psql} -c "SELECT pid, usename, application_name, now() - state_change AS idle FROM pg_stat_activity WHERE state = 'idle in transaction' ORDER BY state_change;"
            # fix the code path that leaves the transaction open; as a guard:
            # ALTER DATABASE {sql:database} SET idle_in_transaction_session_timeout = '5min';
            # only if the session must go now:
            # SELECT pg_terminate_backend({pid});"""),
    PG_104("PG-104", Severity.P2, PoolCheck.ID, "Database Performance Degradation",
            "Connection pool of {name} is {percent}% checked out ({checkedOut} of {size})",
            "The application's pool (Prometheus: {sizeQuery}) has {checkedOut} of {size} connections in use and "
                    + "{overflow} beyond it; threshold {threshold}%. Requests wait for a connection, then time out.",
            """
            # DEPLOYMENT, NAMESPACE: the application that connects to this database
            kubectl exec -it deployment/$DEPLOYMENT -n $NAMESPACE -- python -c "from app.database import engine; pool = engine.pool; print(pool.size(), pool.checkedout(), pool.overflow(), pool.invalid())"
            curl -s "{prometheus}/api/v1/query" --data-urlencode 'query={checkedOutQuery}'
            psql {psql} -c "SELECT application_name, state, count(*) FROM pg_stat_activity GROUP BY 1, 2 ORDER BY 3 DESC;"
            # APP_CONFIGMAP: the ConfigMap of that application that holds DATABASE_POOL_*
            kubectl patch configmap $APP_CONFIGMAP -n $NAMESPACE -p '{"data":{"DATABASE_POOL_SIZE":"20","DATABASE_MAX_OVERFLOW":"10"}}'
            kubectl rollout restart deployment/$DEPLOYMENT -n $NAMESPACE""",
            new Grade(PostgresCode.OVERFLOWING, Severity.P1)),
    PG_105("PG-105", Severity.P3, PoolCheck.ID, "Database Performance Degradation",
            "Pool gauge {gauge} of {database} cannot be read from Prometheus",
            "The query {query} {problem}: the pool of {database} is not audited. A metric that vanished is not "
                    + "healthy.",
            """
            curl -s "{prometheus}/api/v1/query" --data-urlencode 'query={query}'
            curl -s "{prometheus}/api/v1/targets" | jq '.data.activeTargets[] | select(.health != "up")'
            # DEPLOYMENT, NAMESPACE: the application that connects to this database
            kubectl exec -it deployment/$DEPLOYMENT -n $NAMESPACE -- curl http://localhost:5000/api/metrics"""),
    PG_106("PG-106", Severity.P2, PgBouncerCheck.ID, "Database Performance Degradation",
            "{waiting} client(s) waiting for a server connection in pgbouncer pool {name}",
            "pgbouncer {host}:{port} queues {waiting} client(s) of {database}/{user}, the oldest for {maxWait}: "
                    + "{serversActive} of {poolSize} server connections are busy ({poolMode} pooling, "
                    + "{clientsActive} active clients). Each waiting client is a request stalled before its first "
                    + "query; P1 once the oldest waits {maxWaitThreshold} or longer, P2 for a shorter queue "
                    + "(threshold {threshold} waiting).",
            """
            psql -h {host} -p {port} -U {auditUser} -d pgbouncer -c "SHOW POOLS;"
            psql -h {host} -p {port} -U {auditUser} -d pgbouncer -c "SHOW CLIENTS;"
            psql -h {host} -p {port} -U {auditUser} -d pgbouncer -c "SHOW DATABASES;"
            psql {psql} -c "SELECT pid, state, application_name, now() - xact_start AS in_transaction FROM pg_stat_activity WHERE state <> 'idle' ORDER BY xact_start;"
            # DEPLOYMENT, NAMESPACE: the application that connects to this database
            kubectl exec -it deployment/$DEPLOYMENT -n $NAMESPACE -- python -c "
            from app.database import engine
            pool = engine.pool
            print(f'Pool size: {pool.size()}')
            print(f'Checked out: {pool.checkedout()}')
            print(f'Overflow: {pool.overflow()}')
            print(f'Invalid: {pool.invalid()}')
            "
            # long transactions hold server connections: end them first; then, if the database has room
            # (max_connections), raise pool_size of {database} (or default_pool_size) in pgbouncer.ini and:
            psql -h {host} -p {port} -U $PGBOUNCER_ADMIN -d pgbouncer -c "RELOAD;\"""",
            new Grade(PostgresCode.WAITED_TOO_LONG, Severity.P1)),
    PG_107("PG-107", Severity.P2, PgBouncerCheck.ID, "Database Performance Degradation",
            "pgbouncer pool {name} is {percent}% saturated ({serversActive} of {poolSize} server connections)",
            "pgbouncer {host}:{port} has {serversActive} server connections of {database}/{user} in use and "
                    + "{serversIdle} idle, pool_size {poolSize} ({poolMode} pooling): {percent}%, threshold "
                    + "{threshold}%. The next client beyond the pool waits for a connection.",
            """
            psql -h {host} -p {port} -U {auditUser} -d pgbouncer -c "SHOW POOLS;"
            psql -h {host} -p {port} -U {auditUser} -d pgbouncer -c "SHOW DATABASES;"
            psql {psql} -c "SELECT application_name, state, count(*) FROM pg_stat_activity GROUP BY 1, 2 ORDER BY 3 DESC;"
            # DEPLOYMENT, NAMESPACE: the application that connects to this database
            kubectl exec -it deployment/$DEPLOYMENT -n $NAMESPACE -- python -c "
            from app.database import engine
            pool = engine.pool
            print(f'Pool size: {pool.size()}')
            print(f'Checked out: {pool.checkedout()}')
            print(f'Overflow: {pool.overflow()}')
            print(f'Invalid: {pool.invalid()}')
            "
            # if the database has room (max_connections), raise pool_size of {database} (or default_pool_size)
            # in pgbouncer.ini, then:
            psql -h {host} -p {port} -U $PGBOUNCER_ADMIN -d pgbouncer -c "RELOAD;\""""),

    // queries and locks: PG-2xx
    PG_201("PG-201", Severity.P2, LongQueriesCheck.ID, "Database Performance Degradation",
            "{queries} queries running longer than {threshold} on {name}",
            "Longest first: {longest}.",
            """
            psql {psql} -c "SELECT pid, now() - query_start AS duration, wait_event_type, wait_event, left(query, 200) FROM pg_stat_activity WHERE state = 'active' ORDER BY query_start;"
            # EXPLAIN (ANALYZE, BUFFERS) the statement on a replica or with care: it runs it
            # RDS_INSTANCE: the RDS instance identifier of this server
            aws rds describe-db-instances --db-instance-identifier $RDS_INSTANCE
            # cancel the statement (the session stays): SELECT pg_cancel_backend({pid});
            # only if cancelling does not help: SELECT pg_terminate_backend({pid});"""),
    PG_202("PG-202", Severity.P2, StatementsCheck.ID, "Database Performance Degradation",
            "{statements} statements take {threshold} or more per call on {name}",
            "The slowest averages {slowestMean} over {slowestCalls} calls {window} (pg_stat_statements, statements "
                    + "with at least {minCalls} calls in that window); the top {shown} by mean time are in the "
                    + "evidence.",
            """
            psql {psql} -c "
            SELECT query, mean_exec_time, calls, total_exec_time
            FROM pg_stat_statements
            ORDER BY mean_exec_time DESC
            LIMIT 10;
            "
            # during a maintenance window:
            psql {psql} -c 'VACUUM ANALYZE;'
            psql {psql} -c 'REINDEX DATABASE {sql:database};'
            psql {psql} -c 'SELECT pg_stat_statements_reset();'
            # RDS_INSTANCE: the RDS instance identifier of this server
            aws rds describe-db-instances --db-instance-identifier $RDS_INSTANCE"""),
    PG_203("PG-203", Severity.P3, StatementsCheck.ID, "Database Performance Degradation",
            "pg_stat_statements is not available on {name}",
            "{reason}: the statements that slow the database down cannot be found.",
            """
            # postgresql.conf (on RDS: the DB parameter group), then restart the server:
            #   shared_preload_libraries = 'pg_stat_statements'
            aws rds modify-db-parameter-group --db-parameter-group-name $PARAMETER_GROUP \\
              --parameters "ParameterName=shared_preload_libraries,ParameterValue=pg_stat_statements,ApplyMethod=pending-reboot"
            # RDS_INSTANCE: the RDS instance identifier of this server
            aws rds reboot-db-instance --db-instance-identifier $RDS_INSTANCE
            psql {psql} -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements;\""""),
    PG_204("PG-204", Severity.P1, LocksCheck.ID, "Database Performance Degradation",
            "{waiting} session(s) on {database} waited up to {waited} for a {mode} lock on {lock}, held by pid "
                    + "{blockingPids}",
            "Blocked by {blockers}. Oldest waiter: pid {pid}, application {application}, user {user}.",
            """
            psql {psql} -c "SELECT pid, pg_blocking_pids(pid) AS blocked_by, wait_event_type, wait_event, now() - query_start AS waiting FROM pg_stat_activity WHERE cardinality(pg_blocking_pids(pid)) > 0;"
            psql {psql} -c "SELECT pid, state, application_name, now() - xact_start AS in_transaction FROM pg_stat_activity WHERE pid IN ({blockingPids});"
            # end the blocker's statement first: SELECT pg_cancel_backend({blockingPid});
            # only if it is idle in transaction or cancelling does not help: SELECT pg_terminate_backend({blockingPid});"""),

    // maintenance: PG-3xx
    PG_301("PG-301", Severity.P3, CacheHitCheck.ID, "Database Performance Degradation",
            "Cache hit ratio of {name} is {ratio}",
            "{hits} of {accesses} block reads {window} were served from shared buffers (threshold {threshold}, "
                    + "judged from {minBlocks} block reads); the rest were read from storage.",
            """
            psql {psql} -c "SELECT relname, heap_blks_read, heap_blks_hit FROM pg_statio_user_tables ORDER BY heap_blks_read DESC LIMIT 10;"
            psql {psql} -c "SHOW shared_buffers;"
            # RDS_INSTANCE: the RDS instance identifier of this server
            aws rds describe-db-instances --db-instance-identifier $RDS_INSTANCE
            aws rds modify-db-instance \\
              --db-instance-identifier $RDS_INSTANCE \\
              --db-instance-class db.r5.2xlarge \\
              --apply-immediately"""),
    PG_302("PG-302", Severity.P2, DeadTuplesCheck.ID, "Database Performance Degradation",
            "Table {namespace}.{name} has {deadTuples} dead tuples ({deadPercent})",
            "{reason}. Live tuples {liveTuples}; last vacuum {lastVacuum}, last analyze {lastAnalyze}; autovacuum "
                    + "{autovacuum} for this table.",
            """
            psql {psql} -c 'VACUUM (VERBOSE, ANALYZE) {sql:namespace}.{sql:name};'
            psql {psql} -c 'ANALYZE {sql:namespace}.{sql:name};'
            psql {psql} -c "SELECT relname, n_dead_tup, last_autovacuum, last_autoanalyze FROM pg_stat_user_tables ORDER BY n_dead_tup DESC LIMIT 10;"
            # when autovacuum is off for the table:
            psql {psql} -c 'ALTER TABLE {sql:namespace}.{sql:name} RESET (autovacuum_enabled);'
            # the whole database, during a maintenance window:
            psql {psql} -c 'VACUUM ANALYZE;'"""),
    PG_303("PG-303", Severity.P2, WraparoundCheck.ID, "Database Performance Degradation",
            "Transaction ID age of {name} is {age} ({percent} of the wraparound limit)",
            "age(datfrozenxid) {age}, threshold {threshold}, autovacuum_freeze_max_age {freezeMaxAge}; oldest table "
                    + "{oldestTable} (age {oldestTableAge}). Near 2^31 PostgreSQL stops accepting writes until a "
                    + "VACUUM freezes the old rows.",
            """
            psql {psql} -c "SELECT datname, age(datfrozenxid) FROM pg_database ORDER BY 2 DESC;"
            psql {psql} -c "SELECT c.oid::regclass, age(c.relfrozenxid) FROM pg_class c WHERE c.relkind IN ('r', 'm', 't') ORDER BY 2 DESC LIMIT 10;"
            psql {psql} -c 'VACUUM (FREEZE, VERBOSE) {oldestTable};'
            # what holds the xmin horizon back: long transactions and replication slots
            psql {psql} -c "SELECT pid, now() - xact_start AS open_for, state FROM pg_stat_activity WHERE backend_xmin IS NOT NULL ORDER BY age(backend_xmin) DESC LIMIT 5;"
            psql {psql} -c "SELECT slot_name, active, xmin, catalog_xmin FROM pg_replication_slots;\"""",
            new Grade(PostgresCode.AGE_CRITICAL, Severity.P1)),
    PG_304("PG-304", Severity.P2, InvalidIndexesCheck.ID, "Database Performance Degradation",
            "Index {namespace}.{name} on {table} is invalid",
            "A failed CREATE INDEX CONCURRENTLY or REINDEX left it behind: writes still maintain it ({size}), "
                    + "queries never use it, and a unique index enforces nothing. Definition: {definition}",
            """
            psql {psql} -c 'REINDEX INDEX CONCURRENTLY {sql:namespace}.{sql:name};'
            # or drop it and create it again (for a unique index, remove the duplicates first):
            psql {psql} -c 'DROP INDEX CONCURRENTLY {sql:namespace}.{sql:name};'
            psql {psql} -c '{recreate};'
            # during a maintenance window:
            psql {psql} -c 'REINDEX DATABASE {sql:database};'"""),
    PG_305("PG-305", Severity.P3, UnusedIndexesCheck.ID, "Database Performance Degradation",
            "Index {namespace}.{name} ({size}) has not been scanned since {since}",
            "idx_scan is 0 for this index on {table} since the statistics were last reset ({since}); it costs "
                    + "{size} of storage and slows every write. Scans on replicas are not counted here: check them "
                    + "before dropping it.",
            """
            psql {psql} -c "SELECT indexrelname, idx_scan, pg_size_pretty(pg_relation_size(indexrelid)) FROM pg_stat_user_indexes WHERE schemaname = {sqlstr:namespace} AND indexrelname = {sqlstr:name};"
            # keep the definition to recreate it: {definition}
            psql {psql} -c 'DROP INDEX CONCURRENTLY {sql:namespace}.{sql:name};'"""),
    PG_306("PG-306", Severity.P1, SequencesCheck.ID, "Database Performance Degradation",
            "Sequence {namespace}.{name} is at {percent}% of its {dataType} maximum",
            "last_value {lastValue} of {maxValue}: {remaining} values left. At the maximum nextval() fails and "
                    + "every insert that needs a new id fails with it.",
            """
            psql {psql} -c "SELECT last_value, max_value FROM pg_sequences WHERE schemaname = {sqlstr:namespace} AND sequencename = {sqlstr:name};"
            psql {psql} -c 'ALTER SEQUENCE {sql:namespace}.{sql:name} AS bigint;'
            # and widen the column it feeds: ALTER TABLE <table> ALTER COLUMN <column> TYPE bigint;"""),

    PG_307("PG-307", Severity.P3, DuplicateIndexesCheck.ID, "Database Performance Degradation",
            "Index {namespace}.{name} on {table} duplicates {coveredBy}",
            "Its columns lead {coveredBy} ({coveringDefinition}), which serves every query it does; writes still "
                    + "maintain both, and it costs {size}. Definition: {definition}",
            """
            psql {psql} -c "SELECT indexrelname, idx_scan FROM pg_stat_user_indexes WHERE schemaname = {sqlstr:namespace} AND indexrelname = {sqlstr:name};"
            # keep the definition to recreate it: {definition}
            psql {psql} -c 'DROP INDEX CONCURRENTLY {sql:namespace}.{sql:name};'"""),
    PG_308("PG-308", Severity.P3, InvalidConstraintsCheck.ID, "Database Performance Degradation",
            "The {type} constraint {namespace}.{name} on {table} is NOT VALID",
            "It was added NOT VALID and never validated: rows written since are checked, the rows from before it "
                    + "never were, and the planner cannot rely on it. Definition: {definition}",
            """
            # VALIDATE takes a SHARE UPDATE EXCLUSIVE lock: reads and writes go on while it scans the table
            psql {psql} -c 'ALTER TABLE {table} VALIDATE CONSTRAINT {sql:name};'"""),
    PG_309("PG-309", Severity.P3, MissingIndexesCheck.ID, "Database Performance Degradation",
            "Table {namespace}.{name} ({rows} rows) is scanned with an index {indexPercent} of the time",
            "Since {since}: {seqScans} sequential scans read {seqRowsRead} rows, against {indexScans} index scans "
                    + "(threshold {threshold}). Each sequential scan reads the whole table; an index on the columns "
                    + "its queries filter by reads a few rows.",
            """
            # the statements that scan it, slowest first (pg_stat_statements)
            psql {psql} -c "SELECT left(query, 200), calls, mean_exec_time FROM pg_stat_statements WHERE query ILIKE '%' || {sqlstr:name} || '%' ORDER BY total_exec_time DESC LIMIT 10;"
            # EXPLAIN one of them, then index the columns its WHERE filters by (COLUMNS), without locking writes:
            psql {psql} -c "CREATE INDEX CONCURRENTLY ON {sql:namespace}.{sql:name} ($COLUMNS);"
            psql {psql} -c 'ANALYZE {sql:namespace}.{sql:name};'"""),
    PG_310("PG-310", Severity.P3, GrowthCheck.ID, "Database Performance Degradation",
            "Database {name} grew {growth} ({percent}) since {since}",
            "From {before} to {size}: {perDay} ({percentPerDay}) a day, past {threshold} a day and {minBytes} in "
                    + "all. At this pace it fills the storage its instance was given; the tables that grew most are "
                    + "PG-311.",
            """
            psql {psql} -c "SELECT pg_size_pretty(pg_database_size(current_database()));"
            psql {psql} -c "SELECT c.oid::regclass, pg_size_pretty(pg_total_relation_size(c.oid)) FROM pg_class c WHERE c.relkind IN ('r', 'm') ORDER BY pg_total_relation_size(c.oid) DESC LIMIT 10;"
            # RDS_INSTANCE: the RDS instance identifier of this server; its storage and how much is left
            aws rds describe-db-instances --db-instance-identifier $RDS_INSTANCE --query 'DBInstances[0].[AllocatedStorage,MaxAllocatedStorage]'
            aws cloudwatch get-metric-statistics --namespace AWS/RDS --metric-name FreeStorageSpace --dimensions Name=DBInstanceIdentifier,Value=$RDS_INSTANCE --start-time $(date -u -d '-1 day' +%FT%TZ) --end-time $(date -u +%FT%TZ) --period 3600 --statistics Minimum"""),
    PG_311("PG-311", Severity.P3, GrowthCheck.ID, "Database Performance Degradation",
            "Table {namespace}.{name} grew {growth} ({percent}) since {since}",
            "From {before} to {size} with its indexes and TOAST: {perDay} ({percentPerDay}) a day, past "
                    + "{threshold} a day and {minBytes} in all. Dead rows autovacuum does not keep up with, a purge "
                    + "job that stopped, or a new write path.",
            """
            psql {psql} -c "SELECT pg_size_pretty(pg_table_size({sqlstr:qualified}::regclass)) AS rows, pg_size_pretty(pg_indexes_size({sqlstr:qualified}::regclass)) AS indexes;"
            psql {psql} -c "SELECT n_live_tup, n_dead_tup, n_tup_ins, n_tup_del, last_autovacuum FROM pg_stat_user_tables WHERE schemaname = {sqlstr:namespace} AND relname = {sqlstr:name};"
            # when dead rows make most of it:
            psql {psql} -c 'VACUUM (VERBOSE, ANALYZE) {sql:namespace}.{sql:name};'"""),
    PG_312("PG-312", Severity.P3, IndexBloatCheck.ID, "Database Performance Degradation",
            "Index {namespace}.{name} on {table} is about {bloatPercent} bloat ({bloat} of {size})",
            "Estimated from its rows, their width in the statistics and its fillfactor {fillfactor}: it needs about "
                    + "{needed}; the rest is pages emptied by deletes and updates, which every scan of it still "
                    + "reads. Sizes as of the table's last VACUUM or ANALYZE.",
            """
            # the exact figure (reads the whole index): avg_leaf_density well below the fillfactor means bloat
            psql {psql} -c 'CREATE EXTENSION IF NOT EXISTS pgstattuple;'
            psql {psql} -c "SELECT avg_leaf_density, leaf_fragmentation FROM pgstatindex({sqlstr:qualified});"
            # rebuilds it without locking writes (needs free space for a copy of it):
            psql {psql} -c 'REINDEX INDEX CONCURRENTLY {sql:namespace}.{sql:name};'"""),

    // replication: PG-4xx
    PG_401("PG-401", Severity.P2, ReplicationLagCheck.ID, "Database Performance Degradation",
            "Replica {name} replays {lag} behind its primary",
            "Measured from {source}: replay lag {lag} (threshold {threshold}), {pending} of WAL not yet "
                    + "replayed; client {client}, {state}. Reads served by this replica are that old, and a "
                    + "failover to it waits for the replay first.",
            """
            # on the primary: its standbys and how far behind each one is
            psql {primary} -c "SELECT application_name, client_addr, state, sync_state, replay_lag, pg_size_pretty(pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)) AS behind FROM pg_stat_replication;"
            # on the replica: is replay paused, and what does it wait for
            psql {standby} -c "SELECT now() - pg_last_xact_replay_timestamp() AS lag, pg_is_wal_replay_paused(), (SELECT status FROM pg_stat_wal_receiver);"
            psql {standby} -c "SELECT pid, now() - query_start AS duration, wait_event_type, wait_event FROM pg_stat_activity WHERE state = 'active' ORDER BY query_start LIMIT 5;"
            aws cloudwatch get-metric-statistics --namespace AWS/RDS --metric-name ReplicaLag --dimensions Name=DBInstanceIdentifier,Value=$REPLICA_INSTANCE --start-time $(date -u -d '-1 hour' +%FT%TZ) --end-time $(date -u +%FT%TZ) --period 300 --statistics Maximum
            # if replay was paused by hand:
            psql {standby} -c "SELECT pg_wal_replay_resume();\""""),
    PG_402("PG-402", Severity.P2, ReplicationSlotsCheck.ID, "Database Performance Degradation",
            "Replication slot {name} is inactive and retains {retained} of WAL",
            "{slotType} slot (database {slotDatabase}, plugin {plugin}, wal_status {walStatus}) has no consumer: "
                    + "the server keeps every WAL segment since {restartLsn} until storage fills.",
            """
            psql {psql} -c "SELECT slot_name, slot_type, active, wal_status, pg_size_pretty(pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)) AS retained FROM pg_replication_slots;"
            # if its consumer is gone for good:
            psql {psql} -c "SELECT pg_drop_replication_slot({sqlstr:name});\""""),
    ;

    /** Grades (see {@link Grade}): what makes a finding of the code more or less severe than its default. */
    static final String CONNECTIONS_CRITICAL = "at or above connections-critical-percent";
    static final String NO_SLOT_LEFT = "no connection slot left for the application";
    static final String OVERFLOWING = "connections beyond the pool's size";
    static final String WAITED_TOO_LONG = "a client waited pgbouncer-max-wait or longer";
    static final String AGE_CRITICAL = "age above 1.5 billion";

    private final Definition definition;

    PostgresCode(String code, Severity severity, String owner, String runbook, String title, String detail,
                 String remediation, Grade... grades) {
        this.definition = new Definition(code, severity, Area.POSTGRES, Team.DATABASE, owner, runbook, title, detail,
                remediation, List.of(grades));
    }

    @Override
    public Definition definition() {
        return definition;
    }
}
