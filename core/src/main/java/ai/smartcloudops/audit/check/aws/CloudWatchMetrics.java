package ai.smartcloudops.audit.check.aws;

import ai.smartcloudops.audit.check.CheckContext;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;

/**
 * Many CloudWatch metrics of one target in as few GetMetricData calls as the API allows: up to 500 queries a call,
 * every NextToken page followed, the values returned by the caller's key. One call for a whole fleet's metrics
 * instead of one per metric keeps the audit far below CloudWatch's request quota.
 */
final class CloudWatchMetrics {

    /** GetMetricData's limit of queries in one request. */
    static final int MAX_QUERIES = 500;
    static final String ACTION = "cloudwatch:GetMetricData";

    private final AwsTargets targets;

    public CloudWatchMetrics(AwsTargets targets) {
        this.targets = targets;
    }

    /**
     * One metric statistic of one resource.
     *
     * @param key        the caller's name of it, e.g. {@code cpu smartcloudops-prod}; unique in a batch
     * @param namespace  e.g. {@code AWS/RDS}
     * @param metric     e.g. {@code CPUUtilization}
     * @param dimensions e.g. {@code DBInstanceIdentifier → smartcloudops-prod}
     * @param stat       Average, Maximum, Minimum, Sum, ...
     * @param period     the length of one datapoint, a multiple of a minute
     */
    public record Query(String key, String namespace, String metric, Map<String, String> dimensions, String stat,
                        Duration period) {

        public Query {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(metric, "metric");
            dimensions = Map.copyOf(new LinkedHashMap<>(dimensions));
            Objects.requireNonNull(stat, "stat");
            if (period.toSeconds() < 60 || period.toSeconds() % 60 != 0) {
                throw new IllegalArgumentException("period of " + key + " must be a multiple of 60 seconds");
            }
        }
    }

    /** The datapoints of each query, newest first, by the query's key; a key without datapoints has none. */
    public record Values(Map<String, List<Double>> byKey) {

        public Values {
            byKey = Map.copyOf(byKey);
        }

        /** The newest datapoint of {@code key}, if CloudWatch has one in the window. */
        public Optional<Double> latest(String key) {
            List<Double> values = byKey.getOrDefault(key, List.of());
            return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }

        /** The largest datapoint of {@code key} in the window, if any. */
        public Optional<Double> max(String key) {
            return byKey.getOrDefault(key, List.of()).stream().max(Double::compare);
        }

        /** The sum of every datapoint of {@code key} in the window, if any. */
        public Optional<Double> sum(String key) {
            List<Double> values = byKey.getOrDefault(key, List.of());
            return values.isEmpty() ? Optional.empty()
                    : Optional.of(values.stream().mapToDouble(Double::doubleValue).sum());
        }
    }

    /** The datapoints of {@code queries} over the {@code window} that ends at the run's start (whole minutes). */
    public Values fetch(CheckContext context, List<Query> queries, Duration window) {
        if (queries.isEmpty()) {
            return new Values(Map.of());
        }
        Instant end = context.now().truncatedTo(ChronoUnit.MINUTES);
        Instant start = end.minus(window);
        Map<String, String> keyById = new LinkedHashMap<>();
        List<MetricDataQuery> all = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Query query : queries) {
            if (keyById.containsValue(query.key())) {
                throw new IllegalArgumentException("two metric queries named " + query.key());
            }
            String id = id(query.key(), ids);
            keyById.put(id, query.key());
            all.add(MetricDataQuery.builder().id(id).returnData(true).metricStat(s -> s
                    .stat(query.stat()).period((int) query.period().toSeconds()).metric(m -> m
                            .namespace(query.namespace()).metricName(query.metric())
                            .dimensions(query.dimensions().entrySet().stream()
                                    .map(d -> Dimension.builder().name(d.getKey()).value(d.getValue()).build())
                                    .toList()))).build());
        }
        CloudWatchClient cloudWatch = targets.client(context, "monitoring", CloudWatchClient::builder);
        Map<String, List<Double>> values = new LinkedHashMap<>();
        keyById.values().forEach(key -> values.put(key, new ArrayList<>()));
        for (int from = 0; from < all.size(); from += MAX_QUERIES) {
            List<MetricDataQuery> batch = all.subList(from, Math.min(all.size(), from + MAX_QUERIES));
            List<MetricDataResult> results = targets.pages(context, ACTION,
                    token -> cloudWatch.getMetricData(r -> r.metricDataQueries(batch).startTime(start).endTime(end)
                            .scanBy(ScanBy.TIMESTAMP_DESCENDING).nextToken(token)),
                    GetMetricDataResponse::nextToken, GetMetricDataResponse::metricDataResults);
            for (MetricDataResult result : results) {
                String key = keyById.get(result.id());
                if (key == null) {
                    throw new IllegalStateException(ACTION + " answered an unknown query id " + result.id());
                }
                values.get(key).addAll(result.values());
            }
        }
        return new Values(values);
    }

    /** GetMetricData's query id ({@code ^[a-z][a-zA-Z0-9_]*$}) from a key: readable, unique in the batch. */
    static String id(String key, Set<String> taken) {
        String id = key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        if (id.isEmpty() || !Character.isLetter(id.charAt(0))) {
            id = "m_" + id;
        }
        id = id.length() > 200 ? id.substring(0, 200) : id;
        String unique = id;
        for (int n = 2; !taken.add(unique); n++) {
            unique = id + "_" + n;
        }
        return unique;
    }
}
