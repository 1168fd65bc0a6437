package ai.smartcloudops.audit.check.aws;

import ai.smartcloudops.audit.check.Area;
import ai.smartcloudops.audit.check.FindingCode;
import ai.smartcloudops.audit.check.Team;
import ai.smartcloudops.audit.finding.Severity;

/**
 * AWS codes: 1xx EC2, 2xx EKS, 3xx ELB, 4xx RDS, 5xx ElastiCache, 6xx ACM. Runbook sections are the guide's; the
 * remediation is its aws CLI commands with the resource's names filled in.
 */
public enum AwsCode implements FindingCode {
    // EC2: AWS-1xx

    // EKS: AWS-2xx

    // ELB: AWS-3xx

    // RDS: AWS-4xx
    AWS_401("AWS-401", Severity.P1, Team.DATABASE, RdsInstancesCheck.ID, "Database Performance Degradation",
            "RDS instance {name} is {status}, not available",
            "DescribeDBInstances reports DBInstanceStatus {status} for {name} ({engine}, {instanceClass}) in "
                    + "{target}: the database does not serve the application as it should until it is available.",
            """
            aws rds describe-db-instances --db-instance-identifier {name}
            aws rds describe-events --source-type db-instance --source-identifier {name} --duration 1440"""),
    AWS_402("AWS-402", Severity.P2, Team.DATABASE, RdsInstancesCheck.ID, "Database Performance Degradation",
            "RDS instance {name} has {freePercent} of its storage free",
            "FreeStorageSpace {free} of {allocated} allocated ({freePercent} free, the lowest of the last hour; "
                    + "P2 below {warnAt}, P1 below {criticalAt}). At zero the instance is storage-full and "
                    + "refuses writes.",
            """
            aws rds describe-db-instances --db-instance-identifier {name}
            aws rds modify-db-instance \\
              --db-instance-identifier {name} \\
              --allocated-storage {suggestedGiB} \\
              --apply-immediately"""),
    AWS_403("AWS-403", Severity.P2, Team.DATABASE, RdsInstancesCheck.ID, "Database Performance Degradation",
            "RDS instance {name} CPU averaged {cpu} over the last hour",
            "CPUUtilization averaged {cpu} over the hour to {until} (threshold {threshold}) on {instanceClass}: "
                    + "queries slow down and the application's connection pool runs out.",
            """
            aws rds describe-db-instances --db-instance-identifier {name}
            psql -h $DB_HOST -U smartcloudops_admin -d smartcloudops -c "SELECT query, mean_exec_time, calls, total_exec_time FROM pg_stat_statements ORDER BY mean_exec_time DESC LIMIT 10;"
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

    // ElastiCache: AWS-5xx
    AWS_501("AWS-501", Severity.P1, Team.DATABASE, ElastiCacheCheck.ID, "Redis Cache Performance",
            "ElastiCache cluster {name} is {status}, not available",
            "DescribeCacheClusters reports CacheClusterStatus {status} for {name} ({engine}, {nodeType}) in "
                    + "{target}: the application's cache does not serve as it should until it is available.",
            """
            aws elasticache describe-cache-clusters --cache-cluster-id {name} --show-cache-node-info
            aws elasticache describe-events --source-type cache-cluster --source-identifier {name} --duration 1440"""),
    AWS_502("AWS-502", Severity.P2, Team.DATABASE, ElastiCacheCheck.ID, "Redis Cache Performance",
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
            kubectl patch configmap smartcloudops-config -n smartcloudops -p '{"data":{"CACHE_DEFAULT_TTL":"7200","CACHE_MAX_SIZE":"50000","CACHE_EVICTION_POLICY":"allkeys-lru"}}'"""),
    AWS_503("AWS-503", Severity.P2, Team.DATABASE, ElastiCacheCheck.ID, "Redis Cache Performance",
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
            kubectl patch configmap smartcloudops-config -n smartcloudops -p '{"data":{"CACHE_DEFAULT_TTL":"7200","CACHE_MAX_SIZE":"50000","CACHE_EVICTION_POLICY":"allkeys-lru"}}'"""),
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
    ;

    private final Definition definition;

    AwsCode(String code, Severity severity, Team team, String owner, String runbook, String title, String detail,
            String remediation) {
        this.definition = new Definition(code, severity, Area.AWS, team, owner, runbook, title, detail, remediation);
    }

    @Override
    public Definition definition() {
        return definition;
    }
}
