package ai.smartcloudops.audit.maintenance;

import ai.smartcloudops.audit.check.aws.AwsCode;
import ai.smartcloudops.audit.check.aws.AwsProperties;
import ai.smartcloudops.audit.check.aws.Ec2StatusCheck;
import ai.smartcloudops.audit.check.aws.EksNodegroupCheck;
import ai.smartcloudops.audit.check.aws.RdsSnapshotsCheck;
import ai.smartcloudops.audit.check.kubernetes.CriticalDeploymentsCheck;
import ai.smartcloudops.audit.check.kubernetes.DrainCapacityCheck;
import ai.smartcloudops.audit.check.kubernetes.KubernetesCode;
import ai.smartcloudops.audit.check.kubernetes.KubernetesProperties;
import ai.smartcloudops.audit.check.kubernetes.NodeConditionsCheck;
import ai.smartcloudops.audit.check.kubernetes.PodDisruptionBudgetCheck;
import ai.smartcloudops.audit.check.logging.EsClusterHealthCheck;
import ai.smartcloudops.audit.check.logging.LoggingCode;
import ai.smartcloudops.audit.check.postgres.PostgresCode;
import ai.smartcloudops.audit.check.postgres.ReplicationLagCheck;
import ai.smartcloudops.audit.check.tls.TlsCode;
import ai.smartcloudops.audit.check.tls.TlsExpiryCheck;
import ai.smartcloudops.audit.check.tls.TlsProperties;
import ai.smartcloudops.audit.finding.Coverage;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.FindingCode;
import ai.smartcloudops.audit.finding.FindingStore;
import ai.smartcloudops.audit.finding.Severity;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The pre-maintenance gates, judged from a run's stored findings (waived ones do not count) and coverage. A gate
 * whose checks did not run in full on a configured target (partial included) FAILS as "not verified": before
 * maintenance, unknown is NO-GO. A gate whose checks have no configured target, or nothing configured to read on
 * it, PASSES as "n/a".
 */
@Component
public class Gates {

    /** The gate needs two ready replicas, whatever the nightly threshold is. */
    static final int MIN_READY = 2;
    /** Certificates must outlive the window by this much. */
    static final Duration CERTIFICATE_MARGIN = Duration.ofDays(7);
    private static final int LISTED = 5;
    /** Most severe first, then by code, target and resource, so the listed five are stable. */
    private static final Comparator<Finding> ORDER = Comparator.comparing(Finding::severity)
            .thenComparing(f -> f.code().code()).thenComparing(Finding::target).thenComparing(f -> f.resource().path());

    private final FindingStore findings;
    private final TlsProperties tls;
    private final KubernetesProperties kubernetes;
    private final AwsProperties aws;

    public Gates(FindingStore findings, TlsProperties tls, KubernetesProperties kubernetes, AwsProperties aws) {
        this.findings = findings;
        this.tls = tls;
        this.kubernetes = kubernetes;
        this.aws = aws;
    }

    /** Every gate of the run, in a fixed order; {@code now} is when the TLS check looked. */
    public Verdict evaluate(long runId, MaintenanceWindow window, Instant now) {
        List<Finding> open = findings.findings(runId).stream().filter(f -> !f.waived()).sorted(ORDER).toList();
        List<Coverage> coverage = findings.coverage(runId);
        Instant certificatesUntil = window.end().plus(CERTIFICATE_MARGIN);
        Instant horizon = now.plus(tls.thresholds().expiringP3());
        Instant eventsHorizon = now.plus(aws.thresholds().maintenanceWithin());
        List<Gate> gates = new ArrayList<>();
        gates.add(openFindings(open));
        gates.add(gate("RDS automated snapshots newer than 24 h", "RDS account", Set.of(RdsSnapshotsCheck.ID),
                open, coverage, List.of(), is(AwsCode.AWS_407)));
        gates.add(gate("PostgreSQL replicas within their replication-lag threshold", "PostgreSQL server",
                Set.of(ReplicationLagCheck.ID), open, coverage, List.of(), is(PostgresCode.PG_401)));
        gates.add(gate("critical deployments have >= " + MIN_READY + " ready replicas and PDBs allow a disruption",
                "Kubernetes cluster", Set.of(CriticalDeploymentsCheck.ID, PodDisruptionBudgetCheck.ID), open,
                coverage, kubernetes.criticalMinReady() >= MIN_READY ? List.of()
                        : List.of("health-audit.kubernetes.critical-min-ready is " + kubernetes.criticalMinReady()
                        + ", so a deployment with fewer than " + MIN_READY + " ready replicas raises no K8S-303"),
                is(KubernetesCode.K8S_303, KubernetesCode.K8S_305)));
        gates.add(gate("no certificate expiring before " + certificatesUntil + " (window end + 7 d)",
                "TLS endpoint or cluster", Set.of(TlsExpiryCheck.ID), open, coverage,
                horizon.isBefore(certificatesUntil) ? List.of("certificates expiring after " + horizon
                        + " are not reported (health-audit.tls.thresholds.expiring-p3 is "
                        + tls.thresholds().expiringP3().toDays() + " d); use a window ending sooner or raise it")
                        : List.of(),
                is(TlsCode.TLS_102).or(is(TlsCode.TLS_103, TlsCode.TLS_104)
                        .and(f -> expiresBy(f, certificatesUntil)))));
        gates.add(gate("no node NotReady", "Kubernetes cluster", Set.of(NodeConditionsCheck.ID), open, coverage,
                List.of(), is(KubernetesCode.K8S_101)));
        // a node group at its maximum cannot launch the node that replaces a drained one
        gates.add(gate("the cluster can lose its largest node (N-1) and its node groups can grow",
                "Kubernetes cluster or AWS account", Set.of(DrainCapacityCheck.ID, EksNodegroupCheck.ID), open,
                coverage, List.of(), is(KubernetesCode.K8S_106, AwsCode.AWS_203)));
        gates.add(gate("no EC2 scheduled event starting before " + window.end() + " (window end)", "AWS account",
                Set.of(Ec2StatusCheck.ID), open, coverage, eventsHorizon.isBefore(window.end())
                        ? List.of("EC2 events starting after " + eventsHorizon + " are not reported "
                        + "(health-audit.aws.thresholds.maintenance-within is "
                        + aws.thresholds().maintenanceWithin().toDays() + " d); use a window ending sooner or raise it")
                        : List.of(),
                is(AwsCode.AWS_102).and(f -> startsBy(f, window.end()))));
        gates.add(gate("Elasticsearch green", "Elasticsearch cluster", Set.of(EsClusterHealthCheck.ID), open,
                coverage, List.of(), is(LoggingCode.LOG_101, LoggingCode.LOG_102)));
        return new Verdict(window, gates);
    }

