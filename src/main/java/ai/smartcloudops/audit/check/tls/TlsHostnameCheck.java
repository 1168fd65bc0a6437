package ai.smartcloudops.audit.check.tls;

import org.springframework.stereotype.Component;

/**
 * TLS-106: the leaf served at a location does not match the name clients use (subjectAltName, wildcards of one
 * label, the CN only without subjectAltName).
 */
@Component
public class TlsHostnameCheck extends TlsCheck {

    static final String ID = "tls.hostname";

    public TlsHostnameCheck(TlsCertificates certificates) {
        super(ID, certificates);
    }
}
