package ai.smartcloudops.audit.check.aws;

import static ai.smartcloudops.audit.check.aws.AwsFixtures.NOW;
import static ai.smartcloudops.audit.check.aws.AwsFixtures.queryError;
import static ai.smartcloudops.audit.check.aws.AwsFixtures.run;
import static ai.smartcloudops.audit.demo.aws.AwsProtocol.query;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ai.smartcloudops.audit.demo.aws.AwsDataStubs;
import ai.smartcloudops.audit.demo.aws.AwsProtocol;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Schedule;
import ai.smartcloudops.audit.finding.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The real RDS client against DescribeDBSnapshots stubs in RDS's query XML, Marker pages included. */
class RdsSnapshotsCheckTest {

    private final AwsFixtures aws = new AwsFixtures();
    private final RdsSnapshotsCheck check = new RdsSnapshotsCheck(aws.targets());

    @AfterEach
    void stop() {
        aws.close();
    }

    @Test
    void theInstanceWhoseNewestSnapshotIsOnTheSecondPageAnd30HoursOldIsTheOnlyFinding() throws Exception {
        AwsDataStubs.rds(aws.server);
        AwsDataStubs.rdsSnapshots(aws.server, NOW);

        List<Finding> findings = run(check);

        assertThat(findings).extracting(f -> f.code().code(), Finding::severity, Finding::resource, Finding::target)
                .containsExactly(tuple("AWS-407", Severity.P2, new Resource("DBInstance", null, "smartcloudops-prod"),
                        "prod/us-east-1"));
        Finding stale = findings.get(0);
        assertThat(stale.title())
                .isEqualTo("RDS instance smartcloudops-prod has no automated snapshot in the last 1d");
        assertThat(stale.evidence()).containsEntry("newest", "2026-04-30T06:00:00Z, 1d 6h old")
                .containsEntry("maxAge", "1d");
        assertThat(stale.detail()).isEqualTo("Newest automated snapshot of smartcloudops-prod (postgres 15.7, "
                + "db.r5.large) in prod/us-east-1: 2026-04-30T06:00:00Z, 1d 6h old. A restore after a failed "
                + "maintenance would lose everything written since.");
        assertThat(stale.remediation()).startsWith("aws rds describe-db-snapshots --db-instance-identifier "
                + "smartcloudops-prod --snapshot-type automated\n").endsWith("--db-snapshot-identifier "
                + "smartcloudops-prod-pre-maintenance");
        // both pages of smartcloudops-prod, one of each other instance
        aws.server.verify(2, postRequestedFor(urlEqualTo("/"))
                .withRequestBody(containing("Action=DescribeDBSnapshots&"))
                .withRequestBody(containing("DBInstanceIdentifier=smartcloudops-prod&")));
        aws.server.verify(6, postRequestedFor(urlEqualTo("/"))
                .withRequestBody(containing("Action=DescribeDBSnapshots&")));
    }

    @Test
    void anInstanceWithoutAnyAutomatedSnapshotSaysNone() throws Exception {
        AwsDataStubs.rds(aws.server);
        AwsDataStubs.rdsSnapshots(aws.server, NOW);
        aws.server.stubFor(query("DescribeDBSnapshots").atPriority(1)
                .withRequestBody(containing("DBInstanceIdentifier=smartcloudops-staging&"))
                .willReturn(AwsProtocol.xml(AwsDataStubs.snapshots("smartcloudops-staging", null))));

        assertThat(run(check)).filteredOn(f -> f.resource().name().equals("smartcloudops-staging"))
                .singleElement().satisfies(f -> assertThat(f.evidence()).containsEntry("newest", "none"));
    }

    @Test
    void aSnapshotJustInsideTheDayPasses() throws Exception {
        AwsDataStubs.rds(aws.server);
        AwsDataStubs.rdsSnapshots(aws.server, NOW);
        aws.server.stubFor(query("DescribeDBSnapshots").atPriority(1)
                .withRequestBody(containing("DBInstanceIdentifier=smartcloudops-prod&"))
                .willReturn(AwsProtocol.xml(AwsDataStubs.snapshots("smartcloudops-prod", null,
                        NOW.minus(Duration.ofHours(24)).plusSeconds(60)))));

        assertThat(run(check)).isEmpty();
    }

    @Test
    void accessDeniedIsAGapNamingTheAction() throws Exception {
        AwsDataStubs.rds(aws.server);
        aws.server.stubFor(query("DescribeDBSnapshots").willReturn(queryError(403, "AccessDenied",
                "User is not authorized to perform: rds:DescribeDBSnapshots")));

        assertThat(AwsFixtures.notPermitted(check, "AccessDenied", "rds:DescribeDBSnapshots")).isEmpty();
    }

    @Test
    void runsNightlyAndBeforeMaintenanceOnly() {
        assertThat(check.schedules()).isEqualTo(Set.of(Schedule.NIGHTLY, Schedule.PRE_MAINTENANCE));
    }
}
