package ai.smartcloudops.audit.check.prometheus;

import ai.smartcloudops.audit.check.Area;
import ai.smartcloudops.audit.check.FindingCode;
import ai.smartcloudops.audit.check.Team;
import ai.smartcloudops.audit.finding.Severity;
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
            kubectl get pods -n smartcloudops-monitoring -l app.kubernetes.io/name=prometheus
            kubectl logs deployment/prometheus -n smartcloudops-monitoring
            kubectl exec -it deployment/smartcloudops-api -n smartcloudops -- curl http://localhost:5000/api/metrics
            kubectl apply -f monitoring/prometheus/prometheus-config.yaml
            kubectl rollout restart deployment/prometheus -n smartcloudops-monitoring"""),
    PROM_102("PROM-102", Severity.P3, Team.PLATFORM, ScrapeTargetsCheck.ID, PrometheusCode.COLLECTING,
            "{slow} targets of scrape job {name} take {threshold} or more of their scrape timeout",
            "The slowest, {slowest}, took {duration} of its {timeout} timeout on Prometheus {target}; a scrape that "
                    + "exceeds the timeout fails and the target shows down.",
            """
            curl -s {url}/api/v1/targets | jq --arg pool {name} '.data.activeTargets[] | select(.scrapePool == $pool) | {scrapeUrl, lastScrapeDuration, scrapeTimeout}'
            kubectl exec -it deployment/smartcloudops-api -n smartcloudops -- time curl -s -o /dev/null http://localhost:5000/api/metrics
            # raise scrape_timeout of job {name} (at most its scrape_interval) or reduce the metrics it exposes
            kubectl apply -f monitoring/prometheus/prometheus-config.yaml
            kubectl rollout restart deployment/prometheus -n smartcloudops-monitoring"""),
    PROM_103("PROM-103", Severity.P2, Team.PLATFORM, AlertsCheck.ID, PrometheusCode.COLLECTING,
            "Alert {name} has been firing for {firingFor} on {target}",
            "{count} series of alert {name} (severity label {severityLabel}) firing, the oldest since {since}, longer "
                    + "than {threshold}: {summary}",
            """
            curl -s {url}/api/v1/alerts | jq --arg alert {name} '.data.alerts[] | select(.labels.alertname == $alert)'
            curl -s {url}/api/v1/rules | jq --arg alert {name} '.data.groups[].rules[] | select(.name == $alert)'
            kubectl get events --sort-by=.metadata.creationTimestamp -n smartcloudops"""),
    PROM_104("PROM-104", Severity.P2, Team.PLATFORM, RulesCheck.ID, PrometheusCode.COLLECTING,
            "{type} rule {name} fails to evaluate on {target}",
            "Rule {rule} of group {group} ({file}) has health err: {error}. An alerting rule that cannot be evaluated "
                    + "never fires; a recording rule leaves its series empty.",
            """
            curl -s {url}/api/v1/rules | jq --arg group {group} '.data.groups[] | select(.name == $group) | .rules[] | select(.health == "err")'
            kubectl logs deployment/prometheus -n smartcloudops-monitoring | grep -i 'rule'
            kubectl apply -f monitoring/prometheus/prometheus-config.yaml
            kubectl rollout restart deployment/prometheus -n smartcloudops-monitoring"""),
    PROM_105("PROM-105", Severity.P1, Team.PLATFORM, ServerStatusCheck.ID, PrometheusCode.COLLECTING,
            "Prometheus {name} sends its alerts to no Alertmanager",
            "/api/v1/alertmanagers lists no active Alertmanager ({dropped} dropped); {alertingRules} alerting rules "
                    + "are evaluated, but a firing alert notifies nobody.",
            """
            curl -s {url}/api/v1/alertmanagers | jq '.data'
            kubectl get pods -n smartcloudops-monitoring -l app.kubernetes.io/name=alertmanager
            kubectl apply -f monitoring/prometheus/prometheus-deployment.yaml
            kubectl apply -f monitoring/prometheus/prometheus-config.yaml
            kubectl rollout restart deployment/prometheus -n smartcloudops-monitoring"""),
    PROM_106("PROM-106", Severity.P2, Team.PLATFORM, ServerStatusCheck.ID, PrometheusCode.COLLECTING,
            "Prometheus {name} failed to reload its configuration",
            "reloadConfigSuccess is false: Prometheus still runs the configuration loaded at {lastConfigTime}, and "
                    + "the changes since are not in effect.",
            """
            kubectl logs deployment/prometheus -n smartcloudops-monitoring | grep -i 'error loading config'
            curl -s {url}/api/v1/status/runtimeinfo | jq '.data'
            kubectl apply -f monitoring/prometheus/prometheus-config.yaml
            kubectl rollout restart deployment/prometheus -n smartcloudops-monitoring"""),
    PROM_107("PROM-107", Severity.P3, Team.PLATFORM, ServerStatusCheck.ID, PrometheusCode.COLLECTING,
            "Prometheus {name} holds {series} series in its head block",
            "{series} series in memory, above {threshold}; the most: {topMetrics}. High cardinality slows queries and "
                    + "can run Prometheus out of memory.",
            """
            curl -s {url}/api/v1/status/tsdb | jq '.data.seriesCountByMetricName'
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
            kubectl exec -it deployment/smartcloudops-api -n smartcloudops -- curl http://localhost:5000/api/metrics"""),
    PROM_110("PROM-110", Severity.P2, Team.PLATFORM, QueriesCheck.ID, "High Response Times / Performance Degradation",
            "Latency {name} is {value}, {comparison} its threshold {threshold}",
            "{breaching} of {series} series of {expression} on Prometheus {target} are {comparison} {threshold}; "
                    + "the worst is {value} ({labels}).",
            """
            curl -s -G {url}/api/v1/query --data-urlencode 'query={expression}'
            kubectl top pods -n smartcloudops
            kubectl patch configmap smartcloudops-config -n smartcloudops -p '{"data":{"CACHE_ENABLED":"true"}}'
            kubectl rollout restart deployment/smartcloudops-api -n smartcloudops
            kubectl scale deployment smartcloudops-api --replicas=10 -n smartcloudops"""),
    PROM_111("PROM-111", Severity.P1, Team.SECURITY, QueriesCheck.ID, "Suspicious Authentication Activity",
            "Authentication failures {name} are {value}, {comparison} the threshold {threshold}",
            "{breaching} of {series} series of {expression} on Prometheus {target} are {comparison} {threshold}; "
                    + "the worst is {value} ({labels}). Investigate as a possible attack.",
            """
            curl -s -G {url}/api/v1/query --data-urlencode 'query={expression}'
            kubectl logs deployment/smartcloudops-api -n smartcloudops | grep -i "auth\\|login\\|fail"
            kubectl logs -l app.kubernetes.io/name=smartcloudops-ai -n smartcloudops | grep -E "(SECURITY|AUDIT|BREACH)"
            kubectl logs -l app.kubernetes.io/name=smartcloudops-ai -n smartcloudops --since=24h > security-incident-$(date +%Y%m%d).log
            # block a suspicious IP in networkpolicy smartcloudops-network-policy; notify #security-alerts"""),
    PROM_112("PROM-112", Severity.P2, Team.PLATFORM, QueriesCheck.ID, "General Troubleshooting Approach",
            "{name} is {value}, {comparison} its threshold {threshold}",
            "{breaching} of {series} series of {expression} on Prometheus {target} are {comparison} {threshold}; "
                    + "the worst is {value} ({labels}).",
            """
            curl -s -G {url}/api/v1/query --data-urlencode 'query={expression}'
            kubectl get pods -n smartcloudops
            kubectl top pods -n smartcloudops
            kubectl get events --sort-by=.metadata.creationTimestamp -n smartcloudops""");

    static final String COLLECTING = "Prometheus Not Collecting Metrics";

    /** The codes a configured query may raise. */
    public static final List<PrometheusCode> QUERY_CODES = List.of(PROM_110, PROM_111, PROM_112);

    private final Definition definition;

    PrometheusCode(String code, Severity severity, Team team, String owner, String runbook, String title,
                   String detail, String remediation) {
        this.definition = new Definition(code, severity, Area.PROMETHEUS, team, owner, runbook, title, detail,
                remediation);
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
