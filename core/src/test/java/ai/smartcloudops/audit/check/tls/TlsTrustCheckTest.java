package ai.smartcloudops.audit.check.tls;

import static ai.smartcloudops.audit.check.tls.TlsFixtures.NOW;
import static ai.smartcloudops.audit.check.tls.TlsFixtures.leaf;
import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.demo.DemoCertificates;
import ai.smartcloudops.audit.demo.DemoCertificates.Issued;
import ai.smartcloudops.audit.demo.DemoCertificates.Spec;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chain trust over real handshakes: the test root reaches the audit through the endpoints' CA bundle. */
class TlsTrustCheckTest {

    @TempDir
    Path dir;

    @Test
    void aHealthyChainToTheBundledRootRaisesNothingBesideFaultyOnes() {
        Issued healthy = leaf("healthy", Duration.ofDays(90));
        Issued incomplete = leaf("incomplete", Duration.ofDays(90));
        try (TlsFixtures tls = new TlsFixtures(dir).serve("healthy", healthy)
                .serve("incomplete", List.of(incomplete.certificate()), incomplete.key())) {
            List<Finding> findings = tls.runAll();
            assertThat(findings).extracting(f -> f.code().code() + " " + f.resource().path())
                    .containsExactly("TLS-108 Endpoint/incomplete");
            Finding f = findings.get(0);
            assertThat(f.severity()).isEqualTo(Severity.P2);
            assertThat(f.checkId()).isEqualTo(TlsTrustCheck.ID);
            assertThat(f.title()).isEqualTo("Certificate chain of " + tls.at("incomplete") + " is incomplete: "
                    + "intermediate "
                    + "SmartCloudOps Test Issuing CA is missing");
            assertThat(f.detail()).contains("serves incomplete.smartcloudops.local; the last of them is issued by "
                    + "SmartCloudOps Test Issuing CA");
            assertThat(f.remediation()).contains("openssl s_client -connect 127.0.0.1:" + f.evidence().get("port")
                    + " -servername incomplete.smartcloudops.local -showcerts").contains("cat leaf.crt intermediate.crt");
        }
    }

    @Test
    void withoutTheBundleTheSameChainEndsInAnUntrustedRoot() {
        Issued healthy = leaf("healthy", Duration.ofDays(90));
        try (TlsFixtures tls = new TlsFixtures(dir).serve("healthy", healthy)) {
            tls.set("endpoints[0].ca-bundle", "");
            assertThat(tls.runAll()).extracting(f -> f.code().code() + " " + f.resource().path())
                    .containsExactly("TLS-107 Endpoint/healthy");   // served with its root, which the JDK does not know
        }
    }

    @Test
    void aChainEndingInAPrivateRootOutsideTheBundleIsTls107() {
        Issued otherRoot = DemoCertificates.selfSigned(Spec.authority("Private Root CA", NOW));
        Issued leaf = otherRoot.issue(Spec.server("private.smartcloudops.local", NOW, Duration.ofDays(90)));
        try (TlsFixtures tls = new TlsFixtures(dir).serve("private", leaf)) {
            List<Finding> findings = tls.runAll();
            assertThat(findings).hasSize(1);
            Finding f = findings.get(0);
            assertThat(f.code().code() + " " + f.severity()).isEqualTo("TLS-107 P1");
            assertThat(f.resource()).isEqualTo(new Resource("Endpoint", null, "private"));
            assertThat(f.title()).isEqualTo("Certificate chain of " + tls.at("private") + " is not trusted");
            assertThat(f.detail()).contains("it ends in the self-signed root Private Root CA, which is not a trust "
                    + "anchor").contains("Served chain: private.smartcloudops.local > Private Root CA.");
            // an endpoint's Secret is not known to the audit: the operator names it
            assertThat(f.remediation()).isEqualTo("""
                    openssl s_client -connect %2$s -servername private.smartcloudops.local -showcerts </dev/null
                    # TLS_SECRET, TLS_NAMESPACE: the Secret that %1$s serves it from, if any (the audit read none)
                    kubectl create secret tls "$TLS_SECRET" \\
                      --cert=new-certificate.crt \\
                      --key=private-key.key \\
                      -n "$TLS_NAMESPACE" --dry-run=client -o yaml | kubectl apply -f -
                    kubectl rollout restart deployment/aws-load-balancer-controller -n kube-system
                    curl -vI https://private.smartcloudops.local:%3$s 2>&1 | grep -E "(expire|subject|issuer)\""""
                    .formatted(tls.at("private"), "127.0.0.1:" + f.evidence().get("port"), f.evidence().get("port")));
        }
    }

    @Test
    void aSelfSignedLeafOnAPublicEndpointIsTls109AndNotAlsoUntrusted() {
        Issued self = DemoCertificates.selfSigned(Spec.server("self" + TlsFixtures.DOMAIN, NOW, Duration.ofDays(90)));
        try (TlsFixtures tls = new TlsFixtures(dir).serve("self", self)) {
            List<Finding> findings = tls.runAll();
            assertThat(findings).extracting(f -> f.code().code() + " " + f.severity() + " " + f.resource().path())
                    .containsExactly("TLS-109 P1 Endpoint/self");
            assertThat(findings.get(0).title()).isEqualTo(tls.at("self") + " serves a self-signed certificate on a "
                    + "public endpoint");
        }
    }

    @Test
    void aSelfSignedLeafOnAPrivateEndpointIsUntrustedUnlessBundled() throws Exception {
        Issued self = DemoCertificates.selfSigned(Spec.server("self" + TlsFixtures.DOMAIN, NOW, Duration.ofDays(90)));
        try (TlsFixtures tls = new TlsFixtures(dir).serve("self", self).set("endpoints[0].public", "false")) {
            assertThat(tls.runAll()).extracting(f -> f.code().code() + " " + f.resource().path() + " " + f.detail())
                    .singleElement().satisfies(line -> assertThat(line).startsWith("TLS-107 Endpoint/self ")
                            .contains("the certificate self.smartcloudops.local is self-signed and not a trust anchor"));

            java.nio.file.Files.writeString(tls.bundle(), self.pem(false));
            assertThat(tls.runAll()).isEmpty();
        }
    }
}
