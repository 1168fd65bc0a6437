package ai.smartcloudops.audit.check.tls;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.check.kubernetes.KubernetesClusters;
import ai.smartcloudops.audit.demo.DemoDrCluster;
import ai.smartcloudops.audit.demo.DemoTls;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Severity;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's endpoints, Secrets and Ingress raise exactly its FAULTS from every TLS check, and leave nothing behind. */
class DemoTlsTest {

    @TempDir
    Path dir;

    @Test
    void theDemoEndpointsSecretsAndIngressRaiseExactlyTheirFaults() {
        Instant now = Instant.now();
        Path bundle;
        try (DemoTls demo = DemoTls.start(now); TlsClusterFixture cluster = new TlsClusterFixture(dir)) {
            cluster.client.resource(new IngressBuilder().withNewMetadata().withName("smartcloudops-ingress")
                    .withNamespace(TlsClusterFixture.NAMESPACE).endMetadata().withNewSpec().addNewRule()
                    .withHost(DemoTls.API_HOST).endRule().endSpec().build()).create();
            demo.seed(cluster.client);
            Map<String, String> settings = new HashMap<>();
            for (String argument : demo.properties()) {
                String[] pair = argument.substring(2).split("=", 2);
                settings.put(pair[0], pair[1]);
            }
            TlsProperties properties = TlsFixtures.bind(settings);
            bundle = Path.of(properties.caBundle());
            KubernetesClusters clusters = TlsClusterFixture.clusters(Map.of(TlsClusterFixture.CLUSTER,
                    cluster.kubeconfig(TlsClusterFixture.CLUSTER)));
            TlsCertificates certificates = new TlsCertificates(List.of(new EndpointSource(properties),
                    new IngressSource(properties, clusters), new SecretSource(properties, clusters)), properties);
            List<Finding> findings = TlsFixtures.runAll(now, certificates);

            Map<String, String> byCode = new TreeMap<>();
            findings.forEach(f -> byCode.merge(f.code().code(), f.resource().kind() + "/"
                    + (f.resource().namespace() == null ? "" : f.resource().namespace() + "/") + f.resource().name(),
                    (a, b) -> a + " + " + b));
            assertThat(byCode).isEqualTo(new TreeMap<>(DemoTls.FAULTS));
            assertThat(findings).filteredOn(f -> f.code().code().equals("TLS-102")).extracting(Finding::severity)
                    .containsExactly(Severity.P0);
            assertThat(findings).filteredOn(f -> f.code().code().equals("TLS-103")).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(Severity.P1);
                assertThat(f.evidence().get("locations")).contains("endpoint expiring (")
                        .contains("Secret smartcloudops/smartcloudops-partner-tls in cluster prod");
            });
            assertThat(Files.exists(bundle)).isTrue();
        }
        assertThat(Files.exists(bundle)).isFalse();
    }

    @Test
    void everyTlsCodeHasAFaultInTheDemo() {
        Set<String> shown = new TreeSet<>(DemoTls.FAULTS.keySet());
        shown.addAll(DemoDrCluster.FAULTS.keySet());
        assertThat(shown).containsAll(Arrays.stream(TlsCode.values()).map(TlsCode::code).toList());
    }
}
