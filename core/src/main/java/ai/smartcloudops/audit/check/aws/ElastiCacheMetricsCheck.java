package ai.smartcloudops.audit.check.aws;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Sample;
import ai.smartcloudops.audit.text.Humanize;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.elasticache.model.CacheCluster;
import software.amazon.awssdk.services.elasticache.model.CacheNode;

/**
 * Each ElastiCache node's DatabaseMemoryUsagePercentage and Evictions of the last hour (the clusters described once
 * for both ElastiCache checks, the metrics in one GetMetricData batch): memory nearly full (AWS-502), evicting
 * (AWS-503). A denied GetMetricData skips this check alone.
 *
 * <p>CloudWatch's Evictions is a count per period, not a cumulative counter like Redis' evicted_keys: its Sum over
 * the last hour is the number of keys evicted in that hour, with no previous run needed to tell growth from a
 * restart. The last hour, rather than everything since the previous run, says the cache is evicting now and not
 * that it did once a day ago; the hour's sum is recorded, and the previous run's is shown beside it for the trend.
 */
@Component
public class ElastiCacheMetricsCheck extends AwsCheck {

    public static final String ID = "aws.elasticache.metrics";
    public ElastiCacheMetricsCheck(AwsTargets targets) {
        super(ID, targets);
    }

    @Override
    List<Problem> inspect(CheckContext context, AwsSnapshot snapshot) {
        Optional<List<CacheCluster>> listed = snapshot.cacheClusters().in(context);
        Optional<CloudWatchMetrics.Values> read = snapshot.cacheMetrics().in(context);
        if (listed.isEmpty() || read.isEmpty()) {
            return List.of();
        }
        List<CacheCluster> clusters = listed.get();
        CloudWatchMetrics.Values values = read.get();
        double threshold = targets.properties().thresholds().cacheMemoryPercent();
        List<Problem> findings = new ArrayList<>();
        for (CacheCluster cluster : clusters) {
            Resource resource = ElastiCacheClusters.resource(cluster);
            CacheNode fullest = null;
            double highest = -1;
            CacheNode evicting = null;
            double evicted = 0;
            for (CacheNode node : AwsSnapshot.nodes(cluster)) {
                double used = values.latest(AwsSnapshot.memory(cluster, node)).orElse(-1.0);
                if (used > highest) {
                    highest = used;
                    fullest = node;
                }
                double sum = values.sum(AwsSnapshot.evictions(cluster, node)).orElse(0.0);
                if (sum > 0 && evicting == null) {
                    evicting = node;
                }
                evicted += sum;
            }
            if (fullest != null && highest >= threshold) {
                Map<String, Object> facts = ElastiCacheClusters.facts(cluster);
                facts.put("node", fullest.cacheNodeId());
                facts.put("percent", Humanize.percent(highest));
                facts.put("threshold", Humanize.percent(threshold));
                findings.add(Problem.of(AwsCode.AWS_502, resource, facts));
            }
            String sample = "elasticache/" + cluster.cacheClusterId() + "/evictions-last-hour";
            Optional<Sample> previous = context.previousSample(sample);
            context.record(sample, evicted);
            if (evicting != null) {
                Map<String, Object> facts = ElastiCacheClusters.facts(cluster);
                facts.put("node", evicting.cacheNodeId());
                facts.put("evictions", (long) evicted);
                facts.put("previous", previous.map(p -> String.valueOf((long) p.value())).orElse("no sample"));
                facts.put("until", context.now().truncatedTo(ChronoUnit.MINUTES));
                findings.add(Problem.of(AwsCode.AWS_503, resource, facts));
            }
        }
        return findings;
    }
}
