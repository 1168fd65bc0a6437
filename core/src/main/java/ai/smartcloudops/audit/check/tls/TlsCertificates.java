package ai.smartcloudops.audit.check.tls;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.SharedKey;
import ai.smartcloudops.audit.check.Target;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The TLS area's single target, {@code certificates} (kind {@code tls}), and what its checks inspect, collected once
 * per run whichever TLS check asks first.
 *
 * <p>One target for every source, not one per endpoint or cluster: a certificate is one thing wherever it is
 * served or stored, and its expiry must be one finding listing all its locations. A finding's fingerprint is
 * (code, target, resource), so per-endpoint targets would split one certificate into as many findings as places.
 * Per-location findings keep their place in the resource ({@code Endpoint/<name>}, later {@code Secret/ns/name}).
 * The price: {@code --target} selects all certificates or none.
 */
@Component
public class TlsCertificates {

    static final String TARGET = "certificates";
    static final String KIND = "tls";

    private final List<CertificateSource> sources;
    private final TlsProperties properties;

    public TlsCertificates(List<CertificateSource> sources, TlsProperties properties) {
        this.sources = List.copyOf(sources);
        this.properties = properties;
    }

    /** The target when any source has something to look at. */
    public List<Target> targets() {
        return sources.stream().anyMatch(CertificateSource::configured) ? List.of(new Target(TARGET, KIND)) : List.of();
    }

    TlsProperties.Thresholds thresholds() {
        return properties.thresholds();
    }

    /**
     * Every source's chains: once per run and target. The sources collect side by side, so a run waits for the
     * slowest source, not for their sum.
     */
    TlsSnapshot snapshot(CheckContext context) {
        return context.shared(SharedKey.of("tls.snapshot", TlsSnapshot.class), () -> {
            List<LocatedChain> chains = new ArrayList<>();
            TlsProbe.all(sources.stream().filter(CertificateSource::configured).toList(), sources.size(),
                    CertificateSource::collect).forEach(chains::addAll);
            return TlsSnapshot.of(chains);
        });
    }
}
