package ai.smartcloudops.audit.check.aws;

import ai.smartcloudops.audit.finding.Area;
import ai.smartcloudops.audit.finding.FindingCode;
import ai.smartcloudops.audit.finding.Grade;
import ai.smartcloudops.audit.finding.Severity;
import ai.smartcloudops.audit.finding.Team;
import java.util.List;

/**
 * AWS codes: 1xx EC2, 2xx EKS, 3xx ELB, 4xx RDS, 5xx ElastiCache, 6xx ACM. Runbook sections are the guide's; the
 * remediation is its aws CLI commands with the resource's names filled in.
 */
public enum AwsCode implements FindingCode {
    // EC2: AWS-1xx
    AWS_101("AWS-101", Severity.P1, Team.PLATFORM, Ec2StatusCheck.ID, "EKS Cluster Node Issues",
            "EC2 instance {name} fails its status checks",
            "DescribeInstanceStatus in {zone}: system status {system}, instance status {instance} ({failing}). A "
                    + "failed system check is AWS's host or network under the instance, a failed instance check its "
                    + "own operating system or network configuration: either way it does not answer, and a cluster "
                    + "node on it goes NotReady and its pods are evicted. P1: major functionality impaired.",
            """
            aws ec2 describe-instances --instance-ids {name} --query 'Reservations[].Instances[].State'
            aws ec2 describe-instance-status --instance-ids {name} --include-all-instances
            # a node of the cluster: drain it, delete it, and the Auto Scaling group replaces the instance
            kubectl get nodes -o custom-columns=NAME:.metadata.name,INSTANCE:.spec.providerID | grep {name}
            kubectl drain $NODE --ignore-daemonsets --delete-emptydir-data
            kubectl delete node $NODE
            # system status impaired (EBS-backed): a stop and start moves the instance to healthy hardware
            aws ec2 stop-instances --instance-ids {name}
            aws ec2 start-instances --instance-ids {name}"""),
    AWS_102("AWS-102", Severity.P2, Team.PLATFORM, Ec2StatusCheck.ID, "EKS Cluster Node Issues",
            "EC2 instance {name} has a scheduled {event} in {startsIn}",
            "Scheduled event {eventId} ({event}) from {notBefore} to {notAfter}: {description}. It starts within "
                    + "the {within} audited ahead: AWS reboots, stops or retires the instance in that window, and a "
                    + "cluster node on it leaves with its pods. P2; P1 when it starts within 24 hours, too soon to "
                    + "plan the move in working hours.",
            """
            aws ec2 describe-instance-status --instance-ids {name} --query 'InstanceStatuses[].Events'
            aws ec2 describe-instances --instance-ids {name} --query 'Reservations[].Instances[].State'
            # move it yourself before {notBefore}: drain the node, delete it, and the Auto Scaling group replaces it
            kubectl get nodes -o custom-columns=NAME:.metadata.name,INSTANCE:.spec.providerID | grep {name}
            kubectl drain $NODE --ignore-daemonsets --delete-emptydir-data
            kubectl delete node $NODE
            # or reschedule the event where AWS allows it
            aws ec2 modify-instance-event-start-time --instance-id {name} --instance-event-id {eventId} --not-before $NOT_BEFORE""",
            new Grade(AwsCode.IMMINENT, Severity.P1)),
    AWS_103("AWS-103", Severity.P2, Team.PLATFORM, Ec2NodegroupInstancesCheck.ID, "EKS Cluster Node Issues",
            "EC2 instance {name} of node group {cluster}/{nodegroup} is stopped",
            "DescribeInstances: {name} ({instanceType} in {zone}) of managed node group {nodegroup} of EKS cluster "
                    + "{cluster} is stopped: {reason}. The node group runs a node fewer than it is sized for; its "
                    + "Auto Scaling group normally replaces a stopped instance, so one that stays stopped means its "
                    + "health checks or processes are suspended or the replacement fails. P2: capacity reduced, "
                    + "the remaining nodes carry its pods.",
            """
            aws ec2 describe-instances --instance-ids {name} --query 'Reservations[].Instances[].State'
            aws eks describe-nodegroup --cluster-name {cluster} --nodegroup-name {nodegroup} --query 'nodegroup.[status,health,scalingConfig,resources]'
            # start it again, or terminate it so that the Auto Scaling group launches a replacement
            aws ec2 start-instances --instance-ids {name}
            kubectl get nodes -l eks.amazonaws.com/nodegroup={nodegroup}"""),

