package ai.smartcloudops.audit.check.kubernetes;

import static ai.smartcloudops.audit.check.kubernetes.KubernetesFixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetricsBuilder;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ContainerCpuCheckTest {

    private static final String NS = KubernetesFixtures.NAMESPACE;

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
    void cpuAtTheThresholdOfTheLimitIsK8s209ForTheClosestContainerAndBelowOrUnlimitedIsNot() throws Exception {
        k8s.create(pod("smartcloudops-api", "api-1").editSpec().withContainers(limited("api", "500m"),
                        limited("proxy", "1"), new ContainerBuilder().withName("unlimited").withImage("x:1").build())
                        .endSpec().build(),
                pod("web", "web-1").editSpec().withContainers(limited("web", "2")).endSpec().build());
        k8s.create(usage("api-1", Map.of("api", "300m", "proxy", "900m", "unlimited", "8")),
                usage("web-1", Map.of("web", "1799m")));

        assertThat(KubernetesFixtures.run(new ContainerCpuCheck(k8s.clusters()))).singleElement().satisfies(f -> {
            assertThat(f.code().code()).isEqualTo("K8S-209");
            assertThat(f.severity()).isEqualTo(Severity.P3);
            assertThat(f.resource()).isEqualTo(new Resource("Pod", NS, "api-1"));
            assertThat(f.title()).isEqualTo("Container proxy of pod " + NS + "/api-1 uses 90% of its CPU limit");
            assertThat(f.detail()).isEqualTo("900m of a 1000m limit in metrics-server's last sample (threshold 90%): "
                    + "at the limit the kernel throttles the container and its requests wait.");
            assertThat(f.remediation()).contains("kubectl top pods -n " + NS + " --sort-by=cpu")
                    .contains("kubectl top pod api-1 -n " + NS + " --containers")
                    .contains("kubectl set resources deployment/smartcloudops-api -n " + NS
                            + " -c proxy --limits=cpu=2000m");
        });
        assertThat(KubernetesFixtures.run(new ContainerCpuCheck(k8s.clusters(
                Map.of("cpu-limit-percent-threshold", "95"))))).isEmpty();
    }

    private static io.fabric8.kubernetes.api.model.Container limited(String name, String cpu) {
        return new ContainerBuilder().withName(name).withImage("smartcloudops/" + name + ":1.0").withNewResources()
                .addToLimits("cpu", new Quantity(cpu)).endResources().build();
    }

    /** CPU in use by container name, as metrics-server reports a pod. */
    private static PodMetrics usage(String pod, Map<String, String> cpu) {
        PodMetricsBuilder metrics = new PodMetricsBuilder().withNewMetadata().withName(pod).withNamespace(NS)
                .endMetadata();
        cpu.forEach((container, used) -> metrics.addNewContainer().withName(container)
                .addToUsage("cpu", new Quantity(used)).addToUsage("memory", new Quantity("64Mi")).endContainer());
        return metrics.build();
    }
}
