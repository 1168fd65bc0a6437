package ai.smartcloudops.audit.check.tls;

import java.util.List;

/**
 * A place certificates come from: configured endpoints ({@link EndpointSource}), and later the hosts of Ingress
 * TLS sections and the Secrets of type kubernetes.io/tls of every audited cluster. A source is a Spring bean; every
 * bean of this type feeds the one {@link TlsSnapshot}, so a certificate found by several sources makes one
 * expiry finding listing every location.
 */
public interface CertificateSource {

    /** Whether this source has anything to look at: when no source has, there is no TLS target at all. */
    boolean configured();

    /**
     * Every chain this source finds. A place it cannot read is a {@link LocatedChain#failed} entry (a finding),
     * never an exception: one unreachable endpoint must not hide the others.
     */
    List<LocatedChain> collect();
}
