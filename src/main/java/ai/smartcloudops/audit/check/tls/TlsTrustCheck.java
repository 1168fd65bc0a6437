package ai.smartcloudops.audit.check.tls;

import org.springframework.stereotype.Component;

/**
 * TLS-107 a chain that does not validate against the JDK's roots and the location's CA bundle, TLS-108 an
 * incomplete one (an intermediate is missing), TLS-109 a self-signed leaf on a public endpoint (instead of TLS-107).
 */
@Component
public class TlsTrustCheck extends TlsCheck {

    static final String ID = "tls.trust";

    public TlsTrustCheck(TlsCertificates certificates) {
        super(ID, certificates);
    }
}
