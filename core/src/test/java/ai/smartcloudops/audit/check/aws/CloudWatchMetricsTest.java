package ai.smartcloudops.audit.check.aws;

import static ai.smartcloudops.audit.demo.aws.AwsDataStubs.cbor;
import static ai.smartcloudops.audit.demo.aws.AwsDataStubs.cborError;
import static ai.smartcloudops.audit.demo.aws.AwsDataStubs.getMetricData;
import static ai.smartcloudops.audit.demo.aws.AwsDataStubs.getMetricDataRequested;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.not;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.RunScope;
import ai.smartcloudops.audit.check.Target;
import ai.smartcloudops.audit.demo.aws.DemoCbor;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;

/** Batched GetMetricData over CloudWatch's Smithy RPC v2 CBOR, through the real client. */
class CloudWatchMetricsTest {

    private final AwsFixtures aws = new AwsFixtures();

    @AfterEach
    void stop() {
        aws.close();
    }

    private static CheckContext context() {
        return new CheckContext(RunScope.first(1L, AwsFixtures.NOW), "aws.test", new Target(AwsFixtures.TARGET,
                "aws"), Set.of("aws.test"));
    }

    private static List<CloudWatchMetrics.Query> cpuOf(int instances) {
        return IntStream.range(0, instances).mapToObj(i -> new CloudWatchMetrics.Query("cpu db-" + i, "AWS/RDS",
                "CPUUtilization", Map.of("DBInstanceIdentifier", "db-" + i), "Average", Duration.ofHours(1))).toList();
    }

    @Test
    void theClientSpeaksRpcV2CborAndReadsTheEncodedTimestamps() {
        aws.server.stubFor(getMetricData().willReturn(cbor("""
                {"MetricDataResults": [{"Id": "m1", "StatusCode": "Complete",
                  "Timestamps": ["2026-05-01T11:55:00Z", "2026-05-01T11:50:00.500Z"], "Values": [42.5, 40]}]}""")));
        CheckContext context = context();
        CloudWatchClient client = aws.targets().client(context, "monitoring", CloudWatchClient::builder);

        GetMetricDataResponse response = client.getMetricData(r -> r.startTime(AwsFixtures.NOW.minusSeconds(3600))
                .endTime(AwsFixtures.NOW).metricDataQueries(q -> q.id("m1").expression("SEARCH('x', 'Average')")));

        assertThat(response.metricDataResults().get(0).timestamps()).containsExactly(
                java.time.Instant.parse("2026-05-01T11:55:00Z"), java.time.Instant.parse("2026-05-01T11:50:00.500Z"));
        assertThat(response.metricDataResults().get(0).values()).containsExactly(42.5, 40.0);
    }

    @Test
    void manyMetricsAreOneCallAndMoreThanFiveHundredAreTwo() {
        aws.server.stubFor(getMetricData().willReturn(cbor("""
                {"MetricDataResults": [{"Id": "cpu_db_7", "StatusCode": "Complete",
                  "Timestamps": ["2026-05-01T11:00:00Z"], "Values": [97.0]}], "Messages": []}""")));
        AwsTargets targets = aws.targets();
        CloudWatchMetrics metrics = new CloudWatchMetrics(targets);

        CloudWatchMetrics.Values values = metrics.fetch(context(), cpuOf(500), Duration.ofHours(1));

        assertThat(values.latest("cpu db-7")).contains(97.0);
        assertThat(values.latest("cpu db-8")).isEmpty();
        assertThat(values.byKey()).hasSize(500);
        aws.server.verify(1, getMetricDataRequested());

        aws.server.resetRequests();
        metrics.fetch(context(), cpuOf(501), Duration.ofHours(1));
        aws.server.verify(2, getMetricDataRequested());
        aws.server.verify(1, getMetricDataRequested().withRequestBody(containing("cpu_db_500")));
    }

    @Test
    void everyNextTokenPageIsFollowedAndItsValuesJoinTheirQuery() {
        aws.server.stubFor(getMetricData().withRequestBody(not(containing("NextToken"))).willReturn(cbor("""
                {"MetricDataResults": [{"Id": "cpu_db_0", "StatusCode": "PartialData",
                  "Timestamps": ["2026-05-01T11:55:00Z"], "Values": [10.0]}], "NextToken": "page-2-token"}""")));
        aws.server.stubFor(getMetricData().withRequestBody(containing("page-2-token")).willReturn(cbor("""
                {"MetricDataResults": [{"Id": "cpu_db_0", "StatusCode": "Complete",
                  "Timestamps": ["2026-05-01T11:50:00Z"], "Values": [30.0]},
                  {"Id": "cpu_db_1", "StatusCode": "Complete",
                  "Timestamps": ["2026-05-01T11:50:00Z"], "Values": [5.0]}]}""")));

        CloudWatchMetrics.Values values = new CloudWatchMetrics(aws.targets()).fetch(context(), cpuOf(2),
                Duration.ofHours(1));

        assertThat(values.byKey()).containsEntry("cpu db-0", List.of(10.0, 30.0)).containsEntry("cpu db-1",
                List.of(5.0));
        assertThat(values.latest("cpu db-0")).contains(10.0);
        assertThat(values.sum("cpu db-0")).contains(40.0);
        aws.server.verify(2, getMetricDataRequested());
    }

    @Test
    void aThrottledGetMetricDataIsRetried() {
        aws.server.stubFor(getMetricData().inScenario("throttled").whenScenarioStateIs(STARTED)
                .willReturn(cborError(400, "Throttling", "Rate exceeded")).willSetStateTo("recovered"));
        aws.server.stubFor(getMetricData().inScenario("throttled").whenScenarioStateIs("recovered")
                .willReturn(cbor("""
                        {"MetricDataResults": [{"Id": "cpu_db_0", "StatusCode": "Complete",
                          "Timestamps": ["2026-05-01T11:00:00Z"], "Values": [12.5]}]}""")));

        CloudWatchMetrics.Values values = new CloudWatchMetrics(aws.targets()).fetch(context(), cpuOf(1),
                Duration.ofHours(1));

        assertThat(values.latest("cpu db-0")).contains(12.5);
        aws.server.verify(2, getMetricDataRequested());
    }

    @Test
    void queryIdsAreReadableAndUnique() {
        Set<String> taken = new HashSet<>();
        assertThat(CloudWatchMetrics.id("cpu smartcloudops-prod", taken)).isEqualTo("cpu_smartcloudops_prod");
        assertThat(CloudWatchMetrics.id("cpu smartcloudops_prod", taken)).isEqualTo("cpu_smartcloudops_prod_2");
        assertThat(CloudWatchMetrics.id("0001", taken)).isEqualTo("m_0001");
    }

    @Test
    void theEncoderWritesTimestampsAsTaggedEpochSeconds() {
        // {_ "T": 1(1777633200.0) }: an indefinite map, text "T", tag 1, a double of epoch seconds
        assertThat(java.util.HexFormat.of().formatHex(DemoCbor.encode("{\"T\":\"2026-05-01T11:00:00Z\"}")))
                .isEqualTo("bf6154c1fb41da7d21ec000000ff");
    }
}
