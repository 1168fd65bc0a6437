package ai.smartcloudops.audit.check.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ResourceQuotaCheckTest {

    private static final String NS = KubernetesFixtures.NAMESPACE;

    private KubernetesFixtures k8s;
    private ResourceQuotaCheck check;

    @BeforeEach
    void start() {
        k8s = KubernetesFixtures.start();
        check = new ResourceQuotaCheck(k8s.clusters());
    }

    @AfterEach
    void stop() {
        k8s.close();
    }

    /** A quota with pairs of resource, hard, used; the status is written as the quota controller would. */
    private void quota(String name, String... hardUsed) {
        ResourceQuotaBuilder quota = new ResourceQuotaBuilder().withNewMetadata().withName(name).withNamespace(NS)
                .endMetadata().withNewSpec().endSpec().withNewStatus().endStatus();
        for (int i = 0; i < hardUsed.length; i += 3) {
            quota.editSpec().addToHard(hardUsed[i], new Quantity(hardUsed[i + 1])).endSpec()
                    .editStatus().addToHard(hardUsed[i], new Quantity(hardUsed[i + 1]))
                    .addToUsed(hardUsed[i], new Quantity(hardUsed[i + 2])).endStatus();
        }
        ResourceQuota built = quota.build();
        k8s.client.resource(built).create();
        k8s.client.resource(built).updateStatus();
    }

    @Test
    void quotaAtThresholdIsK8s501NamingTheWorstResource() throws Exception {
        // pods 10/10 = 100%, requests.memory 14746Mi/16Gi = 90.0% (at), requests.cpu 3580m/4 = 89% (below)
        quota("smartcloudops-quota", "pods", "10", "10", "requests.memory", "16Gi", "14746Mi",
                "requests.cpu", "4", "3580m");
        quota("roomy", "pods", "50", "12", "requests.memory", "64Gi", "8Gi");

        List<Finding> findings = KubernetesFixtures.run(check);

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.code().code()).isEqualTo("K8S-501");
            assertThat(f.severity()).isEqualTo(Severity.P2);
            assertThat(f.resource()).isEqualTo(new Resource("ResourceQuota", NS, "smartcloudops-quota"));
            assertThat(f.title()).isEqualTo("ResourceQuota " + NS + "/smartcloudops-quota has pods at 100% of its "
                    + "hard limit");
            assertThat(f.detail()).isEqualTo("pods uses 10 of 10; at or over 90%: pods 10/10 (100%), "
                    + "requests.memory 14746Mi/16Gi (90%).");
            assertThat(f.remediation())
                    .contains("kubectl describe resourcequota smartcloudops-quota -n " + NS)
                    .contains("kubectl get resourcequota --all-namespaces");
        });
    }

    @Test
    void justBelowTheThresholdIsQuietAndAQuotaWithoutStatusUsesNothing() throws Exception {
        quota("almost", "requests.cpu", "10", "8999m", "count/jobs.batch", "100", "89");
        k8s.create(new ResourceQuotaBuilder().withNewMetadata().withName("fresh").withNamespace(NS).endMetadata()
                .withNewSpec().addToHard("pods", new Quantity("0")).addToHard("limits.memory", new Quantity("1Gi"))
                .endSpec().build());

        assertThat(KubernetesFixtures.run(check)).isEmpty();
    }
}
