package ai.smartcloudops.audit.check.tls;

import ai.smartcloudops.audit.check.kubernetes.KubernetesClusters;
import ai.smartcloudops.audit.check.kubernetes.KubernetesPages;
import ai.smartcloudops.audit.finding.Resource;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * The certificates stored in Secrets of type kubernetes.io/tls in the application namespaces
 * ({@code health-audit.kubernetes.namespaces.app}) of every audited cluster: only {@code tls.crt} is
 * read. The private key ({@code tls.key}) and every other entry of a Secret are never read, logged or kept, and
 * nothing but the cluster, namespace and name of a Secret becomes a fact. A stored chain is not live: it is judged
 * for expiry and strength, not trust (an ingress controller serving it is seen live through its Ingress host), and
 * an expired one is P1, not P0.
 */
@Component
public class SecretSource implements CertificateSource {

    static final String KIND = "Secret";
    static final String RESOURCE = "secrets";
    static final String TYPE = "kubernetes.io/tls";
    static final String CERTIFICATE = "tls.crt";

    private final TlsProperties properties;
    private final KubernetesClusters clusters;

    public SecretSource(TlsProperties properties, KubernetesClusters clusters) {
        this.properties = properties;
        this.clusters = clusters;
    }

    @Override
    public boolean configured() {
        return properties.kubernetes().secrets() && !clusters.properties().clusters().isEmpty();
    }

    @Override
    public List<LocatedChain> collect() {
        List<LocatedChain> chains = new ArrayList<>();
        TrustAnchors anchors = properties.anchors();
        var namespaces = clusters.properties().namespaces();
        chains.addAll(ClusterSources.each(clusters, RESOURCE, (cluster, client) -> {
            for (String namespace : namespaces.app()) {
                if (namespaces.audited(namespace)) {
                    list(client, namespace, secret -> {
                        if (TYPE.equals(secret.getType())) {
                            chains.add(locate(cluster, secret, anchors));
                        }
                    });
                }
            }
        }));
        return chains;
    }

    /**
     * Every TLS Secret of one application namespace, in pages — namespace by namespace, so that the audit needs a
     * Role in each (k8s/cronjob/tls-secrets.yaml), not the right to read every Secret of the cluster: filtered by
     * type on the server (a field selector every current API server serves), all Secrets of the namespace when the
     * server refuses the selector; the caller filters again either way.
     */
    private void list(KubernetesClient client, String namespace, Consumer<Secret> consumer) {
        Function<ListOptions, SecretList> typed = o -> client.secrets().inNamespace(namespace)
                .withField("type", TYPE).list(o);
        try {
            KubernetesPages.each(typed, clusters.properties().pageSize(), consumer);
        } catch (KubernetesClientException e) {
            if (e.getCode() != 400) {
                throw e;
            }
            KubernetesPages.each(o -> client.secrets().inNamespace(namespace).list(o),
                    clusters.properties().pageSize(), consumer);
        }
    }

    private static LocatedChain locate(String cluster, Secret secret, TrustAnchors anchors) {
        String namespace = secret.getMetadata().getNamespace();
        String name = secret.getMetadata().getName();
        Resource resource = new Resource(KIND, namespace, name);
        Location location = new Location(resource, "Secret " + namespace + "/" + name + " in cluster " + cluster,
                false, false, null, null, resource);
        Map<String, String> data = secret.getData();
        String encoded = data == null ? null : data.get(CERTIFICATE);
        if (encoded == null || encoded.isBlank()) {
            return LocatedChain.failed(location, TlsCode.TLS_112, "it has no " + CERTIFICATE);
        }
        byte[] pem;
        try {
            pem = Base64.getMimeDecoder().decode(encoded.getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            return LocatedChain.failed(location, TlsCode.TLS_112, CERTIFICATE + " is not base64");
        }
        List<X509Certificate> chain;
        try {
            chain = Pem.certificates(pem);
        } catch (CertificateException | RuntimeException e) {
            // the parser's message is not shown: it may quote what it could not parse
            return LocatedChain.failed(location, TlsCode.TLS_112, CERTIFICATE + " is not PEM certificates");
        }
        if (chain.isEmpty()) {
            return LocatedChain.failed(location, TlsCode.TLS_112, CERTIFICATE + " holds no certificate");
        }
        return LocatedChain.found(location, chain, anchors);
    }
}