    // EKS: AWS-2xx
    AWS_201("AWS-201", Severity.P1, Team.PLATFORM, EksClusterCheck.ID, "EKS Cluster Node Issues",
            "EKS cluster {name} reports health issues ({count})",
            "DescribeCluster (status {status}) health issues: {issues}. An issue on the cluster (its IAM role, KMS "
                    + "key, subnets or security groups gone, no free IP addresses) stops EKS from managing the control "
                    + "plane: upgrades, scaling and nodes joining fail. P1: major functionality impaired.",
            """
            aws eks describe-cluster --name {name} --query 'cluster.health'
            aws eks describe-cluster --name {name} --query 'cluster.[status,version,roleArn,resourcesVpcConfig]'
            kubectl get nodes"""),
    AWS_202("AWS-202", Severity.P1, Team.PLATFORM, EksNodegroupCheck.ID, "EKS Cluster Node Issues",
            "EKS node group {name} is {status} with health issues ({count})",
            "DescribeNodegroup: status {status}, health issues: {issues}. A degraded node group cannot launch or "
                    + "replace nodes (launch template, instance limits, subnets or its IAM role), so lost nodes are "
                    + "not replaced and pods stay Pending. P1: major functionality impaired.",
            """
            aws eks describe-nodegroup --cluster-name {cluster} --nodegroup-name {nodegroup} --query 'nodegroup.health'
            kubectl get nodes -l eks.amazonaws.com/nodegroup={nodegroup}
            # NotReady nodes: drain and delete them, and the Auto Scaling group replaces them
            kubectl drain $NODE --ignore-daemonsets --delete-emptydir-data
            kubectl delete node $NODE"""),
    AWS_203("AWS-203", Severity.P2, Team.PLATFORM, EksNodegroupCheck.ID, "EKS Cluster Node Issues",
            "EKS node group {name} runs at its maximum size of {maxSize} nodes",
            "DescribeNodegroup scalingConfig: desiredSize {desiredSize}, maxSize {maxSize}, minSize {minSize}. The "
                    + "node group has no room to scale: the cluster autoscaler cannot add a node when pods are "
                    + "Pending or a node is lost. P2 (the guide's Scale Node Groups): raise maxSize, here by half to "
                    + "{newMaxSize}, after checking the account's EC2 instance quota.",
            """
            aws eks describe-nodegroup --cluster-name {cluster} --nodegroup-name {nodegroup} --query 'nodegroup.scalingConfig'
            kubectl describe nodes -l eks.amazonaws.com/nodegroup={nodegroup} | grep -A 5 "Allocated resources"
            aws eks update-nodegroup-config \\
              --cluster-name {cluster} \\
              --nodegroup-name {nodegroup} \\
              --scaling-config minSize={minSize},maxSize={newMaxSize},desiredSize={desiredSize}"""),
    AWS_204("AWS-204", Severity.P2, Team.PLATFORM, EksClusterCheck.ID, "EKS Cluster Node Issues",
            "EKS cluster {name} runs Kubernetes {version}, past the end of standard support on {endOfStandardSupport}",
            "Kubernetes {version} left EKS standard support on {endOfStandardSupport} (support type {supportType}): "
                    + "the cluster is billed for extended support, gets fewer fixes, and is upgraded by AWS when "
                    + "extended support ends. P2: no user impact yet, but a cost now and a forced upgrade later.",
            """
            aws eks describe-cluster --name {name} --query 'cluster.[version,upgradePolicy]'
            aws eks update-cluster-version --name {name} --kubernetes-version {nextVersion}
            aws eks list-nodegroups --cluster-name {name}
            aws eks update-nodegroup-version --cluster-name {name} --nodegroup-name $NODEGROUP"""),

