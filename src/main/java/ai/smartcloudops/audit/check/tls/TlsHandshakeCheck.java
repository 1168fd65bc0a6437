package ai.smartcloudops.audit.check.tls;

import org.springframework.stereotype.Component;

/**
 * TLS-101: an endpoint that refuses the connection, fails the handshake or never answers within the handshake
 * timeout.
 */
@Component
public class TlsHandshakeCheck extends TlsCheck {

    static final String ID = "tls.handshake";

    public TlsHandshakeCheck(TlsCertificates certificates) {
        super(ID, certificates);
    }
}
