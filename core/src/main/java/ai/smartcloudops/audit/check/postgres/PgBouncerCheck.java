package ai.smartcloudops.audit.check.postgres;

import ai.smartcloudops.audit.check.AreaCheck;
import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.check.SharedKey;
import ai.smartcloudops.audit.check.Target;
import ai.smartcloudops.audit.finding.Grade;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.text.Humanize;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * PG-106/107, the guide's "Connection analysis" seen from pgbouncer: {@code SHOW POOLS} on the admin console of
 * every database that configures a pgbouncer. Clients queued for a server connection are PG-106 (P1 once the
 * oldest has waited {@code pgbouncer-max-wait}); a pool whose active server connections reach
 * {@code pgbouncer-saturation-percent} of its pool_size ({@code SHOW DATABASES}) is PG-107. One finding per
 * pool (database/user). Its targets are the pgbouncers ({@code <database>/pgbouncer}), not the databases; a
 * database without one is a target too, only to say "not configured".
 */
@Component
public class PgBouncerCheck extends AreaCheck {

    static final String ID = "postgres.pgbouncer";
    static final String KIND = "PgBouncerPool";
    static final SharedKey<PgBouncerSnapshot> SNAPSHOT = SharedKey.of("postgres.pgbouncer-snapshot",
            PgBouncerSnapshot.class);
    /** The admin console's own pool: statement mode, never queued. */
    private static final String CONSOLE = "pgbouncer";

    private final PostgresTargets postgresTargets;

    public PgBouncerCheck(PostgresTargets postgresTargets) {
        super(ID, PostgresCode.class, () -> targets(postgresTargets));
        this.postgresTargets = postgresTargets;
    }

    /** The pgbouncers, and each database without one: its coverage says "not configured" rather than nothing. */
    private static List<Target> targets(PostgresTargets postgresTargets) {
        Set<String> without = postgresTargets.properties().databases().stream().filter(d -> d.pgbouncer() == null)
                .map(PostgresProperties.Database::name).collect(Collectors.toSet());
        return Stream.concat(postgresTargets.pgbouncerTargets().stream(),
                postgresTargets.targets().stream().filter(t -> without.contains(t.name()))).toList();
    }

    @Override
    public List<Problem> run(CheckContext context) {
        if (!PostgresTargets.PGBOUNCER_KIND.equals(context.target().kind())) {
            context.notConfigured("no pgbouncer configured in front of this database "
                    + "(health-audit.postgres.databases[].pgbouncer)");
            return List.of();
        }
        return inspect(context, context.shared(SNAPSHOT,
                () -> postgresTargets.withPgBouncer(context, PgBouncerSnapshot::read)));
    }

    /** What the check finds in the pgbouncer's snapshot. */
    List<Problem> inspect(CheckContext context, PgBouncerSnapshot snapshot) {
        PostgresProperties.Database database = postgresTargets.pgbouncerDatabase(context);
        PostgresProperties.PgBouncer pgbouncer = database.pgbouncer();
        PostgresProperties.Thresholds thresholds = postgresTargets.properties().thresholdsOf(database);
        Map<String, Integer> poolSizes = new HashMap<>();
        for (Map<String, String> row : snapshot.databases()) {
            poolSizes.put(row.get("name"), integer(row.get("pool_size")));
        }
        List<Problem> findings = new ArrayList<>();
        for (Map<String, String> pool : snapshot.pools()) {
            if (CONSOLE.equals(pool.get("database"))) {
                continue;
            }
            Resource resource = new Resource(KIND, null, pool.get("database") + "/" + pool.get("user"));
            Map<String, Object> facts = facts(pgbouncer, pool, poolSizes.get(pool.get("database")));
            facts.put("psql", postgresTargets.psql(database));
            int waiting = integer(pool.get("cl_waiting"));
            if (waiting > 0 && waiting >= thresholds.pgbouncerWaitingClients()) {
                Duration maxWait = maxWait(pool);
                Map<String, Object> waitingFacts = new LinkedHashMap<>(facts);
                waitingFacts.put("maxWait", Humanize.duration(maxWait));
                waitingFacts.put("threshold", thresholds.pgbouncerWaitingClients());
                waitingFacts.put("maxWaitThreshold", Humanize.duration(thresholds.pgbouncerMaxWait()));
                // requests queued this long are user-visible latency or timeouts, not a passing burst
                String grade = maxWait.compareTo(thresholds.pgbouncerMaxWait()) >= 0 ? PostgresCode.WAITED_TOO_LONG
                        : Grade.DEFAULT;
                findings.add(Problem.graded(PostgresCode.PG_106, grade, resource, waitingFacts));
            }
            Integer poolSize = poolSizes.get(pool.get("database"));
            if (poolSize != null && poolSize > 0) {
                int active = integer(pool.get("sv_active"));
                int percent = (int) Math.floor(100.0 * active / poolSize);
                if (percent >= thresholds.pgbouncerSaturationPercent()) {
                    Map<String, Object> saturationFacts = new LinkedHashMap<>(facts);
                    saturationFacts.put("percent", percent);
                    saturationFacts.put("threshold", thresholds.pgbouncerSaturationPercent());
                    findings.add(Problem.of(PostgresCode.PG_107, resource, saturationFacts));
                }
            }
        }
        return findings;
    }
    private static Map<String, Object> facts(PostgresProperties.PgBouncer pgbouncer, Map<String, String> pool,
                                             Integer poolSize) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("database", pool.get("database"));
        facts.put("user", pool.get("user"));
        facts.put("waiting", integer(pool.get("cl_waiting")));
        facts.put("clientsActive", integer(pool.get("cl_active")));
        facts.put("serversActive", integer(pool.get("sv_active")));
        facts.put("serversIdle", integer(pool.get("sv_idle")));
        facts.put("poolSize", poolSize == null ? "unknown" : poolSize);
        facts.put("poolMode", pool.get("pool_mode") == null ? "unknown" : pool.get("pool_mode"));
        facts.put("host", pgbouncer.host());
        facts.put("port", pgbouncer.port());
        facts.put("auditUser", pgbouncer.username());
        return facts;
    }

    /** maxwait (seconds) plus maxwait_us (the microseconds beyond them), pgbouncer 1.8 and later. */
    private static Duration maxWait(Map<String, String> pool) {
        return Duration.ofSeconds(integer(pool.get("maxwait")))
                .plusNanos(1000L * integer(pool.get("maxwait_us")));
    }

    private static int integer(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
