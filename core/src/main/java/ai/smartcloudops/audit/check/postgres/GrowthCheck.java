package ai.smartcloudops.audit.check.postgres;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Sample;
import ai.smartcloudops.audit.text.Humanize;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The database (PG-310) and its tables (PG-311) that grew faster than {@code growth-percent-per-day}, and by at
 * least {@code growth-min-bytes}, since their previous sample. The database's size is sampled every run; a table's,
 * of the {@value PostgresSnapshot#ROWS} largest, only when it moved by a {@value #RESAMPLE_PERCENT} % or more, so a
 * table that creeps is judged over the time since it last moved, and the samples stay few. A first sample judges
 * nothing; a size that went down (a VACUUM FULL, a table recreated) is no growth. Read on the primary only.
 */
@Component
public class GrowthCheck extends PostgresCheck {

    static final String ID = "postgres.growth";
    static final String SOURCE = "postgres.size";
    /** A table's size moved by this much since its sample is sampled again. */
    static final double RESAMPLE_PERCENT = 1;
    private static final double DAY_SECONDS = Duration.ofDays(1).toSeconds();

    public GrowthCheck(PostgresTargets postgresTargets) {
        super(ID, postgresTargets);
    }

    @Override
    List<Problem> inspect(CheckContext context, PostgresSnapshot snapshot) {
        skipOnStandby(context, snapshot, "database and table growth (PG-310, PG-311)");
        PostgresSnapshot.Sizes sizes = snapshot.sizes().get(context);
        Map<String, Sample> previous = context.previousSamples(SOURCE + " ");
        List<Problem> problems = new ArrayList<>();
        String database = SOURCE + " database";
        context.record(database, sizes.databaseBytes());
        grown(context, snapshot, sizes.databaseBytes(), previous.get(database)).ifPresent(facts ->
                problems.add(Problem.of(PostgresCode.PG_310, Sql.database(snapshot.database()), facts)));
        for (PostgresSnapshot.TableSize table : sizes.tables()) {
            String name = SOURCE + " table " + table.qualified();
            Sample before = previous.get(name);
            if (before == null || Math.abs(table.bytes() - before.value()) >= before.value() * RESAMPLE_PERCENT / 100) {
                context.record(name, table.bytes());
            }
            grown(context, snapshot, table.bytes(), before).ifPresent(facts -> {
                facts.put("qualified", table.qualified());
                problems.add(Problem.of(PostgresCode.PG_311, new Resource("Table", table.schema(), table.table()),
                        facts));
            });
        }
        return problems;
    }

    /** The facts of a size that grew past the thresholds since {@code before}, if it did. */
    private Optional<Map<String, Object>> grown(CheckContext context, PostgresSnapshot snapshot, long bytes,
                                                Sample before) {
        if (before == null || !context.now().isAfter(before.at())) {
            return Optional.empty();
        }
        PostgresProperties.Thresholds thresholds = postgresTargets.thresholds(context);
        double growth = bytes - before.value();
        double days = Duration.between(before.at(), context.now()).toSeconds() / DAY_SECONDS;
        double percent = before.value() > 0 ? 100 * growth / before.value() : Double.POSITIVE_INFINITY;
        if (growth < thresholds.growthMinBytes() || percent < thresholds.growthPercentPerDay() * days) {
            return Optional.empty();
        }
        Map<String, Object> facts = facts(context, snapshot);
        facts.put("growth", Humanize.bytes(growth));
        facts.put("percent", before.value() > 0 ? "+" + Humanize.percent(percent) : "from empty");
        facts.put("since", before.at());
        facts.put("before", Humanize.bytes(before.value()));
        facts.put("size", Humanize.bytes(bytes));
        facts.put("perDay", Humanize.bytes(days > 0 ? growth / days : growth));
        facts.put("percentPerDay", before.value() > 0 && days > 0 ? Humanize.percent(percent / days) : "n/a");
        facts.put("threshold", Humanize.percent(thresholds.growthPercentPerDay()));
        facts.put("minBytes", Humanize.bytes(thresholds.growthMinBytes()));
        return Optional.of(facts);
    }
}
