package ai.smartcloudops.audit.check.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricStatusBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HpaMaxCheckTest {

    private static final String NS = KubernetesFixtures.NAMESPACE;

    private KubernetesFixtures k8s;
    private HpaMaxCheck check;

    @BeforeEach
    void start() {
        k8s = KubernetesFixtures.start();
        check = new HpaMaxCheck(k8s.clusters());
    }

    @AfterEach
    void stop() {
        k8s.close();
    }

    @Test
    void currentAndDesiredAtMaxIsK8s304() throws Exception {
        k8s.create(hpa("smartcloudops-api", 10, 10, 10).editStatus()
                        .addNewCondition().withType("ScalingLimited").withStatus("True").withReason("TooManyReplicas")
                        .withMessage("the desired replica count is more than the maximum replica count").endCondition()
                        .addToCurrentMetrics(new MetricStatusBuilder().withType("Pods").withNewPods()
                                .withNewMetric().withName("http_requests").endMetric()
                                .withNewCurrent().withAverageValue(new Quantity("1200m")).endCurrent()
                                .endPods().build())
                        .endStatus().build(),
                hpa("smartcloudops-frontend", 4, 4, 10).build(),
                // at max but the autoscaler wants fewer: load is going down
                hpa("smartcloudops-worker", 6, 5, 6).build(),
                hpa("smartcloudops-reports", 0, 0, 3).withStatus(null).build());

        assertThat(KubernetesFixtures.run(check)).singleElement().satisfies(f -> {
            assertThat(f.code().code()).isEqualTo("K8S-304");
            assertThat(f.severity()).isEqualTo(Severity.P2);
            assertThat(f.resource()).isEqualTo(new Resource("HorizontalPodAutoscaler", NS, "smartcloudops-api"));
            assertThat(f.title()).isEqualTo("HorizontalPodAutoscaler " + NS
                    + "/smartcloudops-api is at its maximum of 10 replicas");
            assertThat(f.detail()).isEqualTo("prod scales Deployment/smartcloudops-api: current 10, desired 10, "
                    + "min 3, max 10; metrics cpu 92%, http_requests 1200m; "
                    + "the desired replica count is more than the maximum replica count");
            assertThat(f.evidence()).containsEntry("scaleTarget", "Deployment/smartcloudops-api")
                    .containsEntry("suggestedMax", "15");
            assertThat(f.remediation())
                    .contains("kubectl describe hpa smartcloudops-api -n " + NS)
                    .contains("kubectl patch hpa smartcloudops-api -n " + NS
                            + " -p '{\"spec\":{\"maxReplicas\":15}}'")
                    .contains("aws eks update-nodegroup-config --cluster-name prod");
        });
    }

    @Test
    void oneBelowMaxIsHealthyAndASmallMaxGrowsByAtLeastOne() throws Exception {
        k8s.create(hpa("below", 2, 2, 3).build(), hpa("at", 1, 1, 1).build());

        assertThat(KubernetesFixtures.run(check)).singleElement().satisfies(f -> {
            assertThat(f.resource().name()).isEqualTo("at");
            assertThat(f.evidence()).containsEntry("suggestedMax", "2")
                    .containsEntry("limited", "no ScalingLimited condition reported");
        });
    }

    private static HorizontalPodAutoscalerBuilder hpa(String name, int current, int desired, int max) {
        return new HorizontalPodAutoscalerBuilder()
                .withNewMetadata().withName(name).withNamespace(NS).endMetadata()
                .withNewSpec().withMinReplicas(Math.min(3, max)).withMaxReplicas(max)
                .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment").withName(name)
                .endScaleTargetRef().endSpec()
                .withNewStatus().withCurrentReplicas(current).withDesiredReplicas(desired)
                .addToCurrentMetrics(new MetricStatusBuilder().withType("Resource").withNewResource().withName("cpu")
                        .withNewCurrent().withAverageUtilization(92).endCurrent().endResource().build())
                .endStatus();
    }
}