    private static Gate openFindings(List<Finding> open) {
        String name = "no open P0 or P1 finding";
        List<Finding> severe = open.stream().filter(f -> f.severity().atLeast(Severity.P1)).toList();
        return severe.isEmpty() ? new Gate(name, true, "none open")
                : new Gate(name, false, severe.size() + " open: " + list(severe));
    }

    /**
     * @param blind what the gate cannot see even when its checks ran (a configuration that hides failures)
     */
    private static Gate gate(String name, String what, Set<String> checks, List<Finding> open, List<Coverage> coverage,
                             List<String> blind, Predicate<Finding> failing) {
        List<Coverage> all = coverage.stream().filter(c -> checks.contains(c.check())).toList();
        if (all.isEmpty()) {
            return new Gate(name, true, "n/a: no " + what + " configured");
        }
        // a check with nothing to read on a target, like a target not configured, neither verifies nor fails the gate
        List<Coverage> rows = all.stream().filter(c -> !c.notConfigured()).toList();
        if (rows.isEmpty()) {
            return new Gate(name, true, "n/a: " + all.stream().map(Coverage::reason).distinct().sorted()
                    .collect(Collectors.joining("; ")));
        }
        List<String> unverified = new ArrayList<>();
        Coverage.notRun(rows).forEach((why, notRun) -> unverified.add(why.target() + " " + String.join(", ", notRun)
                + " " + why.status() + (why.reason() == null ? "" : ": " + why.reason())));
        unverified.addAll(blind);
        List<Finding> failed = open.stream().filter(f -> checks.contains(f.checkId())).filter(failing).toList();
        List<String> problems = new ArrayList<>();
        if (!failed.isEmpty()) {
            problems.add(list(failed));
        }
        if (!unverified.isEmpty()) {
            problems.add("not verified: " + String.join("; ", unverified));
        }
        if (!problems.isEmpty()) {
            return new Gate(name, false, String.join("; ", problems));
        }
        return new Gate(name, true, "checked on " + rows.stream().map(Coverage::target).distinct().sorted()
                .collect(Collectors.joining(", ")));
    }

    /** A finding of one of these codes. */
    private static Predicate<Finding> is(FindingCode... codes) {
        Set<FindingCode> wanted = Set.of(codes);
        return f -> wanted.contains(f.code());
    }

    private static boolean expiresBy(Finding f, Instant until) {
        // a short-lived certificate's finding without a date is judged failing: the gate cannot show it outlives
        return notAfter(f, "notAfter", until);
    }

    private static boolean startsBy(Finding f, Instant until) {
        // an event without a start is judged failing: the gate cannot show it starts after the window
        return notAfter(f, "notBefore", until);
    }

    /** Whether the instant in evidence {@code key} is missing, unreadable or not after {@code until}. */
    private static boolean notAfter(Finding f, String key, Instant until) {
        try {
            String at = f.evidence().get(key);
            return at == null || !Instant.parse(at).isAfter(until);
        } catch (DateTimeParseException e) {
            return true;
        }
    }

    /** Up to five as "CODE Kind/namespace/name on target", then "and N more". */
    private static String list(List<Finding> found) {
        String listed = found.stream().limit(LISTED)
                .map(f -> f.code().code() + " " + f.resource().path() + " on " + f.target())
                .collect(Collectors.joining(", "));
        return found.size() > LISTED ? listed + " and " + (found.size() - LISTED) + " more" : listed;
    }
}
