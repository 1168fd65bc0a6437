package ai.smartcloudops.audit.check.kubernetes;

import ai.smartcloudops.audit.check.Area;
import ai.smartcloudops.audit.check.FindingCode;
import ai.smartcloudops.audit.check.Team;
import ai.smartcloudops.audit.finding.Severity;

/** Kubernetes codes: 1xx nodes and capacity, 2xx pods and containers, 3xx workloads. */
public enum KubernetesCode implements FindingCode {

    K8S_101("K8S-101", Severity.P1, NodeConditionsCheck.ID, "EKS Cluster Node Issues",
            "Node {name} is NotReady",
            "Ready is {status} since {since} ({reason}: {message}).",
            """
            kubectl describe node {name}
            aws ec2 describe-instances --instance-ids {instanceId} --query 'Reservations[].Instances[].State'
            kubectl logs -n kube-system -l name=aws-node
            kubectl drain {name} --ignore-daemonsets --delete-emptydir-data
            kubectl delete node {name}
            # the Auto Scaling Group replaces the node"""),
    K8S_102("K8S-102", Severity.P2, NodeConditionsCheck.ID, "EKS Cluster Node Issues",
            "Node {name} reports {condition}",
            "{condition} reported True since {since} ({reason}: {message}); the kubelet evicts pods under pressure.",
            """
            kubectl describe node {name}
            kubectl top pods --all-namespaces --sort-by=memory
            kubectl drain {name} --ignore-daemonsets --delete-emptydir-data
            kubectl delete node {name}
            # the Auto Scaling Group replaces the node"""),
    K8S_103("K8S-103", Severity.P2, NodeAllocationCheck.ID, "EKS Cluster Node Issues",
            "Node {name} has {resource} requests at {percent}% of allocatable",
            "Pods on the node request {cpuRequested} of {cpuAllocatable} CPU ({cpuPercent}%) and {memoryRequested} "
                    + "of {memoryAllocatable} memory ({memoryPercent}%); threshold {threshold}%.",
            """
            kubectl describe node {name} | grep -A 5 "Allocated resources"
            aws eks update-nodegroup-config --cluster-name {target} --nodegroup-name {nodegroup} \\
              --scaling-config minSize=3,maxSize=15,desiredSize=6
            kubectl get limitrange --all-namespaces
            kubectl get resourcequota --all-namespaces"""),
    // nodes and capacity: K8S-104 and up
    K8S_201("K8S-201", Severity.P1, PodRestartsCheck.ID, "API Service Unavailable (500/503 Errors)",
            "Container {container} of pod {namespace}/{name} restarted {restarts} times",
            "State {state}; last terminated with {lastReason} (exit code {exitCode}).",
            """
            kubectl describe pod {name} -n {namespace}
            kubectl logs {name} -n {namespace} -c {container} --previous --tail=100
            kubectl describe pod {name} -n {namespace} | grep -E "(Limits|Requests|Events)"
            kubectl delete pod {name} -n {namespace}
            kubectl rollout restart {workload} -n {namespace}"""),
    K8S_202("K8S-202", Severity.P2, PodOomCheck.ID, "Memory Leaks / OOMKilled Events",
            "Container {container} of pod {namespace}/{name} was OOMKilled",
            "Last terminated with {reason} (exit code {exitCode}) at {finishedAt}; memory limit {memoryLimit}, "
                    + "{restarts} restarts.",
            """
            kubectl top pods -n {namespace} --sort-by=memory
            kubectl logs {name} -n {namespace} -c {container} --previous | grep -i "memory\\|oom\\|leak"
            kubectl set resources {workload} -n {namespace} -c {container} \\
              --limits=memory=4Gi --requests=memory=2Gi"""),
    K8S_203("K8S-203", Severity.P2, PodSchedulingCheck.ID, "EKS Cluster Node Issues",
            "Pod {namespace}/{name} has been Pending for {age}",
            "{reason}: {message}",
            """
            kubectl describe pod {name} -n {namespace}
            kubectl get events -n {namespace} --field-selector involvedObject.name={name}
            kubectl describe nodes | grep -A 5 "Allocated resources"
            aws eks update-nodegroup-config --cluster-name {target} --nodegroup-name <nodegroup> \\
              --scaling-config minSize=3,maxSize=15,desiredSize=6"""),
    // pods and containers: K8S-204 and up
    K8S_301("K8S-301", Severity.P1, DeploymentAvailabilityCheck.ID, "API Service Unavailable (500/503 Errors)",
            "Deployment {namespace}/{name} has {unavailable} of {replicas} replicas unavailable",
            "Ready {ready}/{replicas}, available {available}; {condition}",
            """
            kubectl rollout status deployment/{name} -n {namespace}
            kubectl describe deployment {name} -n {namespace}
            kubectl get pods -n {namespace} -l {selector}
            kubectl rollout restart deployment/{name} -n {namespace}
            kubectl scale deployment {name} --replicas=5 -n {namespace}"""),
    // workloads: K8S-302 and up

