package ai.smartcloudops.audit.check.aws;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Resource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.elasticache.model.CacheCluster;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroup;

/**
 * Every ElastiCache cluster of an account region (DescribeCacheClusters, shared with
 * {@link ElastiCacheMetricsCheck}) that is not available (AWS-501), and every replication group without automatic
 * failover (AWS-504, DescribeReplicationGroups, every Marker page). No metric is needed, so a denied GetMetricData
 * leaves these findings whole.
 */
@Component
public class ElastiCacheCheck extends AwsCheck {

    public static final String ID = "aws.elasticache.clusters";


    public ElastiCacheCheck(AwsTargets targets) {
        super(ID, targets);
    }

    @Override
    List<Problem> inspect(CheckContext context, AwsSnapshot snapshot) {
        List<Problem> findings = new ArrayList<>();
        for (CacheCluster cluster : snapshot.cacheClusters().in(context).orElse(List.of())) {
            // a cluster without a status is not judged: nothing says it is not available
            if (cluster.cacheClusterStatus() != null && !"available".equals(cluster.cacheClusterStatus())) {
                Map<String, Object> facts = ElastiCacheClusters.facts(cluster);
                facts.put("status", cluster.cacheClusterStatus());
                findings.add(Problem.of(AwsCode.AWS_501, ElastiCacheClusters.resource(cluster), facts));
            }
        }
        for (ReplicationGroup group : snapshot.replicationGroups().in(context).orElse(List.of())) {
            String failover = group.automaticFailoverAsString();
            if ("disabled".equals(failover) || "disabling".equals(failover)) {
                Map<String, Object> facts = new LinkedHashMap<>();
                facts.put("failover", failover);
                facts.put("members", String.join(", ", group.memberClusters()));
                facts.put("status", group.status());
                findings.add(Problem.of(AwsCode.AWS_504, Resource.of("ReplicationGroup",
                        group.replicationGroupId()), facts));
            }
        }
        return findings;
    }
}
