package ai.smartcloudops.audit.check.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PersistentVolumeClaimCheckTest {

    @Test
    void aHostileClaimAndStorageClassAreQuotedInEveryCommandAndCleanedInTheDetail() throws Exception {
        String hostile = "data-$(touch pwned);`id`";
        k8s.create(claim(hostile, "Lost", "pvc-1").editSpec().withStorageClassName("=HYPERLINK(\"x\")\u0000$(id)")
                .endSpec().build());

        assertThat(runAt(Instant.now())).singleElement().satisfies(f -> {
            assertThat(f.resource().name()).isEqualTo(hostile);
            assertThat(f.detail()).contains("of storage class =HYPERLINK(\"x\")\uFFFD$(id), volume pvc-1");
            assertThat(f.remediation()).contains("kubectl describe pvc 'data-$(touch pwned);`id`' -n " + NS)
                    .contains("--field-selector involvedObject.name='data-$(touch pwned);`id`'")
                    .contains("kubectl get storageclass '=HYPERLINK(\"x\")\uFFFD$(id)'")
                    .doesNotContain(" data-$(");
        });
    }

    private static final String NS = KubernetesFixtures.NAMESPACE;

    private KubernetesFixtures k8s;
    private PersistentVolumeClaimCheck check;

    @BeforeEach
    void start() {
        k8s = KubernetesFixtures.start();
        check = new PersistentVolumeClaimCheck(k8s.clusters(Map.of("pending-grace", "5m")));
    }

    @AfterEach
    void stop() {
        k8s.close();
    }

    @Test
    void pendingPastTheGraceIsK8s701AndLostIsP1() throws Exception {
        PersistentVolumeClaim uploads = k8s.create(claim("uploads", "Pending", null).build(),
                claim("data-elasticsearch-2", "Lost", "pvc-3f2a").build(),
                claim("data-redis-0", "Bound", "pvc-9b1c").build()).get(0);
        // the API server stamps creationTimestamp itself
        Instant created = Instant.parse(uploads.getMetadata().getCreationTimestamp());

        // within the grace the provisioner may still be at work
        assertThat(runAt(created.plus(Duration.ofMinutes(2)))).extracting(f -> f.resource().name())
                .containsExactly("data-elasticsearch-2");
        List<Finding> findings = runAt(created.plus(Duration.ofMinutes(20)));

        assertThat(findings).hasSize(2);
        assertThat(findings.get(0)).satisfies(f -> {
            assertThat(f.code().code()).isEqualTo("K8S-701");
            assertThat(f.severity()).isEqualTo(Severity.P1);
            assertThat(f.resource()).isEqualTo(new Resource("PersistentVolumeClaim", NS, "data-elasticsearch-2"));
            assertThat(f.title()).isEqualTo("PersistentVolumeClaim " + NS + "/data-elasticsearch-2 is Lost");
            assertThat(f.detail()).startsWith("its volume is gone, and the data on it may be; requests 30Gi of "
                    + "storage class gp3, volume pvc-3f2a, created ");
            assertThat(f.remediation()).contains("kubectl get pv pvc-3f2a");
        });
        assertThat(findings.get(1)).satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.P2);
            assertThat(f.title()).isEqualTo("PersistentVolumeClaim " + NS + "/uploads is Pending");
            assertThat(f.detail()).isEqualTo("no volume has been bound to it for 5 minutes or more; a pod that "
                    + "mounts it cannot start; requests 30Gi of storage class gp3, volume <none>, created "
                    + created + ".");
            assertThat(f.remediation()).contains("kubectl describe pvc uploads -n " + NS)
                    .contains("kubectl get events -n " + NS + " --field-selector involvedObject.name=uploads")
                    .contains("kubectl get storageclass gp3");
        });
    }

    private List<Finding> runAt(Instant now) throws Exception {
        return KubernetesFixtures.context(check, now, new ConcurrentHashMap<>()).findings(check).stream()
                .sorted(Comparator.comparing(f -> f.resource().name())).toList();
    }

    private static PersistentVolumeClaimBuilder claim(String name, String phase, String volume) {
        return new PersistentVolumeClaimBuilder()
                .withNewMetadata().withName(name).withNamespace(NS).endMetadata()
                .withNewSpec().withStorageClassName("gp3").withAccessModes("ReadWriteOnce").withVolumeName(volume)
                .withNewResources().addToRequests("storage", new Quantity("30Gi")).endResources().endSpec()
                .withNewStatus().withPhase(phase).endStatus();
    }
}
