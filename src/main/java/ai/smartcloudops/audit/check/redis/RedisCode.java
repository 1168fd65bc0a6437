package ai.smartcloudops.audit.check.redis;

import ai.smartcloudops.audit.check.Area;
import ai.smartcloudops.audit.check.FindingCode;
import ai.smartcloudops.audit.check.Team;
import ai.smartcloudops.audit.finding.Severity;

/** Redis codes (REDIS-1xx): reachability, hit rate, memory and eviction policy, clients, persistence. */
public enum RedisCode implements FindingCode {

    REDIS_101("REDIS-101", Severity.P2, RedisHitRateCheck.ID, RedisCode.SECTION,
            "Redis {name} cache hit rate is {rate} {window}",
            "{hits} keyspace hits and {misses} misses {window}: a hit rate of {rate}, below {threshold}. "
                    + "Clients miss the cache and fall through to the database.",
            """
            redis-cli info stats | grep keyspace
            redis-cli info memory
            aws elasticache describe-cache-clusters --cache-cluster-id {name} --show-cache-node-info
            kubectl patch configmap smartcloudops-config -n smartcloudops -p '
            data:
              CACHE_DEFAULT_TTL: "7200"
              CACHE_MAX_SIZE: "50000"
              CACHE_EVICTION_POLICY: "allkeys-lru"
            '"""),
    REDIS_102("REDIS-102", Severity.P2, RedisMemoryCheck.ID, RedisCode.SECTION,
            "Redis {name} memory is at {percent} of maxmemory",
            "used_memory {used} of maxmemory {max} ({percent}; P2 from {warnAt}, P1 from {criticalAt}); "
                    + "maxmemory-policy {policy} evicts nothing, so writes are refused with OOM at the limit.",
            """
            redis-cli info memory
            aws elasticache describe-cache-clusters --cache-cluster-id {name} --show-cache-node-info
            aws elasticache modify-cache-cluster \\
              --cache-cluster-id {name} \\
              --cache-node-type cache.r6g.large \\
              --apply-immediately"""),
    REDIS_103("REDIS-103", Severity.P1, RedisEvictionPolicyCheck.ID, RedisCode.SECTION,
            "Redis {name} maxmemory-policy is {policy}, not {expected}",
            "{consequence} (maxmemory {max}).",
            """
            redis-cli config get maxmemory-policy
            redis-cli config set maxmemory-policy {expected}
            # ElastiCache: CONFIG is disabled; set it in the cluster's parameter group
            aws elasticache describe-cache-clusters --cache-cluster-id {name} \\
              --query 'CacheClusters[].CacheParameterGroup.CacheParameterGroupName'
            aws elasticache modify-cache-parameter-group --cache-parameter-group-name $PARAMETER_GROUP \\
              --parameter-name-values ParameterName=maxmemory-policy,ParameterValue={expected}"""),
    REDIS_104("REDIS-104", Severity.P2, RedisEvictionsCheck.ID, RedisCode.SECTION,
            "Redis {name} evicted {evicted} keys {window}",
            "evicted_keys grew by {evicted} {window}: the cache is full and drops keys ({policy}, used_memory {used} "
                    + "of maxmemory {max}), so clients miss them.",
            """
            redis-cli info stats | grep -E 'evicted_keys|keyspace'
            redis-cli info memory
            aws elasticache describe-cache-clusters --cache-cluster-id {name} --show-cache-node-info
            aws elasticache modify-cache-cluster \\
              --cache-cluster-id {name} \\
              --cache-node-type cache.r6g.large \\
              --apply-immediately"""),
    REDIS_105("REDIS-105", Severity.P1, RedisClientsCheck.ID, RedisCode.SECTION,
            "Redis {name} rejected {rejected} connections {window}",
            "rejected_connections grew by {rejected} {window}: clients were refused at maxclients {maxclients} "
                    + "({connected} connected now).",
            """
            redis-cli info clients
            redis-cli client list | awk '{print $2}' | sort | uniq -c | sort -rn | head
            kubectl get pods -n smartcloudops -o wide
            aws elasticache describe-cache-clusters --cache-cluster-id {name} --show-cache-node-info"""),
    REDIS_106("REDIS-106", Severity.P2, RedisClientsCheck.ID, RedisCode.SECTION,
            "Redis {name} has {connected} of {maxclients} clients connected",
            "connected_clients is at {percent} of maxclients (threshold {threshold}); new connections are refused "
                    + "at the limit.",
            """
            redis-cli info clients
            redis-cli client list | awk '{print $2}' | sort | uniq -c | sort -rn | head
            kubectl get pods -n smartcloudops -o wide"""),
    REDIS_107("REDIS-107", Severity.P3, RedisFragmentationCheck.ID, RedisCode.SECTION,
            "Redis {name} memory fragmentation ratio is {ratio}",
            "used_memory_rss {rss} against used_memory {used}: {wasted} held by the allocator and not by data "
                    + "(ratio threshold {threshold}).",
            """
            redis-cli info memory
            redis-cli memory doctor
            redis-cli config set activedefrag yes
            # ElastiCache: set activedefrag yes in the parameter group, or fail over to a fresh node"""),
    REDIS_108("REDIS-108", Severity.P1, RedisPersistenceCheck.ID, RedisCode.SECTION,
            "Redis {name} {problem}",
            "rdb_last_bgsave_status {status}; last successful save {lastSave} ({age} ago); {changes} changes since; "
                    + "save rule '{save}'.",
            """
            redis-cli info persistence
            redis-cli config get dir
            df -h
            redis-cli bgsave
            aws elasticache describe-snapshots --cache-cluster-id {name}"""),
    REDIS_109("REDIS-109", Severity.P1, RedisReplicationCheck.ID, RedisCode.SECTION,
            "Redis replica {name} lost its link to master {master}",
            "role slave, master_link_status down for {downFor}; the replica serves stale data and cannot take over.",
            """
            redis-cli info replication
            redis-cli -h {masterHost} -p {masterPort} ping
            aws elasticache describe-replication-groups
            aws elasticache describe-events --source-type cache-cluster --source-identifier {name}"""),
    REDIS_110("REDIS-110", Severity.P3, RedisSlowlogCheck.ID, RedisCode.SECTION,
            "Redis {name} has {entries} entries in its slow log",
            "SLOWLOG LEN {entries} (threshold {threshold}); slowest recent commands: {slowest}.",
            """
            redis-cli slowlog get 10
            redis-cli config get slowlog-log-slower-than
            redis-cli --latency
            redis-cli slowlog reset"""),
    REDIS_111("REDIS-111", Severity.P1, RedisMemoryCheck.ID, RedisCode.SECTION,
            "Redis {name} refused {refused} writes with OOM {window}",
            "errorstat_OOM grew by {refused} {window}: writes failed with \"OOM command not allowed when used memory "
                    + "> 'maxmemory'\" (maxmemory-policy {policy}, used_memory {used} of maxmemory {max}); a "
                    + "volatile-* policy refuses them once no key with a TTL is left to evict.",
            """
            redis-cli info errorstats
            redis-cli info memory
            redis-cli config get maxmemory-policy
            aws elasticache describe-cache-clusters --cache-cluster-id {name} --show-cache-node-info
            aws elasticache modify-cache-cluster \\
              --cache-cluster-id {name} \\
              --cache-node-type cache.r6g.large \\
              --apply-immediately""");

    static final String SECTION = "Redis Cache Performance";

    private final Definition definition;

    RedisCode(String code, Severity severity, String owner, String runbook, String title, String detail,
              String remediation) {
        this.definition = new Definition(code, severity, Area.REDIS, Team.DATABASE, owner, runbook, title, detail,
                remediation);
    }

    @Override
    public Definition definition() {
        return definition;
    }
}
