package ai.smartcloudops.audit.check.tls;

import static ai.smartcloudops.audit.check.tls.TlsFixtures.NOW;
import static ai.smartcloudops.audit.check.tls.TlsFixtures.leaf;
import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.demo.DemoCertificates.Issued;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Expiry and validity over real handshakes, certificates made relative to the run's clock. */
class TlsExpiryCheckTest {

    @TempDir
    Path dir;

    private static Finding only(List<Finding> findings) {
        assertThat(findings).hasSize(1);
        return findings.get(0);
    }

    @Test
    void anExpiredCertificateServedLiveIsTls102AtP0AndNothingElse() {
        Issued expired = leaf("expired", NOW.minus(Duration.ofDays(90)), NOW.minus(Duration.ofDays(2)));
        try (TlsFixtures tls = new TlsFixtures(dir).serve("expired", expired)) {
            Finding f = only(tls.runAll());
            assertThat(f.code().code()).isEqualTo("TLS-102");
            assertThat(f.severity()).isEqualTo(Severity.P0);
            assertThat(f.checkId()).isEqualTo(TlsExpiryCheck.ID);
            assertThat(f.resource()).isEqualTo(new Resource("Certificate", null, TlsFixtures.certificate(expired)));
            assertThat(f.title()).isEqualTo("Certificate expired.smartcloudops.local at " + tls.at("expired")
                    + " expired on " + NOW.minus(Duration.ofDays(2)));
            assertThat(f.detail()).contains("2d ago").contains("Served live: yes")
                    .contains("Found at: endpoint expired (127.0.0.1:");
            assertThat(f.evidence()).containsEntry("sha256", Certificates.sha256(expired.certificate()))
                    .containsEntry("live", "yes");
            assertThat(f.remediation()).contains("openssl s_client -connect 127.0.0.1:" + f.evidence().get("port")
                            + " -servername expired.smartcloudops.local 2>/dev/null | openssl x509 -noout -dates")
                    .contains("# TLS_SECRET, TLS_NAMESPACE: the Secret that " + tls.at("expired") + " serves it "
                            + "from, if any (the audit read none)\nkubectl create secret tls \"$TLS_SECRET\"")
                    .contains("-n \"$TLS_NAMESPACE\" --dry-run=client")
                    .contains("kubectl rollout restart deployment/aws-load-balancer-controller -n kube-system")
                    .contains("curl -vI https://expired.smartcloudops.local:" + f.evidence().get("port"));
        }
    }

    @Test
    void expiringCertificatesAreTls103AtTheSeverityOfTheirThreshold() {
        Issued five = leaf("five", Duration.ofDays(5));
        Issued ten = leaf("ten", Duration.ofDays(10));
        Issued twenty = leaf("twenty", Duration.ofDays(20));
        Issued thirty = leaf("thirty", Duration.ofDays(30));
        try (TlsFixtures tls = new TlsFixtures(dir).serve("five", five).serve("ten", ten).serve("twenty", twenty)
                .serve("thirty", thirty)) {
            List<Finding> findings = tls.runAll();
            assertThat(findings).extracting(f -> f.code().code() + " " + f.severity() + " " + f.resource().name())
                    .containsExactly("TLS-103 P1 " + TlsFixtures.certificate(five),
                            "TLS-103 P2 " + TlsFixtures.certificate(ten),
                            "TLS-103 P3 " + TlsFixtures.certificate(twenty));
            assertThat(findings.get(0).title()).isEqualTo("Certificate five.smartcloudops.local at " + tls.at("five")
                    + " expires in 5d");
            assertThat(findings.get(0).detail()).contains("(P3 within 28d, P2 within 14d, P1 within 7d)");
        }
    }

    @Test
    void aThresholdFiresExactlyAtItsValueAndNotASecondBefore() {
        Issued atP3 = leaf("at-p3", Duration.ofDays(28));
        Issued aboveP3 = leaf("above-p3", Duration.ofDays(28).plusSeconds(1));
        Issued atP1 = leaf("at-p1", Duration.ofDays(7));
        Issued aboveP1 = leaf("above-p1", Duration.ofDays(7).plusSeconds(1));
        try (TlsFixtures tls = new TlsFixtures(dir).serve("at-p3", atP3).serve("above-p3", aboveP3)
                .serve("at-p1", atP1).serve("above-p1", aboveP1)) {
            assertThat(tls.runAll()).extracting(f -> f.code().code() + " " + f.severity() + " " + f.resource().name())
                    .containsExactly("TLS-103 P3 " + TlsFixtures.certificate(atP3),
                            "TLS-103 P1 " + TlsFixtures.certificate(atP1),
                            "TLS-103 P2 " + TlsFixtures.certificate(aboveP1));
        }
    }

    @Test
    void configuredThresholdsReplaceTheDefaults() {
        Issued forty = leaf("forty", Duration.ofDays(40));
        try (TlsFixtures tls = new TlsFixtures(dir).serve("forty", forty).set("thresholds.expiring-p3", "45d")) {
            Finding f = only(tls.runAll());
            assertThat(f.code().code() + " " + f.severity()).isEqualTo("TLS-103 P3");
            assertThat(f.evidence()).containsEntry("p3", "45d");
        }
    }

    @Test
    void aCertificateNotYetValidIsTls105() {
        Issued future = leaf("future", NOW.plus(Duration.ofDays(2)), NOW.plus(Duration.ofDays(92)));
        try (TlsFixtures tls = new TlsFixtures(dir).serve("future", future)) {
            Finding f = only(tls.runAll());
            assertThat(f.code().code()).isEqualTo("TLS-105");
            assertThat(f.severity()).isEqualTo(Severity.P1);
            assertThat(f.resource()).isEqualTo(new Resource("Certificate", null, TlsFixtures.certificate(future)));
            assertThat(f.title()).isEqualTo("Certificate future.smartcloudops.local at " + tls.at("future")
                    + " is not valid before " + NOW.plus(Duration.ofDays(2)));
            assertThat(f.detail()).contains("2d from now");
        }
    }

