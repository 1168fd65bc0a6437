package ai.smartcloudops.audit.check.aws;

import ai.smartcloudops.audit.finding.Resource;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.elasticache.model.CacheCluster;

/** What the ElastiCache checks say about a cluster of the snapshot's DescribeCacheClusters. */
final class ElastiCacheClusters {

    private ElastiCacheClusters() {
    }

    static Resource resource(CacheCluster cluster) {
        return new Resource("CacheCluster", null, cluster.cacheClusterId());
    }

    /** What every cluster code says about a cluster: its engine, node type and parameter group. */
    static Map<String, Object> facts(CacheCluster cluster) {
        Map<String, Object> facts = new LinkedHashMap<>();
        // "?" for what the answer left out: a template cannot show a missing value
        facts.put("engine", (cluster.engine() == null ? "?" : cluster.engine())
                + (cluster.engineVersion() == null ? "" : " " + cluster.engineVersion()));
        facts.put("nodeType", cluster.cacheNodeType() == null ? "?" : cluster.cacheNodeType());
        facts.put("parameterGroup", cluster.cacheParameterGroup() == null ? "default.redis7"
                : cluster.cacheParameterGroup().cacheParameterGroupName());
        return facts;
    }
}
