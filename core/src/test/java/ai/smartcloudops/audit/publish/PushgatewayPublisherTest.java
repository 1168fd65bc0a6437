package ai.smartcloudops.audit.publish;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.smartcloudops.audit.check.postgres.PostgresCode;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.FindingState;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import ai.smartcloudops.audit.finding.TrackedFinding;
import ai.smartcloudops.audit.net.HttpLimits;
import ai.smartcloudops.audit.report.ReportFixtures;
import ai.smartcloudops.audit.report.ReportModel;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A run's gauges as a Pushgateway receives them: one PUT of the job's group in the Prometheus text format. */
class PushgatewayPublisherTest {

    @RegisterExtension
    final WireMockExtension server = WireMockExtension.newInstance()
            .options(WireMockConfiguration.options().dynamicPort()).build();



    private PushgatewayPublisher publisher(String url) {
        return new PushgatewayPublisher(new PublishProperties(new PublishProperties.Pushgateway(url,
                Duration.ofSeconds(2)), null), HttpLimits.DEFAULT);
    }

    /** The fixture run, with one more finding on a target named to break the format's quoting and lines. */
    private static ReportModel model() {
        ReportModel base = ReportFixtures.model();
        Finding hostile = Finding.of(PostgresCode.PG_202, "db\"}\nfake_metric 1 {x=\"", Resource.of("Database", "d"))
                .severity(Severity.P2).title("t").detail("d").remediation("r").checkId("postgres.statements").build();
        List<TrackedFinding> items = new ArrayList<>(base.findings());
        items.add(new TrackedFinding(hostile, FindingState.NEW, ReportFixtures.STARTED));
        return new ReportModel(base.run(), items, base.resolved(), base.coverage(), base.previousScore(),
                base.trend());
    }

    @Test
    void theRunsGaugesReplaceItsJobsGroupWithEveryLabelValueEscaped() throws Exception {
        server.stubFor(put(urlEqualTo("/metrics/job/health_audit/audit_job/nightly"))
                .willReturn(aResponse().withStatus(200)));

        String where = publisher(server.baseUrl() + "/").push(model());

        assertThat(where).isEqualTo("PUT " + server.baseUrl());
        server.verify(1, putRequestedFor(urlEqualTo("/metrics/job/health_audit/audit_job/nightly"))
                .withHeader("Content-Type", equalTo("text/plain; version=0.0.4; charset=utf-8")));
        String body = new String(server.getAllServeEvents().get(0).getRequest().getBody(), StandardCharsets.UTF_8);
        assertThat(body).contains("health_audit_score 61.0\n")
                .contains("health_audit_last_run_timestamp_seconds 1.7419176E9\n")
                .contains("health_audit_findings{severity=\"P0\"} 1.0\n")
                .contains("health_audit_findings{severity=\"P2\"} 2.0\n")
                // popeye's cluster label on the Kubernetes codes; empty on a database's (Prometheus drops it)
                .contains("health_audit_code_findings{area=\"kubernetes\",cluster=\"prod-eks\",code=\"K8S-101\","
                        + "severity=\"P0\",target=\"prod-eks\"} 1.0\n")
                .contains("health_audit_code_findings{area=\"postgres\",cluster=\"\",code=\"PG-201\","
                        + "severity=\"P2\",target=\"orders-db\"} 1.0\n")
                // the regressed P2 lock waits are past their due time: one overdue finding for the database team
                .contains("health_audit_overdue_findings{team=\"database\"} 1.0\n")
                .contains("health_audit_overdue_findings{team=\"network\"} 0.0\n")
                .contains("health_audit_checks{status=\"ran\"}")
                // a target's quote and newline are escaped: no line of its own, no metric forged
                .contains("target=\"db\\\"}\\nfake_metric 1 {x=\\\"\"} 1.0\n")
                .doesNotContain("\nfake_metric");
    }

    @Test
    void aPushgatewayThatRefusesIsOneLineNamingItsHostNeverItsPathOrCredentials() {
        server.stubFor(put(urlEqualTo("/gw/metrics/job/health_audit/audit_job/nightly"))
                .willReturn(aResponse().withStatus(500).withBody("storage full")));
        String url = server.baseUrl().replace("http://", "http://push:s3cret@") + "/gw";

        assertThatThrownBy(() -> publisher(url).push(model()))
                .isInstanceOf(PushgatewayPublisher.PushException.class)
                .hasMessage("PUT http://****@localhost:" + server.getPort() + ": HTTP 500: storage full")
                .message().doesNotContain("s3cret").doesNotContain("/gw");
        // the URL's user and password are basic auth
        server.verify(putRequestedFor(urlEqualTo("/gw/metrics/job/health_audit/audit_job/nightly"))
                .withHeader("Authorization", equalTo("Basic cHVzaDpzM2NyZXQ=")));
        assertThat(publisher(null).configured()).isFalse();
    }
}
