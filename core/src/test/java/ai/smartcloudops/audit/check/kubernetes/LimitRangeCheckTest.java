package ai.smartcloudops.audit.check.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LimitRangeCheckTest {

    private KubernetesFixtures k8s;

    @BeforeEach
    void start() {
        k8s = KubernetesFixtures.start();
        k8s.create(namespace("smartcloudops"), namespace("smartcloudops-staging"), namespace("kube-system"));
    }

    @AfterEach
    void stop() {
        k8s.close();
    }

    static io.fabric8.kubernetes.api.model.Namespace namespace(String name) {
        return new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build();
    }

    private static io.fabric8.kubernetes.api.model.LimitRange limitRange(String namespace) {
        return new LimitRangeBuilder().withNewMetadata().withName("defaults").withNamespace(namespace).endMetadata()
                .withNewSpec().addNewLimit().withType("Container").addToDefault("memory", new Quantity("512Mi"))
                .endLimit().endSpec().build();
    }

    @Test
    void appNamespaceWithoutLimitRangeIsK8s502() throws Exception {
        k8s.create(limitRange("smartcloudops-staging"));
        LimitRangeCheck check = new LimitRangeCheck(k8s.clusters(Map.of(
                "namespaces.app[0]", "smartcloudops", "namespaces.app[1]", "smartcloudops-staging",
                "namespaces.app[2]", "smartcloudops-absent")));

        assertThat(KubernetesFixtures.run(check)).singleElement().satisfies(f -> {
            assertThat(f.code().code()).isEqualTo("K8S-502");
            assertThat(f.severity()).isEqualTo(Severity.P3);
            assertThat(f.resource()).isEqualTo(new Resource("Namespace", null, "smartcloudops"));
            assertThat(f.title()).isEqualTo("Namespace smartcloudops has no LimitRange");
            assertThat(f.remediation())
                    .contains("kubectl get limitrange --all-namespaces")
                    .contains("kubectl describe namespace smartcloudops");
        });
    }

    @Test
    void aLimitRangeInTheAppNamespaceOrExcludingItIsQuiet() throws Exception {
        assertThat(KubernetesFixtures.run(new LimitRangeCheck(k8s.clusters(Map.of(
                "namespaces.exclude[0]", "smartcloudops"))))).isEmpty();

        k8s.create(limitRange("smartcloudops"));
        assertThat(KubernetesFixtures.run(new LimitRangeCheck(k8s.clusters()))).isEmpty();
    }
}