    // networking and ingress: K8S-4xx
    K8S_401("K8S-401", Severity.P1, Team.NETWORK, ServiceEndpointsCheck.ID, "Load Balancer Health Check Failures",
            "Service {namespace}/{name} has no ready endpoints",
            "{endpoints} behind selector {selector}; {notReady} addresses not ready.",
            """
            kubectl get endpoints {name} -n {namespace}
            kubectl get pods -n {namespace} -l {selector}
            kubectl describe service {name} -n {namespace}"""),
    K8S_402("K8S-402", Severity.P1, Team.NETWORK, IngressBackendsCheck.ID, "Load Balancer Health Check Failures",
            "Ingress {namespace}/{name} has {count} broken service backends",
            "{backends}",
            """
            kubectl describe ingress {name} -n {namespace}
            kubectl get service {services} -n {namespace}
            kubectl patch service {service} -n {namespace} -p '
            spec:
              ports:
              - name: http
                port: 80
                targetPort: 5000
                protocol: TCP
            '"""),
    K8S_403("K8S-403", Severity.P3, Team.NETWORK, AlbHealthCheckCheck.ID, "Load Balancer Health Check Failures",
            "ALB ingress {namespace}/{name} does not set its health check",
            "Missing annotations: {missing}; the ALB falls back to its defaults.",
            """
            kubectl describe ingress {name} -n {namespace}
            kubectl patch ingress {name} -n {namespace} -p '
            metadata:
              annotations:
                alb.ingress.kubernetes.io/healthcheck-path: {expectedPath}
                alb.ingress.kubernetes.io/healthcheck-interval-seconds: "30"
                alb.ingress.kubernetes.io/healthcheck-timeout-seconds: "5"
            '"""),
    K8S_404("K8S-404", Severity.P2, Team.NETWORK, AlbHealthCheckPathCheck.ID, "Load Balancer Health Check Failures",
            "ALB ingress {namespace}/{name} health-checks {healthCheckPath}",
            "{problems}",
            """
            kubectl describe ingress {name} -n {namespace}
            kubectl describe service {services} -n {namespace}
            kubectl patch ingress {name} -n {namespace} -p '
            metadata:
              annotations:
                alb.ingress.kubernetes.io/healthcheck-path: {expectedPath}
            '"""),

    // configuration, quotas and policies: K8S-5xx
    K8S_501("K8S-501", Severity.P2, ResourceQuotaCheck.ID, "EKS Cluster Node Issues",
            "ResourceQuota {namespace}/{name} has {resource} at {percent}% of its hard limit",
            "{resource} uses {used} of {hard}; at or over {threshold}%: {overThreshold}.",
            """
            kubectl describe resourcequota {name} -n {namespace}
            kubectl get resourcequota --all-namespaces
            kubectl get limitrange --all-namespaces"""),
    K8S_502("K8S-502", Severity.P3, LimitRangeCheck.ID, "EKS Cluster Node Issues",
            "Namespace {name} has no LimitRange",
            "Containers of the application namespace {name} run without default requests and limits.",
            """
            kubectl get limitrange --all-namespaces
            kubectl get resourcequota --all-namespaces
            kubectl describe namespace {name}"""),
    K8S_503("K8S-503", Severity.P2, AppConfigCheck.ID, "API Service Unavailable (500/503 Errors)",
            "ConfigMap {namespace}/{name} {summary}",
            "{problems}",
            """
            kubectl get configmap {name} -n {namespace} -o yaml
            # a missing ConfigMap: kubectl create configmap {name} -n {namespace} first
            kubectl patch configmap {name} -n {namespace} -p '{"data":{fix}}'
            kubectl rollout restart deployment/smartcloudops-api -n {namespace}"""),
    K8S_504("K8S-504", Severity.P3, Team.SECURITY, NetworkPolicyCheck.ID, "Suspicious Authentication Activity",
            "Namespace {name} has no NetworkPolicy",
            "Every pod of the application namespace {name} accepts traffic from anywhere in the cluster.",
            """
            kubectl get networkpolicy -n {name}
            kubectl describe namespace {name}
            # the guide's response patches smartcloudops-network-policy: create it in {name} first"""),

    // events: K8S-6xx
    ;

    private final Definition definition;

    KubernetesCode(String code, Severity severity, String owner, String runbook, String title, String detail,
                   String remediation) {
        this(code, severity, Team.PLATFORM, owner, runbook, title, detail, remediation);
    }

    KubernetesCode(String code, Severity severity, Team team, String owner, String runbook, String title,
                   String detail, String remediation) {
        this.definition = new Definition(code, severity, Area.KUBERNETES, team, owner, runbook, title, detail,
                remediation);
    }

    @Override
    public Definition definition() {
        return definition;
    }
}
