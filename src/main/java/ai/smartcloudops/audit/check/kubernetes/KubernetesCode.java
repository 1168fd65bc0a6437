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
    K8S_104("K8S-104", Severity.P2, NodeUsageCheck.ID, "EKS Cluster Node Issues",
            "Node {name} is using {percent}% of its allocatable {resource}",
            "In use (kubectl top nodes): {cpuUsed} of {cpuAllocatable} CPU ({cpuPercent}%) and {memoryUsed} of "
                    + "{memoryAllocatable} memory ({memoryPercent}%); threshold {threshold}%.",
            """
            kubectl top nodes
            kubectl describe node {name} | grep -A 5 "Allocated resources"
            kubectl get pods --all-namespaces --field-selector spec.nodeName={name}
            kubectl top pods --all-namespaces --sort-by={sortBy}
            aws eks update-nodegroup-config --cluster-name {target} --nodegroup-name {nodegroup} \\
              --scaling-config minSize=3,maxSize=15,desiredSize=6"""),
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
    K8S_204("K8S-204", Severity.P2, ContainerMemoryCheck.ID, "Memory Leaks / OOMKilled Events",
            "Container {container} of pod {namespace}/{name} uses {percent}% of its memory limit",
            "Working set {memoryUsed} of a {memoryLimit} limit (threshold {threshold}%): at the limit the kernel "
                    + "kills the container (OOMKilled, exit code 137).",
            """
            kubectl top pods -n {namespace} --sort-by=memory
            kubectl logs {name} -n {namespace} -c {container} | grep -i "memory\\|oom\\|leak"
            kubectl set resources {workload} -n {namespace} -c {container} \\
              --limits=memory={suggestedLimit} --requests=memory={suggestedRequest}"""),
    K8S_205("K8S-205", Severity.P3, ResourceLimitsCheck.ID, "API Service Unavailable (500/503 Errors)",
            "{kind} {namespace}/{name} runs containers without resource requests or a memory limit",
            "Missing: {missing} (pod {pod}, {pods} pods affected). Without requests the scheduler overcommits "
                    + "nodes; without a memory limit one container can exhaust its node.",
            """
            kubectl describe pod {pod} -n {namespace} | grep -E "(Limits|Requests|Events)"
            kubectl top pods -n {namespace} --sort-by=memory
            kubectl set resources {workload} -n {namespace} -c {container} \\
              --requests=cpu=<cpu>,memory=<memory> --limits=memory=<memory-limit>
            kubectl get limitrange -n {namespace}"""),
    K8S_206("K8S-206", Severity.P1, ImagePullCheck.ID, "API Service Unavailable (500/503 Errors)",
            "Container {container} of pod {namespace}/{name} cannot pull image {image}",
            "{reason}: {message}",
            """
            kubectl describe pod {name} -n {namespace}
            kubectl get events -n {namespace} --field-selector involvedObject.name={name}
            kubectl get {workload} -n {namespace} -o yaml | grep -E "image:|imagePullSecrets" -A 1
            kubectl rollout undo {workload} -n {namespace}   # back to the last image that pulled
            kubectl delete pod {name} -n {namespace}         # retry once the image or its pull secret is fixed"""),
    K8S_207("K8S-207", Severity.P2, ReadinessCheck.ID, "API Service Unavailable (500/503 Errors)",
            "Pod {namespace}/{name} is Running but not Ready: container {container} fails its readiness probe",
            "Container {container} is running but not ready since {since} (readiness probe {probe}, {restarts} "
                    + "restarts); Services send it no traffic and the load balancer marks it unhealthy.",
            """
            kubectl describe pod {name} -n {namespace}
            kubectl logs {name} -n {namespace} -c {container} --tail=100
            kubectl port-forward pod/{name} 8080:{port} -n {namespace}   # then: curl http://localhost:8080{path}
            kubectl delete pod {name} -n {namespace}
            kubectl rollout restart {workload} -n {namespace}"""),
    K8S_208("K8S-208", Severity.P1, MonitoringPodsCheck.ID, "Monitoring and Logging Issues",
            "Monitoring component {name} has {ready} of {pods} pods running and ready",
            "Pods labelled app.kubernetes.io/name={name} in {namespace}: {pods}, running and ready: {ready}; "
                    + "not ready: {notReady}. What it collects (metrics, alerts or logs) is missing meanwhile.",
            """
            kubectl get pods -n {namespace} -l app.kubernetes.io/name={name}
            kubectl describe pods -n {namespace} -l app.kubernetes.io/name={name}
            kubectl logs {controller} -n {namespace} --tail=100
            kubectl rollout restart {controller} -n {namespace}
            kubectl wait --for=condition=ready pod -l app.kubernetes.io/name={name} -n {namespace} --timeout={timeout}"""),
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

    // configuration, quotas and policies: K8S-5xx

    // events: K8S-6xx
    ;

    private final Definition definition;

    KubernetesCode(String code, Severity severity, String owner, String runbook, String title, String detail,
                   String remediation) {
        this.definition = new Definition(code, severity, Area.KUBERNETES, Team.PLATFORM, owner, runbook, title,
                detail, remediation);
    }

    @Override
    public Definition definition() {
        return definition;
    }
}
