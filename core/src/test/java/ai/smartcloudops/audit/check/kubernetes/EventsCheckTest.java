package ai.smartcloudops.audit.check.kubernetes;

import static ai.smartcloudops.audit.check.kubernetes.KubernetesFixtures.CLUSTER;
import static ai.smartcloudops.audit.check.kubernetes.KubernetesFixtures.NAMESPACE;
import static ai.smartcloudops.audit.check.kubernetes.KubernetesFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.RunScope;
import ai.smartcloudops.audit.check.Samples;
import ai.smartcloudops.audit.check.SeverityPolicy;
import ai.smartcloudops.audit.check.Target;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Fingerprint;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventsCheckTest {

    private static final String POD = "smartcloudops-api-7d9f8b6c5d-x2k9p";

    private KubernetesFixtures k8s;

    @BeforeEach
    void start() {
        k8s = KubernetesFixtures.start();
    }

    @AfterEach
    void stop() {
        k8s.close();
    }

    @Test
    void warningsOfTheWindowAreGroupedByReasonAndObjectAndComparedWithThePreviousRun() throws Exception {
        k8s.create(
                event("a", "Warning", "BackOff", 7, Duration.ofMinutes(10), "Pod", NAMESPACE, POD,
                        "Back-off restarting failed container"),
                event("b", "Warning", "BackOff", 3, Duration.ofMinutes(2), "Pod", NAMESPACE, POD,
                        "Back-off restarting failed container smartcloudops-api"),
                event("c", "Warning", "BackOff", 50, Duration.ofHours(30), "Pod", NAMESPACE, POD, "too old"),
                event("d", "Normal", "Pulled", 1, Duration.ofMinutes(1), "Pod", NAMESPACE, POD, "pulled"),
                event("e", "Warning", "SomethingElse", 1, Duration.ofMinutes(1), "Pod", NAMESPACE, POD, "not ours"),
                event("f", "Warning", "OOMKilling", 2, Duration.ofHours(1), "Node", null,
                        "ip-10-0-2-22.ec2.internal", "Memory cgroup out of memory: Killed process 4242 (python)"));
        EventsCheck check = new EventsCheck(k8s.clusters());
        Resource pod = new Resource("Pod", NAMESPACE, POD);
        Map<String, Map<String, String>> previousRun = Map.of(
                Fingerprint.of("K8S-602", CLUSTER, pod), Map.of("count", "4"));

        List<Finding> findings = context(check, previousRun).findings(check);

        assertThat(findings).extracting(f -> f.code().code()).containsExactlyInAnyOrder("K8S-602", "K8S-606");
        Finding backOff = findings.stream().filter(f -> f.code().code().equals("K8S-602")).findFirst().orElseThrow();
        assertThat(backOff.severity()).isEqualTo(Severity.P2);
        assertThat(backOff.resource()).isEqualTo(pod);
        assertThat(backOff.title()).isEqualTo("BackOff: 10 warning events for Pod smartcloudops/" + POD
                + " in the last 1d");
        assertThat(backOff.detail()).isEqualTo("Latest: Back-off restarting failed container smartcloudops-api "
                + "Previous run: 4 (+6).");
        assertThat(backOff.remediation())
                .contains("kubectl get events -n smartcloudops --field-selector involvedObject.name=" + POD
                        + ",reason=BackOff")
                .contains("kubectl logs " + POD + " -n smartcloudops --previous --tail=100");
        Finding oom = findings.stream().filter(f -> f.code().code().equals("K8S-606")).findFirst().orElseThrow();
        assertThat(oom.resource()).isEqualTo(new Resource("Node", null, "ip-10-0-2-22.ec2.internal"));
        assertThat(oom.evidence()).containsEntry("count", "2").containsEntry("previous", "not seen")
                .containsEntry("change", "new");
        assertThat(oom.remediation()).endsWith("kubectl describe node ip-10-0-2-22.ec2.internal")
                .contains("kubectl get events --field-selector involvedObject.name=ip-10-0-2-22.ec2.internal,"
                        + "reason=OOMKilling\n");
    }

    @Test
    void aShorterWindowDropsOlderWarnings() throws Exception {
        k8s.create(event("a", "Warning", "FailedScheduling", 4, Duration.ofMinutes(90), "Pod", NAMESPACE, POD,
                "0/5 nodes are available"));
        EventsCheck check = new EventsCheck(k8s.clusters(Map.of("window", "1h")));

        assertThat(context(check, Map.of()).findings(check)).isEmpty();
    }

    private static CheckContext context(EventsCheck check, Map<String, Map<String, String>> previousRun) {
        return new CheckContext(new RunScope(1L, NOW, SeverityPolicy.DEFAULTS, new ConcurrentHashMap<>(),
                fingerprint -> Optional.ofNullable(previousRun.get(fingerprint)), Samples.none()), check.id(),
                new Target(CLUSTER, KubernetesClusters.KIND), Set.of(check.id()));
    }

    private static Event event(String name, String type, String reason, int count, Duration ago, String kind,
                               String namespace, String object, String message) {
        return new EventBuilder().withNewMetadata().withName(name).withNamespace(namespace == null ? "default"
                        : namespace).endMetadata()
                .withType(type).withReason(reason).withCount(count).withMessage(message)
                .withLastTimestamp(NOW.minus(ago).toString())
                .withNewInvolvedObject().withKind(kind).withNamespace(namespace).withName(object).endInvolvedObject()
                .build();
    }
}
