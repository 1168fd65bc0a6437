package ai.smartcloudops.audit.check.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import io.fabric8.kubernetes.api.model.EndpointAddressBuilder;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ServiceEndpointsCheckTest {

    private static final String NS = KubernetesFixtures.NAMESPACE;

    private KubernetesFixtures k8s;
    private ServiceEndpointsCheck check;

    @BeforeEach
    void start() {
        k8s = KubernetesFixtures.start();
        check = new ServiceEndpointsCheck(k8s.clusters());
    }

    @AfterEach
    void stop() {
        k8s.close();
    }

    static ServiceBuilder service(String name) {
        return new ServiceBuilder().withNewMetadata().withName(name).withNamespace(NS).endMetadata()
                .withNewSpec().addToSelector("app", name).addToSelector("tier", "web")
                .addNewPort().withName("http").withPort(80).endPort().endSpec();
    }

    static EndpointsBuilder endpoints(String name, int ready, int notReady) {
        EndpointsBuilder endpoints = new EndpointsBuilder().withNewMetadata().withName(name).withNamespace(NS)
                .endMetadata();
        if (ready + notReady > 0) {
            endpoints.addNewSubset()
                    .withAddresses(java.util.stream.IntStream.range(0, ready)
                            .mapToObj(i -> new EndpointAddressBuilder().withIp("10.0.1." + i).build()).toList())
                    .withNotReadyAddresses(java.util.stream.IntStream.range(0, notReady)
                            .mapToObj(i -> new EndpointAddressBuilder().withIp("10.0.2." + i).build()).toList())
                    .addNewPort().withName("http").withPort(5000).endPort().endSubset();
        }
        return endpoints;
    }

    @Test
    void serviceWithOnlyNotReadyAddressesIsK8s401() throws Exception {
        k8s.create(service("smartcloudops-api").build(), service("smartcloudops-frontend").build());
        k8s.create(endpoints("smartcloudops-api", 0, 2).build(), endpoints("smartcloudops-frontend", 1, 1).build());

        assertThat(KubernetesFixtures.run(check)).singleElement().satisfies(f -> {
            assertThat(f.code().code()).isEqualTo("K8S-401");
            assertThat(f.severity()).isEqualTo(Severity.P1);
            assertThat(f.resource()).isEqualTo(new Resource("Service", NS, "smartcloudops-api"));
            assertThat(f.title()).isEqualTo("Service " + NS + "/smartcloudops-api has no ready endpoints");
            assertThat(f.detail()).isEqualTo("0 ready addresses behind selector app=smartcloudops-api,tier=web; "
                    + "2 addresses not ready.");
            assertThat(f.evidence()).containsEntry("notReady", "2");
            assertThat(f.remediation())
                    .contains("kubectl get endpoints smartcloudops-api -n " + NS)
                    .contains("kubectl get pods -n " + NS + " -l app=smartcloudops-api,tier=web")
                    .contains("kubectl describe service smartcloudops-api -n " + NS);
        });
    }

    @Test
    void missingOrEmptyEndpointsRaiseAndSelectorlessOrExternalNameServicesDoNot() throws Exception {
        k8s.create(service("no-endpoints").build(), service("empty").build(),
                service("external").editSpec().withType("ExternalName").withExternalName("db.example.com")
                        .endSpec().build(),
                new ServiceBuilder(service("manual").build()).editSpec().withSelector(null).endSpec().build());
        k8s.create(endpoints("empty", 0, 0).build(), endpoints("manual", 0, 0).build());

        List<Finding> findings = KubernetesFixtures.run(check);

        assertThat(findings).extracting(f -> f.resource().name()).containsExactlyInAnyOrder("no-endpoints", "empty");
        assertThat(findings).filteredOn(f -> f.resource().name().equals("no-endpoints")).singleElement()
                .satisfies(f -> assertThat(f.detail()).startsWith("no Endpoints object behind selector"));
    }
}
