package ai.smartcloudops.audit.check.kubernetes;

import static ai.smartcloudops.audit.check.kubernetes.IngressBackendsCheckTest.ingress;
import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AlbHealthCheckCheckTest {

    private static final String NS = KubernetesFixtures.NAMESPACE;
    private static final String PATH = "alb.ingress.kubernetes.io/healthcheck-path";
    private static final String INTERVAL = "alb.ingress.kubernetes.io/healthcheck-interval-seconds";
    private static final String TIMEOUT = "alb.ingress.kubernetes.io/healthcheck-timeout-seconds";

    private KubernetesFixtures k8s;

    @BeforeEach
    void start() {
        k8s = KubernetesFixtures.start();
    }

    @AfterEach
    void stop() {
        k8s.close();
    }

    @Test
    void albIngressWithoutIntervalAndTimeoutIsK8s403() throws Exception {
        k8s.create(ingress("smartcloudops-ingress", "/ -> api:80").editMetadata()
                        .addToAnnotations(PATH, "/api/health").endMetadata().build(),
                ingress("complete", "/ -> api:80").editMetadata().addToAnnotations(PATH, "/api/health")
                        .addToAnnotations(INTERVAL, "30").addToAnnotations(TIMEOUT, "5").endMetadata().build(),
                // nginx ingresses are not the ALB's
                ingress("nginx", "/ -> api:80").editSpec().withIngressClassName("nginx").endSpec().build());

        List<Finding> findings = KubernetesFixtures.run(new AlbHealthCheckCheck(k8s.clusters()));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.code().code()).isEqualTo("K8S-403");
            assertThat(f.severity()).isEqualTo(Severity.P3);
            assertThat(f.resource()).isEqualTo(new Resource("Ingress", NS, "smartcloudops-ingress"));
            assertThat(f.title()).isEqualTo("ALB ingress " + NS + "/smartcloudops-ingress does not set its health check");
            assertThat(f.detail()).isEqualTo("Missing annotations: " + INTERVAL + ", " + TIMEOUT
                    + "; the ALB falls back to its defaults.");
            assertThat(f.remediation())
                    .contains("kubectl patch ingress smartcloudops-ingress -n " + NS + " -p '")
                    .contains(PATH + ": /api/health")
                    .contains(INTERVAL + ": \"30\"")
                    .contains(TIMEOUT + ": \"5\"");
        });
    }

    @Test
    void classAnnotationCountsAsAlbAndThePatchUsesTheConfiguredPath() throws Exception {
        k8s.create(ingress("legacy", "/ -> api:80").editSpec().withIngressClassName(null).endSpec()
                .editMetadata().addToAnnotations("kubernetes.io/ingress.class", "alb").endMetadata().build());

        List<Finding> findings = KubernetesFixtures.run(new AlbHealthCheckCheck(
                k8s.clusters(Map.of("alb-health-check-path", "/healthz"))));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.resource()).isEqualTo(new Resource("Ingress", NS, "legacy"));
            assertThat(f.evidence()).containsEntry("missing", PATH + ", " + INTERVAL + ", " + TIMEOUT);
            assertThat(f.remediation()).contains(PATH + ": /healthz");
        });
    }
}
