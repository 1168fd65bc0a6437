package ai.smartcloudops.audit.check.aws;

import ai.smartcloudops.audit.check.Area;
import ai.smartcloudops.audit.check.Check;
import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Samples;
import ai.smartcloudops.audit.check.Target;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.CacheCluster;
import software.amazon.awssdk.services.elasticache.model.CacheNode;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroup;

/**
 * Every ElastiCache cluster of an account region (DescribeCacheClusters with node info, every Marker page) with
 * each node's DatabaseMemoryUsagePercentage and Evictions of the last hour, fetched in one batch: not available
 * (AWS-501), memory nearly full (AWS-502), evicting (AWS-503); and every replication group without automatic
 * failover (AWS-504).
 *
 * <p>CloudWatch's Evictions is a count per period, not a cumulative counter like Redis' evicted_keys: its Sum over
 * the last hour is the number of keys evicted in that hour, with no previous run needed to tell growth from a
 * restart. The last hour, rather than everything since the previous run, says the cache is evicting now and not
 * that it did once a day ago; the hour's sum is recorded, and the previous run's is shown beside it for the trend.
 */
@Component
public class ElastiCacheCheck implements Check {

    public static final String ID = "aws.elasticache.clusters";
    static final String CLUSTERS = "elasticache:DescribeCacheClusters";
    static final String GROUPS = "elasticache:DescribeReplicationGroups";
    static final Duration HOUR = Duration.ofHours(1);

    private final AwsTargets targets;
    private final CloudWatchMetrics metrics;

    public ElastiCacheCheck(AwsTargets targets, CloudWatchMetrics metrics) {
        this.targets = targets;
        this.metrics = metrics;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Area area() {
        return Area.AWS;
    }

    @Override
    public List<Target> targets() {
        return targets.targets();
    }

    @Override
    public List<Finding> run(CheckContext context) {
        ElastiCacheClient elastiCache = targets.client(context, "elasticache", ElastiCacheClient::builder);
        List<CacheCluster> clusters = targets.call(context, CLUSTERS, () -> elastiCache
                .describeCacheClustersPaginator(r -> r.showCacheNodeInfo(true).maxRecords(100)).cacheClusters()
                .stream().toList());
        List<ReplicationGroup> groups = targets.call(context, GROUPS, () -> elastiCache
                .describeReplicationGroupsPaginator(r -> r.maxRecords(100)).replicationGroups().stream().toList());
        List<CloudWatchMetrics.Query> queries = new ArrayList<>();
        for (CacheCluster cluster : clusters) {
            for (CacheNode node : nodes(cluster)) {
                Map<String, String> dimensions = Map.of("CacheClusterId", cluster.cacheClusterId(), "CacheNodeId",
                        node.cacheNodeId());
                queries.add(new CloudWatchMetrics.Query(memory(cluster, node), "AWS/ElastiCache",
                        "DatabaseMemoryUsagePercentage", dimensions, "Maximum", Duration.ofMinutes(5)));
                queries.add(new CloudWatchMetrics.Query(evictions(cluster, node), "AWS/ElastiCache", "Evictions",
                        dimensions, "Sum", HOUR));
            }
        }
        CloudWatchMetrics.Values values = metrics.fetch(context, queries, HOUR);
        double threshold = targets.properties().thresholds().cacheMemoryPercent();
        List<Finding> findings = new ArrayList<>();
        for (CacheCluster cluster : clusters) {
            Resource resource = new Resource("CacheCluster", null, cluster.cacheClusterId());
            if (!"available".equals(cluster.cacheClusterStatus())) {
                Map<String, Object> facts = describe(cluster);
                facts.put("status", cluster.cacheClusterStatus());
                findings.add(context.finding(AwsCode.AWS_501, resource, facts));
            }
            CacheNode fullest = null;
            double highest = -1;
            CacheNode evicting = null;
            double evicted = 0;
            for (CacheNode node : nodes(cluster)) {
                double used = values.latest(memory(cluster, node)).orElse(-1.0);
                if (used > highest) {
                    highest = used;
                    fullest = node;
                }
                double sum = values.sum(evictions(cluster, node)).orElse(0.0);
                if (sum > 0 && evicting == null) {
                    evicting = node;
                }
                evicted += sum;
            }
            if (fullest != null && highest >= threshold) {
                Map<String, Object> facts = describe(cluster);
                facts.put("node", fullest.cacheNodeId());
                facts.put("percent", RdsInstancesCheck.percent(highest));
                facts.put("threshold", RdsInstancesCheck.percent(threshold));
                findings.add(context.finding(AwsCode.AWS_502, resource, facts));
            }
            String sample = "elasticache/" + cluster.cacheClusterId() + "/evictions-last-hour";
            Optional<Samples.Sample> previous = context.previousSample(sample);
            context.record(sample, evicted);
            if (evicting != null) {
                Map<String, Object> facts = describe(cluster);
                facts.put("node", evicting.cacheNodeId());
                facts.put("evictions", (long) evicted);
                facts.put("previous", previous.map(p -> String.valueOf((long) p.value())).orElse("no sample"));
                facts.put("until", context.now().truncatedTo(ChronoUnit.MINUTES));
                findings.add(context.finding(AwsCode.AWS_503, resource, facts));
            }
        }
        for (ReplicationGroup group : groups) {
            String failover = group.automaticFailoverAsString();
            if ("disabled".equals(failover) || "disabling".equals(failover)) {
                Map<String, Object> facts = new LinkedHashMap<>();
                facts.put("failover", failover);
                facts.put("members", String.join(", ", group.memberClusters()));
                facts.put("status", group.status());
                findings.add(context.finding(AwsCode.AWS_504, new Resource("ReplicationGroup", null,
                        group.replicationGroupId()), facts));
            }
        }
        return findings;
    }

    private static List<CacheNode> nodes(CacheCluster cluster) {
        return cluster.cacheNodes().stream().filter(n -> n.cacheNodeId() != null).toList();
    }

    private static String memory(CacheCluster cluster, CacheNode node) {
        return "memory " + cluster.cacheClusterId() + " " + node.cacheNodeId();
    }

    private static String evictions(CacheCluster cluster, CacheNode node) {
        return "evictions " + cluster.cacheClusterId() + " " + node.cacheNodeId();
    }

    private static Map<String, Object> describe(CacheCluster cluster) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("engine", cluster.engine() + (cluster.engineVersion() == null ? "" : " "
                + cluster.engineVersion()));
        facts.put("nodeType", cluster.cacheNodeType());
        facts.put("parameterGroup", cluster.cacheParameterGroup() == null ? "default.redis7"
                : cluster.cacheParameterGroup().cacheParameterGroupName());
        return facts;
    }
}
