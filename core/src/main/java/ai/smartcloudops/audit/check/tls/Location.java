package ai.smartcloudops.audit.check.tls;

import ai.smartcloudops.audit.finding.Resource;
import java.util.Objects;

/**
 * Where a chain was found.
 *
 * @param resource     what per-location findings are about, e.g. {@code Endpoint/api} or, from a Kubernetes source,
 *                     {@code Secret/smartcloudops/smartcloudops-tls}
 * @param where        how the place reads in a certificate's {@code locations}, e.g. {@code endpoint
 *                     api.smartcloudops.ai:443} or {@code Secret smartcloudops/smartcloudops-tls in cluster prod}
 * @param live         served to clients right now (an expired certificate there is an outage: P0); only a served
 *                     chain is judged for trust and completeness, a stored one (a Secret) for expiry and strength
 * @param publicFacing reached from the internet: a self-signed leaf there is a finding of its own
 * @param expectedHost the name the leaf must match, or null when nothing says (a Secret no Ingress uses)
 * @param address      the endpoint the chain was read from, or null (then remediation points at the leaf's own
 *                     name on port 443)
 * @param secret       the TLS Secret that holds the chain (the Secret read, or the one an Ingress serves the host
 *                     from), or null when the audit read none: a remediation replaces it
 */
public record Location(Resource resource, String where, boolean live, boolean publicFacing, String expectedHost,
                       Address address, Resource secret) {

    public Location {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(where, "where");
    }

    /**
     * The place in a few words, for a title: an endpoint's {@code host:port} (after the name it asks for, when it
     * connects elsewhere), else its {@code where} (a Secret with its namespace and cluster).
     */
    public String at() {
        if (address == null) {
            return where;
        }
        String endpoint = address.host() + ":" + address.port();
        return address.serverName().equals(address.host()) ? endpoint : address.serverName() + " via " + endpoint;
    }

    /** An endpoint connected to at {@code host}:{@code port} with SNI {@code serverName}. */
    public record Address(String host, int port, String serverName) {

        public Address {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(serverName, "serverName");
        }
    }
}
