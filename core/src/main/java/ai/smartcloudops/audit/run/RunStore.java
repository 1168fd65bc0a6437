package ai.smartcloudops.audit.run;



import ai.smartcloudops.audit.finding.AuditRun;
import ai.smartcloudops.audit.finding.RunHistory;
import ai.smartcloudops.audit.finding.RunStatus;
import ai.smartcloudops.audit.finding.Schedule;
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
public class RunStore implements RunHistory {

    private final JdbcClient jdbc;

    public RunStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long create(String job, String trigger, Instant startedAt, String options) {
        return jdbc.sql("INSERT INTO audit_run (job, trigger_kind, started_at, status, options) "
                        + "VALUES (?, ?, ?, ?, ?) RETURNING id")
                .params(job, trigger, Timestamp.from(startedAt), RunStatus.RUNNING.toString(), options)
                .query(Long.class).single();
    }

    /**
     * The run of the shard's run key: the first shard to start creates it, the others (and a retried pod) join it.
     * A key already used by another job or another shard count is refused: it would mix two runs.
     */
    public long join(String job, String trigger, Instant startedAt, String options, Shard shard) {
        Optional<Long> created = jdbc.sql("INSERT INTO audit_run (job, trigger_kind, started_at, status, options, "
                        + "run_key, shards) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (run_key) DO NOTHING RETURNING id")
                .params(job, trigger, Timestamp.from(startedAt), RunStatus.RUNNING.toString(), options, shard.runKey(),
                        shard.count())
                .query(Long.class).optional();
        if (created.isPresent()) {
            return created.get();
        }
        AuditRun run = jdbc.sql("SELECT * FROM audit_run WHERE run_key = ?").param(shard.runKey())
                .query(RunStore::map).single();
        if (!run.job().equals(job) || run.shards() != shard.count()) {
            throw new UsageException("run key '" + shard.runKey() + "' belongs to run " + run.id() + ", a "
                    + run.job() + " run of " + run.shards() + " shard(s); this process runs " + job + " as "
                    + shard.describe() + ": give each run its own " + Shard.RUN_KEY_ENV);
        }
        return run.id();
    }

    /**
     * Records that the shard's sweep is stored and tells whether every shard's is now: the shard that completes the
     * set finishes the run. The run's row is locked first, so two shards finishing together see each other and
     * exactly one of them sees the full set.
     */
    public Swept swept(long runId, int shard, Instant at) {
        int shards = jdbc.sql("SELECT shards FROM audit_run WHERE id = ? FOR UPDATE").param(runId)
                .query(Integer.class).single();
        jdbc.sql("INSERT INTO audit_run_shard (run_id, shard, swept_at) VALUES (?, ?, ?) "
                        + "ON CONFLICT (run_id, shard) DO UPDATE SET swept_at = EXCLUDED.swept_at")
                .params(runId, shard, Timestamp.from(at)).update();
        int done = jdbc.sql("SELECT count(*) FROM audit_run_shard WHERE run_id = ?").param(runId)
                .query(Integer.class).single();
        return new Swept(done, shards);
    }

    /** How many shards of a run have stored their sweep, of how many. */
    public record Swept(int done, int shards) {
        public boolean all() {
            return done == shards;
        }
    }

    public void finish(long runId, RunStatus status, Instant finishedAt, Integer score) {
        jdbc.sql("UPDATE audit_run SET status = ?, finished_at = ?, score = COALESCE(?, score) WHERE id = ?")
                .params(status.toString(), Timestamp.from(finishedAt), score, runId).update();
    }

    /** Appends {@code key=value} to the run's options, e.g. the fire time a scheduled run belongs to. */
    public void note(long runId, String keyValue) {
        jdbc.sql("UPDATE audit_run SET options = options || ' ' || ? WHERE id = ?").params(keyValue, runId).update();
    }

    public void score(long runId, int score) {
        jdbc.sql("UPDATE audit_run SET score = ? WHERE id = ?").params(score, runId).update();
    }

    @Override
    public AuditRun get(long runId) {
        return find(runId).orElseThrow(() -> new IllegalArgumentException("no run with id " + runId));
    }

    public Optional<AuditRun> find(long runId) {
        return jdbc.sql("SELECT * FROM audit_run WHERE id = ?").param(runId).query(RunStore::map).optional();
    }

    /** The latest completed audit run (a weekly-report or escalate run audits nothing, so it is never the latest). */
    public Optional<AuditRun> latestCompleted() {
        return jdbc.sql("SELECT * FROM audit_run WHERE status = ? AND job <> ALL (?) ORDER BY id DESC LIMIT 1")
                .params(RunStatus.COMPLETED.toString(), Schedule.nonAudits()).query(RunStore::map).optional();
    }

    @Override
    public Optional<AuditRun> previous(long runId, String job) {
        return jdbc.sql("SELECT * FROM audit_run WHERE job = ? AND id < ? AND status = ? ORDER BY id DESC LIMIT 1")
                .params(job, runId, RunStatus.COMPLETED.toString()).query(RunStore::map).optional();
    }

    /** The id of {@link #previous}, or null when this is the job's first completed run. */
    public Long previousId(long runId, String job) {
        return previous(runId, job).map(AuditRun::id).orElse(null);
    }

    /** Up to {@code limit} runs of the job ending with this one, oldest first. */
    @Override
    public List<AuditRun> recent(long runId, String job, int limit) {
        List<AuditRun> runs = new ArrayList<>(jdbc.sql("SELECT * FROM audit_run WHERE job = ? AND id <= ? "
                        + "AND (status = ? OR id = ?) ORDER BY id DESC LIMIT ?")
                .params(job, runId, RunStatus.COMPLETED.toString(), runId, limit).query(RunStore::map).list());
        Collections.reverse(runs);
        return runs;
    }

    private static AuditRun map(ResultSet rs, int row) throws SQLException {
        Timestamp finished = rs.getTimestamp("finished_at");
        Integer score = rs.getObject("score", Integer.class);
        return new AuditRun(rs.getLong("id"), rs.getString("job"), rs.getString("trigger_kind"),
                rs.getTimestamp("started_at").toInstant(), finished == null ? null : finished.toInstant(),
                RunStatus.valueOf(rs.getString("status")), score, rs.getString("options"), rs.getString("run_key"),
                rs.getInt("shards"));
    }
}
