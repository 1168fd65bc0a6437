package ai.smartcloudops.audit.check.tls;

import org.springframework.stereotype.Component;

/**
 * TLS-110 a weak key (RSA below 2048 bits, EC below 256 by default) and TLS-111 a SHA-1 or MD5 signature, on any
 * certificate of a chain but a trust anchor.
 */
@Component
public class TlsStrengthCheck extends TlsCheck {

    static final String ID = "tls.strength";

    public TlsStrengthCheck(TlsCertificates certificates) {
        super(ID, certificates);
    }
}
