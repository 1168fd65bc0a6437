package ai.smartcloudops.audit.check.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import ai.smartcloudops.audit.check.AllChecks;
import ai.smartcloudops.audit.check.Check;
import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.CheckSkippedException;
import ai.smartcloudops.audit.check.RunScope;
import ai.smartcloudops.audit.check.Target;
import ai.smartcloudops.audit.check.TestCatalogue;
import ai.smartcloudops.audit.demo.DemoAws;
import ai.smartcloudops.audit.finding.Area;
import ai.smartcloudops.audit.finding.FindingCode;
import ai.smartcloudops.audit.finding.Schedule;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The AWS checks of a run share one read of their account region: every API is asked once per page and resource
 * however many checks inspect its answer, only the parts the run's checks inspect are read, and an account out of
 * reach ends the read at its first call. Counted on WireMock serving the demo account.
 */
class AwsSnapshotTest {

    private static final Pattern QUERY_ACTION = Pattern.compile("Action=(\\w+)");

    private final AwsFixtures aws = new AwsFixtures();

    @AfterEach
    void stop() {
        aws.close();
    }

    /** Runs {@code checks} on the target in one run, as the sweep does, each check's findings made. */
    private static void sweep(List<Check> checks) throws Exception {
        RunScope run = RunScope.first(1L, AwsFixtures.NOW);
        Set<String> ids = checks.stream().map(Check::id).collect(Collectors.toSet());
        for (Check check : checks) {
            new CheckContext(run, check.id(), new Target(AwsFixtures.TARGET, AwsTargets.KIND), ids).findings(check);
        }
    }

    /** The API a request called: a query Action, an awsJson target, an EKS path or CloudWatch's operation. */
    private static String api(ServeEvent event) {
        var request = event.getRequest();
        if (request.containsHeader("X-Amz-Target")) {
            return request.getHeader("X-Amz-Target");
        }
        Matcher action = QUERY_ACTION.matcher(request.getBodyAsString());
        if (request.getUrl().equals("/") && action.find()) {
            return action.group(1);
        }
        String path = request.getUrl().replaceAll("\\?.*", "");
        return path.startsWith("/clusters") ? "GET " + path.replaceAll("/clusters/[^/]+", "/clusters/{name}")
                .replaceAll("/node-groups/[^/]+", "/node-groups/{name}") : path.substring(path.lastIndexOf('/') + 1);
    }

    /** Each request as it went: the same call twice would be the same text. */
    private static String call(ServeEvent event) {
        var request = event.getRequest();
        return request.getMethod() + " " + request.getUrl() + " " + request.getHeader("X-Amz-Target") + " "
                + request.getBodyAsBase64();
    }

    private Map<String, Long> callsByApi() {
        return aws.server.getAllServeEvents().stream().collect(Collectors.groupingBy(AwsSnapshotTest::api,
                TreeMap::new, Collectors.counting()));
    }

    @Test
    void everyAwsCheckOfTheCatalogueRunsAndTogetherTheyCallEachApiOncePerPageAndResource() throws Exception {
        DemoAws.stub(aws.server, AwsFixtures.NOW);
        AwsTargets targets = aws.targets();
        List<Check> checks = AllChecks.of(Area.AWS, targets);
        assertThat(checks).extracting(Check::id).containsExactlyInAnyOrderElementsOf(TestCatalogue.get().all()
                .stream().filter(c -> c.area() == Area.AWS).map(FindingCode::owner).distinct().toList());

        sweep(checks);

        List<String> calls = aws.server.getAllServeEvents().stream().map(AwsSnapshotTest::call).toList();
        assertThat(calls).doesNotHaveDuplicates();
        assertThat(callsByApi()).contains(
                // two pages each, listed once for every check that inspects them
                entry("DescribeInstanceStatus", 2L), entry("DescribeInstances", 2L),
                entry("GET /clusters", 2L), entry("DescribeTargetGroups", 2L), entry("DescribeDBInstances", 2L),
                entry("DescribeCacheClusters", 2L), entry("CertificateManager.ListCertificates", 2L),
                entry("DescribeReplicationGroups", 1L),
                // one batch for the RDS instances' metrics, one for the ElastiCache nodes', one for the load
                // balancers' traffic
                entry("GetMetricData", 3L));
        // per resource: each EKS cluster, target group, DB instance and certificate asked about once
        assertThat(callsByApi()).containsKeys("GET /clusters/{name}", "GET /clusters/{name}/node-groups",
                "GET /clusters/{name}/node-groups/{name}", "DescribeTargetHealth", "DescribeDBSnapshots",
                "CertificateManager.DescribeCertificate");
    }

