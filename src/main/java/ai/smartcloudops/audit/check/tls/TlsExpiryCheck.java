package ai.smartcloudops.audit.check.tls;

import org.springframework.stereotype.Component;

/**
 * TLS-102 expired (P0 when served live), TLS-103 expiring within the thresholds (P3/P2/P1), TLS-104 a short-lived
 * certificate with a third or less of its lifetime left, TLS-105 not yet valid: one finding per certificate with
 * every location it was found at.
 */
@Component
public class TlsExpiryCheck extends TlsCheck {

    public static final String ID = "tls.expiry";

    public TlsExpiryCheck(TlsCertificates certificates) {
        super(ID, certificates);
    }
}
