package ai.smartcloudops.audit.check.tls;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.check.kubernetes.KubernetesClusters;
import ai.smartcloudops.audit.demo.DemoCertificates.Issued;
import ai.smartcloudops.audit.demo.DemoCertificates.Spec;
import ai.smartcloudops.audit.demo.DemoHttpServer;
import ai.smartcloudops.audit.finding.Finding;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ingress TLS hosts and TLS Secrets of a cluster on the fabric8 CRUD mock server, judged by the one evaluation. */
class KubernetesSourcesTest {

    private static final String NS = TlsClusterFixture.NAMESPACE;

    @TempDir
    Path tmp;

    private TlsClusterFixture cluster;
    private TlsFixtures tls;
    private KubernetesClusters clusters;

    @BeforeEach
    void start() {
        cluster = new TlsClusterFixture(tmp);
        tls = new TlsFixtures(tmp);
    }

    @AfterEach
    void stop() {
        if (clusters != null) {
            clusters.destroy();
        }
        tls.close();
        cluster.close();
    }

    private List<Finding> run(Map<String, Path> kubeconfigs) {
        clusters = TlsClusterFixture.clusters(kubeconfigs);
        tls.set("ca-bundle", tls.bundle().toString());
        TlsProperties properties = tls.properties();
        TlsCertificates certificates = new TlsCertificates(List.of(new EndpointSource(properties),
                new IngressSource(properties, clusters), new SecretSource(properties, clusters)), properties);
        return TlsFixtures.runAll(TlsFixtures.NOW, certificates);
    }

    private List<Finding> run() {
        return run(Map.of(TlsClusterFixture.CLUSTER, cluster.kubeconfig(TlsClusterFixture.CLUSTER)));
    }

    private static String line(Finding f) {
        return f.code().code() + " " + f.severity() + " " + f.resource().kind() + "/"
                + (f.resource().namespace() == null ? "" : f.resource().namespace() + "/") + f.resource().name();
    }

    @Test
    void tlsSecretsAreJudgedForExpiryAndStrengthWithTheSecretAsLocation() {
        Issued expired = TlsFixtures.leaf("expired", TlsFixtures.NOW.minus(Duration.ofDays(90)),
                TlsFixtures.NOW.minus(Duration.ofDays(3)));
        Issued expiring = TlsFixtures.leaf("expiring", Duration.ofDays(10));
        Issued weak = TlsFixtures.INTERMEDIATE.issue(Spec.server("weak" + TlsFixtures.DOMAIN, TlsFixtures.NOW,
                Duration.ofDays(90)).key("RSA", 1024));
        Issued healthy = TlsFixtures.leaf("healthy", Duration.ofDays(90));
        cluster.tlsSecret("expired-tls", expired.pem(true));
        cluster.tlsSecret("expiring-tls", expiring.pem(true));
        cluster.tlsSecret("weak-tls", weak.pem(true));
        cluster.tlsSecret("healthy-tls", healthy.pem(false));        // no intermediate: a stored chain is not judged for trust
        cluster.secret("opaque", "Opaque", expired.pem(false), Map.of());   // not a TLS Secret: ignored

        List<Finding> findings = run();

        assertThat(findings).extracting(KubernetesSourcesTest::line).containsExactlyInAnyOrder(
                "TLS-102 P1 Certificate/expired" + TlsFixtures.DOMAIN,
                "TLS-103 P2 Certificate/expiring" + TlsFixtures.DOMAIN,
                "TLS-110 P2 Certificate/weak" + TlsFixtures.DOMAIN);
        Finding gone = findings.stream().filter(f -> f.code().code().equals("TLS-102")).findFirst().orElseThrow();
        assertThat(gone.title()).isEqualTo("Certificate expired" + TlsFixtures.DOMAIN + " at Secret "
                + "smartcloudops/expired-tls in cluster prod expired on " + expired.certificate().getNotAfter().toInstant());
        assertThat(gone.evidence()).containsEntry("live", "no")
                .containsEntry("locations", "Secret smartcloudops/expired-tls in cluster prod")
                .containsEntry("host", "expired" + TlsFixtures.DOMAIN);
        assertThat(gone.remediation()).contains("openssl s_client -connect expired" + TlsFixtures.DOMAIN + ":443");
        assertThat(findings).filteredOn(f -> f.code().code().equals("TLS-110")).singleElement()
                .satisfies(f -> assertThat(f.evidence()).containsEntry("locations",
                        "Secret smartcloudops/weak-tls in cluster prod"));
    }

