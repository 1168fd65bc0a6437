package ai.smartcloudops.audit.finding;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    private final JdbcClient jdbc;
    private final FindingCodes codes;

    public FindingStore(JdbcClient jdbc, FindingCodes codes) {
        this.jdbc = jdbc;
        this.codes = codes;
    }

    /**
     * Replaces what this shard of the run stored (a single process is shard 0), so a restarted sweep leaves no
     * duplicates and the shards of a fleet run never touch each other's rows.
     */
    @Transactional
    public void saveSweep(long runId, int shard, List<Finding> findings, List<Coverage> coverage,
                          Map<Sample.Key, Double> samples) {
        for (String table : List.of("finding", "check_execution", "metric_sample")) {
            jdbc.sql("DELETE FROM " + table + " WHERE run_id = ? AND shard = ?").params(runId, shard).update();
        }
        samples.forEach((key, value) -> jdbc.sql("INSERT INTO metric_sample (run_id, shard, target, name, value) "
                + "VALUES (?, ?, ?, ?, ?)").params(runId, shard, key.target(), key.name(), value).update());
        // a run reads only the latest sample of a number: older ones go once they are a while out of use, so the
        // table stays the size of the estate's numbers, not of its history
        jdbc.sql("DELETE FROM metric_sample s WHERE EXISTS (SELECT 1 FROM metric_sample n WHERE n.target = s.target "
                + "AND n.name = s.name AND n.taken_at > s.taken_at + make_interval(days => ?))")
                .param(SAMPLE_RETENTION_DAYS).update();
        for (Coverage c : coverage) {
            jdbc.sql("INSERT INTO check_execution (run_id, shard, check_id, target, status, duration_ms, findings, "
                            + "reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(runId, shard, c.check(), c.target(), c.status().toString(), c.durationMs(), c.findings(),
                            c.reason())
                    .update();
        }
        for (Finding f : findings) {
            jdbc.sql("INSERT INTO finding (run_id, shard, fingerprint, check_id, code, severity, area, target, "
                            + "resource_kind, resource_namespace, resource_name, title, detail, evidence, remediation, "
                            + "waiver) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(runId, shard, f.fingerprint(), f.checkId(), f.code().code(), f.severity().name(),
                            f.area().id(), f.target(), f.resource().kind(), f.resource().namespace(),
                            f.resource().name(), f.title(), f.detail(), JSON.writeValueAsString(f.evidence()),
                            f.remediation(), f.waiver())
                    .update();
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
     * Two runs may diff at once (hourly and nightly on one store). Every state row this diff may write (the run's and
     * the previous run's fingerprints) is locked first, in one statement, in fingerprint order, and rows new to the
     * store are then inserted in fingerprint order: both runs take their locks in the same order, so the second
     * waits for the first instead of deadlocking. A fingerprint that the other run stored meanwhile is new in that
     * run only (the insert waits for it, then reads its row), so it is notified once.
     */
    @Transactional
    public void diff(long runId, Long previousRunId, Instant now, FindingCode unseen) {
        Map<String, StateRow> states = lockStates("s.fingerprint IN (SELECT fingerprint FROM finding "
                + "WHERE run_id IN (:runs))", Map.of("runs", previousRunId == null ? List.of(runId)
                : List.of(runId, previousRunId)));
        Timestamp at = Timestamp.from(now);
        List<Finding> found = new ArrayList<>(findings(runId));
        found.sort(Comparator.comparing(Finding::fingerprint));
        for (Finding f : found) {
            StateRow state = states.get(f.fingerprint());
            if (state == null && jdbc.sql("INSERT INTO finding_state (fingerprint, code, severity, status, "
                            + "first_seen_run, first_seen_at, last_seen_run, last_seen_at) "
                            + "VALUES (?, ?, ?, 'open', ?, ?, ?, ?) ON CONFLICT (fingerprint) DO NOTHING")
                    .params(f.fingerprint(), f.code().code(), f.severity().name(), runId, at, runId, at)
                    .update() == 0) {
                state = lockStates("s.fingerprint = :fingerprint", Map.of("fingerprint", f.fingerprint()))
                        .get(f.fingerprint());
            }
            FindingState verdict = FindingState.NEW;
            if (state != null) {
                verdict = !"open".equals(state.status()) || state.waived() && !f.waived() ? FindingState.NEW
                        : f.severity().ordinal() < state.severity().ordinal() ? FindingState.REGRESSED
                        : FindingState.PERSISTING;
                jdbc.sql("UPDATE finding_state SET severity = ?, status = 'open', last_seen_run = ?, last_seen_at = ?, "
                                + "resolved_run = NULL, resolved_at = NULL WHERE fingerprint = ?")
                        .params(f.severity().name(), runId, at, f.fingerprint()).update();
            }
            jdbc.sql("UPDATE finding SET state = ? WHERE run_id = ? AND fingerprint = ?")
                    .params(verdict.toString(), runId, f.fingerprint()).update();
        }
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
    }

    /** The state rows matching {@code condition}, locked for update in fingerprint order. */
    private Map<String, StateRow> lockStates(String condition, Map<String, ?> params) {
        Map<String, StateRow> states = new HashMap<>();
        jdbc.sql("SELECT s.fingerprint, s.severity, s.status, l.waiver IS NOT NULL FROM finding_state s "
                        + "LEFT JOIN finding l ON l.fingerprint = s.fingerprint AND l.run_id = s.last_seen_run "
                        + "WHERE " + condition + " ORDER BY s.fingerprint FOR UPDATE OF s")
                .params(params)
                .query((rs, n) -> new StateRow(rs.getString(1).trim(), Severity.valueOf(rs.getString(2)),
                        rs.getString(3), rs.getBoolean(4)))
                .list().forEach(s -> states.put(s.fingerprint(), s));
        return states;
    }

    public List<Finding> findings(long runId) {
        return jdbc.sql("SELECT * FROM finding WHERE run_id = ? ORDER BY severity, code, fingerprint")
                .param(runId).query(this::finding).list();
    }

    /** The run's findings with their state and when each was first seen. */
    public List<TrackedFinding> items(long runId) {
        return jdbc.sql("SELECT f.*, s.first_seen_at FROM finding f JOIN finding_state s USING (fingerprint) "
                        + "WHERE f.run_id = ?")
                .param(runId)
                .query((rs, n) -> new TrackedFinding(finding(rs, n), state(rs.getString("state")),
                        rs.getTimestamp("first_seen_at").toInstant()))
                .list();
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

    private record StateRow(String fingerprint, Severity severity, String status, boolean waived) {
    }
}
