package ai.smartcloudops.audit.check.tls;

import ai.smartcloudops.audit.finding.Resource;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The configured endpoints ({@code health-audit.tls.endpoints}), probed concurrently on a pool of
 * {@code concurrency} threads. Each is live (it serves clients now); a failed connection or handshake is a TLS-101
 * on the endpoint, not an error of the check.
 */
@Component
@EnableConfigurationProperties(TlsProperties.class)
public class EndpointSource implements CertificateSource {

    static final String KIND = "Endpoint";

    private final TlsProperties properties;

    public EndpointSource(TlsProperties properties) {
        this.properties = properties;
    }

    @Override
    public boolean configured() {
        return !properties.endpoints().isEmpty();
    }

    @Override
    public List<LocatedChain> collect() {
        TlsProbe probe = new TlsProbe(properties.connectTimeout(), properties.handshakeTimeout());
        return TlsProbe.all(properties.endpoints(), properties.concurrency(), endpoint -> locate(probe, endpoint));
    }

    private LocatedChain locate(TlsProbe probe, TlsProperties.Endpoint endpoint) {
        Location location = location(endpoint);
        TlsProbe.Result result = probe.probe(endpoint.host(), endpoint.port(), endpoint.serverName());
        if (result.failure() != null) {
            return LocatedChain.failed(location, TlsCode.TLS_101, result.failure());
        }
        TrustAnchors anchors = properties.anchors();
        if (endpoint.caBundle() != null) {
            anchors = anchors.with(Pem.certificates(Path.of(endpoint.caBundle())));
        }
        return LocatedChain.found(location, result.chain(), anchors);
    }

    /** The resource is the configured name: stable whatever address the endpoint moves to. */
    static Location location(TlsProperties.Endpoint endpoint) {
        return new Location(new Resource(KIND, null, endpoint.name()), "endpoint " + endpoint.name() + " ("
                + endpoint.address() + ")", true, endpoint.publicFacing(), endpoint.serverName(),
                new Location.Address(endpoint.host(), endpoint.port(), endpoint.serverName()), null);
    }
}
