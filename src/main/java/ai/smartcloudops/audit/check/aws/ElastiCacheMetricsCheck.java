package ai.smartcloudops.audit.check.aws;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Sample;
import ai.smartcloudops.audit.text.Humanize;
import java.time.Duration;
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
    static final Duration HOUR = Duration.ofHours(1);

    private final CloudWatchMetrics metrics;

    public ElastiCacheMetricsCheck(AwsTargets targets, CloudWatchMetrics metrics) {
        super(ID, targets);
        this.metrics = metrics;
    }

    @Override
    public List<Problem> run(CheckContext context) {
        List<CacheCluster> clusters = ElastiCacheClusters.all(targets, context);
        List<CloudWatchMetrics.Query> queries = new ArrayList<>();
        for (CacheCluster cluster : clusters) {
            for (CacheNode node : ElastiCacheClusters.nodes(cluster)) {
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
        List<Problem> findings = new ArrayList<>();
        for (CacheCluster cluster : clusters) {
            Resource resource = ElastiCacheClusters.resource(cluster);
            CacheNode fullest = null;
            double highest = -1;
            CacheNode evicting = null;
            double evicted = 0;
            for (CacheNode node : ElastiCacheClusters.nodes(cluster)) {
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

    private static String memory(CacheCluster cluster, CacheNode node) {
        return "memory " + cluster.cacheClusterId() + " " + node.cacheNodeId();
    }

    private static String evictions(CacheCluster cluster, CacheNode node) {
        return "evictions " + cluster.cacheClusterId() + " " + node.cacheNodeId();
    }
}
