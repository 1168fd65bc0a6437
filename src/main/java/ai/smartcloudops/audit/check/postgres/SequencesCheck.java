package ai.smartcloudops.audit.check.postgres;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Resource;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Sequences near the end of their range (last_value over max_value, or min_value for descending ones); cycling
 * sequences wrap on purpose. pg_sequences shows last_value only to a role that may read the sequence (pg_monitor
 * may not): the others leave the check partial, naming the grant.
 */
@Component
public class SequencesCheck extends PostgresCheck {

    static final String ID = "postgres.sequences";
    /** Hidden sequences named in the coverage reason and the AUDIT-904; the others are counted. */
    static final int SHOWN = 5;

    public SequencesCheck(PostgresTargets postgresTargets) {
        super(ID, postgresTargets);
    }

    @Override
    public List<Problem> run(CheckContext context) throws Exception {
        postgresTargets.skipOnStandby(context, "sequences (PG-306)");
        int threshold = postgresTargets.thresholds(context).sequencePercent();
        return postgresTargets.withConnection(context, c -> {
            String database = Sql.currentDatabase(c);
            hidden(context, c);
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
                        return Problem.of(PostgresCode.PG_306, new Resource("Sequence", rs.getString(1), rs.getString(2)), facts);
                    }).stream().filter(java.util.Objects::nonNull).toList();
        });
    }

    /**
     * Sequences whose last_value the role may not read (pg_sequences shows NULL, as for one never used): each could
     * be at its end, so they are a gap of the check, with the grants that would show them.
     */
    private static void hidden(CheckContext context, Connection c) throws SQLException {
        List<String[]> hidden = Sql.list(c, """
                SELECT quote_ident(n.nspname), quote_ident(n.nspname) || '.' || quote_ident(c.relname)
                FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE NOT s.seqcycle AND NOT pg_is_other_temp_schema(n.oid)
                  -- as pg_sequences decides to show last_value; CASE, as it fails on what is not a sequence
                  AND CASE WHEN c.relkind = 'S' THEN NOT has_sequence_privilege(c.oid, 'SELECT,USAGE') END
                ORDER BY 1, 2""", rs -> new String[] {rs.getString(1), rs.getString(2)});
        if (hidden.isEmpty()) {
            return;
        }
        String role = Privileges.role(c);
        String names = hidden.stream().limit(SHOWN).map(h -> h[1]).collect(Collectors.joining(", "))
                + (hidden.size() > SHOWN ? " and " + (hidden.size() - SHOWN) + " more" : "");
        String grants = hidden.stream().map(h -> h[0]).distinct()
                .map(schema -> "GRANT SELECT ON ALL SEQUENCES IN SCHEMA " + schema + " TO " + role + ";")
                .collect(Collectors.joining(" "));
        context.partial("last_value of " + hidden.size() + (hidden.size() == 1 ? " sequence (" : " sequences (")
                + names + ")", "GRANT SELECT ON the sequences, or pg_read_all_data", grants
                + " -- or, for every table and sequence: GRANT pg_read_all_data TO " + role + ";");
    }
}
