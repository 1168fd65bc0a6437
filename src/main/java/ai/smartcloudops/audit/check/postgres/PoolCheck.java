package ai.smartcloudops.audit.check.postgres;

import ai.smartcloudops.audit.check.AreaCheck;
import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.check.prometheus.PrometheusApi;
import ai.smartcloudops.audit.finding.Grade;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.net.HttpLimits;
import ai.smartcloudops.audit.text.Urls;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.springframework.stereotype.Component;

/**
 * PG-104/105, the guide's "Connection analysis": the application's connection pool read from Prometheus. A pool
 * checked out beyond the threshold is PG-104 (P1 once it overflows); a gauge that cannot be read is PG-105, not
 * silence. Databases without a configured pool are not judged here: their coverage says "not configured".
 */
@Component
public class PoolCheck extends AreaCheck {

    static final String ID = "postgres.pool";

    private final PostgresTargets postgresTargets;
    private final HttpLimits limits;

    public PoolCheck(PostgresTargets postgresTargets, HttpLimits limits) {
        super(ID, PostgresCode.class, postgresTargets::targets);
        this.postgresTargets = postgresTargets;
        this.limits = limits;
    }

    @Override
    public List<Problem> run(CheckContext context) throws Exception {
        PostgresProperties.Database database = postgresTargets.database(context);
        PostgresProperties.Pool pool = database.pool();
        if (pool == null) {
            context.notConfigured("no pool gauges configured (health-audit.postgres.databases[].pool)");
            return List.of();
        }
        PrometheusApi prometheus = PrometheusApi.of(pool.prometheus(), pool.timeout(), limits);
        Resource resource = new Resource("Pool", null, database.name());
        List<Problem> findings = new ArrayList<>();
        OptionalDouble size = gauge(context, prometheus, pool, "size", pool.size(), resource, findings);
        OptionalDouble checkedOut = gauge(context, prometheus, pool, "checked-out", pool.checkedOut(), resource,
                findings);
        OptionalDouble overflow = pool.overflow() == null ? OptionalDouble.of(0)
                : gauge(context, prometheus, pool, "overflow", pool.overflow(), resource, findings);
        if (!findings.isEmpty() || size.getAsDouble() <= 0) {
            return findings;
        }
        int threshold = postgresTargets.thresholds(context).poolSaturationPercent();
        long percent = Math.round(checkedOut.getAsDouble() * 100 / size.getAsDouble());
        if (percent < threshold && overflow.getAsDouble() <= 0) {
            return List.of();
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("percent", percent);
        facts.put("checkedOut", number(checkedOut.getAsDouble()));
        facts.put("size", number(size.getAsDouble()));
        facts.put("overflow", number(overflow.getAsDouble()));
        facts.put("threshold", threshold);
        facts.put("prometheus", Urls.mask(pool.prometheus()));
        facts.put("sizeQuery", pool.size());
        facts.put("checkedOutQuery", pool.checkedOut());
        facts.put("psql", postgresTargets.psql(database));
        // connections beyond the pool's size: it is exhausted, not just busy
        return List.of(Problem.graded(PostgresCode.PG_104, overflow.getAsDouble() > 0 ? PostgresCode.OVERFLOWING : Grade.DEFAULT, resource, facts));
    }

    /** One gauge's value; a query that fails or answers nothing becomes PG-105 in {@code findings}. */
    private static OptionalDouble gauge(CheckContext context, PrometheusApi prometheus, PostgresProperties.Pool pool,
                                        String gauge, String query, Resource resource, List<Problem> findings)
            throws InterruptedException {
        String problem;
        try {
            List<PrometheusApi.Sample> samples = prometheus.query(query);
            if (samples.size() == 1) {
                return OptionalDouble.of(samples.get(0).value());
            }
            problem = samples.isEmpty() ? "returned no series" : "returned " + samples.size()
                    + " series where one number was expected (aggregate it, e.g. with sum)";
        } catch (IOException e) {
            problem = "failed: " + e.getMessage();
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("database", resource.name());
        facts.put("gauge", gauge);
        facts.put("query", query);
        facts.put("problem", problem);
        facts.put("prometheus", Urls.mask(pool.prometheus()));
        findings.add(Problem.of(PostgresCode.PG_105, new Resource("PoolGauge", null,
                resource.name() + "/" + gauge), facts));
        return OptionalDouble.empty();
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
