package ai.smartcloudops.audit.check.postgres;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.text.Humanize;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Sessions of the database waiting longer than the threshold on a lock another session holds. */
@Component
public class LocksCheck extends PostgresCheck {

    static final String ID = "postgres.locks";
    static final int MAX_FINDINGS = 20;

    public LocksCheck(PostgresTargets postgresTargets) {
        super(ID, postgresTargets);
    }

    @Override
    public List<Problem> run(CheckContext context) throws Exception {
        Duration threshold = postgresTargets.thresholds(context).lockWait();
        return postgresTargets.withConnection(context, c -> {
            String database = Sql.currentDatabase(c);
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
                    LIMIT ?""", rs -> {
                        Map<String, Object> facts = new LinkedHashMap<>();
                        facts.put("database", database);
                        facts.put("psql", postgresTargets.psql(context));
                        facts.put("pid", rs.getInt(1));
                        facts.put("blockingPids", rs.getString(2));
                        facts.put("blockingPid", rs.getInt(3));
                        facts.put("waited", Humanize.seconds(rs.getDouble(4)));
                        facts.put("mode", rs.getString(5));
                        facts.put("lock", rs.getString(6).strip());
                        facts.put("application", rs.getString(7));
                        facts.put("user", rs.getString(8));
                        facts.put("blockers", rs.getString(9) == null ? "pid " + rs.getString(2) : rs.getString(9));
                        // what is waited for is stable across runs; the pids are not
                        Resource resource = rs.getString(11) != null ? new Resource("Table", rs.getString(10),
                                rs.getString(11)) : new Resource("Lock", null, String.valueOf(rs.getString(12)));
                        return new Wait(resource, facts);
                    }, postgresTargets.ownSessions(c, context), threshold.toMillis() / 1000.0, MAX_FINDINGS);
        }).stream().collect(Collectors.groupingBy(Wait::resource, LinkedHashMap::new, Collectors.toList()))
                .entrySet().stream().map(e -> {
                    // the oldest waiter speaks for the resource; the others are counted
                    Map<String, Object> facts = new LinkedHashMap<>(e.getValue().get(0).facts());
                    facts.put("waiting", e.getValue().size());
                    return Problem.of(PostgresCode.PG_204, e.getKey(), facts);
                }).toList();
    }

    private record Wait(Resource resource, Map<String, Object> facts) {
    }
}
