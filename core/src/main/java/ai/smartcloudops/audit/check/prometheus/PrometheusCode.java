package ai.smartcloudops.audit.check.prometheus;

import ai.smartcloudops.audit.finding.Area;
import ai.smartcloudops.audit.finding.FindingCode;
import ai.smartcloudops.audit.finding.Grade;
import ai.smartcloudops.audit.finding.Severity;
import ai.smartcloudops.audit.finding.Team;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Prometheus codes (PROM-1xx): scrape targets, alerts, rules, the server's own state, and the configured PromQL
 * checks. PROM-110 to PROM-112 are the codes a configured query may raise: configuration picks one and gives the
 * name, threshold, comparison and severity; the catalogue stays static.
 */
public enum PrometheusCode implements FindingCode {

    PROM_101("PROM-101", Severity.P2, Team.PLATFORM, ScrapeTargetsCheck.ID, PrometheusCode.COLLECTING,
            "{down} of {total} targets of scrape job {name} are down on {target}",
            "Prometheus {target} cannot scrape {percent} of job {name} ({critical}): {errors}. Their metrics are "
                    + "missing from dashboards and alert rules on them do not fire.",
            """
            curl -s {url}/api/v1/targets | jq --arg pool {name} '.data.activeTargets[] | select(.scrapePool == $pool and .health != "up") | {scrapeUrl, lastError}'
            # the first of them, scraped as Prometheus does (from where Prometheus runs, for an in-cluster address)
            curl -sS --max-time 10 {scrapeUrl} | head -20
            """ + PrometheusCode.DEPLOYED + """
            kubectl get pods -n smartcloudops-monitoring -l app.kubernetes.io/name=prometheus
            kubectl logs deployment/prometheus -n smartcloudops-monitoring
            kubectl apply -f monitoring/prometheus/prometheus-config.yaml
            kubectl rollout restart deployment/prometheus -n smartcloudops-monitoring""",
            new Grade(PrometheusCode.JOB_MOSTLY_DOWN, Severity.P1),
            new Grade(PrometheusCode.CRITICAL_JOB_DOWN, Severity.P0)),
    PROM_102("PROM-102", Severity.P3, Team.PLATFORM, ScrapeTargetsCheck.ID, PrometheusCode.COLLECTING,
            "{slow} targets of scrape job {name} on {target} take {threshold} or more of their scrape timeout",
            "The slowest, {slowest}, took {duration} of its {timeout} timeout on Prometheus {target}; a scrape that "
                    + "exceeds the timeout fails and the target shows down.",
            """
            curl -s {url}/api/v1/targets | jq --arg pool {name} '.data.activeTargets[] | select(.scrapePool == $pool) | {scrapeUrl, lastScrapeDuration, scrapeTimeout}'
            # the slowest, scraped as Prometheus does (from where Prometheus runs, for an in-cluster address)
            time curl -sS -o /dev/null --max-time 60 {scrapeUrl}
            # raise scrape_timeout of job {name} (at most its scrape_interval) or reduce the metrics it exposes
            """ + PrometheusCode.DEPLOYED + """
            kubectl apply -f monitoring/prometheus/prometheus-config.yaml
            kubectl rollout restart deployment/prometheus -n smartcloudops-monitoring"""),
    PROM_103("PROM-103", Severity.P2, Team.PLATFORM, AlertsCheck.ID, PrometheusCode.COLLECTING,
            "Alert {name} has been firing for {firingFor} on {target}",
            "{count} series of alert {name} (severity label {severityLabel}) firing, the oldest since {since}, longer "
                    + "than {threshold}: {summary}",
            """
            curl -s {url}/api/v1/alerts | jq --arg alert {name} '.data.alerts[] | select(.labels.alertname == $alert)'
            curl -s {url}/api/v1/rules | jq --arg alert {name} '.data.groups[].rules[] | select(.name == $alert)'
            kubectl get events --sort-by=.metadata.creationTimestamp {scope}""",
            new Grade(PrometheusCode.LABELLED_INFO, Severity.P3),
            new Grade(PrometheusCode.LABELLED_HIGH, Severity.P1),
            new Grade(PrometheusCode.LABELLED_CRITICAL, Severity.P0)),
    PROM_104("PROM-104", Severity.P2, Team.PLATFORM, RulesCheck.ID, PrometheusCode.COLLECTING,
            "{type} rule {name} fails to evaluate on {target}",
            "Rule {rule} of group {group} ({file}) has health err: {error}. An alerting rule that cannot be evaluated "
                    + "never fires; a recording rule leaves its series empty.",
            """
            curl -s {url}/api/v1/rules | jq --arg group {group} '.data.groups[] | select(.name == $group) | .rules[] | select(.health == "err")'
            """ + PrometheusCode.DEPLOYED + """
            kubectl logs deployment/prometheus -n smartcloudops-monitoring | grep -i 'rule'
            kubectl apply -f monitoring/prometheus/prometheus-config.yaml
            kubectl rollout restart deployment/prometheus -n smartcloudops-monitoring"""),
    PROM_105("PROM-105", Severity.P1, Team.PLATFORM, ServerStatusCheck.ID, PrometheusCode.COLLECTING,
            "Prometheus {name} sends its alerts to no Alertmanager",
            "/api/v1/alertmanagers lists no active Alertmanager ({dropped} dropped); {alertingRules} alerting rules "
                    + "are evaluated, but a firing alert notifies nobody.",
            """
            curl -s {url}/api/v1/alertmanagers | jq '.data'
            """ + PrometheusCode.DEPLOYED + """
            kubectl get pods -n smartcloudops-monitoring -l app.kubernetes.io/name=alertmanager
            kubectl apply -f monitoring/prometheus/prometheus-deployment.yaml
            kubectl apply -f monitoring/prometheus/prometheus-config.yaml
            kubectl rollout restart deployment/prometheus -n smartcloudops-monitoring"""),
    PROM_106("PROM-106", Severity.P2, Team.PLATFORM, ServerStatusCheck.ID, PrometheusCode.COLLECTING,
            "Prometheus {name} failed to reload its configuration",
            "reloadConfigSuccess is false: Prometheus still runs the configuration loaded at {lastConfigTime}, and "
                    + "the changes since are not in effect.",
            """
            curl -s {url}/api/v1/status/runtimeinfo | jq '.data'
            """ + PrometheusCode.DEPLOYED + """
            kubectl logs deployment/prometheus -n smartcloudops-monitoring | grep -i 'error loading config'
            kubectl apply -f monitoring/prometheus/prometheus-config.yaml
            kubectl rollout restart deployment/prometheus -n smartcloudops-monitoring"""),
    PROM_107("PROM-107", Severity.P3, Team.PLATFORM, ServerStatusCheck.ID, PrometheusCode.COLLECTING,
            "Prometheus {name} holds {series} series in its head block",
            "{series} series in memory, above {threshold}; the most: {topMetrics}. High cardinality slows queries and "
                    + "can run Prometheus out of memory.",
            """
            curl -s {url}/api/v1/status/tsdb | jq '.data.seriesCountByMetricName'
            """ + PrometheusCode.DEPLOYED + """
            kubectl top pods -n smartcloudops-monitoring -l app.kubernetes.io/name=prometheus
            # drop or relabel the high-cardinality labels in monitoring/prometheus/prometheus-config.yaml
            kubectl apply -f monitoring/prometheus/prometheus-config.yaml
            kubectl rollout restart deployment/prometheus -n smartcloudops-monitoring"""),
    PROM_108("PROM-108", Severity.P2, Team.PLATFORM, QueriesCheck.ID, PrometheusCode.COLLECTING,
            "Query {name} cannot be judged on {target}: it {problem}",
            "The configured check {name} ({expression}) {problem}; a metric that vanished is not healthy, and the "
                    + "{checkCode} check it feeds cannot raise anything.",
            """
            curl -s -G {url}/api/v1/query --data-urlencode 'query={expression}'
            curl -s {url}/api/v1/targets | jq '.data.activeTargets[] | select(.health != "up")'
            # then scrape the exporter of the missing metric at its scrapeUrl: does it still export it?""",
            Grade.configured()),
    PROM_110("PROM-110", Severity.P2, Team.PLATFORM, QueriesCheck.ID, "High Response Times / Performance Degradation",
            "Latency {name} on {target} is {value}, {comparison} its threshold {threshold}",
            "{breaching} of {series} series of {expression} on Prometheus {target} are {comparison} {threshold}; "
                    + "the worst is {value} ({labels}).",
            """
            curl -s -G {url}/api/v1/query --data-urlencode 'query={expression}'
            """ + PrometheusCode.WORKLOAD + """
            kubectl top pods -n $NAMESPACE
            # CONFIGMAP: its ConfigMap that holds CACHE_ENABLED, among these
            kubectl get deployment $DEPLOYMENT -n $NAMESPACE -o yaml | grep -E -A 1 'configMapRef:|configMap:|configMapKeyRef:'
            kubectl patch configmap $CONFIGMAP -n $NAMESPACE -p '{"data":{"CACHE_ENABLED":"true"}}'
            kubectl rollout restart deployment/$DEPLOYMENT -n $NAMESPACE
            kubectl scale deployment $DEPLOYMENT --replicas=10 -n $NAMESPACE""",
            Grade.configured()),
    PROM_111("PROM-111", Severity.P1, Team.SECURITY, QueriesCheck.ID, "Suspicious Authentication Activity",
            "Authentication failures {name} on {target} are {value}, {comparison} the threshold {threshold}",
            "{breaching} of {series} series of {expression} on Prometheus {target} are {comparison} {threshold}; "
                    + "the worst is {value} ({labels}). Investigate as a possible attack.",
            """
            curl -s -G {url}/api/v1/query --data-urlencode 'query={expression}'
            """ + PrometheusCode.WORKLOAD + """
            kubectl logs deployment/$DEPLOYMENT -n $NAMESPACE --all-containers | grep -i "auth\\|login\\|fail"
            kubectl logs deployment/$DEPLOYMENT -n $NAMESPACE --all-containers | grep -E "(SECURITY|AUDIT|BREACH)"
            kubectl logs deployment/$DEPLOYMENT -n $NAMESPACE --all-containers --since=24h > security-incident-$(date +%Y%m%d).log
            # block a suspicious IP in a NetworkPolicy of $NAMESPACE; notify #security-alerts""",
            Grade.configured()),
    PROM_112("PROM-112", Severity.P2, Team.PLATFORM, QueriesCheck.ID, "General Troubleshooting Approach",
            "{name} on {target} is {value}, {comparison} its threshold {threshold}",
            "{breaching} of {series} series of {expression} on Prometheus {target} are {comparison} {threshold}; "
                    + "the worst is {value} ({labels}).",
            """
            curl -s -G {url}/api/v1/query --data-urlencode 'query={expression}'
            # NAMESPACE: where the worst series comes from ({labels})
            kubectl get pods -n $NAMESPACE
            kubectl top pods -n $NAMESPACE
            kubectl get events --sort-by=.metadata.creationTimestamp -n $NAMESPACE""",
            Grade.configured()),
    PROM_113("PROM-113", Severity.P2, Team.PLATFORM, VolumesCheck.ID, "General Troubleshooting Approach",
            "Volume {namespace}/{name} is {free}% free",
            "{outlook} From the kubelet's volume statistics on Prometheus {target}.",
            """
            kubectl get pvc {name} -n {namespace}
            kubectl describe pvc {name} -n {namespace}
            # STORAGE_CLASS: the claim's storage class (above); it must allow volume expansion
            kubectl get storageclass $STORAGE_CLASS -o jsonpath='{.allowVolumeExpansion}'
            # SIZE: the new size, larger than the claim's
            kubectl patch pvc {name} -n {namespace} -p '{"spec":{"resources":{"requests":{"storage":"'"$SIZE"'"}}}}'""",
            new Grade(PrometheusCode.ALMOST_FULL, Severity.P1)),
    PROM_114("PROM-114", Severity.P3, Team.PLATFORM, ThrottlingCheck.ID,
            "High Response Times / Performance Degradation",
            "Container {container} of pod {namespace}/{pod} is CPU-throttled in {percent}% of its periods",
            "Over the last 5 minutes {percent}% of its CFS periods were throttled (threshold 25%): it wants more CPU "
                    + "than its limit lets it have, and answers slower for it. From cAdvisor on Prometheus {target}.",
            """
            kubectl top pod {pod} -n {namespace} --containers
            kubectl describe pod {pod} -n {namespace} | grep -A 3 Limits
            # DEPLOYMENT: the pod's workload; CPU_LIMIT: a limit above what it uses at peak
            kubectl set resources deployment/$DEPLOYMENT -n {namespace} -c {container} --limits=cpu=$CPU_LIMIT""");

