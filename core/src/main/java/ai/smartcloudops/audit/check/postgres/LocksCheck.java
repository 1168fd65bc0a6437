package ai.smartcloudops.audit.check.postgres;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.text.Humanize;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Sessions of the database waiting longer than the threshold on a lock another session holds. */
@Component
public class LocksCheck extends PostgresCheck {

    static final String ID = "postgres.locks";
    static final int MAX_FINDINGS = 20;

    public LocksCheck(PostgresTargets postgresTargets) {
        super(ID, postgresTargets);
    }

    @Override
    List<Problem> inspect(CheckContext context, PostgresSnapshot snapshot) {
        // what is waited for is stable across runs; the pids are not
        return snapshot.locks().get(context).stream().collect(Collectors.groupingBy(w -> w.relation() != null
                        ? new Resource("Table", w.schema(), w.relation())
                        : new Resource("Lock", null, String.valueOf(w.lockType())), LinkedHashMap::new,
                        Collectors.toList()))
                .entrySet().stream().map(e -> {
                    // the oldest waiter speaks for the resource; the others are counted
                    PostgresSnapshot.Wait oldest = e.getValue().get(0);
                    Map<String, Object> facts = facts(context, snapshot);
                    facts.put("pid", oldest.pid());
                    facts.put("blockingPids", oldest.blockingPids());
                    facts.put("blockingPid", oldest.blockingPid());
                    facts.put("waited", Humanize.seconds(oldest.waitedSeconds()));
                    facts.put("mode", oldest.mode());
                    facts.put("lock", oldest.lock().strip());
                    facts.put("application", oldest.application());
                    facts.put("user", oldest.user());
                    facts.put("blockers", oldest.blockers() == null ? "pid " + oldest.blockingPids()
                            : oldest.blockers());
                    facts.put("waiting", e.getValue().size());
                    return Problem.of(PostgresCode.PG_204, e.getKey(), facts);
                }).toList();
    }
}
