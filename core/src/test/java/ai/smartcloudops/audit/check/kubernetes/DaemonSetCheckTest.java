package ai.smartcloudops.audit.check.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DaemonSetCheckTest {

    private static final String MONITORING = "smartcloudops-monitoring";

    private KubernetesFixtures k8s;
    private DaemonSetCheck check;

    @BeforeEach
    void start() {
        k8s = KubernetesFixtures.start();
        check = new DaemonSetCheck(k8s.clusters());
    }

    @AfterEach
    void stop() {
        k8s.close();
    }

    @Test
    void fewerReadyThanDesiredIsK8s306() throws Exception {
        k8s.create(daemonSet("fluentd", 5, 4, 1).build(),
                daemonSet("prometheus-node-exporter", 5, 5, 0).build(),
                daemonSet("fresh", 0, 0, 0).withStatus(null).build());

        assertThat(KubernetesFixtures.run(check)).singleElement().satisfies(f -> {
            assertThat(f.code().code()).isEqualTo("K8S-306");
            assertThat(f.severity()).isEqualTo(Severity.P1);
            assertThat(f.resource()).isEqualTo(new Resource("DaemonSet", MONITORING, "fluentd"));
            assertThat(f.title()).isEqualTo("DaemonSet " + MONITORING + "/fluentd has 4 of 5 pods ready");
            assertThat(f.detail()).isEqualTo("Desired 5, scheduled 5, ready 4, available 4, unavailable 1, "
                    + "updated 5.");
            assertThat(f.remediation())
                    .contains("kubectl rollout status daemonset/fluentd -n " + MONITORING)
                    .contains("kubectl logs daemonset/fluentd -n " + MONITORING + " --tail=100")
                    .contains("kubectl delete pod -l app.kubernetes.io/name=fluentd -n " + MONITORING);
        });
    }

    @Test
    void allReadyButOneUnavailableStillReports() throws Exception {
        // ready but not yet available for minReadySeconds
        k8s.create(daemonSet("fluentd", 3, 3, 1).build());

        assertThat(KubernetesFixtures.run(check)).singleElement()
                .satisfies(f -> assertThat(f.title()).isEqualTo("DaemonSet " + MONITORING
                        + "/fluentd has 3 of 3 pods ready"));
    }

    private static DaemonSetBuilder daemonSet(String name, int desired, int ready, int unavailable) {
        return new DaemonSetBuilder()
                .withNewMetadata().withName(name).withNamespace(MONITORING).endMetadata()
                .withNewSpec().withNewSelector().addToMatchLabels("app.kubernetes.io/name", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app.kubernetes.io/name", name).endMetadata()
                .withNewSpec().addNewContainer().withName(name).withImage("fluent/" + name + ":1.16").endContainer()
                .endSpec().endTemplate().endSpec()
                .withNewStatus().withDesiredNumberScheduled(desired).withCurrentNumberScheduled(desired)
                .withNumberReady(ready).withNumberAvailable(desired - unavailable)
                .withNumberUnavailable(unavailable == 0 ? null : unavailable).withUpdatedNumberScheduled(desired)
                .withNumberMisscheduled(0).endStatus();
    }
}