    // ELB: AWS-3xx
    AWS_301("AWS-301", Severity.P1, Team.NETWORK, ElbTargetHealthCheck.ID, AwsCode.ALB_SECTION,
            "Target group {name}: {unhealthy} of {total} targets unhealthy",
            "Unhealthy: {targets}. Healthy targets left: {healthy} (P0 when none is). Load balancers: "
                    + "{loadBalancers}. The ALB health-checks {protocol} {healthCheckPath} on port {port}.",
            """
            aws elbv2 describe-target-health --target-group-arn {arn} --region {region}
            """ + AwsCode.INGRESS + """
            kubectl describe ingress $INGRESS -n $NAMESPACE
            # SERVICE, PORT: the Ingress's backend that {name} sends to, probed as the ALB does
            kubectl port-forward service/$SERVICE 8080:$PORT -n $NAMESPACE
            curl http://localhost:8080{healthCheckPath}""",
            new Grade(AwsCode.NO_HEALTHY_TARGET, Severity.P0)),
    AWS_302("AWS-302", Severity.P2, Team.NETWORK, ElbHealthCheckPathCheck.ID, AwsCode.ALB_SECTION,
            "Target group {name} health-checks {healthCheckPath}, not {expectedPath}",
            "The ALB probes {protocol} {healthCheckPath} on port {port} of the targets behind {loadBalancers}; "
                    + "the guide's health endpoint is {expectedPath}, so the ALB can mark ready pods unhealthy "
                    + "(or keep broken ones in service).",
            """
            aws elbv2 describe-target-groups --target-group-arns {arn} --region {region}
            """ + AwsCode.INGRESS + """
            kubectl patch ingress $INGRESS -n $NAMESPACE -p '
            metadata:
              annotations:
                alb.ingress.kubernetes.io/healthcheck-path: {expectedPath}
                alb.ingress.kubernetes.io/healthcheck-interval-seconds: "30"
                alb.ingress.kubernetes.io/healthcheck-timeout-seconds: "5"
            '
            aws elbv2 describe-target-health --target-group-arn {arn} --region {region}"""),

