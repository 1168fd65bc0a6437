package ai.smartcloudops.audit.check.postgres;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Resource;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
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
    List<Problem> inspect(CheckContext context, PostgresSnapshot snapshot) {
        skipOnStandby(context, snapshot, "sequences (PG-306)");
        int threshold = postgresTargets.thresholds(context).sequencePercent();
        PostgresSnapshot.Sequences sequences = snapshot.sequences().get(context);
        hidden(context, snapshot, sequences.hidden());
        List<Problem> problems = new ArrayList<>();
        for (PostgresSnapshot.Sequence sequence : sequences.readable()) {
            BigDecimal last = sequence.last();
            BigDecimal end = sequence.end();
            if (end.signum() == 0 || last.signum() != end.signum()) {
                continue;
            }
            BigDecimal percent = last.multiply(BigDecimal.valueOf(100)).divide(end, 1, RoundingMode.FLOOR);
            if (percent.compareTo(BigDecimal.valueOf(threshold)) < 0) {
                continue;
            }
            Map<String, Object> facts = facts(context, snapshot);
            facts.put("qualified", sequence.qualified());
            facts.put("dataType", sequence.dataType());
            facts.put("percent", percent.toPlainString());
            facts.put("lastValue", last.toPlainString());
            facts.put("maxValue", end.toPlainString());
            facts.put("remaining", end.subtract(last).abs().toPlainString());
            facts.put("threshold", threshold + "%");
            problems.add(Problem.of(PostgresCode.PG_306, new Resource("Sequence", sequence.schema(),
                    sequence.name()), facts));
        }
        return problems;
    }

    /**
     * Sequences whose last_value the role may not read (pg_sequences shows NULL, as for one never used): each could
     * be at its end, so they are a gap of the check, with the grants that would show them.
     */
    private static void hidden(CheckContext context, PostgresSnapshot snapshot,
                               List<PostgresSnapshot.Hidden> hidden) {
        if (hidden.isEmpty()) {
            return;
        }
        String role = snapshot.role();
        String names = hidden.stream().limit(SHOWN).map(PostgresSnapshot.Hidden::qualified)
                .collect(Collectors.joining(", ")) + (hidden.size() > SHOWN ? " and " + (hidden.size() - SHOWN)
                + " more" : "");
        String grants = hidden.stream().map(PostgresSnapshot.Hidden::schema).distinct()
                .map(schema -> "GRANT SELECT ON ALL SEQUENCES IN SCHEMA " + schema + " TO " + role + ";")
                .collect(Collectors.joining(" "));
        context.partial("last_value of " + hidden.size() + (hidden.size() == 1 ? " sequence (" : " sequences (")
                + names + ")", "GRANT SELECT ON the sequences, or pg_read_all_data", grants
                + " -- or, for every table and sequence: GRANT pg_read_all_data TO " + role + ";");
    }
}
