package ai.smartcloudops.audit.check.tls;

import static ai.smartcloudops.audit.check.tls.TlsFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.demo.DemoCertificates.Issued;
import ai.smartcloudops.audit.demo.DemoCertificates.Spec;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Severity;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsHostnameCheckTest {

    @TempDir
    Path dir;

    @Test
    void aCertificateForAnotherHostIsTls106OnTheEndpoint() {
        Issued other = TlsFixtures.leaf("other", Duration.ofDays(90));
        Issued wildcard = TlsFixtures.INTERMEDIATE.issue(new Spec("wildcard", List.of("*.smartcloudops.local"),
                NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(90)), "EC", 256, "SHA256withRSA", false));
        try (TlsFixtures tls = new TlsFixtures(dir).serve("wrong-host", other).serve("api", wildcard)) {
            List<Finding> findings = tls.runAll();
            assertThat(findings).extracting(f -> f.code().code() + " " + f.severity() + " " + f.resource().path())
                    .containsExactly("TLS-106 P1 Endpoint/wrong-host");
            Finding f = findings.get(0);
            assertThat(f.checkId()).isEqualTo(TlsHostnameCheck.ID);
            assertThat(f.title()).isEqualTo("Certificate of " + tls.at("wrong-host") + " does not match "
                    + "wrong-host.smartcloudops.local");
            assertThat(f.detail()).contains("serves other.smartcloudops.local, valid for other.smartcloudops.local; "
                    + "clients connecting to wrong-host.smartcloudops.local refuse it.");
            assertThat(f.remediation()).contains("-servername wrong-host.smartcloudops.local");
        }
    }

    @Test
    void aWildcardStandsForOneLeftMostLabelAndNeverForARegistrableDomain() {
        assertThat(matches("*.smartcloudops.ai", "api.smartcloudops.ai")).isTrue();
        assertThat(matches("*.smartcloudops.ai", "smartcloudops.ai")).isFalse();
        assertThat(matches("*.smartcloudops.ai", "a.b.smartcloudops.ai")).isFalse();
        assertThat(matches("*.ai", "smartcloudops.ai")).isFalse();
        // the public suffix list: co.uk is a suffix like com, so *.co.uk names no one's domain
        assertThat(matches("*.co.uk", "smartcloudops.co.uk")).isFalse();
        assertThat(matches("*.smartcloudops.co.uk", "api.smartcloudops.co.uk")).isTrue();
        assertThat(matches("api.smartcloudops.ai", "api.smartcloudops.ai")).isTrue();
        assertThat(matches("api.smartcloudops.ai", "API.smartcloudops.ai.")).isTrue();
        assertThat(matches("*.smartcloudops.local", "api.smartcloudops.local")).isTrue();
    }

    @Test
    void hostileNamesOnEitherSideNeverMatchAndNeverThrow() {
        String label = "a".repeat(300);
        for (String pattern : List.of(label + ".smartcloudops.ai", "*." + label + ".ai", "api\u0000.smartcloudops.ai",
                "xn--.smartcloudops.ai", "xn--zz-zzz.smartcloudops.ai", "*.*.smartcloudops.ai", "..", "*", "[::1",
                "$(reboot).smartcloudops.ai", "\u0130.smartcloudops.ai", "a\r\nb.smartcloudops.ai", "\udc00.ai",
                "*.\u00e9" + "a".repeat(70) + ".ai")) {
            X509Certificate leaf = leaf(pattern).certificate();
            for (String host : List.of("api.smartcloudops.ai", "a.smartcloudops.ai", "xn--", "[::2", "...", "",
                    "\u0131.smartcloudops.ai", "\udc00.smartcloudops.ai", "a".repeat(70) + "\u00e9.ai", "\u3002\u3002",
                    "*.smartcloudops.ai", "xn--a.ai\u0000.evil")) {
                assertThat(TlsHostnameCheck.matches(leaf, host)).as("%s for %s", pattern, host).isFalse();
            }
        }
    }

    /** A leaf whose only subjectAltName is {@code pattern}, checked for {@code host}. */
    private static boolean matches(String pattern, String host) {
        return TlsHostnameCheck.matches(leaf(pattern).certificate(), host);
    }

    private static Issued leaf(String pattern) {
        return TlsFixtures.INTERMEDIATE.issue(new Spec("leaf", List.of(pattern), NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(90)), "EC", 256, "SHA256withRSA", false));
    }

    @Test
    void theCommonNameCountsOnlyWithoutSubjectAltNames() {
        Issued cnOnly = TlsFixtures.INTERMEDIATE.issue(new Spec("legacy.smartcloudops.local", List.of(),
                NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(90)), "RSA", 2048, "SHA256withRSA", false));
        Issued sanOther = TlsFixtures.INTERMEDIATE.issue(new Spec("legacy.smartcloudops.local",
                List.of("other.smartcloudops.local"), NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(90)),
                "RSA", 2048, "SHA256withRSA", false));
        assertThat(TlsHostnameCheck.matches(cnOnly.certificate(), "LEGACY.smartcloudops.local.")).isTrue();
        assertThat(TlsHostnameCheck.matches(sanOther.certificate(), "legacy.smartcloudops.local")).isFalse();
        assertThat(Severity.P1).isEqualTo(TlsCode.TLS_106.severity());
    }
}
