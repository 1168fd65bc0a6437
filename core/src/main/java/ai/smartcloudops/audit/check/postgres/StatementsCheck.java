package ai.smartcloudops.audit.check.postgres;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.CounterWindow;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Sample;
import ai.smartcloudops.audit.text.Humanize;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The guide's query-performance diagnostic: the statements of this database with the highest mean time in
 * pg_stat_statements (PG-202) over the window since the previous run, so yesterday's regression shows instead of a
 * lifetime average; or PG-203 when the extension is not there to ask. The calls and time of the statements with the
 * most time are kept from run to run, each only when it changed (an idle statement's sample stays the latest). A
 * first run, or one after the statistics began again (a reset, another server), judges them as they are. Without
 * pg_read_all_stats the statements of other roles come without their text: the check is partial.
 */
@Component
public class StatementsCheck extends PostgresCheck {

    static final String ID = "postgres.statements";
    static final String SOURCE = "pg_stat_statements";

    public StatementsCheck(PostgresTargets postgresTargets) {
        super(ID, postgresTargets);
    }

    /** A statement's calls and time in the window. */
    record InWindow(PostgresSnapshot.Statement statement, long calls, double millis) {
        double mean() {
            return calls == 0 ? 0 : millis / calls;
        }

        /** Whether all of the statement's calls are in the window. */
        boolean lifetime() {
            return calls == statement.calls();
        }
    }

    @Override
    List<Problem> inspect(CheckContext context, PostgresSnapshot snapshot) {
        PostgresProperties.Thresholds thresholds = postgresTargets.thresholds(context);
        PostgresSnapshot.Statements statements = snapshot.statements().get(context);
        String database = snapshot.database();
        if (statements.missing() != null) {
            Map<String, Object> facts = facts(context, snapshot);
            facts.put("reason", statements.missing());
            return List.of(Problem.of(PostgresCode.PG_203, Sql.database(database), facts));
        }
        Privileges.stats(context, snapshot, statements.hidden(),
                "statements of other roles in pg_stat_statements (their text and queryid)");
        Optional<Sample> origin = context.previousSample(SOURCE + CounterWindow.ORIGIN);
        boolean continued = origin.isPresent() && statements.origin().same(origin.get().value());
        String window = continued ? "since the previous run at " + origin.get().at()
                : "since " + statements.origin().description();
        List<InWindow> slow = inWindow(context, statements, continued).stream()
                .filter(s -> s.calls() >= thresholds.slowMinCalls() && s.mean() >= thresholds.slowMeanMillis())
                .sorted(Comparator.comparingDouble(InWindow::mean).reversed()).toList();
        context.record(SOURCE + CounterWindow.ORIGIN, statements.origin().identity());
        if (slow.isEmpty()) {
            return List.of();
        }
        InWindow slowest = slow.get(0);
        int shown = Math.min(slow.size(), thresholds.topStatements());
        Map<String, Object> facts = facts(context, snapshot);
        facts.put("statements", slow.size());
        facts.put("threshold", Humanize.millis(thresholds.slowMeanMillis()));
        facts.put("minCalls", thresholds.slowMinCalls());
        facts.put("slowestMean", Humanize.millis(slowest.mean()));
        facts.put("slowestCalls", slowest.calls());
        facts.put("window", window);
        facts.put("shown", shown);
        slow.stream().limit(shown).forEach(s -> facts.put("queryid " + s.statement().queryId(),
                "mean " + Humanize.millis(s.mean()) + " over " + s.calls() + " calls, total "
                        + Humanize.millis(s.millis()) + (s.lifetime() ? "" : "; lifetime mean "
                        + Humanize.millis(s.statement().totalMillis() / s.statement().calls()) + " over "
                        + s.statement().calls() + " calls") + ": " + s.statement().query()));
        return List.of(Problem.of(PostgresCode.PG_202, Sql.database(database), facts));
    }

    /**
     * Each statement's growth since its previous sample when the counters went on counting; as it is when they began
     * again or it has no sample. Records the statements whose calls changed, for the next run.
     */
    private static List<InWindow> inWindow(CheckContext context, PostgresSnapshot.Statements statements,
                                           boolean continued) {
        Map<String, Sample> previous = continued ? context.previousSamples(SOURCE + " ") : Map.of();
        return statements.busiest().stream().map(s -> {
            Sample calls = previous.get(name(s, "calls"));
            Sample millis = previous.get(name(s, "total_ms"));
            if (calls == null || calls.value() != s.calls()) {
                context.record(name(s, "calls"), s.calls());
                context.record(name(s, "total_ms"), s.totalMillis());
            }
            boolean grew = calls != null && millis != null && s.calls() >= calls.value()
                    && s.totalMillis() >= millis.value();
            return grew ? new InWindow(s, s.calls() - (long) calls.value(), s.totalMillis() - millis.value())
                    : new InWindow(s, s.calls(), s.totalMillis());
        }).toList();
    }

    private static String name(PostgresSnapshot.Statement statement, String counter) {
        return SOURCE + " " + statement.queryId() + " " + counter;
    }
}
