package ai.smartcloudops.audit.check.kubernetes;

import ai.smartcloudops.audit.finding.Area;
import ai.smartcloudops.audit.finding.FindingCode;
import ai.smartcloudops.audit.finding.Grade;
import ai.smartcloudops.audit.finding.Severity;
import ai.smartcloudops.audit.finding.Team;
import java.util.List;

/**
 * Kubernetes codes: 1xx nodes and capacity, 2xx pods and containers, 3xx workloads, 4xx networking, 5xx configuration,
 * 6xx events, 7xx storage.
 */
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
    K8S_105("K8S-105", Severity.P3, NodeCordonedCheck.ID, "EKS Cluster Node Issues",
            "Node {name} is cordoned",
            "The scheduler places no new pod on it, and {state}; {schedulable} of {nodes} nodes take new pods.",
            """
            kubectl describe node {name} | grep -iE "unschedulable|taints"
            kubectl get pods --all-namespaces --field-selector spec.nodeName={name}
            # the maintenance is over: return the node to service
            kubectl uncordon {name}
            # or retire it: finish the drain; the Auto Scaling Group replaces the node
            kubectl drain {name} --ignore-daemonsets --delete-emptydir-data
            kubectl delete node {name}"""),
    K8S_106("K8S-106", Severity.P2, DrainCapacityCheck.ID, "EKS Cluster Node Issues",
            "Cluster {name} cannot reschedule the pods of its largest node {node}",
            "Without {node}, the pods of the {others} other schedulable nodes and those it runs need {cpu} CPU "
                    + "and {memory} memory: {resource} is short by {short}. Draining it for maintenance, or losing "
                    + "it, leaves pods Pending.",
            """
            kubectl describe node {node} | grep -A 5 "Allocated resources"
            kubectl get nodes -o custom-columns=NAME:.metadata.name,CPU:.status.allocatable.cpu,MEMORY:.status.allocatable.memory
            # one more node before the maintenance: raise desiredSize (and maxSize if it is there already)
            aws eks describe-nodegroup --cluster-name {target} --nodegroup-name {nodegroup} --query nodegroup.scalingConfig
            aws eks update-nodegroup-config --cluster-name {target} --nodegroup-name {nodegroup} \\
              --scaling-config minSize=3,maxSize=15,desiredSize=6"""),
    K8S_107("K8S-107", Severity.P2, NodePodsCheck.ID, "EKS Cluster Node Issues",
            "Node {name} runs {pods} of the {allocatable} pods it allocates",
            "{percent}% of its pod capacity (threshold {threshold}%): the scheduler places nothing more there, "
                    + "whatever CPU and memory are free.",
            """
            kubectl describe node {name} | grep -E "pods:|Non-terminated Pods"
            kubectl get pods --all-namespaces --field-selector spec.nodeName={name} -o wide
            # more nodes for the pods, or an instance type with more network interfaces (max-pods on EKS)
            aws eks update-nodegroup-config --cluster-name {target} --nodegroup-name {nodegroup} \\
              --scaling-config minSize=3,maxSize=15,desiredSize=6"""),
    K8S_201("K8S-201", Severity.P1, PodRestartsCheck.ID, "API Service Unavailable (500/503 Errors)",
            "Container {container} of pod {namespace}/{name} restarted {restarts} times {window}",
            "State {state}; {total} restarts in all; last terminated with {lastReason} (exit code {exitCode}).",
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
            aws eks update-nodegroup-config --cluster-name {target} --nodegroup-name $NODEGROUP \\
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
              --requests=cpu=$CPU,memory=$MEMORY --limits=memory=$MEMORY_LIMIT
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
    K8S_209("K8S-209", Severity.P3, ContainerCpuCheck.ID, "High Response Times / Performance Degradation",
            "Container {container} of pod {namespace}/{name} uses {percent}% of its CPU limit",
            "{cpuUsed} of a {cpuLimit} limit in metrics-server's last sample (threshold {threshold}%): at the limit "
                    + "the kernel throttles the container and its requests wait.",
            """
            kubectl top pods -n {namespace} --sort-by=cpu
            kubectl top pod {name} -n {namespace} --containers
            # more replicas share the load (the guide's "Scale Horizontally"); or raise the limit
            kubectl set resources {workload} -n {namespace} -c {container} --limits=cpu={suggestedLimit}"""),
    K8S_301("K8S-301", Severity.P1, DeploymentAvailabilityCheck.ID, "API Service Unavailable (500/503 Errors)",
            "Deployment {namespace}/{name} has {unavailable} of {replicas} replicas unavailable",
            "Ready {ready}/{replicas}, available {available}; {condition}",
            """
            kubectl rollout status deployment/{name} -n {namespace}
            kubectl describe deployment {name} -n {namespace}
            kubectl get pods -n {namespace} -l {selector}
            kubectl rollout restart deployment/{name} -n {namespace}
            kubectl scale deployment {name} --replicas=5 -n {namespace}""",
            new Grade(KubernetesCode.NO_REPLICA_AVAILABLE, Severity.P0)),
    // workloads: K8S-302 and up
    K8S_302("K8S-302", Severity.P1, RolloutCheck.ID, "API Service Unavailable (500/503 Errors)",
            "Rollout of deployment {namespace}/{name} is stuck ({reason})",
            "Progressing is False since {since}: {message} Updated {updated}/{replicas}, ready {ready}, "
                    + "available {available}.",
            """
            kubectl rollout status deployment/{name} -n {namespace}
            kubectl describe deployment {name} -n {namespace}
            kubectl rollout history deployment/{name} -n {namespace}
            kubectl rollout undo deployment/{name} -n {namespace}"""),
    K8S_303("K8S-303", Severity.P1, CriticalDeploymentsCheck.ID, "API Service Unavailable (500/503 Errors)",
            "Critical deployment {namespace}/{name} has {ready} ready replicas, needs {minReady}",
            "{state}; health-audit.kubernetes.critical-min-ready is {minReady}.",
            """
            kubectl get deployment {name} -n {namespace}
            kubectl get pods -n {namespace} -l {selector}
            kubectl rollout restart deployment/{name} -n {namespace}
            kubectl scale deployment {name} --replicas={scaleTo} -n {namespace}""",
            new Grade(KubernetesCode.NO_REPLICA_READY, Severity.P0)),
    K8S_304("K8S-304", Severity.P2, HpaMaxCheck.ID, "EKS Cluster Node Issues",
            "HorizontalPodAutoscaler {namespace}/{name} is at its maximum of {maxReplicas} replicas",
            "{target} scales {scaleTarget}: current {currentReplicas}, desired {desiredReplicas}, "
                    + "min {minReplicas}, max {maxReplicas}; metrics {metrics}; {limited}",
            """
            kubectl describe hpa {name} -n {namespace}
            kubectl patch hpa {name} -n {namespace} -p '{"spec":{"maxReplicas":{suggestedMax}}}'
            # when the new replicas stay Pending, nodes are the limit: scale the node group
            aws eks update-nodegroup-config --cluster-name {target} --nodegroup-name $NODEGROUP \\
              --scaling-config minSize=3,maxSize=15,desiredSize=6"""),
    K8S_305("K8S-305", Severity.P2, PodDisruptionBudgetCheck.ID, "EKS Cluster Node Issues",
            "PodDisruptionBudget {namespace}/{name} allows no disruption: a node drain will block",
            "{currentHealthy} healthy of {expectedPods} expected pods, {desiredHealthy} must stay healthy "
                    + "({policy}); kubectl drain cannot evict any of them.",
            """
            kubectl describe pdb {name} -n {namespace}
            kubectl get pods -n {namespace} -l {selector} -o wide
            # add healthy replicas (or relax {policy}) before draining a node:
            kubectl drain $NODE --ignore-daemonsets --delete-emptydir-data"""),
    K8S_306("K8S-306", Severity.P1, DaemonSetCheck.ID, "Log Ingestion Problems",
            "DaemonSet {namespace}/{name} has {ready} of {desired} pods ready",
            "Desired {desired}, scheduled {current}, ready {ready}, available {available}, unavailable "
                    + "{unavailable}, updated {updated}.",
            """
            kubectl rollout status daemonset/{name} -n {namespace}
            kubectl get pods -n {namespace} -l {selector} -o wide
            kubectl logs daemonset/{name} -n {namespace} --tail=100
            kubectl delete pod -l {selector} -n {namespace}"""),
    K8S_307("K8S-307", Severity.P2, CronJobCheck.ID, "General Troubleshooting Approach",
            "CronJob {namespace}/{name} did not succeed: {problem}",
            "{outcome}; last scheduled {lastSchedule}, last success {lastSuccess}.",
            """
            kubectl describe cronjob {name} -n {namespace}
            kubectl get jobs -n {namespace} --sort-by=.metadata.creationTimestamp
            kubectl describe job {job} -n {namespace}
            kubectl logs job/{job} -n {namespace} --tail=100
            kubectl create job --from=cronjob/{name} {name}-manual -n {namespace}"""),
    K8S_308("K8S-308", Severity.P1, StatefulSetCheck.ID, "Log Ingestion Problems",
            "StatefulSet {namespace}/{name} has {ready} of {replicas} pods ready",
            "{update} Current {current}, updated {updated}, available {available}.",
            """
            kubectl rollout status statefulset/{name} -n {namespace}
            kubectl get pods -n {namespace} -l {selector} -o wide
            kubectl describe statefulset {name} -n {namespace}
            kubectl rollout restart statefulset/{name} -n {namespace}
            kubectl wait --for=condition=ready pod -l {selector} -n {namespace} --timeout=600s"""),
    K8S_309("K8S-309", Severity.P2, JobCheck.ID, "General Troubleshooting Approach",
            "Job {namespace}/{name} failed: {reason}",
            "{failed} pods failed, {succeeded} succeeded, started {started}: {message}",
            """
            kubectl describe job {name} -n {namespace}
            kubectl get pods -n {namespace} -l job-name={name}
            kubectl logs job/{name} -n {namespace} --tail=100"""),

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
            # PORT: the port the Ingress asks of {service} (above); TARGET_PORT: the port its pods listen on
            kubectl patch service {service} -n {namespace} -p '
            spec:
              ports:
              - name: http
                port: '"$PORT"'
                targetPort: '"$TARGET_PORT"'
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

    K8S_405("K8S-405", Severity.P1, AdmissionWebhookCheck.ID, "API Service Unavailable (500/503 Errors)",
            "{configurationKind} {name} calls {count} webhook services with no ready endpoints",
            "{webhooks}. A webhook that fails refuses every request it matches when its failurePolicy is Fail, "
                    + "and admits them unchecked when it is Ignore.",
            """
            kubectl get endpoints {service} -n {serviceNamespace}
            kubectl get pods -n {serviceNamespace} -o wide
            kubectl describe {configurationResource} {name}""",
            new Grade(KubernetesCode.FAILURE_POLICY_IGNORE, Severity.P3)),

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
            # pods read it when they start: restart each deployment that uses it (DEPLOYMENT), listed here
            kubectl get deployments -n {namespace} -o json | jq -r --arg cm {name} '.items[] | select([.spec.template.spec.volumes[]?.configMap.name, (.spec.template.spec.containers[] | .envFrom[]?.configMapRef.name, .env[]?.valueFrom.configMapKeyRef.name)] | index($cm)) | .metadata.name'
            kubectl rollout restart deployment/$DEPLOYMENT -n {namespace}"""),
    K8S_504("K8S-504", Severity.P3, Team.SECURITY, NetworkPolicyCheck.ID, "Suspicious Authentication Activity",
            "Namespace {name} has no NetworkPolicy",
            "Every pod of the application namespace {name} accepts traffic from anywhere in the cluster.",
            """
            kubectl get networkpolicy -n {name}
            kubectl describe namespace {name}
            # the guide's response to suspicious traffic patches a NetworkPolicy: create one in {name} first"""),

    // events: K8S-6xx
    K8S_601("K8S-601", Severity.P2, EventsCheck.ID, "EKS Cluster Node Issues",
            "FailedScheduling: {count} warning events for {object} in the last {window}",
            "Latest: {message} Previous run: {previous} ({change}).",
            """
            kubectl get events {scope} --field-selector involvedObject.name={name},reason=FailedScheduling
            kubectl describe {objectKind} {name} {scope}
            kubectl describe nodes | grep -A 5 "Allocated resources"
            aws eks update-nodegroup-config --cluster-name {target} --nodegroup-name $NODEGROUP \\
              --scaling-config minSize=3,maxSize=15,desiredSize=6"""),
    K8S_602("K8S-602", Severity.P2, EventsCheck.ID, "API Service Unavailable (500/503 Errors)",
            "BackOff: {count} warning events for {object} in the last {window}",
            "Latest: {message} Previous run: {previous} ({change}).",
            """
            kubectl get events {scope} --field-selector involvedObject.name={name},reason=BackOff
            kubectl describe {objectKind} {name} {scope}
            kubectl logs {name} {scope} --previous --tail=100"""),
    K8S_603("K8S-603", Severity.P3, EventsCheck.ID, "Load Balancer Health Check Failures",
            "Unhealthy: {count} warning events for {object} in the last {window}",
            "Latest: {message} Previous run: {previous} ({change}).",
            """
            kubectl get events {scope} --field-selector involvedObject.name={name},reason=Unhealthy
            kubectl describe {objectKind} {name} {scope}
            # PROBE_PORT, PROBE_PATH: the failing probe's port and path, in the description above
            kubectl port-forward {objectKind}/{name} 8080:$PROBE_PORT {scope}
            curl http://localhost:8080$PROBE_PATH"""),
    K8S_604("K8S-604", Severity.P2, EventsCheck.ID, "API Service Unavailable (500/503 Errors)",
            "FailedMount: {count} warning events for {object} in the last {window}",
            "Latest: {message} Previous run: {previous} ({change}).",
            """
            kubectl get events {scope} --field-selector involvedObject.name={name},reason=FailedMount
            kubectl describe {objectKind} {name} {scope}
            kubectl get pvc,secret,configmap {scope}"""),
    K8S_605("K8S-605", Severity.P2, EventsCheck.ID, "EKS Cluster Node Issues",
            "Evicted: {count} warning events for {object} in the last {window}",
            "Latest: {message} Previous run: {previous} ({change}).",
            """
            kubectl get events {scope} --field-selector involvedObject.name={name},reason=Evicted
            kubectl get pods --all-namespaces --field-selector=status.phase=Failed
            kubectl describe nodes | grep -E "(MemoryPressure|DiskPressure|PIDPressure)"
            kubectl top nodes"""),
    K8S_606("K8S-606", Severity.P2, EventsCheck.ID, "Memory Leaks / OOMKilled Events",
            "OOMKilling: {count} warning events for {object} in the last {window}",
            "Latest: {message} Previous run: {previous} ({change}).",
            """
            kubectl get events {scope} --field-selector involvedObject.name={name},reason=OOMKilling
            kubectl top pods --all-namespaces --sort-by=memory
            kubectl describe {objectKind} {name} {scope}"""),

    // storage: K8S-7xx
    K8S_701("K8S-701", Severity.P2, PersistentVolumeClaimCheck.ID, "General Troubleshooting Approach",
            "PersistentVolumeClaim {namespace}/{name} is {phase}",
            "{problem}; requests {requested} of storage class {storageClass}, volume {volume}, created {created}.",
            """
            kubectl describe pvc {name} -n {namespace}
            kubectl get events -n {namespace} --field-selector involvedObject.name={name}
            kubectl get storageclass {storageClass}
            kubectl get pv {volume}""",
            new Grade(KubernetesCode.LOST, Severity.P1)),
    ;

    /** Grades (see {@link Grade}): what makes a finding of the code more or less severe than its default. */
    static final String NO_REPLICA_AVAILABLE = "no replica available";
    static final String NO_REPLICA_READY = "no replica ready";
    static final String FAILURE_POLICY_IGNORE = "every failing webhook's failure policy is Ignore";
    static final String LOST = "lost";

    private final Definition definition;

    KubernetesCode(String code, Severity severity, String owner, String runbook, String title, String detail,
                   String remediation, Grade... grades) {
        this(code, severity, Team.PLATFORM, owner, runbook, title, detail, remediation, grades);
    }

    KubernetesCode(String code, Severity severity, Team team, String owner, String runbook, String title,
                   String detail, String remediation, Grade... grades) {
        this.definition = new Definition(code, severity, Area.KUBERNETES, team, owner, runbook, title, detail,
                remediation, List.of(grades));
    }

    @Override
    public Definition definition() {
        return definition;
    }
}
