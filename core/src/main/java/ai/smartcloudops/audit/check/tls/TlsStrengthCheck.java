package ai.smartcloudops.audit.check.tls;

import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Grade;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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

    @Override
    List<Problem> inspect(TlsSnapshot snapshot, Instant now) {
        List<Problem> problems = new ArrayList<>();
        for (CertificateSighting s : snapshot.certificates()) {
            weakKey(s, certificates.thresholds()).ifPresent(problems::add);
            weakSignature(s).ifPresent(problems::add);
        }
        return problems;
    }

    private static Optional<Problem> weakKey(CertificateSighting s, TlsProperties.Thresholds thresholds) {
        if (s.anchor()) {
            return Optional.empty();
        }
        String type = Certificates.keyType(s.certificate);
        int bits = Certificates.keyBits(s.certificate);
        Integer minimum = switch (type) {
            case "RSA", "RSASSA-PSS", "DSA" -> thresholds.minRsaBits();
            case "EC" -> thresholds.minEcBits();
            default -> null;
        };
        if (minimum == null || bits == 0 || bits >= minimum) {
            return Optional.empty();
        }
        Map<String, Object> facts = s.facts();
        facts.put("keyType", type);
        facts.put("bits", bits);
        facts.put("minimum", minimum);
        facts.put("locations", s.locations());
        return Optional.of(s.problem(TlsCode.TLS_110, Grade.DEFAULT, facts));
    }

    private static Optional<Problem> weakSignature(CertificateSighting s) {
        if (s.anchor() && Certificates.selfSigned(s.certificate)) {
            return Optional.empty();    // nobody verifies a trust anchor's signature on itself
        }
        String algorithm = s.certificate.getSigAlgName();
        String upper = algorithm.toUpperCase(Locale.ROOT);
        if (!upper.startsWith("SHA1") && !upper.startsWith("MD5") && !upper.startsWith("MD2")) {
            return Optional.empty();
        }
        Map<String, Object> facts = s.facts();
        facts.put("algorithm", algorithm);
        facts.put("issuer", Certificates.commonName(Certificates.issuerName(s.certificate)));
        facts.put("locations", s.locations());
        return Optional.of(s.problem(TlsCode.TLS_111, Grade.DEFAULT, facts));
    }

}
