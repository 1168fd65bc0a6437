package ai.smartcloudops.audit.check.tls;

import ai.smartcloudops.audit.check.Problem;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * TLS-101: an endpoint that refuses the connection, fails the handshake or never answers within the handshake
 * timeout; TLS-112 a Secret whose certificate cannot be read; TLS-113 a place the audit could not look at.
 */
@Component
public class TlsHandshakeCheck extends TlsCheck {

    static final String ID = "tls.handshake";

    public TlsHandshakeCheck(TlsCertificates certificates) {
        super(ID, certificates);
    }

    @Override
    List<Problem> inspect(TlsSnapshot snapshot, Instant now) {
        return snapshot.chains().stream().filter(located -> !located.readable()).map(located -> {
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("reason", located.failure());
            facts.putAll(located.facts());
            return Places.problem(located.failureCode(), located, null, facts);
        }).toList();
    }
}
