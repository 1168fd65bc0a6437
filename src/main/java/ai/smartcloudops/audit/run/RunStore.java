package ai.smartcloudops.audit.run;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The audit_run table: one row per run of a job. */
@Repository
public class RunStore {

    public static final String RUNNING = "RUNNING";
    public static final String COMPLETED = "COMPLETED";
    public static final String FAILED = "FAILED";
    /** The job that reads the store and audits nothing: its runs have no findings and no score. */
    public static final String WEEKLY_REPORT = "weekly-report";

    private final JdbcClient jdbc;

    public RunStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A run as stored; finishedAt and score are null while it runs. */
    public record AuditRun(long id, String job, String trigger, Instant startedAt, Instant finishedAt,
                           String status, Integer score, String options) {
    }

    public long create(String job, String trigger, Instant startedAt, String options) {
        return jdbc.sql("INSERT INTO audit_run (job, trigger_kind, started_at, status, options) "
                        + "VALUES (?, ?, ?, ?, ?) RETURNING id")
                .params(job, trigger, Timestamp.from(startedAt), RUNNING, options)
                .query(Long.class).single();
    }

    public void finish(long runId, String status, Instant finishedAt, Integer score) {
        jdbc.sql("UPDATE audit_run SET status = ?, finished_at = ?, score = COALESCE(?, score) WHERE id = ?")
                .params(status, Timestamp.from(finishedAt), score, runId).update();
    }

    /** Appends {@code key=value} to the run's options, e.g. the fire time a scheduled run belongs to. */
    public void note(long runId, String keyValue) {
        jdbc.sql("UPDATE audit_run SET options = options || ' ' || ? WHERE id = ?").params(keyValue, runId).update();
    }

    public void score(long runId, int score) {
        jdbc.sql("UPDATE audit_run SET score = ? WHERE id = ?").params(score, runId).update();
    }

    public AuditRun get(long runId) {
        return find(runId).orElseThrow(() -> new IllegalArgumentException("no run with id " + runId));
    }

    public Optional<AuditRun> find(long runId) {
        return jdbc.sql("SELECT * FROM audit_run WHERE id = ?").param(runId).query(RunStore::map).optional();
    }

    /** The latest completed audit run (a weekly-report run audits nothing, so it is never the latest). */
    public Optional<AuditRun> latestCompleted() {
        return jdbc.sql("SELECT * FROM audit_run WHERE status = ? AND job <> ? ORDER BY id DESC LIMIT 1")
                .params(COMPLETED, WEEKLY_REPORT).query(RunStore::map).optional();
    }

    /** The last completed run of the same job before this one: what a diff compares against. */
    public Optional<AuditRun> previous(long runId, String job) {
        return jdbc.sql("SELECT * FROM audit_run WHERE job = ? AND id < ? AND status = ? ORDER BY id DESC LIMIT 1")
                .params(job, runId, COMPLETED).query(RunStore::map).optional();
    }

    /** Up to {@code limit} runs of the job ending with this one, oldest first. */
    public List<AuditRun> recent(long runId, String job, int limit) {
        List<AuditRun> runs = new ArrayList<>(jdbc.sql("SELECT * FROM audit_run WHERE job = ? AND id <= ? "
                        + "AND (status = ? OR id = ?) ORDER BY id DESC LIMIT ?")
                .params(job, runId, COMPLETED, runId, limit).query(RunStore::map).list());
        Collections.reverse(runs);
        return runs;
    }

    private static AuditRun map(ResultSet rs, int row) throws SQLException {
        Timestamp finished = rs.getTimestamp("finished_at");
        int score = rs.getInt("score");
        return new AuditRun(rs.getLong("id"), rs.getString("job"), rs.getString("trigger_kind"),
                rs.getTimestamp("started_at").toInstant(), finished == null ? null : finished.toInstant(),
                rs.getString("status"), rs.wasNull() ? null : score, rs.getString("options"));
    }
}