    @Test
    void aShortLivedCertificateIsJudgedByTheShareOfItsLifetimeLeft() {
        // 3-day lifetimes: the absolute thresholds would fire from birth
        Issued oneDayLeft = leaf("one-day-left", NOW.minus(Duration.ofDays(2)), NOW.plus(Duration.ofDays(1)));
        Issued twoAndAHalfLeft = leaf("fresh", NOW.minus(Duration.ofHours(12)), NOW.plus(Duration.ofHours(60)));
        Issued justOverAThird = leaf("just-over", NOW.minus(Duration.ofDays(2)).plusSeconds(1),
                NOW.plus(Duration.ofDays(1)).plusSeconds(1));
        try (TlsFixtures tls = new TlsFixtures(dir).serve("one-day-left", oneDayLeft).serve("fresh", twoAndAHalfLeft)
                .serve("just-over", justOverAThird)) {
            Finding f = only(tls.runAll());
            assertThat(f.code().code()).isEqualTo("TLS-104");
            assertThat(f.severity()).isEqualTo(Severity.P2);
            assertThat(f.resource().name()).isEqualTo(TlsFixtures.certificate(oneDayLeft));
            assertThat(f.title()).isEqualTo("Short-lived certificate one-day-left.smartcloudops.local at "
                    + tls.at("one-day-left") + " has 1d of its 3d lifetime left");
            assertThat(f.detail()).contains("shorter than the 28d expiry threshold, which would fire from the day "
                    + "it was issued").contains("at most 1/3 of it");
        }
    }

    @Test
    void theSameCertificateOnTwoEndpointsIsOneFindingListingBothAndTitledByTheFirst() {
        Issued shared = leaf("shared", Duration.ofDays(5));
        try (TlsFixtures tls = new TlsFixtures(dir)) {
            tls.serve("shared", shared).serve("shared-replica", shared.chain(), shared.key())
                    .set("endpoints[1].server-name", "shared.smartcloudops.local");
            Finding f = only(tls.runAll());
            assertThat(f.code().code() + " " + f.severity()).isEqualTo("TLS-103 P1");
            String first = Stream.of(tls.at("shared"), tls.at("shared-replica")).sorted().findFirst().orElseThrow();
            assertThat(f.title()).isEqualTo("Certificate shared.smartcloudops.local at " + first
                    + " and 1 more place expires in 5d");
            assertThat(f.evidence().get("locations")).matches("endpoint shared \\(127\\.0\\.0\\.1:\\d+\\), "
                    + "endpoint shared-replica \\(127\\.0\\.0\\.1:\\d+\\)");
        }
    }

    @Test
    void twoCertificatesWithOneNameOnTwoEndpointsAreToldApartByTheirHashAndTitledByTheirEndpoint() {
        Issued old = leaf("renewed", Duration.ofDays(5));
        Issued renewed = leaf("renewed", Duration.ofDays(5));
        try (TlsFixtures tls = new TlsFixtures(dir)) {
            tls.serve("renewed", old).serve("renewed-replica", renewed.chain(), renewed.key())
                    .set("endpoints[1].server-name", "renewed.smartcloudops.local");
            List<Finding> findings = tls.runAll();
            assertThat(findings).extracting(f -> f.code().code() + " " + f.resource().name()).containsExactlyInAnyOrder(
                    "TLS-103 renewed.smartcloudops.local " + Certificates.sha256(old.certificate()).substring(0, 12),
                    "TLS-103 renewed.smartcloudops.local "
                            + Certificates.sha256(renewed.certificate()).substring(0, 12));
            assertThat(findings).extracting(Finding::title).containsExactlyInAnyOrder(
                    "Certificate renewed.smartcloudops.local at " + tls.at("renewed") + " expires in 5d",
                    "Certificate renewed.smartcloudops.local at " + tls.at("renewed-replica") + " expires in 5d");
        }
    }

    @Test
    void anExpiredCertificateNobodyServesLiveIsP1() {
        Issued expired = leaf("stored", NOW.minus(Duration.ofDays(90)), NOW.minus(Duration.ofDays(1)));
        Location stored = new Location(new Resource("Secret", "smartcloudops", "smartcloudops-tls"),
                "Secret smartcloudops/smartcloudops-tls in cluster prod", false, true, null, null,
                new Resource("Secret", "smartcloudops", "smartcloudops-tls"));
        List<Problem> problems = new TlsExpiryCheck(new TlsFixtures(dir).certificates()).inspect(
                TlsSnapshot.of(List.of(LocatedChain.found(stored, expired.chain(),
                        TrustAnchors.jdkDefault().with(List.of(TlsFixtures.ROOT.certificate()))))), NOW);
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(TlsCode.TLS_102);
            assertThat(p.grade()).isEqualTo(TlsCode.NOT_SERVED);
            assertThat(TlsCode.TLS_102.severity(p.grade())).isEqualTo(Severity.P1);
            assertThat(p.facts()).containsEntry("live", "no").containsEntry("host", "stored.smartcloudops.local")
                    .containsEntry("port", 443)
                    .containsEntry("locations", "Secret smartcloudops/smartcloudops-tls in cluster prod");
            assertThat(p.values()).containsEntry("at", "Secret smartcloudops/smartcloudops-tls in cluster prod")
                    .containsEntry("secret", "smartcloudops-tls").containsEntry("secretNamespace", "smartcloudops");
        });
    }
}