    @Test
    void aSecretAndAnEndpointHoldingTheSameCertificateMakeOneFindingListingBoth() {
        Issued shared = TlsFixtures.leaf("shared", Duration.ofDays(10));
        tls.serve("shared", shared);
        cluster.tlsSecret("shared-tls", shared.pem(true));

        List<Finding> findings = run();

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(line(f)).isEqualTo("TLS-103 P2 Certificate/shared" + TlsFixtures.DOMAIN);
            assertThat(f.evidence().get("locations")).startsWith("endpoint shared (127.0.0.1:")
                    .endsWith(", Secret smartcloudops/shared-tls in cluster prod");
        });
    }

    @Test
    void theRenewalOfACertificateServedAndStoredReplacesItsSecretAndTheTitleNamesTheEndpoint() {
        Issued payments = TlsFixtures.leaf("payments", Duration.ofDays(10));
        tls.serve("payments", payments);
        cluster.tlsSecret("payments-api-tls", payments.pem(true));

        assertThat(run()).singleElement().satisfies(f -> {
            assertThat(line(f)).isEqualTo("TLS-103 P2 Certificate/payments" + TlsFixtures.DOMAIN);
            assertThat(f.title()).isEqualTo("Certificate payments" + TlsFixtures.DOMAIN + " at " + tls.at("payments")
                    + " and 1 more place expires in 10d");
            String port = f.evidence().get("port");
            assertThat(f.remediation()).isEqualTo("""
                    openssl s_client -connect 127.0.0.1:%1$s -servername payments.smartcloudops.local 2>/dev/null \
                    | openssl x509 -noout -dates
                    # replace Secret smartcloudops/payments-api-tls, which holds it
                    kubectl create secret tls payments-api-tls \\
                      --cert=new-certificate.crt \\
                      --key=private-key.key \\
                      -n smartcloudops --dry-run=client -o yaml | kubectl apply -f -
                    kubectl rollout restart deployment/aws-load-balancer-controller -n kube-system
                    curl -vI https://payments.smartcloudops.local:%1$s 2>&1 | grep -E "(expire|subject|issuer)\""""
                    .formatted(port));
            assertThat(f.remediation()).doesNotContain("smartcloudops-tls").doesNotContain("smartcloudops-api");
        });
    }

    @Test
    void anIngressHostIsProbedOnceThroughResolveAndItsFindingsNameTheHost() {
        Issued expiring = TlsFixtures.leaf("shop", Duration.ofDays(5));
        Issued other = TlsFixtures.leaf("other", Duration.ofDays(90));
        try (DemoHttpServer shop = DemoHttpServer.https(DemoHttpServer.Response.OK, expiring.chain(), expiring.key());
             DemoHttpServer wrong = DemoHttpServer.https(DemoHttpServer.Response.OK, other.chain(), other.key())) {
            String host = "shop" + TlsFixtures.DOMAIN;
            String wrongHost = "wrong" + TlsFixtures.DOMAIN;
            cluster.ingress(NS, "shop", "shop-tls", host);
            cluster.ingress("storefront", "shop-mirror", null, host, "*.wild" + TlsFixtures.DOMAIN);
            cluster.ingress(NS, "wrong", "wrong-tls", wrongHost);
            tls.set("resolve[" + host + "]", "127.0.0.1:" + shop.port());
            tls.set("resolve[" + wrongHost + "]", "127.0.0.1:" + wrong.port());

            List<Finding> findings = run();

            assertThat(findings).extracting(KubernetesSourcesTest::line).containsExactlyInAnyOrder(
                    "TLS-103 P1 Certificate/shop" + TlsFixtures.DOMAIN,
                    "TLS-106 P1 IngressHost/smartcloudops/" + wrongHost);
            assertThat(findings).filteredOn(f -> f.code().code().equals("TLS-103")).singleElement().satisfies(f -> {
                assertThat(f.evidence()).containsEntry("locations", "Ingress host " + host + " via 127.0.0.1:"
                        + shop.port() + " (Ingress smartcloudops/shop in cluster prod, secret shop-tls; Ingress "
                        + "storefront/shop-mirror in cluster prod)");
                assertThat(f.remediation()).contains("openssl s_client -connect 127.0.0.1:" + shop.port()
                        + " -servername " + host)
                        // the Secret an Ingress serves the host from
                        .contains("# replace Secret smartcloudops/shop-tls, which holds it\n"
                                + "kubectl create secret tls shop-tls \\\n")
                        .contains("-n smartcloudops --dry-run=client");
            });
            assertThat(findings).filteredOn(f -> f.code().code().equals("TLS-106")).singleElement().satisfies(f -> {
                assertThat(f.title()).isEqualTo("Certificate of " + wrongHost + " via 127.0.0.1:" + wrong.port()
                        + " does not match " + wrongHost);
                assertThat(f.evidence()).containsEntry("where", "Ingress host " + wrongHost + " via 127.0.0.1:"
                        + wrong.port() + " (Ingress smartcloudops/wrong in cluster prod, secret wrong-tls)");
            });
        }
    }

    @Test
    void anUnparsableTlsCrtIsTls112AndNoOtherEntryIsRead() {
        cluster.secret("broken-tls", SecretSource.TYPE, "not a certificate", Map.of("tls.key", "not a key"));
        cluster.secret("empty-tls", SecretSource.TYPE, null, Map.of("tls.key", "not a key"));

        List<Finding> findings = run();

        assertThat(findings).extracting(KubernetesSourcesTest::line).containsExactlyInAnyOrder(
                "TLS-112 P2 Secret/smartcloudops/broken-tls", "TLS-112 P2 Secret/smartcloudops/empty-tls");
        Finding broken = findings.stream().filter(f -> f.resource().name().equals("broken-tls")).findFirst()
                .orElseThrow();
        assertThat(broken.title()).isEqualTo("Secret smartcloudops/broken-tls in cluster prod holds no readable "
                + "certificate");
        assertThat(broken.evidence()).isEqualTo(Map.of("where", "Secret smartcloudops/broken-tls in cluster prod",
                "reason", "tls.crt is not PEM certificates"));
        assertThat(broken.remediation()).contains("kubectl create secret tls broken-tls").contains("-n smartcloudops");
        assertThat(findings).filteredOn(f -> f.resource().name().equals("empty-tls")).singleElement()
                .satisfies(f -> assertThat(f.evidence()).containsEntry("reason", "it has no tls.crt"));
    }

    @Test
    void aClusterThatForbidsListingIsTls113AndTheOtherClusterIsStillAudited() {
        Issued expired = TlsFixtures.leaf("expired", TlsFixtures.NOW.minus(Duration.ofDays(90)),
                TlsFixtures.NOW.minus(Duration.ofDays(3)));
        cluster.tlsSecret("expired-tls", expired.pem(true));
        try (DemoHttpServer forbidding = DemoHttpServer.http(new DemoHttpServer.Response(403, Duration.ZERO))) {
            Map<String, Path> kubeconfigs = new LinkedHashMap<>();
            kubeconfigs.put("locked", cluster.kubeconfig("locked", forbidding.url("/")));
            kubeconfigs.put(TlsClusterFixture.CLUSTER, cluster.kubeconfig(TlsClusterFixture.CLUSTER));

            List<Finding> findings = run(kubeconfigs);

            assertThat(findings).extracting(KubernetesSourcesTest::line).containsExactlyInAnyOrder(
                    "TLS-102 P1 Certificate/expired" + TlsFixtures.DOMAIN,
                    "TLS-113 P3 ClusterSource/locked/ingresses", "TLS-113 P3 ClusterSource/locked/secrets");
            assertThat(findings).filteredOn(f -> f.resource().name().equals("locked/secrets")).singleElement()
                    .satisfies(f -> {
                        assertThat(f.title()).isEqualTo("Certificates of locked/secrets were not audited");
                        assertThat(f.evidence()).containsEntry("where", "secrets of cluster locked")
                                .containsEntry("cluster", "locked").containsEntry("resource", "secrets");
                        assertThat(f.evidence().get("reason")).startsWith("forbidden (list secrets)");
                        assertThat(f.remediation()).contains("kubectl --context locked auth can-i list secrets")
                                .contains("health-audit.tls.kubernetes.secrets: false");
                    });
        }
    }

    @Test
    void anUnreachableClusterIsTls113() {
        List<Finding> findings = run(Map.of("gone", cluster.kubeconfig("gone", "https://127.0.0.1:1/")));

        assertThat(findings).extracting(KubernetesSourcesTest::line).containsExactlyInAnyOrder(
                "TLS-113 P3 ClusterSource/gone/ingresses", "TLS-113 P3 ClusterSource/gone/secrets");
        assertThat(findings).allSatisfy(f -> assertThat(f.evidence().get("reason")).startsWith("cluster unreachable"));
    }

    @Test
    void theSourcesCanBeTurnedOff() {
        cluster.tlsSecret("expired-tls", TlsFixtures.leaf("expired", TlsFixtures.NOW.minus(Duration.ofDays(90)),
                TlsFixtures.NOW.minus(Duration.ofDays(3))).pem(true));
        tls.set("kubernetes.secrets", "false").set("kubernetes.ingresses", "false");
        clusters = TlsClusterFixture.clusters(Map.of("prod", cluster.kubeconfig("prod")));
        TlsProperties properties = tls.properties();

        assertThat(new SecretSource(properties, clusters).configured()).isFalse();
        assertThat(new IngressSource(properties, clusters).configured()).isFalse();
        assertThat(new SecretSource(TlsFixtures.bind(Map.of()), clusters).configured()).isTrue();
    }
}
