package ai.smartcloudops.audit.waiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.smartcloudops.audit.check.kubernetes.KubernetesCode;
import ai.smartcloudops.audit.config.AuditProperties;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WaiversTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final Instant LATER = Instant.parse("2026-12-31T00:00:00Z");
    private static final Instant EARLIER = Instant.parse("2026-11-01T00:00:00Z");

    private static final Finding POD = Finding.of(KubernetesCode.K8S_201, "prod-cluster",
                    new Resource("Pod", "smartcloudops", "smartcloudops-api-7d9f8b6c5d-x2k9p"))
            .severity(Severity.P1).title("CrashLoopBackOff").evidence(Map.of("restarts", "12"))
            .checkId("kubernetes.pods").build();
    private static final Finding NODE = Finding.of(KubernetesCode.K8S_606, "prod-cluster",
                    Resource.of("Node", "ip-10-0-2-22.ec2.internal"))
            .severity(Severity.P2).title("Node pressure").checkId("kubernetes.nodes").build();

    @Test
    void theSubjectIsTargetKindNamespaceAndName() {
        assertThat(Waivers.subject(POD)).isEqualTo("prod-cluster/Pod/smartcloudops/smartcloudops-api-7d9f8b6c5d-x2k9p");
        assertThat(Waivers.subject(NODE)).isEqualTo("prod-cluster/Node/ip-10-0-2-22.ec2.internal");
    }

    @Test
    void anExactPatternWaivesWithWhoWhyAndUntilWhen() {
        Waivers.Waiver w = waiver(7L, "K8S-201", "prod-cluster/Pod/smartcloudops/smartcloudops-api-7d9f8b6c5d-x2k9p",
                LATER);

        Finding waived = single(Waivers.apply(List.of(POD), List.of(w), NOW));

        assertThat(waived.waiver()).isEqualTo(
                "waived by alice until 2026-12-31T00:00:00Z: known crash, fix in 4.2 (waiver 7)");
        assertThat(waived.evidence()).isEqualTo(Map.of("restarts", "12"));
    }

    @Test
    void globsMatchAnyRunOfCharactersOrOneCharacterAndNothingElse() {
        assertThat(waiver(1L, "K8S-201", "prod-cluster/Pod/smartcloudops/smartcloudops-api-*", LATER).matches(POD))
                .isTrue();
        assertThat(waiver(1L, "K8S-201", "*/smartcloudops-api-*", LATER).matches(POD)).isTrue();
        assertThat(waiver(1L, "K8S-201", "prod-cluster/Pod/smartcloudops/smartcloudops-api-7d9f8b6c5d-x2k9?", LATER)
                .matches(POD)).isTrue();
        assertThat(waiver(1L, "K8S-606", "prod-cluster/Node/ip-10-0-2-22.ec2.internal", LATER).matches(NODE)).isTrue();
        // the pattern must match the whole subject; '.' is literal; case matters
        assertThat(waiver(1L, "K8S-201", "smartcloudops-api-*", LATER).matches(POD)).isFalse();
        assertThat(waiver(1L, "K8S-606", "prod-cluster/Node/ip-10-0-2-22xec2.internal", LATER).matches(NODE))
                .isFalse();
        assertThat(waiver(1L, "K8S-201", "prod-cluster/pod/*", LATER).matches(POD)).isFalse();
    }

    @Test
    void theCodeMustBeTheFindingsOrStar() {
        assertThat(waiver(1L, "K8S-202", "*", LATER).matches(POD)).isFalse();
        assertThat(waiver(1L, "*", "prod-cluster/Pod/*", LATER).matches(POD)).isTrue();
        assertThat(single(Waivers.apply(List.of(POD), List.of(waiver(1L, "K8S-202", "*", LATER)), NOW))).isEqualTo(POD);
    }

    @Test
    void anExpiredWaiverWaivesNothingAndTheFindingSaysWhoseWaiverExpired() {
        Waivers.Waiver expired = waiver(null, "K8S-201", "prod-cluster/*", EARLIER);

        Finding back = single(Waivers.apply(List.of(POD), List.of(expired), NOW));

        assertThat(back.waived()).isFalse();
        assertThat(back.evidence()).containsExactly(Map.entry("restarts", "12"), Map.entry(Waivers.EXPIRED,
                "waiver by alice expired on 2026-11-01T00:00:00Z: known crash, fix in 4.2 (configuration)"));
        assertThat(back.fingerprint()).isEqualTo(POD.fingerprint());
    }

    @Test
    void anActiveWaiverWinsOverAnExpiredOneAndAnAnnotationWaiverIsKept() {
        Waivers.Waiver expired = waiver(1L, "K8S-201", "*", EARLIER);
        Waivers.Waiver active = waiver(2L, "K8S-201", "*", LATER);
        Finding annotated = POD.waive("annotation");

        assertThat(single(Waivers.apply(List.of(POD), List.of(expired, active), NOW)).waiver()).endsWith("(waiver 2)");
        assertThat(single(Waivers.apply(List.of(annotated), List.of(active), NOW))).isEqualTo(annotated);
        // expiry is exclusive: at the instant it expires the waiver no longer holds
        assertThat(single(Waivers.apply(List.of(POD), List.of(active), LATER)).waived()).isFalse();
    }

    @Test
    void aConfiguredWaiverNeedsEveryKeyAndAnExpiryThatIsADateOrAnInstant() {
        assertThat(new AuditProperties.Waiver("K8S-201", "*", "r", "o", "2026-12-31").expiresAt())
                .isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(new AuditProperties.Waiver("K8S-201", "*", "r", "o", "2026-12-31T18:00:00Z").expiresAt())
                .isEqualTo(Instant.parse("2026-12-31T18:00:00Z"));
        assertThatThrownBy(() -> new AuditProperties.Waiver("K8S-201", "*", "r", "o", null))
                .hasMessage("health-audit.waivers[].expires is required");
        assertThatThrownBy(() -> new AuditProperties.Waiver("K8S-201", " ", "r", "o", "2026-12-31"))
                .hasMessage("health-audit.waivers[].match is required");
        assertThatThrownBy(() -> new AuditProperties.Waiver("K8S-201", "*", "r", "o", "next week"))
                .hasMessage("health-audit.waivers[].expires must be a date such as 2026-12-31 or an instant such as "
                        + "2026-12-31T18:00:00Z, got 'next week'");
    }

    private static Waivers.Waiver waiver(Long id, String code, String match, Instant expires) {
        return new Waivers.Waiver(id, code, match, "known crash, fix in 4.2", "alice", expires);
    }

    private static Finding single(List<Finding> findings) {
        assertThat(findings).hasSize(1);
        return findings.get(0);
    }
}
