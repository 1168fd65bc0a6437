package ai.smartcloudops.audit.history;

import ai.smartcloudops.audit.finding.Area;
import ai.smartcloudops.audit.finding.FindingCode;
import ai.smartcloudops.audit.finding.FindingCodes;
import ai.smartcloudops.audit.finding.FindingStore;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.ResponseTimes;
import ai.smartcloudops.audit.finding.RunStatus;
import ai.smartcloudops.audit.finding.Score;
import ai.smartcloudops.audit.finding.Severity;
import ai.smartcloudops.audit.finding.Team;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The store's history as an operator asks for it at the command line: every finding across runs at its latest
 * sighting, the runs with their score and counts, and what changed between two runs.
 */
@Repository
public class HistoryQuery {

    /** Runs with the counts of their findings per severity (not waived) and of those waived; add WHERE. */
    private static final String RUNS = "SELECT r.*, c.* FROM audit_run r CROSS JOIN LATERAL (SELECT "
            + "count(*) FILTER (WHERE severity = 'P0' AND waiver IS NULL) AS p0, "
            + "count(*) FILTER (WHERE severity = 'P1' AND waiver IS NULL) AS p1, "
            + "count(*) FILTER (WHERE severity = 'P2' AND waiver IS NULL) AS p2, "
            + "count(*) FILTER (WHERE severity = 'P3' AND waiver IS NULL) AS p3, "
            + "count(*) FILTER (WHERE waiver IS NOT NULL) AS waived FROM finding WHERE run_id = r.id) c ";

    private final JdbcClient jdbc;
    private final FindingCodes codes;
    private final ResponseTimes responseTimes;

    public HistoryQuery(JdbcClient jdbc, FindingCodes codes, ResponseTimes responseTimes) {
        this.jdbc = jdbc;
        this.codes = codes;
        this.responseTimes = responseTimes;
    }

    /** Where a finding stands now: open, open but waived, or resolved. */
    public enum Status {
        OPEN, WAIVED, RESOLVED;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Which findings to list; a null or empty field does not filter.
     *
     * @param open  only findings that are open and not waived
     * @param since only findings seen (by the run that saw them last) at or after this instant
     */
    public record Filter(boolean open, String code, Area area, String target, Team team, Set<Severity> severities,
                         Instant since) {

        public Filter {
            severities = severities == null ? Set.of() : Set.copyOf(severities);
        }
    }

    /**
     * A finding as the run that saw it last described it, with its history.
     *
     * @param due     when its owner must have answered it; null unless it is open and not waived
     * @param overdue whether that time has passed
     */
    public record FindingRow(String fingerprint, Severity severity, String code, String area, String target,
                             String resource, String title, String team, Status status, String waiver,
                             Instant firstSeen, Instant lastSeen, long lastRun, Instant resolvedAt, Instant due,
                             boolean overdue) {

        public FindingRow {
            Objects.requireNonNull(severity, "severity");
            Objects.requireNonNull(status, "status");
        }
    }

    /** A run with its score and the counts of its findings that are not waived. */
    public record RunRow(long id, String job, String trigger, Instant startedAt, Instant finishedAt, String status,
                         Integer score, String grade, Map<Severity, Integer> findings, int waived) {

        public RunRow {
            findings = Map.copyOf(findings);
        }
    }

    /**
     * One finding that changed between two runs.
     *
     * @param change appeared, resolved or regressed
     * @param before its severity in the earlier run, null when it appeared
     * @param after  its severity in the later run, null when it resolved
     */
    public record Change(String change, String fingerprint, Severity before, Severity after, String code,
                         String target, String resource, String title) {
    }

    /** What the later run found that the earlier did not, what it no longer found, and what got more severe. */
    public record Diff(RunRow from, RunRow to, List<Change> appeared, List<Change> resolved, List<Change> regressed) {

        public Diff {
            appeared = List.copyOf(appeared);
            resolved = List.copyOf(resolved);
            regressed = List.copyOf(regressed);
        }

        /** Every change: the appeared, then the resolved, then the regressed. */
        public List<Change> changes() {
            return Stream.of(appeared, resolved, regressed).flatMap(List::stream).toList();
        }
    }

    /**
     * The findings the filter selects at their latest sighting: most severe first, in a severity the open before the
     * resolved, then the oldest first.
     */
    public List<FindingRow> findings(Filter filter, Instant now) {
        StringBuilder sql = new StringBuilder("SELECT f.*, s.status, s.waived, s.first_seen_at, s.resolved_at, "
                + "r.started_at AS last_seen_at, " + FindingStore.OPENED_AT + " AS opened_at FROM finding_state s "
                + "CROSS JOIN LATERAL (SELECT * FROM finding l WHERE l.fingerprint = s.fingerprint "
                + "ORDER BY l.run_id DESC LIMIT 1) f JOIN audit_run r ON r.id = f.run_id WHERE true");
        List<Object> params = new ArrayList<>();
        if (filter.open()) {
            sql.append(" AND s.status = 'open' AND NOT s.waived");
        }
        condition(sql, params, " AND f.code = ?", filter.code());
        condition(sql, params, " AND f.area = ?", filter.area() == null ? null : filter.area().id());
        condition(sql, params, " AND f.target = ?", filter.target());
        if (!filter.severities().isEmpty()) {
            sql.append(" AND f.severity = ANY (?)");
            params.add(filter.severities().stream().map(Severity::name).toArray(String[]::new));
        }
        condition(sql, params, " AND r.started_at >= ?", filter.since() == null ? null
                : Timestamp.from(filter.since()));
        sql.append(" ORDER BY f.severity, s.status = 'resolved', s.first_seen_at, f.code, f.fingerprint");
        return jdbc.sql(sql.toString()).params(params).query((rs, n) -> findingRow(rs, now)).stream()
                .filter(row -> filter.team() == null || filter.team().id().equals(row.team()))
                .toList();
    }

