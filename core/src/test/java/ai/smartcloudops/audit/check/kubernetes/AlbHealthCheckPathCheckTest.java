package ai.smartcloudops.audit.check.kubernetes;

import static ai.smartcloudops.audit.check.kubernetes.IngressBackendsCheckTest.ingress;
import static ai.smartcloudops.audit.check.kubernetes.IngressBackendsCheckTest.service;
import static ai.smartcloudops.audit.check.kubernetes.KubernetesFixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AlbHealthCheckPathCheckTest {

    private static final String NS = KubernetesFixtures.NAMESPACE;
    private static final String PATH = "alb.ingress.kubernetes.io/healthcheck-path";

    private KubernetesFixtures k8s;
    private AlbHealthCheckPathCheck check;

    @BeforeEach
    void start() {
        k8s = KubernetesFixtures.start();
        check = new AlbHealthCheckPathCheck(k8s.clusters());
    }

    @AfterEach
    void stop() {
        k8s.close();
    }

    /** A pod of app {@code app} ready on {@code path} (no probe when null). */
    private static Pod ready(String app, String name, String path) {
        ContainerBuilder container = new ContainerBuilder().withName(app).withImage("smartcloudops/" + app);
        if (path != null) {
            container.withNewReadinessProbe().withNewHttpGet().withPath(path).withPort(new IntOrString(5000))
                    .endHttpGet().endReadinessProbe();
        }
        return pod(app, name).editSpec().withContainers(container.build()).endSpec().build();
    }

    @Test
    void pathOtherThanTheGuidesAndThePodsReadinessIsK8s404() throws Exception {
        k8s.create(ready("smartcloudops-api", "api-1", "/api/health"), ready("smartcloudops-api", "api-2", "/api/health"),
                ready("smartcloudops-frontend", "web-1", "/"));
        k8s.create(service("smartcloudops-api", 80, "http").build(), service("smartcloudops-frontend", 80, "http")
                .build());
        k8s.create(ingress("smartcloudops-ingress", "/api -> smartcloudops-api:80").editMetadata()
                        .addToAnnotations(PATH, "/health").endMetadata().build(),
                ingress("healthy", "/api -> smartcloudops-api:80").editMetadata()
                        .addToAnnotations(PATH, "/api/health").endMetadata().build(),
                // no annotation: K8S-403's concern
                ingress("bare", "/ -> smartcloudops-frontend:80").build());

        List<Finding> findings = KubernetesFixtures.run(check);

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.code().code()).isEqualTo("K8S-404");
            assertThat(f.severity()).isEqualTo(Severity.P2);
            assertThat(f.resource()).isEqualTo(new Resource("Ingress", NS, "smartcloudops-ingress"));
            assertThat(f.title()).isEqualTo("ALB ingress " + NS + "/smartcloudops-ingress health-checks /health");
            assertThat(f.detail()).isEqualTo("the health check path /health is not /api/health; "
                    + "the pods of service smartcloudops-api are ready on /api/health, not /health");
            assertThat(f.evidence()).containsEntry("readinessPaths", "/api/health");
            assertThat(f.remediation())
                    .contains("kubectl describe ingress smartcloudops-ingress -n " + NS)
                    .contains("kubectl describe service smartcloudops-api -n " + NS)
                    .contains("kubectl patch ingress smartcloudops-ingress -n " + NS)
                    .contains(PATH + ": /api/health");
        });
    }

    @Test
    void theGuidesPathStillDisagreeingWithTheReadinessProbeIsK8s404() throws Exception {
        k8s.create(ready("smartcloudops-frontend", "web-1", "/healthz"), ready("smartcloudops-frontend", "web-2", null),
                // a pod of another app with a different path is not behind the service
                ready("smartcloudops-worker", "worker-1", "/api/health"));
        k8s.create(service("smartcloudops-frontend", 80, "http").build());
        k8s.create(ingress("frontend", "/ -> smartcloudops-frontend:80").editMetadata()
                        .addToAnnotations(PATH, "/api/health").endMetadata().build(),
                // pods without probes and missing services say nothing about the path
                ingress("reports", "/ -> smartcloudops-reports:80").editMetadata()
                        .addToAnnotations(PATH, "/api/health").endMetadata().build());

        assertThat(KubernetesFixtures.run(check)).singleElement().satisfies(f -> {
            assertThat(f.resource()).isEqualTo(new Resource("Ingress", NS, "frontend"));
            assertThat(f.title()).isEqualTo("ALB ingress " + NS + "/frontend health-checks /api/health");
            assertThat(f.detail()).isEqualTo(
                    "the pods of service smartcloudops-frontend are ready on /healthz, not /api/health");
        });
    }
}