    AWS_303("AWS-303", Severity.P1, Team.NETWORK, ElbTrafficCheck.ID, "API Service Unavailable (500/503 Errors)",
            "Load balancer {name} failed {percent} of its requests itself",
            "{errors} of {requests} requests {window} got a 5xx from the load balancer, not from a target "
                    + "(threshold {threshold}): 502 when a target closes or resets the connection, 503 when no "
                    + "target is registered or healthy, 504 when a target does not answer within the idle timeout.",
            """
            aws cloudwatch get-metric-statistics --namespace AWS/ApplicationELB --region {region} \\
              --dimensions Name=LoadBalancer,Value={dimension} --start-time {start} --end-time {end} \\
              --period 300 --statistics Sum --metric-name HTTPCode_ELB_503_Count
            """ + AwsCode.INGRESS + """
            kubectl describe ingress $INGRESS -n $NAMESPACE
            kubectl get endpoints -n $NAMESPACE
            kubectl get pods -n $NAMESPACE -o wide"""),
    AWS_304("AWS-304", Severity.P2, Team.PLATFORM, ElbTrafficCheck.ID, "API Service Unavailable (500/503 Errors)",
            "Target group {name} answered {percent} of its requests with 5xx",
            "{errors} of {requests} requests {window}, through {loadBalancers}, got a 5xx from the targets "
                    + "(P2 from {threshold}, P1 from {critical}): the application behind the group fails them.",
            """
            aws cloudwatch get-metric-statistics --namespace AWS/ApplicationELB --region {region} \\
              --dimensions Name=TargetGroup,Value={dimension} Name=LoadBalancer,Value={loadBalancer} \\
              --start-time {start} --end-time {end} --period 300 --statistics Sum \\
              --metric-name HTTPCode_Target_5XX_Count
            """ + AwsCode.INGRESS + AwsCode.DEPLOYMENT + """
            kubectl logs deployment/$DEPLOYMENT -n $NAMESPACE --since=1h | grep -E " 5[0-9][0-9] |ERROR"
            kubectl get pods -n $NAMESPACE -o wide
            kubectl rollout restart deployment/$DEPLOYMENT -n $NAMESPACE""",
            new Grade(AwsCode.TARGET_5XX_CRITICAL, Severity.P1)),
    AWS_305("AWS-305", Severity.P2, Team.PLATFORM, ElbTrafficCheck.ID,
            "High Response Times / Performance Degradation",
            "Target group {name} answers in {p95} at p95 and {p99} at p99",
            "TargetResponseTime of {requests} requests {window}, through {loadBalancers} (thresholds: p95 "
                    + "{p95Threshold}, p99 {p99Threshold}; the guide's symptom is API responses over 2 seconds).",
            """
            aws cloudwatch get-metric-statistics --namespace AWS/ApplicationELB --region {region} \\
              --dimensions Name=TargetGroup,Value={dimension} Name=LoadBalancer,Value={loadBalancer} \\
              --start-time {start} --end-time {end} --period 300 --extended-statistics p95 p99 \\
              --metric-name TargetResponseTime
            """ + AwsCode.INGRESS + AwsCode.DEPLOYMENT + """
            kubectl top pods -n $NAMESPACE --sort-by=cpu
            kubectl scale deployment $DEPLOYMENT --replicas=10 -n $NAMESPACE"""),

