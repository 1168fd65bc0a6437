package ai.smartcloudops.audit.check.redis;

import ai.smartcloudops.audit.finding.Area;
import ai.smartcloudops.audit.finding.FindingCode;
import ai.smartcloudops.audit.finding.Grade;
import ai.smartcloudops.audit.finding.Severity;
import ai.smartcloudops.audit.finding.Team;
import java.util.List;

/** Redis codes (REDIS-1xx): reachability, hit rate, memory and eviction policy, clients, persistence. */
public enum RedisCode implements FindingCode {

    REDIS_101("REDIS-101", Severity.P2, RedisHitRateCheck.ID, RedisCode.SECTION,
            "Redis {name} cache hit rate is {rate} {window}",
            "{hits} keyspace hits and {misses} misses {window}: a hit rate of {rate}, below {threshold}. "
                    + "Clients miss the cache and fall through to the database.",
            """
            # {auth}
            redis-cli {connection} info stats | grep keyspace
            redis-cli {connection} info memory
            """ + RedisCode.ELASTICACHE + """
            aws elasticache describe-cache-clusters --cache-cluster-id {name} --show-cache-node-info
            # APP_CONFIGMAP, APP_NAMESPACE: the ConfigMap that holds the cache settings of the application using {name}
            kubectl patch configmap $APP_CONFIGMAP -n $APP_NAMESPACE -p '
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
            # {auth}
            redis-cli {connection} info memory
            """ + RedisCode.RESIZE,
            new Grade(RedisCode.MEMORY_CRITICAL, Severity.P1)),
    REDIS_103("REDIS-103", Severity.P1, RedisEvictionPolicyCheck.ID, RedisCode.SECTION,
            "Redis {name} maxmemory-policy is {policy}, not {expected}",
            "{consequence} (maxmemory {max}).",
            """
            # {auth}
            redis-cli {connection} config get maxmemory-policy
            redis-cli {connection} config set maxmemory-policy {expected}
            # ElastiCache disables CONFIG: set it in the parameter group of cache cluster {name}
            aws elasticache describe-cache-clusters --cache-cluster-id {name} \\
              --query 'CacheClusters[].CacheParameterGroup.CacheParameterGroupName'
            aws elasticache modify-cache-parameter-group --cache-parameter-group-name $PARAMETER_GROUP \\
              --parameter-name-values ParameterName=maxmemory-policy,ParameterValue={expected}""",
            new Grade(RedisCode.OTHER_EVICTION, Severity.P3)),
    REDIS_104("REDIS-104", Severity.P2, RedisEvictionsCheck.ID, RedisCode.SECTION,
            "Redis {name} evicted {evicted} keys {window}",
            "evicted_keys grew by {evicted} {window}: the cache is full and drops keys ({policy}, used_memory {used} "
                    + "of maxmemory {max}), so clients miss them.",
            """
            # {auth}
            redis-cli {connection} info stats | grep -E 'evicted_keys|keyspace'
            redis-cli {connection} info memory
            """ + RedisCode.RESIZE),
    REDIS_105("REDIS-105", Severity.P1, RedisClientsCheck.ID, RedisCode.SECTION,
            "Redis {name} rejected {rejected} connections {window}",
            "rejected_connections grew by {rejected} {window}: clients were refused at maxclients {maxclients} "
                    + "({connected} connected now).",
            """
            # {auth}
            redis-cli {connection} info clients
            """ + RedisCode.CLIENTS + "\n" + RedisCode.ELASTICACHE + """
            aws elasticache describe-cache-clusters --cache-cluster-id {name} --show-cache-node-info"""),
    REDIS_106("REDIS-106", Severity.P2, RedisClientsCheck.ID, RedisCode.SECTION,
            "Redis {name} has {connected} of {maxclients} clients connected",
            "connected_clients is at {percent} of maxclients (threshold {threshold}); new connections are refused "
                    + "at the limit.",
            """
            # {auth}
            redis-cli {connection} info clients
            """ + RedisCode.CLIENTS),
    REDIS_107("REDIS-107", Severity.P3, RedisFragmentationCheck.ID, RedisCode.SECTION,
            "Redis {name} memory fragmentation ratio is {ratio}",
            "used_memory_rss {rss} against used_memory {used}: {wasted} held by the allocator and not by data "
                    + "(ratio threshold {threshold}).",
            """
            # {auth}
            redis-cli {connection} info memory
            redis-cli {connection} memory doctor
            redis-cli {connection} config set activedefrag yes
            # ElastiCache: set activedefrag yes in the parameter group, or fail over to a fresh node"""),
    REDIS_108("REDIS-108", Severity.P1, RedisPersistenceCheck.ID, RedisCode.SECTION,
            "Redis {name} {problem}",
            "rdb_last_bgsave_status {status}; last successful save {lastSave} ({age} ago); {changes} changes since; "
                    + "save rule '{save}'.",
            """
            # {auth}
            redis-cli {connection} info persistence
            redis-cli {connection} config get dir
            # on the host of {name}: df -h on that directory
            redis-cli {connection} bgsave
            """ + RedisCode.ELASTICACHE + """
            aws elasticache describe-snapshots --cache-cluster-id {name}""",
            new Grade(RedisCode.SNAPSHOT_STALE, Severity.P2)),
    REDIS_109("REDIS-109", Severity.P1, RedisReplicationCheck.ID, RedisCode.SECTION,
            "Redis replica {name} lost its link to master {master}",
            "role slave, master_link_status down for {downFor}; the replica serves stale data and cannot take over.",
            """
            # {auth}
            redis-cli {connection} info replication
            redis-cli -h {masterHost} -p {masterPort} {flags} ping
            """ + RedisCode.ELASTICACHE + """
            aws elasticache describe-replication-groups
            aws elasticache describe-events --source-type cache-cluster --source-identifier {name}"""),
    REDIS_110("REDIS-110", Severity.P3, RedisSlowlogCheck.ID, RedisCode.SECTION,
            "Redis {name} has {entries} entries in its slow log",
            "SLOWLOG LEN {entries} (threshold {threshold}); slowest recent commands: {slowest}.",
            """
            # {auth}
            redis-cli {connection} slowlog get 10
            redis-cli {connection} config get slowlog-log-slower-than
            redis-cli {connection} --latency
            redis-cli {connection} slowlog reset"""),
    REDIS_111("REDIS-111", Severity.P1, RedisMemoryCheck.ID, RedisCode.SECTION,
            "Redis {name} refused {refused} writes with OOM {window}",
            "errorstat_OOM grew by {refused} {window}: writes failed with \"OOM command not allowed when used memory "
                    + "> 'maxmemory'\" (maxmemory-policy {policy}, used_memory {used} of maxmemory {max}); a "
                    + "volatile-* policy refuses them once no key with a TTL is left to evict.",
            """
            # {auth}
            redis-cli {connection} info errorstats
            redis-cli {connection} info memory
            redis-cli {connection} config get maxmemory-policy
            """ + RedisCode.RESIZE);

