package ai.smartcloudops.audit.check.aws;

import static ai.smartcloudops.audit.check.aws.AwsFixtures.queryError;
import static ai.smartcloudops.audit.check.aws.AwsFixtures.run;
import static ai.smartcloudops.audit.demo.aws.AwsDataStubs.getMetricDataRequested;
import static ai.smartcloudops.audit.demo.aws.AwsProtocol.query;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.RunScope;
import ai.smartcloudops.audit.check.Samples;
import ai.smartcloudops.audit.check.SeverityPolicy;
import ai.smartcloudops.audit.check.Target;
import ai.smartcloudops.audit.demo.aws.AwsDataStubs;
import ai.smartcloudops.audit.demo.aws.AwsProtocol;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Sample;
import ai.smartcloudops.audit.finding.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The real ElastiCache and CloudWatch clients against the demo's stub bodies: the clusters check and the metrics
 * check of one target in one run, the clusters described once for both.
 */
class ElastiCacheCheckTest {

    private final AwsFixtures aws = new AwsFixtures();

    @AfterEach
    void stop() {
        aws.close();
    }

    private final AwsTargets targets = aws.targets();
    private final ElastiCacheCheck clusters = new ElastiCacheCheck(targets);
    private final ElastiCacheMetricsCheck metrics = new ElastiCacheMetricsCheck(targets);

    /** Both ElastiCache checks on one target in one run, as the sweep runs them. */
    private List<Finding> runBoth(CheckContext context) throws Exception {
        List<Finding> findings = new ArrayList<>(context.findings(clusters));
        findings.addAll(context.forCheck(metrics.id()).findings(metrics));
        return findings;
    }

    private static Finding only(List<Finding> findings, String code) {
        List<Finding> found = findings.stream().filter(f -> f.code().code().equals(code)).toList();
        assertThat(found).as(code).hasSize(1);
        return found.get(0);
    }

    @Test
    void everyFaultOfBothPagesIsFoundAndTheHealthyClustersRaiseNothing() throws Exception {
        AwsDataStubs.elastiCache(aws.server);

        List<Finding> findings = runBoth(AwsFixtures.context(clusters, metrics));

        assertThat(findings).extracting(f -> f.code().code(), Finding::severity, Finding::resource, Finding::checkId)
                .containsExactlyInAnyOrder(
                        tuple("AWS-501", Severity.P1, new Resource("CacheCluster", null, "smartcloudops-sessions-001"),
                                "aws.elasticache.clusters"),
                        tuple("AWS-502", Severity.P2, new Resource("CacheCluster", null, "smartcloudops-redis-001"),
                                "aws.elasticache.metrics"),
                        tuple("AWS-503", Severity.P2, new Resource("CacheCluster", null, "smartcloudops-redis-001"),
                                "aws.elasticache.metrics"),
                        tuple("AWS-504", Severity.P2, new Resource("ReplicationGroup", null, "smartcloudops-sessions"),
                                "aws.elasticache.clusters"));
        // the two pages of clusters described once for both checks
        aws.server.verify(2, postRequestedFor(urlEqualTo("/"))
                .withRequestBody(containing("Action=DescribeCacheClusters&")));
        // memory and evictions of the three nodes, six metrics, in one GetMetricData call
        aws.server.verify(1, getMetricDataRequested());
        aws.server.verify(1, getMetricDataRequested().withRequestBody(containing("DatabaseMemoryUsagePercentage"))
                .withRequestBody(containing("evictions_smartcloudops_sessions_001_0001")));
    }

