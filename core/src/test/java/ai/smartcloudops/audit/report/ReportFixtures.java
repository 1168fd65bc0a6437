package ai.smartcloudops.audit.report;

import ai.smartcloudops.audit.check.kubernetes.KubernetesCode;
import ai.smartcloudops.audit.check.postgres.PostgresCode;
import ai.smartcloudops.audit.finding.Counts;
import ai.smartcloudops.audit.finding.Coverage;
import ai.smartcloudops.audit.finding.CoverageStatus;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.FindingState;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.RunStatus;
import ai.smartcloudops.audit.finding.Score;
import ai.smartcloudops.audit.finding.Severity;
import ai.smartcloudops.audit.finding.TrackedFinding;
import ai.smartcloudops.audit.maintenance.Gate;
import ai.smartcloudops.audit.maintenance.MaintenanceWindow;
import ai.smartcloudops.audit.maintenance.Verdict;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run shared by the renderer tests: two areas, every severity, the states new / persisting / regressed,
 * one resolved finding, a coverage row that errored, three trend points, and hostile strings in the fields
 * a report shows.
 */
public final class ReportFixtures {

    public static final long RUN_ID = 42;
    public static final String HOSTILE_TITLE = "<script>alert(1)</script>";
    public static final String HOSTILE_DETAIL = "\"quotes\" & <b>";
    public static final String HOSTILE_EVIDENCE = "=HYPERLINK(\"http://evil\",\"x\")";
    public static final String HOSTILE_NAME = "+cmd|' /C calc'!A0";
    public static final String HOSTILE_REMEDIATION = "-rf / --no-preserve-root\nkubectl get pods";
    public static final String COVERAGE_ERROR_REASON = "connection refused: orders-db.internal:5432";

    public static final Instant STARTED = Instant.parse("2025-03-14T02:00:00Z");
    public static final Instant FINISHED = Instant.parse("2025-03-14T02:03:25Z");

    private ReportFixtures() {
    }