    // RDS: AWS-4xx
    AWS_401("AWS-401", Severity.P1, Team.DATABASE, RdsInstancesCheck.ID, "Database Performance Degradation",
            "RDS instance {name} is {status}, not available",
            "DescribeDBInstances reports DBInstanceStatus {status} for {name} ({engine}, {instanceClass}) in "
                    + "{target}: the database does not serve the application as it should until it is available.",
            """
            aws rds describe-db-instances --db-instance-identifier {name}
            aws rds describe-events --source-type db-instance --source-identifier {name} --duration 1440"""),
    AWS_402("AWS-402", Severity.P2, Team.DATABASE, RdsMetricsCheck.ID, "Database Performance Degradation",
            "RDS instance {name} has {freePercent} of its storage free",
            "FreeStorageSpace {free} of {allocated} allocated ({freePercent} free, the lowest of the last hour; "
                    + "P2 below {warnAt}, P1 below {criticalAt}). At zero the instance is storage-full and "
                    + "refuses writes.",
            """
            aws rds describe-db-instances --db-instance-identifier {name}
            aws rds modify-db-instance \\
              --db-instance-identifier {name} \\
              --allocated-storage {suggestedGiB} \\
              --apply-immediately""",
            new Grade(AwsCode.STORAGE_CRITICAL, Severity.P1)),
    AWS_403("AWS-403", Severity.P2, Team.DATABASE, RdsMetricsCheck.ID, "Database Performance Degradation",
            "RDS instance {name} CPU averaged {cpu} over the last hour",
            "CPUUtilization averaged {cpu} over the hour to {until} (threshold {threshold}) on {instanceClass}: "
                    + "queries slow down and the application's connection pool runs out.",
            """
            aws rds describe-db-instances --db-instance-identifier {name}
            psql -h {host} -p {port} -U {user} -d {database} -c "SELECT query, mean_exec_time, calls, total_exec_time FROM pg_stat_statements ORDER BY mean_exec_time DESC LIMIT 10;"
            # scale up from {instanceClass}:
            aws rds modify-db-instance \\
              --db-instance-identifier {name} \\
              --db-instance-class db.r5.2xlarge \\
              --apply-immediately"""),
    AWS_404("AWS-404", Severity.P2, Team.DATABASE, RdsInstancesCheck.ID, "Database Performance Degradation",
            "Production RDS instance {name} is not Multi-AZ",
            "MultiAZ is false on {name}, a production instance of {target}: an availability-zone failure or a "
                    + "maintenance reboot is an outage, with no standby to fail over to.",
            """
            aws rds describe-db-instances --db-instance-identifier {name}
            aws rds modify-db-instance \\
              --db-instance-identifier {name} \\
              --multi-az \\
              --apply-immediately"""),
    AWS_405("AWS-405", Severity.P1, Team.DATABASE, RdsInstancesCheck.ID, "Database Performance Degradation",
            "Production RDS instance {name} has automated backups off",
            "BackupRetentionPeriod is 0 on {name}, a production instance of {target}: no automated backups and "
                    + "no point-in-time recovery, so lost or corrupted data cannot be restored.",
            """
            aws rds describe-db-instances --db-instance-identifier {name}
            aws rds modify-db-instance \\
              --db-instance-identifier {name} \\
              --backup-retention-period 7 \\
              --apply-immediately"""),
    AWS_406("AWS-406", Severity.P3, Team.DATABASE, RdsInstancesCheck.ID, "Database Performance Degradation",
            "RDS instance {name} has pending modifications: {pending}",
            "PendingModifiedValues {pending} wait for the maintenance window {window}, next at {nextWindow}; "
                    + "the change (and its reboot) happens then unless applied sooner.",
            """
            aws rds describe-db-instances --db-instance-identifier {name}
            # to apply now rather than at {nextWindow}:
            aws rds modify-db-instance \\
              --db-instance-identifier {name} \\
              {options} \\
              --apply-immediately"""),

    AWS_407("AWS-407", Severity.P2, Team.DATABASE, RdsSnapshotsCheck.ID, "Database Performance Degradation",
            "RDS instance {name} has no automated snapshot in the last {maxAge}",
            "Newest automated snapshot of {name} ({engine}, {instanceClass}) in {target}: {newest}. A restore "
                    + "after a failed maintenance would lose everything written since.",
            """
            aws rds describe-db-snapshots --db-instance-identifier {name} --snapshot-type automated
            aws rds describe-db-instances --db-instance-identifier {name} --query 'DBInstances[].[BackupRetentionPeriod,PreferredBackupWindow,LatestRestorableTime]'
            # before the maintenance, take a manual snapshot:
            aws rds create-db-snapshot \\
              --db-instance-identifier {name} \\
              --db-snapshot-identifier {name}-pre-maintenance"""),

