package ai.smartcloudops.audit.check.app;

import ai.smartcloudops.audit.finding.Area;
import ai.smartcloudops.audit.finding.FindingCode;
import ai.smartcloudops.audit.finding.Grade;
import ai.smartcloudops.audit.finding.Severity;
import ai.smartcloudops.audit.finding.Team;
import java.util.List;

/** Application codes (APP-1xx): the services' health URLs, down, all down, slow. */
public enum AppCode implements FindingCode {

    APP_101("APP-101", Severity.P1, AvailabilityCheck.ID, AppCode.UNAVAILABLE,
            "{name} is down: {failure}",
            "GET {url} failed after {elapsed}: {failure}. {up} of the {total} health URLs of {target} answer; "
                    + "requests routed to this one fail.",
            """
            curl -isk --max-time 10 '{url}'
            kubectl get pods -n {namespace} -o wide | grep {target}
            kubectl logs deployment/{target} -n {namespace} --tail=100
            # POD: a pod of {target}, listed above
            kubectl describe pod $POD -n {namespace} | grep -E "(Limits|Requests|Events)"
            kubectl delete pod $POD -n {namespace}
            kubectl rollout restart deployment/{target} -n {namespace}"""),
    APP_102("APP-102", Severity.P0, AvailabilityCheck.ID, AppCode.UNAVAILABLE,
            "Service {name} is down: none of its {total} health URLs answers",
            "Every health URL of {name} failed: {failures}.",
            """
            kubectl get pods -n {namespace} -o wide | grep {name}
            kubectl logs deployment/{name} -n {namespace} --tail=100
            kubectl get events --sort-by=.metadata.creationTimestamp -n {namespace}
            # POD: a pod of {name}, listed above
            kubectl describe pod $POD -n {namespace} | grep -E "(Limits|Requests|Events)"
            kubectl rollout restart deployment/{name} -n {namespace}
            kubectl scale deployment {name} --replicas=5 -n {namespace}
            # the ConfigMaps {name} reads
            kubectl get deployment {name} -n {namespace} -o yaml | grep -E -A 1 'configMapRef:|configMap:|configMapKeyRef:'
            curl -isk --max-time 10 '{url}'"""),
    APP_103("APP-103", Severity.P2, LatencyCheck.ID, AppCode.SLOW,
            "{name} answered in {latency}, slower than {threshold}",
            "GET {url} took {latency} to its response headers (connect and TLS handshake included); the threshold "
                    + "of {target} is {threshold}.",
            """
            time curl -sk -o /dev/null --max-time 10 '{url}'
            # PROMETHEUS_URL: the Prometheus that scrapes {target}; its p95 latency, if it exports the guide's metric
            curl -s -G "$PROMETHEUS_URL/api/v1/query" --data-urlencode 'query=histogram_quantile(0.95, rate(flask_request_duration_seconds_bucket[5m]))'
            kubectl top pods -n {namespace} | grep {target}
            # CONFIGMAP: the ConfigMap of {target} that holds CACHE_ENABLED, among these
            kubectl get deployment {target} -n {namespace} -o yaml | grep -E -A 1 'configMapRef:|configMap:|configMapKeyRef:'
            kubectl patch configmap $CONFIGMAP -n {namespace} -p '{"data":{"CACHE_ENABLED":"true"}}'
            kubectl rollout restart deployment/{target} -n {namespace}
            kubectl scale deployment {target} --replicas=10 -n {namespace}""");

    static final String UNAVAILABLE = "API Service Unavailable (500/503 Errors)";
    static final String SLOW = "High Response Times / Performance Degradation";

    private final Definition definition;

    AppCode(String code, Severity severity, String owner, String runbook, String title, String detail,
            String remediation, Grade... grades) {
        this.definition = new Definition(code, severity, Area.APP, Team.PLATFORM, owner, runbook, title, detail,
                remediation, List.of(grades));
    }

    @Override
    public Definition definition() {
        return definition;
    }
}
