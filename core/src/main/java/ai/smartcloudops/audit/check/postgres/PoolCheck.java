package ai.smartcloudops.audit.check.postgres;

import ai.smartcloudops.audit.check.AreaCheck;
import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.check.Template;
import ai.smartcloudops.audit.check.prometheus.PrometheusApi;
import ai.smartcloudops.audit.finding.Grade;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.net.HttpLimits;
import ai.smartcloudops.audit.text.Urls;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * PG-104/105, the guide's "Connection analysis": the application's connection pool read from Prometheus (its
 * {@link PoolGauges}, read once; the check judges them in {@link #inspect}). A pool
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
        PoolGauges gauges = PoolGauges.read(PrometheusApi.of(pool.prometheus(), pool.timeout(), limits), pool);
        return inspect(database, postgresTargets.thresholds(context).poolSaturationPercent(), gauges,
                postgresTargets.psql(database));
    }

    /** What the pool's gauges say: PG-105 for each gauge without a number, else PG-104 past the threshold. */
    static List<Problem> inspect(PostgresProperties.Database database, int threshold, PoolGauges gauges,
                                 Template.Words psql) {
        String prometheus = Urls.mask(database.pool().prometheus());
        Resource resource = new Resource("Pool", null, database.name());
        List<Problem> findings = new ArrayList<>();
        for (PoolGauges.Gauge gauge : List.of(gauges.size(), gauges.checkedOut(), gauges.overflow())) {
            if (gauge.problem() != null) {
                Map<String, Object> facts = new LinkedHashMap<>();
                facts.put("database", database.name());
                facts.put("gauge", gauge.name());
                facts.put("query", gauge.query());
                facts.put("problem", gauge.problem());
                facts.put("prometheus", prometheus);
                findings.add(Problem.of(PostgresCode.PG_105, new Resource("PoolGauge", null,
                        database.name() + "/" + gauge.name()), facts));
            }
        }
        if (!findings.isEmpty()) {
            return findings;
        }
        double size = gauges.size().value().getAsDouble();
        double checkedOut = gauges.checkedOut().value().getAsDouble();
        double overflow = gauges.overflow().value().getAsDouble();
        if (size <= 0) {
            return List.of();
        }
        long percent = Math.round(checkedOut * 100 / size);
        if (percent < threshold && overflow <= 0) {
            return List.of();
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("percent", percent);
        facts.put("checkedOut", number(checkedOut));
        facts.put("size", number(size));
        facts.put("overflow", number(overflow));
        facts.put("threshold", threshold);
        facts.put("prometheus", prometheus);
        facts.put("sizeQuery", gauges.size().query());
        facts.put("checkedOutQuery", gauges.checkedOut().query());
        facts.put("psql", psql);
        // connections beyond the pool's size: it is exhausted, not just busy
        return List.of(Problem.graded(PostgresCode.PG_104, overflow > 0 ? PostgresCode.OVERFLOWING : Grade.DEFAULT,
                resource, facts));
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
