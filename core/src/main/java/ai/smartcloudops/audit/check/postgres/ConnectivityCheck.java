package ai.smartcloudops.audit.check.postgres;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.text.Humanize;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The guide's "Test database connectivity": the database accepts a connection (else every check of it is skipped
 * with AUDIT-903) and answers SELECT 1 within the round-trip threshold, the median of {@value #SAMPLES} tries.
 */
@Component
public class ConnectivityCheck extends PostgresCheck {

    static final String ID = "postgres.connectivity";
    static final int SAMPLES = 3;

    public ConnectivityCheck(PostgresTargets postgresTargets) {
        super(ID, postgresTargets);
    }

    @Override
    List<Problem> inspect(CheckContext context, PostgresSnapshot snapshot) {
        Duration threshold = postgresTargets.thresholds(context).roundTrip();
        PostgresSnapshot.Connectivity connectivity = snapshot.connectivity().get(context);
        List<Long> rounds = connectivity.roundTripNanos().stream().sorted().toList();
        long median = rounds.get(rounds.size() / 2);
        if (median <= threshold.toNanos()) {
            return List.of();
        }
        Map<String, Object> facts = facts(context, snapshot);
        facts.put("roundTrip", Humanize.millis(median / 1e6));
        facts.put("samples", rounds.size());
        facts.put("threshold", Humanize.millis(threshold.toNanos() / 1e6));
        facts.put("connect", Humanize.millis(connectivity.connectNanos() / 1e6));
        return List.of(Problem.of(PostgresCode.PG_101, Sql.database(snapshot.database()), facts));
    }
}
