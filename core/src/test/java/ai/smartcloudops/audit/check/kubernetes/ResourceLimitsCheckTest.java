package ai.smartcloudops.audit.check.kubernetes;

import static ai.smartcloudops.audit.check.kubernetes.KubernetesFixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ResourceLimitsCheckTest {

    private static final String NS = KubernetesFixtures.NAMESPACE;

    private KubernetesFixtures k8s;
    private ResourceLimitsCheck check;

    @BeforeEach
    void start() {
        k8s = KubernetesFixtures.start();
        check = new ResourceLimitsCheck(k8s.clusters());
    }

    @AfterEach
    void stop() {
        k8s.close();
    }

    private static Container complete(String name) {
        return KubernetesFixtures.requesting(name, "250m", "512Mi").editResources()
                .addToLimits("memory", new Quantity("1Gi")).endResources().build();
    }

    private static Pod podWith(String app, String name, Container... containers) {
        return pod(app, name).editSpec().withContainers(containers).endSpec().build();
    }

    @Test
    void replicasOfADeploymentMissingRequestsAndLimitsAreOneK8s205OnTheDeployment() throws Exception {
        Container bare = new ContainerBuilder().withName("smartcloudops-api").withImage("api:1").build();
        Container noLimit = KubernetesFixtures.requesting("log-shipper", "50m", "64Mi").build();
        k8s.create(podWith("smartcloudops-api", "smartcloudops-api-5d8f7c9b6d-aaaaa", bare, noLimit),
                podWith("smartcloudops-api", "smartcloudops-api-5d8f7c9b6d-bbbbb", bare, noLimit),
                podWith("web", "web-5d8f7c9b6d-ccccc", complete("web")));

        assertThat(KubernetesFixtures.run(check)).singleElement().satisfies(f -> {
            assertThat(f.code().code()).isEqualTo("K8S-205");
            assertThat(f.severity()).isEqualTo(Severity.P3);
            assertThat(f.resource()).isEqualTo(new Resource("Deployment", NS, "smartcloudops-api"));
            assertThat(f.title()).isEqualTo("Deployment " + NS + "/smartcloudops-api runs containers without "
                    + "resource requests or a memory limit");
            assertThat(f.detail()).startsWith("Missing: smartcloudops-api (cpu request, memory request, memory "
                    + "limit); log-shipper (memory limit) (pod smartcloudops-api-5d8f7c9b6d-aaaaa, 2 pods affected).");
            assertThat(f.remediation())
                    .contains("kubectl describe pod smartcloudops-api-5d8f7c9b6d-aaaaa -n " + NS
                            + " | grep -E \"(Limits|Requests|Events)\"")
                    .contains("kubectl set resources deployment/smartcloudops-api -n " + NS + " -c smartcloudops-api")
                    .contains("kubectl get limitrange -n " + NS);
        });
    }

    @Test
    void aLimitCountsAsTheRequestTheApiServerDefaultsFromIt() throws Exception {
        Container limitsOnly = new ContainerBuilder().withName("cache").withImage("redis:7").withNewResources()
                .addToLimits("cpu", new Quantity("500m")).addToLimits("memory", new Quantity("1Gi")).endResources()
                .build();
        Container noCpu = new ContainerBuilder().withName("worker").withImage("worker:1").withNewResources()
                .addToRequests("memory", new Quantity("512Mi")).addToLimits("memory", new Quantity("1Gi"))
                .endResources().build();
        k8s.create(podWith("cache", "cache-1", limitsOnly), podWith("worker", "worker-1", noCpu));

        assertThat(KubernetesFixtures.run(check)).singleElement().satisfies(f -> {
            assertThat(f.resource()).isEqualTo(new Resource("Deployment", NS, "worker"));
            assertThat(f.evidence()).containsEntry("missing", "worker (cpu request)");
        });
    }

    @Test
    void aBarePodIsItsOwnWorkloadOtherOwnersKeepTheirKindAndFinishedPodsAreSkipped() throws Exception {
        Container bare = new ContainerBuilder().withName("debug").withImage("busybox").build();
        k8s.create(new PodBuilder(podWith("debug", "debug-shell", bare)).editMetadata().withOwnerReferences()
                        .endMetadata().build(),
                new PodBuilder(podWith("fluentd", "fluentd-x1y2z", bare)).editMetadata().withOwnerReferences()
                        .addNewOwnerReference().withApiVersion("apps/v1").withKind("DaemonSet").withName("fluentd")
                        .withUid("uid-fluentd").withController(true).endOwnerReference().endMetadata().build(),
                new PodBuilder(podWith("report", "report-done", bare)).editStatus().withPhase("Succeeded")
                        .endStatus().build());

        assertThat(KubernetesFixtures.run(check)).extracting(Finding::resource).containsExactlyInAnyOrder(
                new Resource("Pod", NS, "debug-shell"), new Resource("DaemonSet", NS, "fluentd"));
    }
}