    /** The latest {@code last} runs, of one job or of all, newest first. */
    public List<RunRow> runs(String job, int last) {
        if (last < 1) {
            throw new IllegalArgumentException("the number of runs must be at least 1, got " + last);
        }
        return jdbc.sql(RUNS + "WHERE (CAST(? AS text) IS NULL OR r.job = ?) ORDER BY r.id DESC LIMIT ?")
                .params(job, job, last).query((rs, n) -> run(rs)).list();
    }

    public Optional<RunRow> run(long id) {
        return jdbc.sql(RUNS + "WHERE r.id = ?").param(id).query((rs, n) -> run(rs)).optional();
    }

    /**
     * What changed from run {@code from} to run {@code to}. A waived finding counts as absent, as in the diff of
     * a run: one that is waived no longer is a problem anyone must answer.
     *
     * @throws IllegalArgumentException naming the run that does not exist
     */
    public Diff diff(long from, long to) {
        RunRow earlier = run(from).orElseThrow(() -> new IllegalArgumentException("no run with id " + from));
        RunRow later = run(to).orElseThrow(() -> new IllegalArgumentException("no run with id " + to));
        List<Change> appeared = new ArrayList<>();
        List<Change> resolved = new ArrayList<>();
        List<Change> regressed = new ArrayList<>();
        jdbc.sql("SELECT coalesce(b.fingerprint, a.fingerprint) AS fingerprint, a.severity AS before, "
                        + "b.severity AS after, coalesce(b.code, a.code) AS code, coalesce(b.target, a.target) AS target, "
                        + "coalesce(b.resource_kind, a.resource_kind) AS resource_kind, "
                        + "coalesce(b.resource_namespace, a.resource_namespace) AS resource_namespace, "
                        + "coalesce(b.resource_name, a.resource_name) AS resource_name, "
                        + "coalesce(b.title, a.title) AS title "
                        + "FROM (SELECT * FROM finding WHERE run_id = ? AND waiver IS NULL) a "
                        + "FULL JOIN (SELECT * FROM finding WHERE run_id = ? AND waiver IS NULL) b USING (fingerprint) "
                        + "WHERE a.fingerprint IS NULL OR b.fingerprint IS NULL OR b.severity < a.severity "
                        + "ORDER BY coalesce(b.severity, a.severity), code, fingerprint")
                .params(from, to)
                .query(rs -> {
                    Severity before = severity(rs.getString("before"));
                    Severity after = severity(rs.getString("after"));
                    List<Change> kind = before == null ? appeared : after == null ? resolved : regressed;
                    kind.add(new Change(kind == appeared ? "appeared" : kind == resolved ? "resolved" : "regressed",
                            rs.getString("fingerprint").trim(), before, after, rs.getString("code"),
                            rs.getString("target"), resource(rs), rs.getString("title")));
                });
        return new Diff(earlier, later, appeared, resolved, regressed);
    }

    private static RunRow run(ResultSet rs) throws SQLException {
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            counts.put(s, rs.getInt(s.name().toLowerCase(Locale.ROOT)));
        }
        Integer score = rs.getObject("score", Integer.class);
        boolean completed = RunStatus.COMPLETED.toString().equals(rs.getString("status"));
        return new RunRow(rs.getLong("id"), rs.getString("job"), rs.getString("trigger_kind"),
                instant(rs, "started_at"), instant(rs, "finished_at"), rs.getString("status"), score,
                score == null || !completed ? null : Score.grade(score), counts, rs.getInt("waived"));
    }

    private FindingRow findingRow(ResultSet rs, Instant now) throws SQLException {
        Severity severity = Severity.valueOf(rs.getString("severity"));
        String code = rs.getString("code");
        Status status = "resolved".equals(rs.getString("status")) ? Status.RESOLVED
                : rs.getBoolean("waived") ? Status.WAIVED : Status.OPEN;
        Instant due = status == Status.OPEN ? responseTimes.due(severity, instant(rs, "opened_at")) : null;
        Team team = codes.find(code).map(FindingCode::team).orElse(Team.PLATFORM);
        return new FindingRow(rs.getString("fingerprint").trim(), severity, code, rs.getString("area"),
                rs.getString("target"), resource(rs), rs.getString("title"), team.id(), status,
                rs.getString("waiver"), instant(rs, "first_seen_at"), instant(rs, "last_seen_at"),
                rs.getLong("run_id"), instant(rs, "resolved_at"), due, due != null && due.isBefore(now));
    }

    private static void condition(StringBuilder sql, List<Object> params, String clause, Object value) {
        if (value != null) {
            sql.append(clause);
            params.add(value);
        }
    }

    private static Severity severity(String value) {
        return value == null ? null : Severity.valueOf(value);
    }

    private static String resource(ResultSet rs) throws SQLException {
        return new Resource(rs.getString("resource_kind"), rs.getString("resource_namespace"),
                rs.getString("resource_name")).path();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
