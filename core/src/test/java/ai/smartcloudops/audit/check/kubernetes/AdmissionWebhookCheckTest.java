package ai.smartcloudops.audit.check.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdmissionWebhookCheckTest {

    private KubernetesFixtures k8s;
    private AdmissionWebhookCheck check;

    @BeforeEach
    void start() {
        k8s = KubernetesFixtures.start();
        check = new AdmissionWebhookCheck(k8s.clusters());
    }

    @AfterEach
    void stop() {
        k8s.close();
    }

    @Test
    void aWebhookWhoseServiceHasNoReadyEndpointIsK8s405AtItsFailurePolicysSeverity() throws Exception {
        k8s.create(new ValidatingWebhookConfigurationBuilder().withNewMetadata().withName("gatekeeper").endMetadata()
                        .withWebhooks(webhook("validation.gatekeeper.sh", "gatekeeper-system", "gatekeeper-webhook",
                                null), webhook("check-ignorable.gatekeeper.sh", "gatekeeper-system",
                                "gatekeeper-webhook", "Ignore"))
                        .build(),
                new MutatingWebhookConfigurationBuilder().withNewMetadata().withName("istio-sidecar-injector")
                        .endMetadata().addNewWebhook().withName("sidecar-injector.istio.io").withFailurePolicy("Ignore")
                        .withNewClientConfig().withNewService().withNamespace("istio-system").withName("istiod")
                        .endService().endClientConfig().withSideEffects("None").withAdmissionReviewVersions("v1")
                        .endWebhook().build(),
                // served: one ready address
                new ValidatingWebhookConfigurationBuilder().withNewMetadata().withName("cert-manager").endMetadata()
                        .withWebhooks(webhook("webhook.cert-manager.io", "cert-manager", "cert-manager-webhook",
                                "Fail"))
                        .build(),
                // called by URL: outside the cluster, nothing to look up
                new ValidatingWebhookConfigurationBuilder().withNewMetadata().withName("external").endMetadata()
                        .addNewWebhook().withName("policy.example.com").withNewClientConfig()
                        .withUrl("https://policy.example.com/validate").endClientConfig().withSideEffects("None")
                        .withAdmissionReviewVersions("v1").endWebhook().build(),
                new EndpointsBuilder().withNewMetadata().withName("cert-manager-webhook").withNamespace("cert-manager")
                        .endMetadata().addNewSubset().addNewAddress().withIp("10.0.3.7").endAddress().endSubset()
                        .build(),
                new EndpointsBuilder().withNewMetadata().withName("istiod").withNamespace("istio-system")
                        .endMetadata().addNewSubset().addNewNotReadyAddress().withIp("10.0.3.9").endNotReadyAddress()
                        .endSubset().build());

        List<Finding> findings = KubernetesFixtures.run(check).stream()
                .sorted(Comparator.comparing(f -> f.resource().name())).toList();

        assertThat(findings).hasSize(2);
        assertThat(findings.get(0)).satisfies(f -> {
            assertThat(f.code().code()).isEqualTo("K8S-405");
            assertThat(f.severity()).isEqualTo(Severity.P1);
            assertThat(f.resource()).isEqualTo(new Resource("ValidatingWebhookConfiguration", null, "gatekeeper"));
            assertThat(f.title()).isEqualTo("ValidatingWebhookConfiguration gatekeeper calls 1 webhook services "
                    + "with no ready endpoints");
            assertThat(f.detail()).isEqualTo("validation.gatekeeper.sh calls gatekeeper-system/gatekeeper-webhook "
                    + "(failurePolicy Fail, no Endpoints object); check-ignorable.gatekeeper.sh calls "
                    + "gatekeeper-system/gatekeeper-webhook (failurePolicy Ignore, no Endpoints object). A webhook "
                    + "that fails refuses every request it matches when its failurePolicy is Fail, and admits them "
                    + "unchecked when it is Ignore.");
            assertThat(f.remediation()).contains("kubectl get endpoints gatekeeper-webhook -n gatekeeper-system")
                    .contains("kubectl describe validatingwebhookconfiguration gatekeeper");
        });
        assertThat(findings.get(1)).satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.P3);
            assertThat(f.resource()).isEqualTo(new Resource("MutatingWebhookConfiguration", null,
                    "istio-sidecar-injector"));
            assertThat(f.detail()).startsWith("sidecar-injector.istio.io calls istio-system/istiod (failurePolicy "
                    + "Ignore, no ready address).");
        });
    }

    @Test
    void aWebhookWhoseServiceIsInANamespaceLeftOutIsNotJudged() throws Exception {
        k8s.create(new ValidatingWebhookConfigurationBuilder().withNewMetadata().withName("gatekeeper").endMetadata()
                .withWebhooks(webhook("validation.gatekeeper.sh", "gatekeeper-system", "gatekeeper-webhook", "Fail"))
                .build());
        AdmissionWebhookCheck leftOut = new AdmissionWebhookCheck(k8s.clusters(
                java.util.Map.of("namespaces.exclude[0]", "gatekeeper-system")));

        assertThat(KubernetesFixtures.run(check)).hasSize(1);
        assertThat(KubernetesFixtures.run(leftOut)).isEmpty();
    }

    @Test
    void aHostileServiceNameIsQuotedInEveryCommandAndCleanedInTheDetail() throws Exception {
        k8s.create(new ValidatingWebhookConfigurationBuilder().withNewMetadata().withName("policy-$(id)")
                .endMetadata().withWebhooks(webhook("<script>alert(1)</script>\u0000", "ns-`id`", "svc;touch pwned",
                        null)).build());

        assertThat(KubernetesFixtures.run(check)).singleElement().satisfies(f -> {
            assertThat(f.detail()).startsWith("<script>alert(1)</script>\uFFFD calls ns-`id`/svc;touch pwned "
                    + "(failurePolicy Fail, no Endpoints object).");
            assertThat(f.remediation()).contains("kubectl get endpoints 'svc;touch pwned' -n 'ns-`id`'")
                    .contains("kubectl describe validatingwebhookconfiguration 'policy-$(id)'");
        });
    }

    private static io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook webhook(
            String name, String namespace, String service, String failurePolicy) {
        return new ValidatingWebhookBuilder().withName(name).withFailurePolicy(failurePolicy).withNewClientConfig()
                .withNewService().withNamespace(namespace).withName(service).endService().endClientConfig()
                .withSideEffects("None").withAdmissionReviewVersions("v1").build();
    }
}