    /** K8S-101 P0 new · K8S-201 P1 persisting (hostile title and detail) · PG-201 P2 regressed (hostile
     * evidence, name, remediation) · PG-301 P3 persisting · resolved K8S-202 P2. */
    public static ReportModel model() {
        Map<String, String> nodeEvidence = new LinkedHashMap<>();
        nodeEvidence.put("status", "False");
        nodeEvidence.put("since", "2025-03-14T01:10:00Z");
        Finding nodeDown = Finding.of(KubernetesCode.K8S_101, "prod-eks",
                        Resource.of("Node", "ip-10-0-1-12.ec2.internal"))
                .severity(Severity.P0).title("Node ip-10-0-1-12.ec2.internal is NotReady")
                .detail("Ready is False since 2025-03-14T01:10:00Z (KubeletNotReady).").evidence(nodeEvidence)
                .remediation("kubectl describe node ip-10-0-1-12.ec2.internal\nkubectl drain ip-10-0-1-12.ec2.internal "
                        + "--ignore-daemonsets --delete-emptydir-data").checkId("kubernetes.nodes").build();

        Finding restarts = Finding.of(KubernetesCode.K8S_201, "prod-eks",
                        new Resource("Pod", "payments", "api-7d9f8b-x2kq"))
                .severity(Severity.P1).title(HOSTILE_TITLE).detail(HOSTILE_DETAIL).evidence(Map.of("restarts", "14"))
                .remediation("kubectl logs api-7d9f8b-x2kq -n payments --previous").checkId("kubernetes.pods.restarts")
                .build();

        Map<String, String> lockEvidence = new LinkedHashMap<>();
        lockEvidence.put("query", HOSTILE_EVIDENCE);
        lockEvidence.put("waiting", "7");
        Finding locks = Finding.of(PostgresCode.PG_201, "orders-db", new Resource("Table", "public", HOSTILE_NAME))
                .severity(Severity.P2).title("Lock waits on table public." + HOSTILE_NAME)
                .detail("7 sessions wait on locks held by pid 4411.").evidence(lockEvidence)
                .remediation(HOSTILE_REMEDIATION).checkId("postgres.locks").build();

        Finding bloat = Finding.of(PostgresCode.PG_301, "orders-db", new Resource("Table", "public", "order_items"))
                .severity(Severity.P3).title("Table public.order_items has 38% dead tuples")
                .detail("Autovacuum last ran 9 days ago.").evidence(Map.of("deadTuplePercent", "38"))
                .remediation("VACUUM (ANALYZE) public.order_items;").checkId("postgres.maintenance").build();

        Finding oom = Finding.of(KubernetesCode.K8S_202, "prod-eks",
                        new Resource("Pod", "checkout", "worker-5c6d-abcde"))
                .severity(Severity.P2).title("Container worker of pod checkout/worker-5c6d-abcde was OOMKilled")
                .detail("Exit code 137.").evidence(Map.of("exitCode", "137"))
                .remediation("kubectl top pods -n checkout --sort-by=memory").checkId("kubernetes.pods.oom").build();

        List<TrackedFinding> findings = List.of(
                new TrackedFinding(bloat, FindingState.PERSISTING, Instant.parse("2025-03-01T02:00:00Z")),
                // notified when it regressed, a day ago: past P2's 4 hours
                new TrackedFinding(locks, FindingState.REGRESSED, Instant.parse("2025-03-10T02:00:00Z"),
                        STARTED.minusSeconds(20 * 3600)),
                new TrackedFinding(restarts, FindingState.PERSISTING, Instant.parse("2025-03-13T02:00:00Z")),
                new TrackedFinding(nodeDown, FindingState.NEW, STARTED, STARTED.plusSeconds(15 * 60)));
        List<TrackedFinding> resolved = List.of(
                new TrackedFinding(oom, FindingState.RESOLVED, Instant.parse("2025-03-12T02:00:00Z")));
        List<Coverage> coverage = List.of(
                new Coverage("kubernetes.nodes", "prod-eks", CoverageStatus.RAN, 812, 1, null),
                new Coverage("kubernetes.pods.restarts", "prod-eks", CoverageStatus.RAN, 1540, 1, null),
                new Coverage("postgres.locks", "orders-db", CoverageStatus.RAN, 95, 1, null),
                new Coverage("postgres.replication", "orders-db-replica", CoverageStatus.ERROR, 3001, 0,
                        COVERAGE_ERROR_REASON));
        int score = Score.of(findings.stream().map(TrackedFinding::finding).toList());
        ReportModel.Run run = new ReportModel.Run(RUN_ID, "nightly", "schedule", STARTED, FINISHED, RunStatus.COMPLETED,
                score, Score.grade(score));
        List<ReportModel.TrendPoint> trend = List.of(
                new ReportModel.TrendPoint(40, Instant.parse("2025-03-12T02:00:00Z"), 83,
                        new Counts(Map.of(Severity.P1, 1, Severity.P2, 2))),
                new ReportModel.TrendPoint(41, Instant.parse("2025-03-13T02:00:00Z"), 86,
                        new Counts(Map.of(Severity.P1, 1, Severity.P2, 1, Severity.P3, 1))),
                new ReportModel.TrendPoint(RUN_ID, STARTED, score,
                        new Counts(Map.of(Severity.P0, 1, Severity.P1, 1, Severity.P2, 1, Severity.P3, 1))));
        return new ReportModel(run, findings, resolved, coverage, 86, trend);
    }

    /**
     * The same findings as a pre-maintenance run's: NO-GO, one gate passed, one failing with a hostile name
     * and a hostile detail that starts like a formula.
     */
    public static ReportModel preMaintenance() {
        ReportModel model = model();
        ReportModel.Run run = new ReportModel.Run(model.run().id(), "pre-maintenance", "cli", STARTED, FINISHED,
                RunStatus.COMPLETED, model.run().score(), model.run().grade());
        Verdict verdict = new Verdict(MaintenanceWindow.parse("2025-03-15T22:00Z/4h"), List.of(
                new Gate("no node NotReady", true, "checked on prod-eks"),
                new Gate(HOSTILE_TITLE, false, HOSTILE_EVIDENCE)));
        return new ReportModel(run, model.findings(), model.resolved(), model.coverage(), model.previousScore(),
                model.trend(), verdict);
    }

    /** The same run with nothing found and no history: a first run of a clean estate. */
    public static ReportModel empty() {
        ReportModel.Run run = new ReportModel.Run(7, "hourly", "cli", STARTED, null, RunStatus.RUNNING, 100,
                Score.grade(100));
        return new ReportModel(run, List.of(), List.of(), List.of(), null, List.of());
    }
}
