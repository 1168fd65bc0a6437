package ai.smartcloudops.audit.weekly;

import ai.smartcloudops.audit.finding.FindingCode;
import ai.smartcloudops.audit.finding.FindingCodes;
import ai.smartcloudops.audit.finding.FindingStore;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.ResponseTimes;
import ai.smartcloudops.audit.finding.RunStatus;
import ai.smartcloudops.audit.finding.Schedule;
import ai.smartcloudops.audit.finding.Score;
import ai.smartcloudops.audit.finding.Severity;
import ai.smartcloudops.audit.finding.Team;
import ai.smartcloudops.audit.waiver.Waivers;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads the weekly report from the store: audit runs (never a run of a job that audits nothing), findings, waivers. */
@Repository
public class WeeklyReportQuery {

    static final int TOP_RECURRING = 10;

    private final JdbcClient jdbc;
    private final Waivers waivers;
    private final ResponseTimes responseTimes;
    private final FindingCodes codes;

    public WeeklyReportQuery(JdbcClient jdbc, Waivers waivers, ResponseTimes responseTimes, FindingCodes codes) {
        this.jdbc = jdbc;
        this.waivers = waivers;
        this.responseTimes = responseTimes;
        this.codes = codes;
    }

    /** The 7 days ending at {@code now}. */
    public WeeklyReport build(String estate, Instant now) {
        Instant from = now.minus(WeeklyReport.WINDOW);
        Timestamp since = Timestamp.from(from);
        Timestamp until = Timestamp.from(now);
        WeeklyReport.Run latest = jdbc.sql("SELECT * FROM audit_run WHERE status = ? AND job <> ALL (?) "
                        + "ORDER BY id DESC LIMIT 1")
                .params(RunStatus.COMPLETED.toString(), Schedule.nonAudits()).query(WeeklyReportQuery::run).optional()
                .orElse(null);
        List<WeeklyReport.Run> trend = jdbc.sql("SELECT * FROM audit_run WHERE status = ? AND job <> ALL (?) "
                        + "AND started_at >= ? AND started_at <= ? ORDER BY started_at, id")
                .params(RunStatus.COMPLETED.toString(), Schedule.nonAudits(), since, until).query(WeeklyReportQuery::run)
                .list();
        return new WeeklyReport(estate, from, now, latest, trend, severities(since, until),
                recurring(since, until), openUrgent(now), expiringWaivers(now));
    }

    private List<WeeklyReport.SeverityCounts> severities(Timestamp since, Timestamp until) {
        Map<Severity, Integer> opened = new EnumMap<>(Severity.class);
        jdbc.sql("SELECT f.severity, count(DISTINCT f.fingerprint) FROM finding f JOIN audit_run r ON r.id = f.run_id "
                        + "JOIN finding_verdict v ON v.run_id = f.run_id AND v.fingerprint = f.fingerprint "
                        + "WHERE v.state = 'new' AND r.status = ? AND r.started_at >= ? AND r.started_at <= ? "
                        + "GROUP BY f.severity")
                .params(RunStatus.COMPLETED.toString(), since, until)
                .query((rs, n) -> opened.put(Severity.valueOf(rs.getString(1)), rs.getInt(2))).list();
        Map<Severity, Integer> resolved = new EnumMap<>(Severity.class);
        Map<Severity, Duration> mean = new EnumMap<>(Severity.class);
        jdbc.sql("SELECT severity, count(*), avg(EXTRACT(EPOCH FROM (resolved_at - first_seen_at))) "
                        + "FROM finding_state WHERE status = 'resolved' AND resolved_at >= ? AND resolved_at <= ? "
                        + "GROUP BY severity")
                .params(since, until)
                .query((rs, n) -> {
                    Severity s = Severity.valueOf(rs.getString(1));
                    resolved.put(s, rs.getInt(2));
                    return mean.put(s, Duration.ofSeconds(Math.round(rs.getDouble(3))));
                }).list();
        List<WeeklyReport.SeverityCounts> rows = new ArrayList<>();
        for (Severity s : Severity.values()) {
            rows.add(new WeeklyReport.SeverityCounts(s, opened.getOrDefault(s, 0), resolved.getOrDefault(s, 0),
                    mean.get(s)));
        }
        return rows;
    }

    /** Findings seen in at least two runs of the window, most runs first; the latest sighting describes each. */
    private List<WeeklyReport.Recurring> recurring(Timestamp since, Timestamp until) {
        return jdbc.sql("WITH seen AS (SELECT f.fingerprint, count(*) AS runs, max(f.run_id) AS last_run "
                        + "FROM finding f JOIN audit_run r ON r.id = f.run_id "
                        + "WHERE r.status = ? AND r.started_at >= ? AND r.started_at <= ? GROUP BY f.fingerprint "
                        + "HAVING count(*) >= 2) "
                        + "SELECT f.*, seen.runs FROM seen JOIN finding f "
                        + "ON f.fingerprint = seen.fingerprint AND f.run_id = seen.last_run "
                        + "ORDER BY seen.runs DESC, f.severity, f.code, f.fingerprint LIMIT ?")
                .params(RunStatus.COMPLETED.toString(), since, until, TOP_RECURRING)
                .query((rs, n) -> new WeeklyReport.Recurring(rs.getString("code"),
                        Severity.valueOf(rs.getString("severity")), rs.getString("title"), rs.getString("target"),
                        resource(rs), rs.getInt("runs")))
                .list();
    }

    /** Open P0/P1 findings that are not waived, described by their latest sighting, oldest first. */
    private List<WeeklyReport.Open> openUrgent(Instant now) {
        return jdbc.sql("SELECT f.*, s.first_seen_at, " + FindingStore.OPENED_AT + " AS opened_at FROM "
                        + FindingStore.OPEN_LATEST + " AND s.severity IN ('P0', 'P1') "
                        + "ORDER BY s.first_seen_at, f.severity, f.code, f.fingerprint")
                .query((rs, n) -> {
                    Instant first = rs.getTimestamp("first_seen_at").toInstant();
                    Severity severity = Severity.valueOf(rs.getString("severity"));
                    Instant due = responseTimes.due(severity, rs.getTimestamp("opened_at").toInstant());
                    FindingCode code = codes.find(rs.getString("code")).orElse(null);
                    return new WeeklyReport.Open(rs.getString("code"), severity, rs.getString("title"),
                            rs.getString("target"), resource(rs), first, Duration.between(first, now),
                            code == null ? Team.PLATFORM : code.team(), due, due.isBefore(now));
                })
                .list();
    }

    /** Stored and configured waivers alike: both silence findings, both run out. */
    private List<WeeklyReport.Waiver> expiringWaivers(Instant now) {
        return waivers.active(now).stream().filter(w -> !w.expiresAt().isAfter(now.plus(WeeklyReport.WINDOW)))
                .map(w -> new WeeklyReport.Waiver(w.code(), w.match(), w.reason(), w.owner(), w.expiresAt()))
                .toList();
    }

    private static String resource(ResultSet rs) throws SQLException {
        return new Resource(rs.getString("resource_kind"), rs.getString("resource_namespace"),
                rs.getString("resource_name")).path();
    }

    private static WeeklyReport.Run run(ResultSet rs, int row) throws SQLException {
        int score = rs.getInt("score");
        if (rs.wasNull()) {
            score = 0;
        }
        return new WeeklyReport.Run(rs.getLong("id"), rs.getString("job"),
                rs.getTimestamp("started_at").toInstant(), score, Score.grade(score));
    }
}
