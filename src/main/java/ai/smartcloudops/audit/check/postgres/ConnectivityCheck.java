package ai.smartcloudops.audit.check.postgres;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.text.Humanize;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The guide's "Test database connectivity": the database accepts a connection (else every check of it is skipped
 * with AUDIT-903) and answers SELECT 1 within the round-trip threshold.
 */
@Component
public class ConnectivityCheck extends PostgresCheck {

    static final String ID = "postgres.connectivity";
    static final int SAMPLES = 3;

    public ConnectivityCheck(PostgresTargets postgresTargets) {
        super(ID, postgresTargets);
    }

    @Override
    public List<Problem> run(CheckContext context) throws Exception {
        Duration threshold = postgresTargets.thresholds(context).roundTrip();
        postgresTargets.withConnection(context, c -> null);   // the first connection of a run may pay for more
        long connectStarted = System.nanoTime();
        return postgresTargets.withConnection(context, c -> {
            long connectNanos = System.nanoTime() - connectStarted;
            String database = Sql.currentDatabase(c);
            List<Long> rounds = new ArrayList<>();
            try (Statement statement = c.createStatement()) {
                for (int i = 0; i < SAMPLES; i++) {
                    long started = System.nanoTime();
                    statement.executeQuery("SELECT 1").close();
                    rounds.add(System.nanoTime() - started);
                }
            }
            long median = rounds.stream().sorted().toList().get(SAMPLES / 2);
            if (median <= threshold.toNanos()) {
                return List.of();
            }
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("database", database);
            facts.put("psql", postgresTargets.psql(context));
            facts.put("roundTrip", Humanize.millis(median / 1e6));
            facts.put("samples", SAMPLES);
            facts.put("threshold", Humanize.millis(threshold.toNanos() / 1e6));
            facts.put("connect", Humanize.millis(connectNanos / 1e6));
            return List.of(Problem.of(PostgresCode.PG_101, Sql.database(database), facts));
        });
    }
}
