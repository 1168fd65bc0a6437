package ai.smartcloudops.audit.maintenance;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The maintenance_verdict and maintenance_gate tables: a pre-maintenance run's verdict, to print and re-render. */
@Repository
public class VerdictStore {

    private final JdbcClient jdbc;

    public VerdictStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Replaces the run's verdict (a restarted run evaluates its gates again). */
    @Transactional
    public void save(long runId, Verdict verdict) {
        jdbc.sql("DELETE FROM maintenance_verdict WHERE run_id = ?").param(runId).update();
        jdbc.sql("INSERT INTO maintenance_verdict (run_id, maintenance_window) VALUES (?, ?)")
                .params(runId, verdict.window().toString()).update();
        List<Gate> gates = verdict.gates();
        for (int i = 0; i < gates.size(); i++) {
            jdbc.sql("INSERT INTO maintenance_gate (run_id, position, gate, passed, detail) VALUES (?, ?, ?, ?, ?)")
                    .params(runId, i, gates.get(i).name(), gates.get(i).passed(), gates.get(i).detail()).update();
        }
    }

    /** The run's verdict; empty for runs of other jobs, and for a pre-maintenance run that did not get that far. */
    public Optional<Verdict> find(long runId) {
        return jdbc.sql("SELECT maintenance_window FROM maintenance_verdict WHERE run_id = ?").param(runId)
                .query(String.class).optional()
                .map(window -> new Verdict(MaintenanceWindow.parse(window), jdbc
                        .sql("SELECT gate, passed, detail FROM maintenance_gate WHERE run_id = ? ORDER BY position")
                        .param(runId)
                        .query((rs, n) -> new Gate(rs.getString(1), rs.getBoolean(2), rs.getString(3))).list()));
    }
}
