package ai.smartcloudops.audit.check.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MonitoringPodsCheckTest {

    private static final String MON = "smartcloudops-monitoring";

    private KubernetesFixtures k8s;
    private MonitoringPodsCheck check;

    @BeforeEach
    void start() {
        k8s = KubernetesFixtures.start();
        check = new MonitoringPodsCheck(k8s.clusters());
    }

    @AfterEach
    void stop() {
        k8s.close();
    }

    /** A pod of a monitoring component owned by {@code ownerKind/owner}, Running, Ready as given. */
    private static Pod component(String component, String name, String ownerKind, String owner, boolean ready) {
        return new PodBuilder(KubernetesFixtures.pod(component, name).build()).editMetadata().withNamespace(MON)
                .withLabels(Map.of(MonitoringPodsCheck.NAME_LABEL, component)).withOwnerReferences()
                .addNewOwnerReference().withApiVersion("apps/v1").withKind(ownerKind).withName(owner)
                .withUid("uid-" + owner).withController(true).endOwnerReference().endMetadata()
                .editStatus().addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
                .endStatus().build();
    }

    @Test
    void aComponentWithoutAnyPodIsK8s208WithTheGuidesCommands() throws Exception {
        k8s.create(component("prometheus", "prometheus-7c9d-abcde", "ReplicaSet", "prometheus-7c9d", true),
                component("fluentd", "fluentd-a1", "DaemonSet", "fluentd", true),
                component("fluentd", "fluentd-b2", "DaemonSet", "fluentd", true));

        assertThat(KubernetesFixtures.run(check)).singleElement().satisfies(f -> {
            assertThat(f.code().code()).isEqualTo("K8S-208");
            assertThat(f.severity()).isEqualTo(Severity.P1);
            assertThat(f.resource()).isEqualTo(new Resource("Component", MON, "elasticsearch"));
            assertThat(f.title()).isEqualTo("Monitoring component elasticsearch has 0 of 0 pods running and ready");
            assertThat(f.evidence()).containsEntry("notReady", "none");
            assertThat(f.remediation())
                    .contains("kubectl get pods -n " + MON + " -l app.kubernetes.io/name=elasticsearch")
                    .contains("kubectl rollout restart statefulset/elasticsearch -n " + MON)
                    .contains("kubectl wait --for=condition=ready pod -l app.kubernetes.io/name=elasticsearch -n "
                            + MON + " --timeout=600s");
        });
    }

    @Test
    void aComponentWithANotReadyPodNamesItAndItsController() throws Exception {
        k8s.create(component("prometheus", "prometheus-7c9d-abcde", "ReplicaSet", "prometheus-7c9d", true),
                component("elasticsearch", "elasticsearch-0", "StatefulSet", "elasticsearch", true),
                component("fluentd", "fluentd-a1", "DaemonSet", "fluentd", true),
                component("fluentd", "fluentd-b2", "DaemonSet", "fluentd", false),
                // the same label in another namespace is not the monitoring stack
                new PodBuilder(component("fluentd", "fluentd-c3", "DaemonSet", "fluentd", false)).editMetadata()
                        .withNamespace("default").endMetadata().build());

        assertThat(KubernetesFixtures.run(check)).singleElement().satisfies(f -> {
            assertThat(f.resource()).isEqualTo(new Resource("Component", MON, "fluentd"));
            assertThat(f.title()).isEqualTo("Monitoring component fluentd has 1 of 2 pods running and ready");
            assertThat(f.detail()).contains("not ready: fluentd-b2 (Running, Ready False)");
            assertThat(f.remediation())
                    .contains("kubectl logs daemonset/fluentd -n " + MON + " --tail=100")
                    .contains("kubectl wait --for=condition=ready pod -l app.kubernetes.io/name=fluentd -n " + MON
                            + " --timeout=300s");
        });
    }

    @Test
    void componentsAndNamespaceComeFromConfigurationAndAnExcludedNamespaceIsNotJudged() throws Exception {
        MonitoringPodsCheck grafana = new MonitoringPodsCheck(k8s.clusters(Map.of(
                "monitoring.namespace", "observability", "monitoring.components", "grafana")));
        MonitoringPodsCheck excluded = new MonitoringPodsCheck(k8s.clusters(Map.of("namespaces.exclude", MON)));

        assertThat(KubernetesFixtures.run(grafana)).extracting(Finding::resource)
                .containsExactly(new Resource("Component", "observability", "grafana"));
        assertThat(KubernetesFixtures.run(grafana).get(0).remediation())
                .contains("kubectl rollout restart deployment/grafana -n observability");
        assertThat(KubernetesFixtures.run(excluded)).isEmpty();
    }
}
