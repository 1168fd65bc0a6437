package ai.smartcloudops.audit.report;

import ai.smartcloudops.audit.check.aws.AwsCode;
import ai.smartcloudops.audit.check.kubernetes.KubernetesCode;
import ai.smartcloudops.audit.check.logging.LoggingCode;
import ai.smartcloudops.audit.check.postgres.PostgresCode;
import ai.smartcloudops.audit.check.prometheus.PrometheusCode;
import ai.smartcloudops.audit.check.redis.RedisCode;
import ai.smartcloudops.audit.check.tls.TlsCode;
import ai.smartcloudops.audit.finding.Counts;
import ai.smartcloudops.audit.finding.Coverage;
import ai.smartcloudops.audit.finding.CoverageStatus;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.FindingCode;
import ai.smartcloudops.audit.finding.FindingState;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.RunStatus;
import ai.smartcloudops.audit.finding.Score;
import ai.smartcloudops.audit.finding.Severity;
import ai.smartcloudops.audit.finding.TrackedFinding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A large run for the report's scale test and benchmark: {@code findings} findings spread evenly over
 * {@code resources} pods, each pod with distinct codes of every area, so the findings have distinct identities.
 * One finding in a hundred is P0, four are P1, twenty-five P2 and seventy P3; a few carry hostile text.
 */
public final class SyntheticReport {

    public static final Instant STARTED = Instant.parse("2026-12-07T02:00:00Z");

    /** Every code the sweep can emit, apart from the audit's own and the health probes'. */
    public static final List<FindingCode> CODES = Stream.of(KubernetesCode.values(), PostgresCode.values(),
                    AwsCode.values(), RedisCode.values(), TlsCode.values(), PrometheusCode.values(),
                    LoggingCode.values())
            .flatMap(Stream::of).map(FindingCode.class::cast).toList();

    private SyntheticReport() {
    }

    public static ReportModel model(int findings, int resources) {
        int perResource = (findings + resources - 1) / resources;
        if (perResource > CODES.size()) {
            throw new IllegalArgumentException(findings + " findings over " + resources + " resources need "
                    + perResource + " codes per resource; there are " + CODES.size());
        }
        List<TrackedFinding> items = new ArrayList<>(findings);
        for (int i = 0; i < findings; i++) {
            items.add(finding(i, i % resources, (i / resources + i % resources) % CODES.size()));
        }
        List<Coverage> coverage = new ArrayList<>();
        for (int t = 0; t < 20; t++) {
            coverage.add(new Coverage("kubernetes.pods", "cluster-" + t, t == 0 ? CoverageStatus.TIMEOUT
                    : CoverageStatus.RAN, 1200 + t, findings / 20, t == 0 ? "timed out after 5m" : null));
        }
        int score = Score.of(items.stream().map(TrackedFinding::finding).toList());
        ReportModel.Run run = new ReportModel.Run(1000, "nightly", "schedule", STARTED,
                STARTED.plusSeconds(600), RunStatus.COMPLETED, score, Score.grade(score));
        List<ReportModel.TrendPoint> trend = List.of(new ReportModel.TrendPoint(999, STARTED.minusSeconds(86_400),
                score, new Counts(Map.of(Severity.P3, findings))), new ReportModel.TrendPoint(1000, STARTED, score,
                Counts.of(items.stream().map(TrackedFinding::finding).toList())));
        return new ReportModel(run, items, List.of(), coverage, score, trend);
    }

    private static TrackedFinding finding(int i, int resource, int code) {
        String namespace = "team-" + resource % 40;
        String pod = "checkout-api-" + Integer.toHexString(0x10000 + resource) + "-x" + resource % 7;
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("restarts", String.valueOf(i % 97));
        evidence.put("node", "ip-10-0-" + resource % 250 + "-" + i % 250 + ".ec2.internal");
        evidence.put("reason", i % 1000 == 0 ? "=HYPERLINK(\"http://evil\",\"x\")" : "CrashLoopBackOff");
        Finding f = Finding.of(CODES.get(code), "cluster-" + resource % 20, new Resource("Pod", namespace, pod))
                .severity(severity(i))
                .title((i % 1000 == 1 ? "<script>alert(1)</script> " : "") + "Pod " + namespace + "/" + pod
                        + " restarted " + i % 97 + " times in 24h")
                .detail("Container app of pod " + namespace + "/" + pod + " was restarted " + i % 97
                        + " times; the last exit code was 137 (OOMKilled) on node ip-10-0-" + resource % 250 + ".")
                .evidence(evidence)
                .remediation("kubectl -n " + namespace + " describe pod " + pod + "\nkubectl -n " + namespace
                        + " logs " + pod + " --previous --tail=200\nkubectl -n " + namespace + " top pod " + pod
                        + "\n# raise the memory limit if the container is OOMKilled\nkubectl -n " + namespace
                        + " set resources deployment/checkout-api --limits=memory=$NEW_LIMIT")
                .checkId("kubernetes.pods").build();
        FindingState state = i % 10 == 0 ? FindingState.NEW : FindingState.PERSISTING;
        return new TrackedFinding(f, state, STARTED.minusSeconds(86_400L * (i % 30)));
    }

    private static Severity severity(int i) {
        int p = i % 100;
        return p < 1 ? Severity.P0 : p < 5 ? Severity.P1 : p < 30 ? Severity.P2 : Severity.P3;
    }
}
