package ai.smartcloudops.audit.finding;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Findings and coverage per run, and the state of every fingerprint across runs. */
@Repository
public class FindingStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** How long a sample outlives a newer one of the same number (then only the latest of it is kept). */
    static final int SAMPLE_RETENTION_DAYS = 14;
    private static final TypeReference<LinkedHashMap<String, String>> EVIDENCE = new TypeReference<>() {
    };

    /** The columns a stored finding fills, in the order {@link #findingRow} writes them. */
    static final List<String> FINDING_COLUMNS = List.of("run_id", "shard", "fingerprint", "check_id", "code",
            "severity", "area", "target", "resource_kind", "resource_namespace", "resource_name", "title", "detail",
            "evidence", "remediation", "waiver");
    /** Held by a diff until it commits: diffs of the store run one after the other (see {@link #diff}). */
    private static final long DIFF_LOCK = 0x6865616c74685f64L;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final FindingCodes codes;

    public FindingStore(DataSource dataSource, FindingCodes codes) {
        this.template = new JdbcTemplate(dataSource);
        this.jdbc = JdbcClient.create(template);
        this.codes = codes;
    }

    /**
     * Replaces what this shard of the run stored (a single process is shard 0), so a restarted sweep leaves no
     * duplicates and the shards of a fleet run never touch each other's rows. Each table's rows go in one binary
     * COPY, so storing a large sweep costs about what PostgreSQL needs to write it.
     */
    @Transactional
    public void saveSweep(long runId, int shard, List<Finding> findings, List<Coverage> coverage,
                          Map<Sample.Key, Double> samples) {
        for (String table : List.of("finding", "check_execution", "metric_sample")) {
            jdbc.sql("DELETE FROM " + table + " WHERE run_id = ? AND shard = ?").params(runId, shard).update();
        }
        copy("metric_sample", List.of("run_id", "shard", "target", "name", "value"), samples.entrySet(),
                (sample, row) -> row.int8(runId).int4(shard).text(sample.getKey().target())
                        .text(sample.getKey().name()).float8(sample.getValue()));
        // a run reads only the latest sample of a number: older ones go once they are a while out of use, so the
        // table stays the size of the estate's numbers, not of its history
        jdbc.sql("DELETE FROM metric_sample s WHERE EXISTS (SELECT 1 FROM metric_sample n WHERE n.target = s.target "
                + "AND n.name = s.name AND n.taken_at > s.taken_at + make_interval(days => ?))")
                .param(SAMPLE_RETENTION_DAYS).update();
        copy("check_execution", List.of("run_id", "shard", "check_id", "target", "status", "duration_ms", "findings",
                        "reason"), coverage,
                (c, row) -> row.int8(runId).int4(shard).text(c.check()).text(c.target()).text(c.status().toString())
                        .int8(c.durationMs()).int4(c.findings()).text(c.reason()));
        copy("finding", FINDING_COLUMNS, findings, (f, row) -> findingRow(runId, shard, f, row));
    }

    /** A finding of the run as a row of table finding. */
    static void findingRow(long runId, int shard, Finding f, BinaryCopy.Row row) throws IOException {
        row.int8(runId).int4(shard).text(f.fingerprint()).text(f.checkId()).text(f.code().code())
                .text(f.severity().name()).text(f.area().id()).text(f.target()).text(f.resource().kind())
                .text(f.resource().namespace()).text(f.resource().name()).text(f.title()).text(f.detail())
                .text(JSON.writeValueAsString(f.evidence())).text(f.remediation()).text(f.waiver());
    }

    /** One COPY of the rows into the table, on the transaction's connection; none when there are no rows. */
    private <T> void copy(String table, List<String> columns, Collection<T> rows, BinaryCopy.Fields<T> fields) {
        if (!rows.isEmpty()) {
            template.execute((ConnectionCallback<Long>) c -> BinaryCopy.into(c, table, columns, rows, fields));
        }
    }

    /**
     * Compares the run with the state of every fingerprint: each finding becomes new, persisting or regressed
     * (severity went up); a finding waived when last seen that is no longer waived (its waiver expired) is new again,
     * so it notifies like a new finding, and keeps its first-seen date; a finding of the previous run that is absent
     * now is resolved, but only when the check that raised it ran on that target in this run (a check that failed
     * resolves nothing, nor does one that a permission left partial: what it could not see may still be there; only
     * its AUDIT-904, raised again for every permission it still lacks). A check with nothing to read now ("not
     * configured") resolves what it found when it had.
     * <p>
     * {@code unseen} is the code the sweep raises for a permission a check lacks (AUDIT-904).
     * <p>
     * A fixed number of statements whatever the size of the run, and a write only where something changed: one pass
     * joins the run's findings with the states as they were, and from that one join records the verdicts that a
     * state cannot tell (new again, regressed: a finding first seen in the run is new by its state's
     * {@code first_seen_run}, and any other is persisting), updates the states that changed (severity, reopened,
     * waived) and inserts the new ones; then the missed ones are resolved. A finding that persists unchanged, most of
     * a nightly run, costs no write at all.
     * <p>
     * Two runs may diff at once (hourly and nightly on one store). Each diff first takes one transaction-level
     * advisory lock, so the second waits until the first commits and then reads the states it left: a fingerprint
     * new to the store is new in one run only, so it is notified once, and with one lock between them two diffs
     * cannot deadlock each other.
     */
    @Transactional
    public void diff(long runId, Long previousRunId, Instant now, FindingCode unseen) {
        // the run's rows were written after the statistics the planner has: judged by those, a large run looks like a
        // few rows and would be joined one by one, so the diff joins by hashing, which costs little for a small run
        jdbc.sql("SELECT pg_advisory_xact_lock(?), set_config('enable_nestloop', 'off', true)").param(DIFF_LOCK)
                .query().singleRow();
        Timestamp at = Timestamp.from(now);
        // severities compare as their names: P0 < P1 < P2 < P3, the most severe first
        jdbc.sql("WITH seen AS MATERIALIZED (SELECT c.fingerprint, c.code, c.severity, c.waiver IS NOT NULL AS waived, "
                        + "s.fingerprint IS NULL AS first_sight, CASE "
                        + "WHEN s.fingerprint IS NULL OR s.status <> 'open' OR s.waived AND c.waiver IS NULL THEN :new "
                        + "WHEN c.severity < s.severity THEN :regressed END AS verdict, "
                        + "s.status <> 'open' OR s.severity <> c.severity OR s.waived <> (c.waiver IS NOT NULL) "
                        + "AS changed FROM finding c LEFT JOIN finding_state s ON s.fingerprint = c.fingerprint "
                        + "WHERE c.run_id = :run), "
                        + "verdicts AS (INSERT INTO run_finding_state (run_id, fingerprint, state) "
                        + "SELECT :run, fingerprint, verdict FROM seen WHERE verdict IS NOT NULL AND NOT first_sight), "
                        + "states AS (UPDATE finding_state s SET severity = seen.severity, status = 'open', "
                        + "resolved_run = NULL, resolved_at = NULL, waived = seen.waived FROM seen "
                        + "WHERE seen.changed AND s.fingerprint = seen.fingerprint) "
                        + "INSERT INTO finding_state (fingerprint, code, severity, status, first_seen_run, "
                        + "first_seen_at, waived) SELECT fingerprint, code, severity, 'open', :run, :at, waived "
                        + "FROM seen WHERE first_sight ON CONFLICT (fingerprint) DO NOTHING")
                .param("run", runId).param("at", at).param("new", FindingState.NEW.toString())
                .param("regressed", FindingState.REGRESSED.toString()).update();
        if (previousRunId != null) {
            jdbc.sql("UPDATE finding_state s SET status = 'resolved', resolved_run = :run, resolved_at = :at "
                            + "FROM finding p WHERE p.run_id = :previous AND p.fingerprint = s.fingerprint "
                            + "AND s.status = 'open' "
                            + "AND NOT EXISTS (SELECT 1 FROM finding c "
                            + "WHERE c.run_id = :run AND c.fingerprint = p.fingerprint) "
                            + "AND EXISTS (SELECT 1 FROM check_execution e WHERE e.run_id = :run "
                            + "AND e.check_id = p.check_id AND e.target = p.target "
                            + "AND (e.status IN (:ran, :notConfigured) "
                            + "OR e.status = :partial AND p.code = :unseen))")
                    .param("run", runId).param("at", at).param("previous", previousRunId)
                    .param("ran", CoverageStatus.RAN.toString())
                    .param("notConfigured", CoverageStatus.NOT_CONFIGURED.toString())
                    .param("partial", CoverageStatus.PARTIAL.toString()).param("unseen", unseen.code()).update();
        }
        jdbc.sql("UPDATE audit_run SET diffed_at = ? WHERE id = ?").params(at, runId).update();
        jdbc.sql("RESET enable_nestloop").update();
    }

    public List<Finding> findings(long runId) {
        return jdbc.sql("SELECT * FROM finding WHERE run_id = ? ORDER BY severity, code, fingerprint")
                .param(runId).query(this::finding).list();
    }

    /** The run's findings that count ({@link Counts}: not waived) per severity, counted by the store. */
    public Counts counts(long runId) {
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        jdbc.sql("SELECT severity, count(*) FROM finding WHERE run_id = ? AND waiver IS NULL GROUP BY severity")
                .param(runId).query(rs -> {
                    counts.put(Severity.valueOf(rs.getString(1)), rs.getInt(2));
                });
        return new Counts(counts);
    }

    /** The run's findings with their state and when each was first seen. */
    public List<TrackedFinding> items(long runId) {
        return jdbc.sql("SELECT f.*, v.state, s.first_seen_at FROM finding f JOIN finding_state s USING (fingerprint) "
                        + "JOIN finding_verdict v USING (run_id, fingerprint) WHERE f.run_id = ?")
                .param(runId)
                .query((rs, n) -> new TrackedFinding(finding(rs, n), state(rs.getString("state")),
                        rs.getTimestamp("first_seen_at").toInstant()))
                .list();
    }

    /**
     * When the finding of {@code finding_state s} last opened, as SQL: first seen, seen again after it was resolved
     * or got worse (the diff of a run with a verdict row for it), or its latest trigger, whichever is latest.
     */
    public static final String OPENED_AT = "greatest(s.first_seen_at, (SELECT max(coalesce(r.diffed_at, r.started_at)) "
            + "FROM run_finding_state v JOIN audit_run r ON r.id = v.run_id WHERE v.fingerprint = s.fingerprint), "
            + "(SELECT max(o.created_at) FROM notification_outbox o WHERE o.fingerprint = s.fingerprint "
            + "AND o.kind = 'trigger'))";

    /** When each finding of the run that is not waived last opened ({@link #OPENED_AT}). */
    public Map<String, Instant> opened(long runId) {
        Map<String, Instant> opened = new HashMap<>();
        jdbc.sql("SELECT f.fingerprint, " + OPENED_AT + " FROM finding f JOIN finding_state s USING (fingerprint) "
                        + "WHERE f.run_id = ? AND f.waiver IS NULL")
                .param(runId)
                .query(rs -> {
                    opened.put(rs.getString(1).trim(), rs.getTimestamp(2).toInstant());
                });
        return opened;
    }

    /**
     * The open findings that are not waived, each as the run that saw it last found it, as SQL: {@code s} their
     * {@code finding_state}, {@code f} that latest finding row; a query adds its own conditions with AND.
     */
    public static final String OPEN_LATEST = "finding_state s CROSS JOIN LATERAL (SELECT * FROM finding l "
            + "WHERE l.fingerprint = s.fingerprint ORDER BY l.run_id DESC LIMIT 1) f "
            + "WHERE s.status = 'open' AND NOT s.waived";

    /** Every open finding that is not waived, as the run that saw it last found it. */
    public List<Finding> open() {
        return jdbc.sql("SELECT f.* FROM " + OPEN_LATEST + " ORDER BY f.severity, f.code, f.fingerprint")
                .query(this::finding).list();
    }

    /** Findings of the previous run that this run resolved. */
    public List<TrackedFinding> resolved(long runId, Long previousRunId) {
        if (previousRunId == null) {
            return List.of();
        }
        return jdbc.sql("SELECT f.*, s.first_seen_at FROM finding f JOIN finding_state s USING (fingerprint) "
                        + "WHERE f.run_id = ? AND s.resolved_run = ?")
                .params(previousRunId, runId)
                .query((rs, n) -> new TrackedFinding(finding(rs, n), FindingState.RESOLVED,
                        rs.getTimestamp("first_seen_at").toInstant()))
                .list();
    }

    public List<Coverage> coverage(long runId) {
        return jdbc.sql("SELECT * FROM check_execution WHERE run_id = ? ORDER BY check_id, target")
                .param(runId)
                .query((rs, n) -> new Coverage(rs.getString("check_id"), rs.getString("target"),
                        CoverageStatus.of(rs.getString("status")), rs.getLong("duration_ms"), rs.getInt("findings"),
                        rs.getString("reason")))
                .list();
    }

    /** The evidence a run recorded for a fingerprint, if that run found it. */
    public Optional<Map<String, String>> evidence(long runId, String fingerprint) {
        return jdbc.sql("SELECT evidence FROM finding WHERE run_id = ? AND fingerprint = ?")
                .params(runId, fingerprint).query(String.class).optional()
                .map(json -> JSON.readValue(json, EVIDENCE));
    }

    /**
     * The latest value of a target's number before this run, whichever job took it (an hourly run compares with the
     * nightly run's sample when that is the later one), with when it was taken; never one of this run's own.
     */
    public Optional<Sample> previousSample(long runId, String target, String name) {
        return jdbc.sql("SELECT value, taken_at FROM metric_sample WHERE target = ? AND name = ? AND run_id <> ? "
                        + "ORDER BY taken_at DESC, run_id DESC LIMIT 1")
                .params(target, name, runId)
                .query((rs, n) -> new Sample(rs.getDouble(1), rs.getTimestamp(2).toInstant())).optional();
    }

    /** {@link #previousSample} of every name of the target that starts with {@code prefix}, by name. */
    public Map<String, Sample> previousSamples(long runId, String target, String prefix) {
        Map<String, Sample> latest = new HashMap<>();
        jdbc.sql("SELECT DISTINCT ON (name) name, value, taken_at FROM metric_sample WHERE target = ? "
                        + "AND starts_with(name, ?) AND run_id <> ? ORDER BY name, taken_at DESC, run_id DESC")
                .params(target, prefix, runId)
                .query(rs -> {
                    latest.put(rs.getString(1), new Sample(rs.getDouble(2), rs.getTimestamp(3).toInstant()));
                });
        return latest;
    }

    /** The severity of a fingerprint's finding while it is open, whichever job saw it last. */
    public Optional<Severity> openSeverity(String fingerprint) {
        return jdbc.sql("SELECT severity FROM finding_state WHERE fingerprint = ? AND status = 'open'")
                .param(fingerprint).query(String.class).optional().map(Severity::valueOf);
    }

    /** Null until the run is diffed. */
    private static FindingState state(String label) {
        return label == null ? null : FindingState.of(label);
    }

    /** A stored finding; a code the catalogue no longer holds comes back as an {@link UnknownCode}. */
    private Finding finding(ResultSet rs, int row) throws SQLException {
        String code = rs.getString("code");
        String area = rs.getString("area");
        Resource resource = new Resource(rs.getString("resource_kind"), rs.getString("resource_namespace"),
                rs.getString("resource_name"));
        return Finding.of(codes.find(code).orElseGet(() -> new UnknownCode(code, Area.parse(area))),
                        rs.getString("target"), resource)
                .severity(Severity.valueOf(rs.getString("severity"))).title(rs.getString("title"))
                .detail(rs.getString("detail")).evidence(JSON.readValue(rs.getString("evidence"), EVIDENCE))
                .remediation(rs.getString("remediation")).fingerprint(rs.getString("fingerprint").trim())
                .checkId(rs.getString("check_id")).waiver(rs.getString("waiver")).build();
    }
}