    // ElastiCache: AWS-5xx
    AWS_501("AWS-501", Severity.P1, Team.DATABASE, ElastiCacheCheck.ID, "Redis Cache Performance",
            "ElastiCache cluster {name} is {status}, not available",
            "DescribeCacheClusters reports CacheClusterStatus {status} for {name} ({engine}, {nodeType}) in "
                    + "{target}: the application's cache does not serve as it should until it is available.",
            """
            aws elasticache describe-cache-clusters --cache-cluster-id {name} --show-cache-node-info
            aws elasticache describe-events --source-type cache-cluster --source-identifier {name} --duration 1440"""),
    AWS_502("AWS-502", Severity.P2, Team.DATABASE, ElastiCacheMetricsCheck.ID, "Redis Cache Performance",
            "ElastiCache cluster {name} memory is {percent} used",
            "DatabaseMemoryUsagePercentage {percent} on node {node} (threshold {threshold}; the newest datapoint "
                    + "of the last hour) of {nodeType}: at 100 % Redis evicts keys, or refuses writes under "
                    + "noeviction.",
            """
            aws elasticache describe-cache-clusters --cache-cluster-id {name}
            aws elasticache modify-cache-cluster \\
              --cache-cluster-id {name} \\
              --cache-node-type cache.r6g.large \\
              --apply-immediately
            aws elasticache modify-cache-parameter-group --cache-parameter-group-name {parameterGroup} --parameter-name-values ParameterName=maxmemory-policy,ParameterValue=allkeys-lru
            """ + AwsCode.CACHE_SETTINGS),
    AWS_503("AWS-503", Severity.P2, Team.DATABASE, ElastiCacheMetricsCheck.ID, "Redis Cache Performance",
            "ElastiCache cluster {name} evicted {evictions} keys in the last hour",
            "Evictions summed {evictions} over the hour to {until} on node {node} ({previous} in the hour before "
                    + "the previous run): the cache is full and drops live keys, so reads miss and fall through "
                    + "to the database.",
            """
            aws elasticache describe-cache-clusters --cache-cluster-id {name}
            aws elasticache modify-cache-cluster \\
              --cache-cluster-id {name} \\
              --cache-node-type cache.r6g.large \\
              --apply-immediately
            aws elasticache modify-cache-parameter-group --cache-parameter-group-name {parameterGroup} --parameter-name-values ParameterName=maxmemory-policy,ParameterValue=allkeys-lru
            """ + AwsCode.CACHE_SETTINGS),
    AWS_504("AWS-504", Severity.P2, Team.DATABASE, ElastiCacheCheck.ID, "Redis Cache Performance",
            "ElastiCache replication group {name} has automatic failover {failover}",
            "AutomaticFailover is {failover} on {name} ({members} member clusters): when its primary fails, "
                    + "nothing promotes a replica and the cache is down until someone does.",
            """
            aws elasticache describe-replication-groups --replication-group-id {name}
            # automatic failover needs at least one replica:
            aws elasticache increase-replica-count --replication-group-id {name} --new-replica-count 1 --apply-immediately
            aws elasticache modify-replication-group \\
              --replication-group-id {name} \\
              --automatic-failover-enabled \\
              --multi-az-enabled \\
              --apply-immediately"""),

    // ACM: AWS-6xx
    AWS_601("AWS-601", Severity.P0, Team.PLATFORM, AcmCertificateCheck.ID, AwsCode.CERT_SECTION,
            "ACM certificate {name} expired on {notAfter}",
            "{type} certificate, not valid after {notAfter} ({ago} ago). In use by: {inUseBy} (P0 in use, P1 "
                    + "unused). Renewal: {renewal}.",
            AwsCode.RENEW,
            new Grade(AwsCode.NOT_IN_USE, Severity.P1)),
    AWS_602("AWS-602", Severity.P3, Team.PLATFORM, AcmCertificateCheck.ID, AwsCode.CERT_SECTION,
            "ACM certificate {name} expires in {left}",
            "{type} certificate, not valid after {notAfter}: {left} left (in use: P3 within {p3}, P2 within {p2}, "
                    + "P1 within {p1}; unused: P3). In use by: {inUseBy}. ACM renews an eligible Amazon-issued or "
                    + "private certificate from 60 days before it expires and never an IMPORTED one: renewal "
                    + "eligibility {eligibility}, renewal {renewal}.",
            AwsCode.RENEW,
            new Grade(AwsCode.IN_USE_HALF, Severity.P2),
            new Grade(AwsCode.IN_USE_QUARTER, Severity.P1)),
    AWS_603("AWS-603", Severity.P2, Team.PLATFORM, AcmCertificateCheck.ID, AwsCode.CERT_SECTION,
            "Renewal of ACM certificate {name} failed: {reason}",
            "ACM could not renew it ({reason}, updated {updatedAt}); it stays valid only until {notAfter} "
                    + "({left} left). In use by: {inUseBy} (P1 in use, P2 unused). Pending validation: "
                    + "{validation}.",
            AwsCode.RENEW,
            new Grade(AwsCode.IN_USE, Severity.P1)),
    AWS_604("AWS-604", Severity.P3, Team.PLATFORM, AcmCertificateCheck.ID, AwsCode.CERT_SECTION,
            "Imported certificate {name} on the ALB is not renewed automatically",
            "ACM never renews an IMPORTED certificate: a new one must be imported before {notAfter} ({left} "
                    + "left; P2 within {p2}, when an Amazon-issued one would already have been renewed). In use by "
                    + "{loadBalancers}.",
            AwsCode.RENEW,
            new Grade(AwsCode.WITHIN_TWICE, Severity.P2)),
    ;

