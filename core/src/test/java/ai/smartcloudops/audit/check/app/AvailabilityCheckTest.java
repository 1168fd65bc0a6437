package ai.smartcloudops.audit.check.app;

import static ai.smartcloudops.audit.check.app.AppFixtures.run;
import static ai.smartcloudops.audit.check.app.AppFixtures.service;
import static ai.smartcloudops.audit.check.app.AppFixtures.targets;
import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.demo.DemoBlackhole;
import ai.smartcloudops.audit.demo.DemoCertificates;
import ai.smartcloudops.audit.demo.DemoCertificates.Issued;
import ai.smartcloudops.audit.demo.DemoCertificates.Spec;
import ai.smartcloudops.audit.demo.DemoHttpServer;
import ai.smartcloudops.audit.demo.DemoHttpServer.Response;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AvailabilityCheckTest {

    private static final Duration TIMEOUT = Duration.ofMillis(500);
    private static final Duration LATENCY = Duration.ofSeconds(2);

    static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static List<Finding> availability(AppTargets targets) throws Exception {
        return run(targets, new AvailabilityCheck(targets));
    }

    @Test
    void aReplicaAnswering503BesideHealthyOnesIsApp101AndAHealthyServiceRaisesNothing() throws Exception {
        try (DemoHttpServer ok = DemoHttpServer.http(Response.OK);
             DemoHttpServer unavailable = DemoHttpServer.http(new Response(503, Duration.ZERO))) {
            AppTargets targets = targets(TIMEOUT,
                    service("api", LATENCY, "replica-1", ok.url("/api/health"),
                            "replica-2", unavailable.url("/api/health")),
                    service("web", LATENCY, "ingress", ok.url("/")));

            assertThat(availability(targets)).singleElement().satisfies(f -> {
                assertThat(f.code().code()).isEqualTo("APP-101");
                assertThat(f.severity()).isEqualTo(Severity.P1);
                assertThat(f.target()).isEqualTo("api");
                assertThat(f.resource()).isEqualTo(new Resource("URL", null, "api/replica-2"));
                assertThat(f.title()).isEqualTo("api/replica-2 is down: HTTP 503, expected 200");
                assertThat(f.detail()).startsWith("GET " + unavailable.url("/api/health") + " failed after ")
                        .endsWith("HTTP 503, expected 200. 1 of the 2 health URLs of api answer; requests routed "
                                + "to this one fail.");
                assertThat(f.evidence()).containsEntry("url", unavailable.url("/api/health"))
                        .containsEntry("failure", "HTTP 503, expected 200").containsEntry("up", "1")
                        .containsEntry("total", "2").containsEntry("namespace", "smartcloudops");
                assertThat(f.remediation())
                        .contains("curl -isk --max-time 10 '" + unavailable.url("/api/health") + "'")
                        .contains("kubectl logs deployment/api -n smartcloudops --tail=100")
                        .contains("kubectl rollout restart deployment/api -n smartcloudops");
            });
        }
    }

    @Test
    void aClosedPortAndABlackholeAreDownWithTheirReason() throws Exception {
        try (DemoHttpServer ok = DemoHttpServer.http(Response.OK); DemoBlackhole hole = DemoBlackhole.start()) {
            int closed = closedPort();
            AppTargets targets = targets(TIMEOUT, service("api", LATENCY, "replica-1", ok.url("/api/health"),
                    "closed", "http://127.0.0.1:" + closed + "/api/health",
                    "hole", "http://127.0.0.1:" + hole.port() + "/api/health"));

            List<Finding> findings = availability(targets);

            assertThat(findings).extracting(f -> f.code().code()).containsExactly("APP-101", "APP-101");
            assertThat(findings).extracting(Finding::title).containsExactly(
                    "api/closed is down: connection refused",
                    "api/hole is down: no response within 500ms of connecting (read timeout)");
            assertThat(findings.get(1).resource()).isEqualTo(new Resource("URL", null, "api/hole"));
        }
    }

    @Test
    void everyUrlOfAServiceDownIsOneApp102OnTheServiceAndNoApp101() throws Exception {
        try (DemoHttpServer error = DemoHttpServer.http(new Response(500, Duration.ZERO));
             DemoHttpServer ok = DemoHttpServer.http(Response.OK)) {
            int closed = closedPort();
            AppTargets targets = targets(TIMEOUT,
                    service("reports", LATENCY, "replica-1", error.url("/api/health"),
                            "replica-2", "http://127.0.0.1:" + closed + "/api/health"),
                    service("api", LATENCY, "replica-1", ok.url("/api/health")));

            assertThat(availability(targets)).singleElement().satisfies(f -> {
                assertThat(f.code().code()).isEqualTo("APP-102");
                assertThat(f.severity()).isEqualTo(Severity.P0);
                assertThat(f.resource()).isEqualTo(new Resource("Service", null, "reports"));
                assertThat(f.title()).isEqualTo("Service reports is down: none of its 2 health URLs answers");
                assertThat(f.detail()).isEqualTo("Every health URL of reports failed: replica-1 "
                        + error.url("/api/health") + ": HTTP 500, expected 200; replica-2 http://127.0.0.1:" + closed
                        + "/api/health: connection refused.");
                assertThat(f.remediation())
                        .contains("kubectl get pods -n smartcloudops -o wide | grep reports")
                        .contains("kubectl logs deployment/reports -n smartcloudops --tail=100")
                        .contains("kubectl rollout restart deployment/reports -n smartcloudops")
                        .contains("kubectl scale deployment reports --replicas=5 -n smartcloudops")
                        .contains("curl -isk --max-time 10 '" + error.url("/api/health") + "'");
            });
        }
    }

    @Test
    void aServiceWhollyDownIsToldToLookAtItsOwnDeploymentAndConfigMapsNotTheGuides() throws Exception {
        String url = "http://127.0.0.1:" + closedPort() + "/api/health?probe=$(id)";
        AppTargets targets = targets(TIMEOUT, new AppProperties.Service("billing-api", "billing",
                Map.of("ingress", url), null, LATENCY, null, null));

        assertThat(availability(targets)).singleElement().satisfies(f -> {
            assertThat(f.code().code()).isEqualTo("APP-102");
            assertThat(f.severity()).isEqualTo(Severity.P0);
            assertThat(f.title()).isEqualTo("Service billing-api is down: none of its 1 health URLs answers");
            assertThat(f.remediation()).isEqualTo("""
                    kubectl get pods -n billing -o wide | grep billing-api
                    kubectl logs deployment/billing-api -n billing --tail=100
                    kubectl get events --sort-by=.metadata.creationTimestamp -n billing
                    # POD: a pod of billing-api, listed above
                    kubectl describe pod $POD -n billing | grep -E "(Limits|Requests|Events)"
                    kubectl rollout restart deployment/billing-api -n billing
                    kubectl scale deployment billing-api --replicas=5 -n billing
                    # the ConfigMaps billing-api reads
                    kubectl get deployment billing-api -n billing -o yaml | grep -E -A 1 \
                    'configMapRef:|configMap:|configMapKeyRef:'
                    curl -isk --max-time 10 '%s'""".formatted(url));
            assertThat(f.remediation()).doesNotContain("smartcloudops");
        });
    }

    @Test
    void aSingleUrlServiceThatIsDownIsApp102() throws Exception {
        AppTargets targets = targets(TIMEOUT, service("solo", LATENCY, "ingress",
                "http://127.0.0.1:" + closedPort() + "/"));
        assertThat(availability(targets)).extracting(f -> f.code().code() + " " + f.resource().name())
                .containsExactly("APP-102 solo");
    }

    @Test
    void anHttpsUrlWithAnExpiredSelfSignedCertificateForAnotherHostIsUp() throws Exception {
        Instant now = Instant.now();
        Issued expired = DemoCertificates.selfSigned(Spec.server("api.example.test", now, Duration.ofDays(1))
                .valid(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1))));
        try (DemoHttpServer https = DemoHttpServer.https(Response.OK, expired.chain(), expired.key())) {
            AppTargets targets = targets(TIMEOUT, service("api", LATENCY, "tls", https.url("/api/health")));
            assertThat(availability(targets)).isEmpty();
            assertThat(run(targets, new LatencyCheck(targets))).isEmpty();
        }
    }

    @Test
    void anHttpsUrlAnswering503IsDown() throws Exception {
        Issued cert = DemoCertificates.selfSigned(Spec.server("localhost", Instant.now(), Duration.ofDays(30)));
        try (DemoHttpServer https = DemoHttpServer.https(new Response(503, Duration.ZERO), cert.chain(), cert.key());
             DemoHttpServer ok = DemoHttpServer.http(Response.OK)) {
            AppTargets targets = targets(TIMEOUT, service("api", LATENCY, "tls", https.url("/api/health"),
                    "plain", ok.url("/api/health")));
            assertThat(availability(targets)).extracting(Finding::title)
                    .containsExactly("api/tls is down: HTTP 503, expected 200");
        }
    }

    @Test
    void theExpectedStatusIsPerService() throws Exception {
        try (DemoHttpServer ok = DemoHttpServer.http(Response.OK);
             DemoHttpServer noContent = DemoHttpServer.http(new Response(204, Duration.ZERO))) {
            AppProperties.Service service = new AppProperties.Service("api", "prod", Map.of(
                    "a", ok.url("/health"), "b", noContent.url("/health")), 204, null, null, null);
            AppTargets targets = new AppTargets(new AppProperties(List.of(service), TIMEOUT, TIMEOUT, null));
            assertThat(availability(targets)).singleElement().satisfies(f -> {
                assertThat(f.title()).isEqualTo("api/a is down: HTTP 200, expected 204");
                assertThat(f.remediation()).contains("kubectl rollout restart deployment/api -n prod");
            });
        }
    }

    @Test
    void credentialsInAUrlNeverReachAFinding() throws Exception {
        try (DemoHttpServer unavailable = DemoHttpServer.http(new Response(503, Duration.ZERO));
             DemoHttpServer ok = DemoHttpServer.http(Response.OK)) {
            String url = "http://audit:s3cr3t-pw@127.0.0.1:" + unavailable.port()
                    + "/api/health?verbose=1&access_token=tok-123&X-Amz-Signature=sig-456";
            AppTargets targets = targets(TIMEOUT, service("api", LATENCY, "secret", url, "ok", ok.url("/")));

            assertThat(availability(targets)).singleElement().satisfies(f -> {
                String shown = "http://127.0.0.1:" + unavailable.port()
                        + "/api/health?verbose=1&access_token=****&X-Amz-Signature=****";
                assertThat(f.evidence()).containsEntry("url", shown);
                assertThat(f.remediation()).contains("'" + shown + "'");
                for (String text : List.of(f.title(), f.detail(), f.remediation(), f.evidence().toString())) {
                    assertThat(text).doesNotContain("s3cr3t-pw").doesNotContain("audit:")
                            .doesNotContain("tok-123").doesNotContain("sig-456");
                }
            });
        }
    }
}
