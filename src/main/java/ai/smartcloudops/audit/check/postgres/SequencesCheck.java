package ai.smartcloudops.audit.check.postgres;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Sequences near the end of their range (last_value over max_value, or min_value for descending ones); cycling
 * sequences wrap on purpose. pg_sequences shows last_value only to a role that may read the sequence.
 */
@Component
public class SequencesCheck extends PostgresCheck {

    static final String ID = "postgres.sequences";

    public SequencesCheck(PostgresTargets postgresTargets) {
        super(ID, postgresTargets);
    }

    @Override
    public List<Finding> run(CheckContext context) throws Exception {
        postgresTargets.skipOnStandby(context, "sequences (PG-306)");
        int threshold = postgresTargets.thresholds(context).sequencePercent();
        return postgresTargets.withConnection(context, c -> {
            String database = Sql.currentDatabase(c);
            return Sql.list(c, """
                    SELECT schemaname, sequencename, quote_ident(schemaname) || '.' || quote_ident(sequencename),
                           data_type::text, last_value, CASE WHEN increment_by > 0 THEN max_value ELSE min_value END
                    FROM pg_sequences
                    WHERE last_value IS NOT NULL AND NOT cycle
                    ORDER BY 1, 2""", rs -> {
                        BigDecimal last = rs.getBigDecimal(5);
                        BigDecimal end = rs.getBigDecimal(6);
                        BigDecimal percent = last.multiply(BigDecimal.valueOf(100)).divide(end, 1, RoundingMode.FLOOR);
                        if (last.signum() != end.signum() || percent.compareTo(BigDecimal.valueOf(threshold)) < 0) {
                            return null;
                        }
                        Map<String, Object> facts = new LinkedHashMap<>();
                        facts.put("database", database);
                        facts.put("psql", postgresTargets.psql(context));
                        facts.put("qualified", rs.getString(3));
                        facts.put("dataType", rs.getString(4));
                        facts.put("percent", percent.toPlainString());
                        facts.put("lastValue", last.toPlainString());
                        facts.put("maxValue", end.toPlainString());
                        facts.put("remaining", end.subtract(last).abs().toPlainString());
                        facts.put("threshold", threshold + "%");
                        return context.finding(PostgresCode.PG_306,
                                new Resource("Sequence", rs.getString(1), rs.getString(2)), facts);
                    }).stream().filter(java.util.Objects::nonNull).toList();
        });
    }
}
