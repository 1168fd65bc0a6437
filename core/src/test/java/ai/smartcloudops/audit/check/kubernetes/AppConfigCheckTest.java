package ai.smartcloudops.audit.check.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ai.smartcloudops.audit.finding.Coverage;
import ai.smartcloudops.audit.finding.CoverageStatus;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import ai.smartcloudops.audit.run.Sweep;
import ai.smartcloudops.audit.run.Sweeps;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AppConfigCheckTest {

    private static final String NS = KubernetesFixtures.NAMESPACE;
    private static final String NAME = "smartcloudops-config";

    private KubernetesFixtures k8s;
    private AppConfigCheck check;

    @BeforeEach
    void start() {
        k8s = KubernetesFixtures.start();
        check = new AppConfigCheck(k8s.clusters());
    }

    @AfterEach
    void stop() {
        k8s.close();
    }

    /** Every default rule satisfied, at its bounds where it has them. */
    static Map<String, String> valid() {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("DATABASE_POOL_SIZE", "100");
        data.put("DATABASE_MAX_OVERFLOW", "0");
        data.put("DATABASE_POOL_TIMEOUT", "30");
        data.put("DATABASE_POOL_RECYCLE", "3600");
        data.put("CACHE_ENABLED", "true");
        data.put("CACHE_DEFAULT_TTL", "60");
        data.put("CACHE_EVICTION_POLICY", "allkeys-lru");
        data.put("DATABASE_URL", "postgresql://app:s3cret@db:5432/smartcloudops");
        return data;
    }

    private static ConfigMap configMap(Map<String, String> data) {
        return new ConfigMapBuilder().withNewMetadata().withName(NAME).withNamespace(NS).endMetadata()
                .withData(data).build();
    }

    @Test
    void invalidAndMissingKeysAreOneK8s503ListingEveryProblem() throws Exception {
        Map<String, String> data = valid();
        data.put("CACHE_ENABLED", "false");
        data.put("DATABASE_POOL_SIZE", "4");
        data.put("CACHE_DEFAULT_TTL", "86401");
        data.put("DATABASE_POOL_TIMEOUT", "thirty");
        data.remove("CACHE_EVICTION_POLICY");
        k8s.create(configMap(data));

        List<Finding> findings = KubernetesFixtures.run(check);

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.code().code()).isEqualTo("K8S-503");
            assertThat(f.severity()).isEqualTo(Severity.P2);
            assertThat(f.resource()).isEqualTo(new Resource("ConfigMap", NS, NAME));
            assertThat(f.title()).isEqualTo("ConfigMap " + NS + "/" + NAME + " has 5 keys missing or invalid");
            assertThat(f.detail()).isEqualTo("DATABASE_POOL_SIZE=4 is below 5; DATABASE_POOL_TIMEOUT=thirty is not an "
                    + "integer; CACHE_ENABLED=false is not true; CACHE_DEFAULT_TTL=86401 is above 86400; "
                    + "CACHE_EVICTION_POLICY is missing");
            assertThat(f.evidence()).containsEntry("count", "5");
            // only the offending keys' values: never the rest of the ConfigMap
            assertThat(String.join(" ", f.evidence().values()) + f.detail() + f.remediation())
                    .doesNotContain("s3cret").doesNotContain("3600");
            assertThat(f.remediation())
                    .contains("kubectl get configmap " + NAME + " -n " + NS + " -o yaml")
                    .contains("kubectl patch configmap " + NAME + " -n " + NS + " -p '{\"data\":{"
                            + "\"DATABASE_POOL_SIZE\":\"5\",\"DATABASE_POOL_TIMEOUT\":\"1\",\"CACHE_ENABLED\":\"true\","
                            + "\"CACHE_DEFAULT_TTL\":\"86400\",\"CACHE_EVICTION_POLICY\":\"allkeys-lru\"}}'")
                    .contains("kubectl get deployments -n " + NS + " -o json | jq -r --arg cm " + NAME + " '")
                    .contains("kubectl rollout restart deployment/$DEPLOYMENT -n " + NS)
                    .doesNotContain("smartcloudops-api");
        });
    }

    @Test
    void missingConfigMapIsOneK8s503() throws Exception {
        k8s.create(new ConfigMapBuilder(configMap(valid())).editMetadata().withNamespace("other").endMetadata()
                .build());

        assertThat(KubernetesFixtures.run(check)).singleElement().satisfies(f -> {
            assertThat(f.resource()).isEqualTo(new Resource("ConfigMap", NS, NAME));
            assertThat(f.title()).isEqualTo("ConfigMap " + NS + "/" + NAME + " does not exist");
            assertThat(f.detail()).isEqualTo("the ConfigMap does not exist");
            assertThat(f.remediation()).contains("kubectl create configmap " + NAME + " -n " + NS)
                    .contains("\"CACHE_ENABLED\":\"true\"");
        });
    }

    @Test
    void valuesAtTheirBoundsAndOptionalKeysAreQuiet() throws Exception {
        k8s.create(configMap(valid()));
        assertThat(KubernetesFixtures.run(check)).isEmpty();

        AppConfigCheck optional = new AppConfigCheck(k8s.clusters(Map.of(
                "app-config.rules[0].key", "FEATURE_FLAGS", "app-config.rules[0].required", "false",
                "app-config.rules[1].key", "DATABASE_POOL_SIZE", "app-config.rules[1].type", "integer",
                "app-config.rules[1].max", "99")));
        assertThat(KubernetesFixtures.run(optional)).singleElement().satisfies(f ->
                assertThat(f.detail()).isEqualTo("DATABASE_POOL_SIZE=100 is above 99"));
    }

    @Test
    void theRemediationOfAnotherApplicationsConfigMapNamesItAndItsDeploymentsNotTheGuides() throws Exception {
        Map<String, String> data = valid();
        data.put("CACHE_ENABLED", "false");
        k8s.create(new ConfigMapBuilder().withNewMetadata().withName("payments-api").withNamespace("payments")
                .endMetadata().withData(data).build());
        AppConfigCheck payments = new AppConfigCheck(k8s.clusters(Map.of(
                "app-config.namespace", "payments", "app-config.name", "payments-api")));

        assertThat(KubernetesFixtures.run(payments)).singleElement().satisfies(f -> {
            assertThat(f.code().code()).isEqualTo("K8S-503");
            assertThat(f.severity()).isEqualTo(Severity.P2);
            assertThat(f.title()).isEqualTo("ConfigMap payments/payments-api has 1 key missing or invalid");
            assertThat(f.remediation()).isEqualTo("""
                    kubectl get configmap payments-api -n payments -o yaml
                    # a missing ConfigMap: kubectl create configmap payments-api -n payments first
                    kubectl patch configmap payments-api -n payments -p '{"data":{"CACHE_ENABLED":"true"}}'
                    # pods read it when they start: restart each deployment that uses it (DEPLOYMENT), listed here
                    kubectl get deployments -n payments -o json | jq -r --arg cm payments-api '.items[] | \
                    select([.spec.template.spec.volumes[]?.configMap.name, (.spec.template.spec.containers[] | \
                    .envFrom[]?.configMapRef.name, .env[]?.valueFrom.configMapKeyRef.name)] | index($cm)) | \
                    .metadata.name'
                    kubectl rollout restart deployment/$DEPLOYMENT -n payments""");
            assertThat(f.remediation()).doesNotContain("smartcloudops");
        });
    }

    @Test
    void anExcludedNamespaceIsNotFetchedAndItsCheckNotConfigured() {
        Sweep.Result result = Sweeps.nightly(new AppConfigCheck(k8s.clusters(Map.of("namespaces.exclude[0]", NS))));

        assertThat(result.findings()).isEmpty();
        assertThat(result.coverage()).extracting(Coverage::status, Coverage::reason).containsExactly(tuple(
                CoverageStatus.NOT_CONFIGURED, "its namespace " + NS + " is not audited (health-audit.kubernetes.namespaces)"));
    }
}
