package ai.smartcloudops.audit.check.tls;

import ai.smartcloudops.audit.check.kubernetes.KubernetesClusters;
import ai.smartcloudops.audit.check.kubernetes.KubernetesProperties;
import ai.smartcloudops.audit.demo.LocalKubeconfig;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * A fabric8 CRUD mock API server holding cluster "prod", reached through a kubeconfig as the audit reaches a real
 * cluster, with builders for TLS Secrets and Ingresses.
 */
final class TlsClusterFixture implements AutoCloseable {

    static final String CLUSTER = "prod";
    static final String NAMESPACE = "smartcloudops";

    final KubernetesMockServer server;
    final KubernetesClient client;
    private final Path dir;

    TlsClusterFixture(Path dir) {
        this.dir = dir;
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(List.of()), false);
        server.init();
        client = server.createClient();
    }

    /** A kubeconfig reaching this server as {@code name}. */
    Path kubeconfig(String name) {
        return kubeconfig(name, server.url("/"));
    }

    Path kubeconfig(String name, String url) {
        try {
            return LocalKubeconfig.write(dir.resolve(name + ".kubeconfig"), name, url);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The clusters, by name to kubeconfig, as health-audit.kubernetes.clusters configures them. */
    static KubernetesClusters clusters(Map<String, Path> kubeconfigs) {
        Map<String, String> source = new LinkedHashMap<>();
        int i = 0;
        for (Map.Entry<String, Path> cluster : kubeconfigs.entrySet()) {
            source.put("health-audit.kubernetes.clusters[" + i + "].name", cluster.getKey());
            source.put("health-audit.kubernetes.clusters[" + i + "].kubeconfig", cluster.getValue().toString());
            source.put("health-audit.kubernetes.clusters[" + i + "].request-timeout", "2s");
            i++;
        }
        source.put("health-audit.kubernetes.page-size", "2");
        return new KubernetesClusters(new Binder(new MapConfigurationPropertySource(source))
                .bindOrCreate("health-audit.kubernetes", KubernetesProperties.class));
    }

    /** Stores a Secret of {@code type} with {@code tls.crt} (PEM) and any other entries, base64 as the API has them. */
    Secret secret(String name, String type, String certificatePem, Map<String, String> others) {
        Map<String, String> data = new LinkedHashMap<>();
        if (certificatePem != null) {
            data.put("tls.crt", base64(certificatePem));
        }
        others.forEach((key, value) -> data.put(key, base64(value)));
        return client.resource(new SecretBuilder().withNewMetadata().withName(name).withNamespace(NAMESPACE)
                .endMetadata().withType(type).withData(data).build()).create();
    }

    Secret tlsSecret(String name, String certificatePem) {
        return secret(name, SecretSource.TYPE, certificatePem, Map.of());
    }

    /** Stores an Ingress whose one TLS section lists {@code hosts} with {@code secretName}. */
    Ingress ingress(String namespace, String name, String secretName, String... hosts) {
        return client.resource(new IngressBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                .endMetadata().withNewSpec().withIngressClassName("alb").addNewTl().withHosts(hosts)
                .withSecretName(secretName).endTl().addNewRule().withHost(hosts[0]).endRule().endSpec().build())
                .create();
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
