package ai.smartcloudops.audit.check.aws;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.SharedKey;
import ai.smartcloudops.audit.finding.Resource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.CacheCluster;
import software.amazon.awssdk.services.elasticache.model.CacheNode;

/**
 * The ElastiCache clusters of a target with their nodes (DescribeCacheClusters with node info, every Marker page),
 * described once per target and run for both ElastiCache checks: a denied or failed describe skips or fails both, a
 * denied GetMetricData only the metrics check.
 */
final class ElastiCacheClusters {

    static final String CLUSTERS = "elasticache:DescribeCacheClusters";

    private ElastiCacheClusters() {
    }

    static ElastiCacheClient client(AwsTargets targets, CheckContext context) {
        return targets.client(context, "elasticache", ElastiCacheClient::builder);
    }

    static List<CacheCluster> all(AwsTargets targets, CheckContext context) {
        return context.shared(SharedKey.of("aws.elasticache.clusters", List.class), () -> {
            ElastiCacheClient elastiCache = client(targets, context);
            return targets.call(context, CLUSTERS, () -> elastiCache
                    .describeCacheClustersPaginator(r -> r.showCacheNodeInfo(true).maxRecords(100)).cacheClusters()
                    .stream().toList());
        });
    }

    /** The cluster's nodes that have an id, the dimension of their metrics. */
    static List<CacheNode> nodes(CacheCluster cluster) {
        return cluster.cacheNodes().stream().filter(n -> n.cacheNodeId() != null).toList();
    }

    static Resource resource(CacheCluster cluster) {
        return new Resource("CacheCluster", null, cluster.cacheClusterId());
    }

    /** What every cluster code says about a cluster: its engine, node type and parameter group. */
    static Map<String, Object> facts(CacheCluster cluster) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("engine", cluster.engine() + (cluster.engineVersion() == null ? "" : " "
                + cluster.engineVersion()));
        facts.put("nodeType", cluster.cacheNodeType());
        facts.put("parameterGroup", cluster.cacheParameterGroup() == null ? "default.redis7"
                : cluster.cacheParameterGroup().cacheParameterGroupName());
        return facts;
    }
}