    @Test
    void theFindingsSayWhatIsWrongAndHowToFixIt() throws Exception {
        AwsDataStubs.elastiCache(aws.server);

        List<Finding> findings = runBoth(AwsFixtures.context(clusters, metrics));

        Finding down = only(findings, "AWS-501");
        assertThat(down.title()).isEqualTo("ElastiCache cluster smartcloudops-sessions-001 is incompatible-network, "
                + "not available");
        assertThat(down.remediation()).isEqualTo("""
                aws elasticache describe-cache-clusters --cache-cluster-id smartcloudops-sessions-001 \
                --show-cache-node-info
                aws elasticache describe-events --source-type cache-cluster --source-identifier \
                smartcloudops-sessions-001 --duration 1440""");
        Finding memory = only(findings, "AWS-502");
        assertThat(memory.title()).isEqualTo("ElastiCache cluster smartcloudops-redis-001 memory is 94.2% used");
        assertThat(memory.evidence()).containsEntry("node", "0001").containsEntry("percent", "94.2%")
                .containsEntry("threshold", "90%").containsEntry("nodeType", "cache.r6g.large");
        assertThat(memory.remediation()).isEqualTo("""
                aws elasticache describe-cache-clusters --cache-cluster-id smartcloudops-redis-001
                aws elasticache modify-cache-cluster \\
                  --cache-cluster-id smartcloudops-redis-001 \\
                  --cache-node-type cache.r6g.large \\
                  --apply-immediately
                aws elasticache modify-cache-parameter-group --cache-parameter-group-name smartcloudops-redis7 \
                --parameter-name-values ParameterName=maxmemory-policy,ParameterValue=allkeys-lru
                # APP_CONFIGMAP, APP_NAMESPACE: the ConfigMap that holds the cache settings of the application \
                using smartcloudops-redis-001
                kubectl patch configmap $APP_CONFIGMAP -n $APP_NAMESPACE -p '{"data":{"CACHE_DEFAULT_TTL":\
                "7200","CACHE_MAX_SIZE":"50000","CACHE_EVICTION_POLICY":"allkeys-lru"}}'""");
        Finding evictions = only(findings, "AWS-503");
        assertThat(evictions.title()).isEqualTo("ElastiCache cluster smartcloudops-redis-001 evicted 1834 keys in "
                + "the last hour");
        assertThat(evictions.evidence()).containsEntry("evictions", "1834").containsEntry("previous", "no sample");
        Finding failover = only(findings, "AWS-504");
        assertThat(failover.title()).isEqualTo("ElastiCache replication group smartcloudops-sessions has automatic "
                + "failover disabled");
        assertThat(failover.remediation()).isEqualTo("""
                aws elasticache describe-replication-groups --replication-group-id smartcloudops-sessions
                # automatic failover needs at least one replica:
                aws elasticache increase-replica-count --replication-group-id smartcloudops-sessions \
                --new-replica-count 1 --apply-immediately
                aws elasticache modify-replication-group \\
                  --replication-group-id smartcloudops-sessions \\
                  --automatic-failover-enabled \\
                  --multi-az-enabled \\
                  --apply-immediately""");
    }

    @Test
    void theHourOfEvictionsIsKeptForTheNextRunAndThePreviousOneShown() throws Exception {
        AwsDataStubs.elastiCache(aws.server);
        Samples samples = new Samples((target, name) -> name.equals("elasticache/smartcloudops-redis-001/"
                + "evictions-last-hour") ? Optional.of(new Sample(120, Instant.parse("2026-04-30T12:00:00Z")))
                : Optional.empty());
        RunScope scope = new RunScope(2L, AwsFixtures.NOW, SeverityPolicy.DEFAULTS, new ConcurrentHashMap<>(),
                f -> Optional.empty(), samples);
        List<Finding> findings = (new CheckContext(scope, metrics.id(),
                new Target(AwsFixtures.TARGET, "aws"), Set.of(metrics.id()))).findings(metrics);

        assertThat(only(findings, "AWS-503").detail()).isEqualTo("Evictions summed 1834 over the hour to "
                + "2026-05-01T12:00:00Z on node 0001 (120 in the hour before the previous run): the cache is full "
                + "and drops live keys, so reads miss and fall through to the database.");
        assertThat(samples.recorded()).containsEntry(new Sample.Key("prod/us-east-1",
                "elasticache/smartcloudops-redis-001/evictions-last-hour"), 1834.0).containsEntry(new Sample.Key(
                "prod/us-east-1", "elasticache/smartcloudops-redis-002/evictions-last-hour"), 0.0);
    }