    static final String ALB_SECTION = "Load Balancer Health Check Failures";
    static final String CERT_SECTION = "Certificate Expiration";

    /** Grades (see {@link Grade}): what makes a finding of the code more or less severe than its default. */
    static final String IMMINENT = "starts within 24 hours";
    static final String NO_HEALTHY_TARGET = "no healthy target";
    static final String TARGET_5XX_CRITICAL = "5xx share at or above target-error-critical";
    static final String STORAGE_CRITICAL = "below rds-free-storage-critical";
    static final String NOT_IN_USE = "not in use";
    static final String IN_USE = "in use";
    static final String IN_USE_HALF = "in use, within half of certificate-expiring";
    static final String IN_USE_QUARTER = "in use, within a quarter of certificate-expiring";
    static final String WITHIN_TWICE = "within twice certificate-expiring";

    /** The Ingress behind a target group, which the AWS Load Balancer Controller records in its tags. */
    private static final String INGRESS = """
            # INGRESS, NAMESPACE: the Ingress behind {name}, in its tag ingress.k8s.aws/stack (namespace/name)
            aws elbv2 describe-tags --resource-arns {arn} --region {region}
            """;
    private static final String DEPLOYMENT = """
            # DEPLOYMENT: the workload behind the Ingress's backend Service
            """;

    /** The guide's cache settings, in the ConfigMap of the application that uses the cache. */
    private static final String CACHE_SETTINGS = """
            # APP_CONFIGMAP, APP_NAMESPACE: the ConfigMap that holds the cache settings of the application using {name}
            kubectl patch configmap $APP_CONFIGMAP -n $APP_NAMESPACE -p '{"data":{"CACHE_DEFAULT_TTL":"7200","CACHE_MAX_SIZE":"50000","CACHE_EVICTION_POLICY":"allkeys-lru"}}'""";

    /** The guide's certificate renewal, for ACM: look, renew or re-import, restart the controller, verify. */
    private static final String RENEW = """
            aws acm describe-certificate --certificate-arn {arn} --region {region}
            openssl s_client -connect {host}:443 -servername {host} 2>/dev/null | openssl x509 -noout -dates
            # AMAZON_ISSUED: ACM renews it by itself once every domain validates: create the CNAME records of
            # Certificate.DomainValidationOptions[].ResourceRecord above in DNS, and check again
            # IMPORTED: import the new certificate under the same ARN
            aws acm import-certificate --certificate-arn {arn} --region {region} \\
              --certificate fileb://new-certificate.crt \\
              --private-key fileb://private-key.key \\
              --certificate-chain fileb://certificate-chain.crt
            kubectl rollout restart deployment/aws-load-balancer-controller -n kube-system
            curl -vI https://{host} 2>&1 | grep -E "(expire|subject|issuer)\"""";

    private final Definition definition;

    AwsCode(String code, Severity severity, Team team, String owner, String runbook, String title, String detail,
            String remediation, Grade... grades) {
        this.definition = new Definition(code, severity, Area.AWS, team, owner, runbook, title, detail, remediation,
                List.of(grades));
    }

    @Override
    public Definition definition() {
        return definition;
    }
}
