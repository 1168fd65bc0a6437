package ai.smartcloudops.audit.check.tls;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.demo.DemoTls;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The demo's endpoints raise exactly its FAULTS from every TLS check, and leave nothing behind. */
class DemoTlsTest {

    @Test
    void theDemoEndpointsRaiseExactlyTheirFaults() {
        Instant now = Instant.now();
        Path bundle;
        try (DemoTls demo = DemoTls.start(now)) {
            Map<String, String> settings = new HashMap<>();
            for (String argument : demo.properties()) {
                String[] pair = argument.substring(2).split("=", 2);
                settings.put(pair[0], pair[1]);
            }
            TlsProperties properties = TlsFixtures.bind(settings);
            bundle = Path.of(properties.endpoints().get(0).caBundle());
            TlsCertificates certificates = new TlsCertificates(List.of(new EndpointSource(properties)), properties);
            List<Finding> findings = TlsFixtures.run(now, new TlsHandshakeCheck(certificates),
                    new TlsExpiryCheck(certificates), new TlsHostnameCheck(certificates),
                    new TlsTrustCheck(certificates), new TlsStrengthCheck(certificates));

            Map<String, String> byCode = new TreeMap<>();
            findings.forEach(f -> byCode.merge(f.code(), f.resource().kind() + "/" + f.resource().name(),
                    (a, b) -> a + " + " + b));
            assertThat(byCode).isEqualTo(new TreeMap<>(DemoTls.FAULTS));
            assertThat(findings).filteredOn(f -> f.code().equals("TLS-102")).extracting(Finding::severity)
                    .containsExactly(Severity.P0);
            assertThat(findings).filteredOn(f -> f.code().equals("TLS-103")).extracting(Finding::severity)
                    .containsExactly(Severity.P1);
            assertThat(Files.exists(bundle)).isTrue();
        }
        assertThat(Files.exists(bundle)).isFalse();
    }

    @Test
    void everyTlsCodeHasAFault() {
        // TLS-112 (an unreadable Secret) and TLS-113 (a cluster source not read) need the demo cluster
        assertThat(DemoTls.FAULTS.keySet()).containsExactlyInAnyOrder(java.util.Arrays.stream(TlsCode.values())
                .map(TlsCode::code).filter(c -> !c.equals("TLS-112") && !c.equals("TLS-113")).toArray(String[]::new));
    }
}
