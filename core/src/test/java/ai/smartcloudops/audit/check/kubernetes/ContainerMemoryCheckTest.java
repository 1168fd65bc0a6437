package ai.smartcloudops.audit.check.kubernetes;

import static ai.smartcloudops.audit.check.kubernetes.KubernetesFixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetricsBuilder;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ContainerMemoryCheckTest {

    private static final String NS = KubernetesFixtures.NAMESPACE;
    private static final String POD = "smartcloudops-api-5d8f7c9b6d-x7k2p";

    private KubernetesFixtures k8s;
    private ContainerMemoryCheck check;

    @BeforeEach
    void start() {
        k8s = KubernetesFixtures.start();
        check = new ContainerMemoryCheck(k8s.clusters());
    }

    @AfterEach
    void stop() {
        k8s.close();
    }

    private static Container limited(String name, String memoryLimit) {
        return new ContainerBuilder().withName(name).withImage("smartcloudops/" + name + ":1.0").withNewResources()
                .addToRequests("memory", new Quantity("256Mi")).addToLimits("memory", new Quantity(memoryLimit))
                .endResources().build();
    }

    private static Pod podWith(String app, String name, Container... containers) {
        return pod(app, name).editSpec().withContainers(containers).endSpec().build();
    }

    /** Working sets by container name, as metrics-server reports a pod. */
    private static PodMetrics usage(String pod, Map<String, String> memory) {
        PodMetricsBuilder metrics = new PodMetricsBuilder().withNewMetadata().withName(pod).withNamespace(NS)
                .endMetadata();
        memory.forEach((container, used) -> metrics.addNewContainer().withName(container)
                .addToUsage("cpu", new Quantity("100m")).addToUsage("memory", new Quantity(used)).endContainer());
        return metrics.build();
    }

    @Test
    void workingSetExactlyAtTheThresholdOfTheLimitIsK8s204AndJustBelowIsNot() throws Exception {
        // 921.6Mi of 1Gi is exactly 90%; one byte less is 89%
        k8s.create(podWith("smartcloudops-api", POD, limited("smartcloudops-api", "1Gi")),
                podWith("web", "web-1", limited("web", "1Gi")));
        k8s.create(usage(POD, Map.of("smartcloudops-api", "966367642")),
                usage("web-1", Map.of("web", "966367641")));

        assertThat(KubernetesFixtures.run(check)).singleElement().satisfies(f -> {
            assertThat(f.code().code()).isEqualTo("K8S-204");
            assertThat(f.severity()).isEqualTo(Severity.P2);
            assertThat(f.resource()).isEqualTo(new Resource("Pod", NS, POD));
            assertThat(f.title()).isEqualTo("Container smartcloudops-api of pod " + NS + "/" + POD
                    + " uses 90% of its memory limit");
            assertThat(f.detail()).isEqualTo("Working set 921.6Mi of a 1Gi limit (threshold 90%): at the limit the "
                    + "kernel kills the container (OOMKilled, exit code 137).");
            assertThat(f.remediation())
                    .contains("kubectl top pods -n " + NS + " --sort-by=memory")
                    .contains("kubectl logs " + POD + " -n " + NS + " -c smartcloudops-api | grep -i")
                    .contains("kubectl set resources deployment/smartcloudops-api -n " + NS
                            + " -c smartcloudops-api \\\n  --limits=memory=4Gi --requests=memory=2Gi");
        });
    }

    @Test
    void theWorstLimitedContainerOfThePodIsReportedAndUnlimitedOnesAreNotJudged() throws Exception {
        Container unlimited = new ContainerBuilder().withName("cache").withImage("redis:7").build();
        k8s.create(podWith("worker", "worker-1", limited("worker", "8Gi"), limited("shipper", "256Mi"), unlimited));
        k8s.create(usage("worker-1", Map.of("worker", "7.5Gi", "shipper", "250Mi", "cache", "30Gi")));

        assertThat(KubernetesFixtures.run(check)).singleElement().satisfies(f -> {
            assertThat(f.resource()).isEqualTo(new Resource("Pod", NS, "worker-1"));
            assertThat(f.evidence()).containsEntry("container", "shipper").containsEntry("percent", "97")
                    .containsEntry("memoryUsed", "250Mi").containsEntry("memoryLimit", "256Mi");
        });
    }

    @Test
    void aLimitAboveTheGuidesIsDoubledAndTheThresholdIsConfigured() throws Exception {
        ContainerMemoryCheck lenient = new ContainerMemoryCheck(
                k8s.clusters(Map.of("memory-limit-percent-threshold", "95")));
        k8s.create(podWith("search", "search-1", limited("search", "8Gi")));
        k8s.create(usage("search-1", Map.of("search", "7.5Gi")));

        assertThat(KubernetesFixtures.run(check)).singleElement().satisfies(f -> assertThat(f.remediation())
                .contains("--limits=memory=16Gi --requests=memory=8Gi"));
        assertThat(KubernetesFixtures.run(lenient)).isEmpty();
    }

    @Test
    void metricsOfPodsWithoutLimitsOrWithoutAPodRaiseNothing() throws Exception {
        k8s.create(pod("web", "web-2").build());
        k8s.create(usage("web-2", Map.of("web", "3Gi")), usage("gone-1", Map.of("gone", "3Gi")));

        assertThat(KubernetesFixtures.run(check)).extracting(Finding::code).isEmpty();
    }
}
