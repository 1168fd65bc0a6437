package ai.smartcloudops.audit.check.tls;

import ai.smartcloudops.audit.check.kubernetes.KubernetesClusters;
import ai.smartcloudops.audit.check.kubernetes.KubernetesPages;
import ai.smartcloudops.audit.finding.Resource;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The hosts of every Ingress TLS section ({@code spec.tls[].hosts}) of every audited cluster, each probed on port
 * 443 with SNI and expected name the host — once, however many Ingresses and clusters list it; every place that
 * lists it is in its location. {@code health-audit.tls.resolve} reaches a host at another address (the load
 * balancer's). A wildcard host names no server to probe and is left out.
 */
@Component
public class IngressSource implements CertificateSource {

    static final String KIND = "IngressHost";
    static final String RESOURCE = "ingresses";

    private final TlsProperties properties;
    private final KubernetesClusters clusters;

    public IngressSource(TlsProperties properties, KubernetesClusters clusters) {
        this.properties = properties;
        this.clusters = clusters;
    }

    @Override
    public boolean configured() {
        return properties.kubernetes().ingresses() && !clusters.properties().clusters().isEmpty();
    }

    @Override
    public List<LocatedChain> collect() {
        Map<String, Set<String>> hosts = new TreeMap<>();
        Map<String, Set<String>> namespaces = new TreeMap<>();
        // the Secret a remediation replaces: of the Ingresses listing a host, the first by namespace/name
        Map<String, TreeMap<String, Resource>> secrets = new TreeMap<>();
        List<LocatedChain> chains = new ArrayList<>(ClusterSources.each(clusters, RESOURCE, (cluster, client) ->
                KubernetesPages.<Ingress>each(o -> client.network().v1().ingresses().inAnyNamespace().list(o),
                        clusters.properties().pageSize(), ingress -> {
                            String namespace = ingress.getMetadata().getNamespace();
                            if (!clusters.properties().namespaces().audited(namespace) || ingress.getSpec() == null
                                    || ingress.getSpec().getTls() == null) {
                                return;
                            }
                            for (IngressTLS tls : ingress.getSpec().getTls()) {
                                for (String host : tls.getHosts() == null ? List.<String>of() : tls.getHosts()) {
                                    if (host == null || host.isBlank() || host.startsWith("*")) {
                                        continue;
                                    }
                                    hosts.computeIfAbsent(host, h -> new TreeSet<>()).add(place(cluster, namespace,
                                            ingress.getMetadata().getName(), tls.getSecretName()));
                                    namespaces.computeIfAbsent(host, h -> new TreeSet<>()).add(namespace);
                                    if (tls.getSecretName() != null && !tls.getSecretName().isBlank()) {
                                        secrets.computeIfAbsent(host, h -> new TreeMap<>()).put(namespace + "/"
                                                + tls.getSecretName(), new Resource(SecretSource.KIND, namespace,
                                                tls.getSecretName()));
                                    }
                                }
                            }
                        })));
        TlsProbe probe = new TlsProbe(properties.connectTimeout(), properties.handshakeTimeout());
        TrustAnchors anchors = properties.anchors();
        chains.addAll(TlsProbe.all(List.copyOf(hosts.keySet()), properties.concurrency(), host -> {
            Set<String> inNamespaces = namespaces.get(host);
            TreeMap<String, Resource> served = secrets.get(host);
            Location location = location(host, inNamespaces.size() == 1 ? inNamespaces.iterator().next() : null,
                    hosts.get(host), served == null ? null : served.firstEntry().getValue());
            Location.Address address = location.address();
            TlsProbe.Result result = probe.probe(address.host(), address.port(), address.serverName());
            return result.failure() != null ? LocatedChain.failed(location, TlsCode.TLS_101, result.failure())
                    : LocatedChain.found(location, result.chain(), anchors);
        }));
        return chains;
    }

    /** {@code Ingress smartcloudops/api in cluster prod, secret api-tls}. */
    private static String place(String cluster, String namespace, String ingress, String secret) {
        return "Ingress " + namespace + "/" + ingress + " in cluster " + cluster
                + (secret == null || secret.isBlank() ? "" : ", secret " + secret);
    }

    /** The host is the resource; its namespace when every Ingress listing it is in one. */
    private Location location(String host, String namespace, Set<String> places, Resource secret) {
        Location.Address address = properties.address(host, 443);
        String at = address.host().equals(host) ? "" : " via " + address.host() + ":" + address.port();
        return new Location(new Resource(KIND, namespace, host), "Ingress host " + host + at + " ("
                + places.stream().collect(Collectors.joining("; ")) + ")", true, true, host, address, secret);
    }
}