    static final String COLLECTING = "Prometheus Not Collecting Metrics";

    /** Grades (see {@link Grade}): what makes a finding of the code more or less severe than its default. */
    static final String JOB_MOSTLY_DOWN = "more than job-down-percent of the job down";
    static final String CRITICAL_JOB_DOWN = "every target of a critical job down";
    static final String LABELLED_INFO = "labelled info, low, none or minor";
    static final String LABELLED_HIGH = "labelled high, error, major or p1";
    static final String LABELLED_CRITICAL = "labelled critical, page or p0";
    static final String ALMOST_FULL = "less than 3 % free";
    /** Before the commands on Prometheus itself: where it runs is not known to the audit. */
    private static final String DEPLOYED = "# Prometheus {target} as the guide deploys it: deployment prometheus in "
            + "namespace smartcloudops-monitoring, configured from monitoring/prometheus/\n";
    /** A configured query knows its series, not the workload behind them. */
    private static final String WORKLOAD = "# DEPLOYMENT, NAMESPACE: the workload behind the worst series ({labels})\n";

    /** The codes a configured query may raise. */
    public static final List<PrometheusCode> QUERY_CODES = List.of(PROM_110, PROM_111, PROM_112);

    private final Definition definition;

    PrometheusCode(String code, Severity severity, Team team, String owner, String runbook, String title,
                   String detail, String remediation, Grade... grades) {
        this.definition = new Definition(code, severity, Area.PROMETHEUS, team, owner, runbook, title, detail,
                remediation, List.of(grades));
    }

    @Override
    public Definition definition() {
        return definition;
    }

    /** The query code named {@code code}, e.g. PROM-110. */
    public static Optional<PrometheusCode> queryCode(String code) {
        return Arrays.stream(values()).filter(c -> QUERY_CODES.contains(c) && c.code().equals(code.trim()))
                .findFirst();
    }
}
