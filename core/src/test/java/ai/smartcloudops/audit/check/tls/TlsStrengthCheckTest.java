package ai.smartcloudops.audit.check.tls;

import static ai.smartcloudops.audit.check.tls.TlsFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.demo.DemoCertificates.Issued;
import ai.smartcloudops.audit.demo.DemoCertificates.Spec;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsStrengthCheckTest {

    @TempDir
    Path dir;

    private static Spec server(String name) {
        return Spec.server(name + TlsFixtures.DOMAIN, NOW, Duration.ofDays(90));
    }

    @Test
    void a1024BitRsaKeyIsTls110AndA2048BitOneAndAP256KeyAreNot() {
        Issued weak = TlsFixtures.INTERMEDIATE.issue(server("weak").key("RSA", 1024));
        Issued rsa = TlsFixtures.INTERMEDIATE.issue(server("rsa").key("RSA", 2048));
        Issued ec = TlsFixtures.INTERMEDIATE.issue(server("ec").key("EC", 256));
        try (TlsFixtures tls = new TlsFixtures(dir).serve("weak", weak).serve("rsa", rsa).serve("ec", ec)) {
            List<Finding> findings = tls.runAll();
            assertThat(findings).hasSize(1);
            Finding f = findings.get(0);
            assertThat(f.code().code() + " " + f.severity() + " " + f.checkId()).isEqualTo("TLS-110 P2 tls.strength");
            assertThat(f.resource()).isEqualTo(new Resource("Certificate", null, TlsFixtures.certificate(weak)));
            assertThat(f.title()).isEqualTo("Certificate weak.smartcloudops.local at " + tls.at("weak")
                    + " has a weak RSA key of 1024 bits");
            assertThat(f.detail()).contains("below the minimum of 2048");
            assertThat(f.remediation()).contains("-servername weak.smartcloudops.local");
        }
    }

    @Test
    void anEcMinimumAbove256MakesAP256KeyWeak() {
        Issued ec = TlsFixtures.INTERMEDIATE.issue(server("ec").key("EC", 256));
        try (TlsFixtures tls = new TlsFixtures(dir).serve("ec", ec).set("thresholds.min-ec-bits", "384")) {
            assertThat(tls.runAll()).extracting(f -> f.code().code() + " " + f.evidence().get("keyType") + " "
                    + f.evidence().get("bits")).containsExactly("TLS-110 EC 256");
        }
    }

    @Test
    void aSha1SignedLeafIsTls111ButTheBundledRootsOwnSelfSignatureDoesNotCount() {
        Issued sha1 = TlsFixtures.INTERMEDIATE.issue(server("sha1").signedWith("SHA1withRSA"));
        try (TlsFixtures tls = new TlsFixtures(dir).serve("sha1", sha1)) {
            List<Finding> findings = tls.runAll();
            assertThat(findings).hasSize(1);
            Finding f = findings.get(0);
            assertThat(f.code().code() + " " + f.severity()).isEqualTo("TLS-111 P2");
            assertThat(f.resource().name()).isEqualTo(TlsFixtures.certificate(sha1));
            assertThat(f.title()).isEqualTo("Certificate sha1.smartcloudops.local at " + tls.at("sha1")
                    + " is signed with SHA1withRSA");
            assertThat(f.detail()).contains("Issued by SmartCloudOps Test Issuing CA with a SHA1withRSA signature");
        }
    }
}
