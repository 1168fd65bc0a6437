package ai.smartcloudops.audit.demo;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EndpointAddressBuilder;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo estate's networking and configuration: services with their endpoints, the ALB ingresses, a quota, a
 * LimitRange and a NetworkPolicy for the monitoring namespace (none for the application's) and the application's
 * ConfigMap, with one fault per K8S-4xx and K8S-5xx code beside healthy objects.
 */
public final class DemoNetworkFaults {

    static final String APP = "smartcloudops";
    static final String MONITORING = "smartcloudops-monitoring";

    private static final String ALB = "alb.ingress.kubernetes.io/";

    /** The faulty objects, by the code each one should raise. */
    public static final Map<String, String> FAULTS = Map.of(
            "K8S-401", "Service/smartcloudops/smartcloudops-reports",
            "K8S-402", "Ingress/smartcloudops/smartcloudops-admin-ingress",
            "K8S-403", "Ingress/smartcloudops/smartcloudops-docs-ingress",
            "K8S-404", "Ingress/smartcloudops/smartcloudops-legacy-ingress",
            "K8S-501", "ResourceQuota/smartcloudops/smartcloudops-quota",
            "K8S-502", "Namespace/smartcloudops",
            "K8S-503", "ConfigMap/smartcloudops/smartcloudops-config",
            "K8S-504", "Namespace/smartcloudops");

    private DemoNetworkFaults() {
    }

    public static void seed(KubernetesClient client, Instant now) {
        // another area's seed may have created the namespaces already
        for (String namespace : List.of(APP, MONITORING)) {
            client.resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
                    .createOr(NonDeletingOperation::update);
        }

        // the API and the frontend have ready endpoints; the reports pod is Pending, so its service has none
        service(client, "smartcloudops-api", "10.0.1.21", "10.0.1.22");
        service(client, "smartcloudops-frontend", "10.0.1.31");
        service(client, "smartcloudops-reports");

        ingress(client, "smartcloudops-ingress", "/api/health", true, "/api", "smartcloudops-api", 80);
        // routes /admin to a service that does not exist
        ingress(client, "smartcloudops-admin-ingress", "/api/health", true, "/admin", "smartcloudops-admin", 80);
        // leaves the health-check interval and timeout to the ALB's defaults
        ingress(client, "smartcloudops-docs-ingress", "/api/health", false, "/docs", "smartcloudops-frontend", 80);
        // health-checks a path the API does not serve
        ingress(client, "smartcloudops-legacy-ingress", "/health", true, "/v1", "smartcloudops-api", 80);

        quota(client, APP, "smartcloudops-quota", "pods", "30", "9", "requests.memory", "16Gi", "15Gi");
        quota(client, MONITORING, "monitoring-quota", "pods", "30", "6", "requests.memory", "32Gi", "8Gi");

        // the monitoring namespace is fenced and bounded; the application's is not
        create(client, new LimitRangeBuilder().withNewMetadata().withName("monitoring-defaults")
                .withNamespace(MONITORING).endMetadata().withNewSpec().addNewLimit().withType("Container")
                .addToDefault("memory", new Quantity("512Mi")).addToDefaultRequest("memory", new Quantity("256Mi"))
                .endLimit().endSpec().build());
        create(client, new NetworkPolicyBuilder().withNewMetadata().withName("monitoring-network-policy")
                .withNamespace(MONITORING).endMetadata().withNewSpec().withNewPodSelector().endPodSelector()
                .withPolicyTypes("Ingress").addNewIngress().addNewFrom().withNewNamespaceSelector()
                .addToMatchLabels("kubernetes.io/metadata.name", APP).endNamespaceSelector().endFrom().endIngress()
                .endSpec().build());

        // caching switched off
        Map<String, String> config = new LinkedHashMap<>();
        config.put("DATABASE_POOL_SIZE", "20");
        config.put("DATABASE_MAX_OVERFLOW", "30");
        config.put("DATABASE_POOL_TIMEOUT", "30");
        config.put("DATABASE_POOL_RECYCLE", "3600");
        config.put("CACHE_ENABLED", "false");
        config.put("CACHE_DEFAULT_TTL", "7200");
        config.put("CACHE_EVICTION_POLICY", "allkeys-lru");
        create(client, new ConfigMapBuilder().withNewMetadata().withName("smartcloudops-config").withNamespace(APP)
                .endMetadata()
                .withData(config).build());
    }

    /** A service on port 80 (targetPort 5000) selecting the app, and its Endpoints with the given ready IPs. */
    private static void service(KubernetesClient client, String app, String... readyIps) {
        create(client, new ServiceBuilder().withNewMetadata().withName(app).withNamespace(APP).endMetadata()
                .withNewSpec().addToSelector("app", app).addNewPort().withName("http").withPort(80)
                .withTargetPort(new IntOrString(5000)).withProtocol("TCP").endPort().endSpec().build());
        EndpointsBuilder endpoints = new EndpointsBuilder().withNewMetadata().withName(app).withNamespace(APP)
                .endMetadata();
        if (readyIps.length > 0) {
            endpoints.addNewSubset().withAddresses(List.of(readyIps).stream()
                            .map(ip -> new EndpointAddressBuilder().withIp(ip).build()).toList())
                    .addNewPort().withName("http").withPort(5000).withProtocol("TCP").endPort().endSubset();
        }
        create(client, endpoints.build());
    }

    private static void ingress(KubernetesClient client, String name, String healthCheckPath, boolean complete,
                                String path, String service, int port) {
        IngressBuilder ingress = new IngressBuilder().withNewMetadata().withName(name).withNamespace(APP)
                .addToAnnotations(ALB + "scheme", "internet-facing")
                .addToAnnotations(ALB + "healthcheck-path", healthCheckPath).endMetadata()
                .withNewSpec().withIngressClassName("alb").addNewRule().withHost("api.smartcloudops.ai")
                .withNewHttp().addNewPath().withPath(path).withPathType("Prefix").withNewBackend().withNewService()
                .withName(service).withNewPort().withNumber(port).endPort().endService().endBackend().endPath()
                .endHttp().endRule().endSpec();
        if (complete) {
            ingress.editMetadata().addToAnnotations(ALB + "healthcheck-interval-seconds", "30")
                    .addToAnnotations(ALB + "healthcheck-timeout-seconds", "5").endMetadata();
        }
        create(client, ingress.build());
    }

    /** A quota with two resources (name, hard, used each), its usage written as the quota controller does. */
    private static void quota(KubernetesClient client, String namespace, String name, String... hardUsed) {
        ResourceQuotaBuilder quota = new ResourceQuotaBuilder().withNewMetadata().withName(name)
                .withNamespace(namespace).endMetadata().withNewSpec().endSpec().withNewStatus().endStatus();
        for (int i = 0; i < hardUsed.length; i += 3) {
            quota.editSpec().addToHard(hardUsed[i], new Quantity(hardUsed[i + 1])).endSpec()
                    .editStatus().addToHard(hardUsed[i], new Quantity(hardUsed[i + 1]))
                    .addToUsed(hardUsed[i], new Quantity(hardUsed[i + 2])).endStatus();
        }
        DemoObjects.createWithStatus(client, quota.build());
    }

    private static void create(KubernetesClient client, HasMetadata object) {
        client.resource(object).create();
    }
}