    @Test
    void theServicesAreReadSideBySideWithNoMoreCallsInFlightThanTheAccountsConcurrency() throws Exception {
        DemoAws.stub(aws.server, AwsFixtures.NOW);
        aws.server.setGlobalFixedDelay(200);

        sweep(AllChecks.of(Area.AWS, aws.targets()));

        // every answer takes 200 ms: the calls received within 150 ms of each other were in flight together
        List<Long> received = aws.server.getAllServeEvents().stream()
                .map(e -> e.getRequest().getLoggedDate().getTime()).sorted().toList();
        int together = 0;
        for (int i = 0; i < received.size(); i++) {
            long start = received.get(i);
            together = Math.max(together, (int) received.stream().filter(t -> t >= start && t - start < 150).count());
        }
        assertThat(together).as("calls in flight at once (concurrency 4)").isBetween(2, 4);
    }

    @Test
    void anHourlyRunReadsNoSnapshotsAndOneCheckAloneReadsOnlyItsParts() throws Exception {
        DemoAws.stub(aws.server, AwsFixtures.NOW);
        AwsTargets targets = aws.targets();
        List<Check> hourly = AllChecks.of(Area.AWS, targets).stream()
                .filter(check -> check.schedules().contains(Schedule.HOURLY)).toList();
        assertThat(hourly).extracting(Check::id).doesNotContain(RdsSnapshotsCheck.ID).contains(RdsInstancesCheck.ID);

        sweep(hourly);

        assertThat(callsByApi()).doesNotContainKey("DescribeDBSnapshots").containsKey("DescribeDBInstances");

        aws.server.resetRequests();
        sweep(List.of(new ElbHealthCheckPathCheck(targets)));

        assertThat(callsByApi()).containsOnlyKeys("DescribeTargetGroups");
    }

    @Test
    void anAccountOutOfReachSkipsEveryCheckAfterTheCallsInFlight() {
        aws.server.stubFor(WireMock.any(WireMock.anyUrl())
                .willReturn(WireMock.aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        AwsTargets targets = aws.set("max-attempts", "2").targets();
        List<Check> checks = AllChecks.of(Area.AWS, targets);
        RunScope run = RunScope.first(1L, AwsFixtures.NOW);
        Set<String> ids = checks.stream().map(Check::id).collect(Collectors.toSet());

        for (Check check : checks) {
            assertThatThrownBy(() -> new CheckContext(run, check.id(), new Target(AwsFixtures.TARGET,
                    AwsTargets.KIND), ids).findings(check)).isInstanceOfSatisfying(CheckSkippedException.class,
                    e -> assertThat(e.getMessage()).startsWith("cannot connect: "));
        }
        // the services are read side by side, each from its first call; the first out of reach (tried twice) ends
        // the read: no call of a service follows its first, and none is tried more than twice
        assertThat(callsByApi().values()).allMatch(calls -> calls <= 2).contains(2L);
        assertThat(callsByApi().keySet()).isSubsetOf("DescribeInstanceStatus", "DescribeInstances", "GET /clusters",
                "DescribeTargetGroups", "DescribeDBInstances", "DescribeCacheClusters",
                "CertificateManager.ListCertificates");
    }
}
