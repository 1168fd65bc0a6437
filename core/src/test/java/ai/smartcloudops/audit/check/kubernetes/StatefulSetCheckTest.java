package ai.smartcloudops.audit.check.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatefulSetCheckTest {

    @Test
    void aHostileSelectorAndRevisionAreQuotedAndCleaned() throws Exception {
        String hostile = "es-$(touch pwned);`id`";
        k8s.create(statefulSet(hostile, 3, 2, "rev-1", "rev-2\u0000<script>", 1).build());

        assertThat(KubernetesFixtures.run(check)).singleElement().satisfies(f -> {
            assertThat(f.resource().name()).isEqualTo(hostile);
            assertThat(f.detail()).startsWith("Its rolling update to revision rev-2\uFFFD<script> is held at 1 of 3");
            assertThat(f.remediation()).contains("kubectl rollout status statefulset/'es-$(touch pwned);`id`' -n ")
                    .contains("-l 'app.kubernetes.io/name=es-$(touch pwned);`id`' -n ").doesNotContain(" es-$(");
        });
    }

    private static final String MONITORING = "smartcloudops-monitoring";

    private KubernetesFixtures k8s;
    private StatefulSetCheck check;

    @BeforeEach
    void start() {
        k8s = KubernetesFixtures.start();
        check = new StatefulSetCheck(k8s.clusters());
    }

    @AfterEach
    void stop() {
        k8s.close();
    }

    @Test
    void aRollingUpdateHeldByAPodThatIsNotReadyIsK8s308() throws Exception {
        k8s.create(statefulSet("elasticsearch", 3, 2, "elasticsearch-6d5f", "elasticsearch-7c9a", 1).build(),
                statefulSet("redis", 3, 3, "redis-1a", "redis-1a", 3).build());

        assertThat(KubernetesFixtures.run(check)).singleElement().satisfies(f -> {
            assertThat(f.code().code()).isEqualTo("K8S-308");
            assertThat(f.severity()).isEqualTo(Severity.P1);
            assertThat(f.resource()).isEqualTo(new Resource("StatefulSet", MONITORING, "elasticsearch"));
            assertThat(f.title()).isEqualTo("StatefulSet " + MONITORING + "/elasticsearch has 2 of 3 pods ready");
            assertThat(f.detail()).isEqualTo("Its rolling update to revision elasticsearch-7c9a is held at 1 of 3 "
                    + "pods: the next pod is replaced only when the ones before it are ready. Current 2, updated 1, "
                    + "available 2.");
            assertThat(f.remediation())
                    .contains("kubectl rollout status statefulset/elasticsearch -n " + MONITORING)
                    .contains("kubectl rollout restart statefulset/elasticsearch -n " + MONITORING)
                    .contains("kubectl wait --for=condition=ready pod -l app.kubernetes.io/name=elasticsearch -n "
                            + MONITORING + " --timeout=600s");
        });
    }

    @Test
    void aPodDownWithoutAnUpdateSaysSoAndAFreshOneIsNotJudged() throws Exception {
        k8s.create(statefulSet("redis", 3, 0, "redis-1a", "redis-1a", 3).build(),
                statefulSet("fresh", 1, 0, null, null, 0).withStatus(null).build());

        assertThat(KubernetesFixtures.run(check)).singleElement().satisfies(f -> {
            assertThat(f.title()).isEqualTo("StatefulSet " + MONITORING + "/redis has 0 of 3 pods ready");
            assertThat(f.detail()).isEqualTo("No update is in progress. Current 3, updated 3, available 0.");
        });
    }

    private static StatefulSetBuilder statefulSet(String name, int replicas, int ready, String current,
                                                  String update, int updated) {
        return new StatefulSetBuilder()
                .withNewMetadata().withName(name).withNamespace(MONITORING).endMetadata()
                .withNewSpec().withReplicas(replicas).withServiceName(name)
                .withNewSelector().addToMatchLabels("app.kubernetes.io/name", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app.kubernetes.io/name", name).endMetadata()
                .withNewSpec().addNewContainer().withName(name).withImage(name + ":8.15").endContainer()
                .endSpec().endTemplate().endSpec()
                .withNewStatus().withReplicas(replicas).withReadyReplicas(ready).withAvailableReplicas(ready)
                .withCurrentReplicas(replicas - (update == null || update.equals(current) ? 0 : updated))
                .withUpdatedReplicas(updated).withCurrentRevision(current).withUpdateRevision(update).endStatus();
    }
}