    static final String SECTION = "Redis Cache Performance";

    /** Grades (see {@link Grade}): what makes a finding of the code more or less severe than its default. */
    static final String MEMORY_CRITICAL = "at or above memory-critical-percent";
    static final String OTHER_EVICTION = "an evicting policy other than the expected one";
    static final String SNAPSHOT_STALE = "no snapshot for longer than rdb-max-age";
    /** Before the aws commands: they name the instance by its configured name. */
    private static final String ELASTICACHE = "# ElastiCache, where {name} is the cache cluster id:\n";
    /** A larger node for an instance short of memory. */
    private static final String RESIZE = ELASTICACHE + """
            aws elasticache describe-cache-clusters --cache-cluster-id {name} --show-cache-node-info
            aws elasticache modify-cache-cluster \\
              --cache-cluster-id {name} \\
              --cache-node-type cache.r6g.large \\
              --apply-immediately""";
    /** The clients by address, and the pods behind the busiest. */
    private static final String CLIENTS = """
            redis-cli {connection} client list | awk '{print $2}' | sort | uniq -c | sort -rn | head
            # CLIENT_IP: a busy address above, to find its pod
            kubectl get pods --all-namespaces -o wide | grep $CLIENT_IP""";

    private final Definition definition;

    RedisCode(String code, Severity severity, String owner, String runbook, String title, String detail,
              String remediation, Grade... grades) {
        this.definition = new Definition(code, severity, Area.REDIS, Team.DATABASE, owner, runbook, title, detail,
                remediation, List.of(grades));
    }

    @Override
    public Definition definition() {
        return definition;
    }
}