    @Test
    void accessDeniedToReplicationGroupsIsAGapNamingTheActionAndTheClustersAreStillJudged() throws Exception {
        AwsDataStubs.elastiCache(aws.server);
        aws.server.stubFor(query("DescribeReplicationGroups").atPriority(1).willReturn(queryError(403,
                "AccessDenied", "not authorized to perform: elasticache:DescribeReplicationGroups")));

        assertThat(AwsFixtures.notPermitted(clusters, "AccessDenied", "elasticache:DescribeReplicationGroups"))
                .extracting(f -> f.code().code(), f -> f.resource().name())
                .containsExactly(tuple("AWS-501", "smartcloudops-sessions-001"));
    }

    @Test
    void accessDeniedToCloudWatchHidesOnlyTheMetrics() throws Exception {
        AwsDataStubs.elastiCache(aws.server);
        aws.server.stubFor(AwsDataStubs.getMetricData().atPriority(1).willReturn(AwsDataStubs.cborError(403,
                "AccessDeniedException", "User: arn:aws:sts::123456789012:assumed-role/health-audit-read/"
                        + "health-audit is not authorized to perform: cloudwatch:GetMetricData")));
        CheckContext context = AwsFixtures.context(clusters, metrics);

        assertThat(AwsFixtures.notPermitted(metrics, context.forCheck(metrics.id()), "AccessDeniedException",
                "cloudwatch:GetMetricData")).isEmpty();
        assertThat(context.findings(clusters)).extracting(f -> f.code().code(), Finding::severity, Finding::resource,
                Finding::checkId).containsExactlyInAnyOrder(
                tuple("AWS-501", Severity.P1, new Resource("CacheCluster", null, "smartcloudops-sessions-001"),
                        "aws.elasticache.clusters"),
                tuple("AWS-504", Severity.P2, new Resource("ReplicationGroup", null, "smartcloudops-sessions"),
                        "aws.elasticache.clusters"));
    }

    @Test
    void accessDeniedToClustersIsAGapOfBothChecksNamingTheAction() throws Exception {
        AwsDataStubs.elastiCache(aws.server);
        aws.server.stubFor(query("DescribeCacheClusters").atPriority(1).willReturn(queryError(403,
                "AccessDenied", "not authorized to perform: elasticache:DescribeCacheClusters")));
        CheckContext context = AwsFixtures.context(clusters, metrics);

        // the replication groups are judged without the clusters
        assertThat(AwsFixtures.notPermitted(clusters, context, "AccessDenied",
                "elasticache:DescribeCacheClusters")).extracting(f -> f.code().code(), f -> f.resource().name())
                .containsExactly(tuple("AWS-504", "smartcloudops-sessions"));
        assertThat(AwsFixtures.notPermitted(metrics, context.forCheck(metrics.id()), "AccessDenied",
                "elasticache:DescribeCacheClusters")).isEmpty();
        aws.server.verify(1, postRequestedFor(urlEqualTo("/"))
                .withRequestBody(containing("Action=DescribeCacheClusters&")));
        aws.server.verify(0, getMetricDataRequested());
    }

    @Test
    void aMalformedAnswerFailsTheCheckNamingTheAction() {
        aws.server.stubFor(query("DescribeCacheClusters").willReturn(AwsProtocol.xml("<DescribeCacheClustersResp")));

        assertThatThrownBy(() -> run(clusters)).hasMessageContaining("elasticache:DescribeCacheClusters");
        assertThatThrownBy(() -> run(metrics)).hasMessageContaining("elasticache:DescribeCacheClusters");
    }
}
