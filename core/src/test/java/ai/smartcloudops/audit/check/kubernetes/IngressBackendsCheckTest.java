package ai.smartcloudops.audit.check.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPathBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IngressBackendsCheckTest {

    private static final String NS = KubernetesFixtures.NAMESPACE;

    private KubernetesFixtures k8s;
    private IngressBackendsCheck check;

    @BeforeEach
    void start() {
        k8s = KubernetesFixtures.start();
        check = new IngressBackendsCheck(k8s.clusters());
    }

    @AfterEach
    void stop() {
        k8s.close();
    }

    static ServiceBuilder service(String name, int port, String portName) {
        return new ServiceBuilder().withNewMetadata().withName(name).withNamespace(NS).endMetadata()
                .withNewSpec().addToSelector("app", name)
                .addNewPort().withName(portName).withPort(port).endPort().endSpec();
    }

    /** An ALB ingress with one host and the given paths, each a path -> service:port (number or name). */
    static IngressBuilder ingress(String name, String... routes) {
        IngressBuilder ingress = new IngressBuilder().withNewMetadata().withName(name).withNamespace(NS).endMetadata()
                .withNewSpec().withIngressClassName("alb").endSpec();
        var http = new io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressRuleValueBuilder();
        for (String route : routes) {
            String[] parts = route.split(" -> |:");
            HTTPIngressPathBuilder path = new HTTPIngressPathBuilder().withPath(parts[0]).withPathType("Prefix")
                    .withNewBackend().withNewService().withName(parts[1]).withNewPort().endPort().endService()
                    .endBackend();
            if (parts[2].matches("\\d+")) {
                path.editBackend().editService().editPort().withNumber(Integer.valueOf(parts[2])).endPort()
                        .endService().endBackend();
            } else {
                path.editBackend().editService().editPort().withName(parts[2]).endPort().endService().endBackend();
            }
            http.addToPaths(path.build());
        }
        return ingress.editSpec().addNewRule().withHost("api.smartcloudops.ai").withHttp(http.build()).endRule()
                .endSpec();
    }

    @Test
    void missingServiceAndUnexposedPortsAreOneK8s402ListingEveryBadBackend() throws Exception {
        k8s.create(service("smartcloudops-api", 80, "http").build(),
                service("smartcloudops-frontend", 80, "web").build());
        k8s.create(ingress("smartcloudops-ingress",
                        "/reports -> smartcloudops-reports:80",
                        "/api -> smartcloudops-api:8080",
                        "/ -> smartcloudops-frontend:web",
                        "/admin -> smartcloudops-api:admin").build(),
                ingress("healthy", "/api -> smartcloudops-api:80", "/ -> smartcloudops-frontend:web").build());

        assertThat(KubernetesFixtures.run(check)).singleElement().satisfies(f -> {
            assertThat(f.code().code()).isEqualTo("K8S-402");
            assertThat(f.severity()).isEqualTo(Severity.P1);
            assertThat(f.resource()).isEqualTo(new Resource("Ingress", NS, "smartcloudops-ingress"));
            assertThat(f.title()).isEqualTo("Ingress " + NS + "/smartcloudops-ingress has 3 broken service backends");
            assertThat(f.detail()).isEqualTo(
                    "api.smartcloudops.ai/reports -> smartcloudops-reports:80 (service does not exist); "
                            + "api.smartcloudops.ai/api -> smartcloudops-api:8080 (port not exposed by the service); "
                            + "api.smartcloudops.ai/admin -> smartcloudops-api:admin (port not exposed by the service)");
            assertThat(f.remediation())
                    .contains("kubectl describe ingress smartcloudops-ingress -n " + NS)
                    .contains("kubectl get service smartcloudops-reports smartcloudops-api -n " + NS)
                    .contains("kubectl patch service smartcloudops-api -n " + NS + " -p '")
                    .contains("# PORT: the port the Ingress asks of smartcloudops-api (above); TARGET_PORT: the port "
                            + "its pods listen on")
                    .contains("port: '\"$PORT\"'").contains("targetPort: '\"$TARGET_PORT\"'");
        });
    }

    @Test
    void defaultBackendIsCheckedAndAServiceInAnotherNamespaceDoesNotCount() throws Exception {
        k8s.create(new ServiceBuilder(service("fallback", 80, "http").build()).editMetadata()
                .withNamespace("other").endMetadata().build());
        k8s.create(new IngressBuilder().withNewMetadata().withName("catch-all").withNamespace(NS).endMetadata()
                .withNewSpec().withNewDefaultBackend().withNewService().withName("fallback").withNewPort()
                .withNumber(80).endPort().endService().endDefaultBackend().endSpec().build());

        assertThat(KubernetesFixtures.run(check)).singleElement().satisfies(f -> {
            assertThat(f.resource()).isEqualTo(new Resource("Ingress", NS, "catch-all"));
            assertThat(f.detail()).isEqualTo("default -> fallback:80 (service does not exist)");
            assertThat(f.remediation()).contains("kubectl patch service fallback -n " + NS);
        });
    }
}
