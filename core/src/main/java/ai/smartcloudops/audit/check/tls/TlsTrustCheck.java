package ai.smartcloudops.audit.check.tls;

import ai.smartcloudops.audit.check.Problem;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
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

    /**
     * Trust is the client's view of a served chain: a stored one (a Secret) is judged for expiry and strength only,
     * and what an ingress controller serves from it is seen live through its Ingress host.
     */
    @Override
    List<Problem> inspect(TlsSnapshot snapshot, Instant now) {
        return snapshot.readable().stream().filter(located -> located.location().live())
                .flatMap(located -> trust(located, now).stream()).toList();
    }

    private static Optional<Problem> trust(LocatedChain located, Instant now) {
        List<X509Certificate> chain = located.chain();
        TrustAnchors anchors = located.anchors();
        X509Certificate leaf = located.leaf();
        Map<String, Object> facts = new LinkedHashMap<>();
        if (Certificates.selfSigned(leaf)) {
            if (anchors.contains(leaf)) {
                return Optional.empty();
            }
            if (located.location().publicFacing()) {
                facts.put("subject", Certificates.commonName(leaf));
                return Optional.of(Places.problem(TlsCode.TLS_109, located, leaf, facts));
            }
            facts.put("reason", "the certificate " + Certificates.commonName(leaf)
                    + " is self-signed and not a trust anchor");
            facts.put("served", served(chain));
            return Optional.of(Places.problem(TlsCode.TLS_107, located, leaf, facts));
        }
        X509Certificate last = chain.get(chain.size() - 1);
        boolean endsInRoot = chain.size() > 1 && Certificates.selfSigned(last);
        List<X509Certificate> path = endsInRoot ? chain.subList(0, chain.size() - 1) : chain;
        String failure = pkix(path, anchors, now);
        if (failure == null) {
            return Optional.empty();
        }
        boolean consistent = consistent(chain);
        X509Certificate top = path.get(path.size() - 1);
        if (!endsInRoot && consistent && !anchors.issues(top)) {
            facts.put("missing", Certificates.commonName(top.getIssuerX500Principal().getName()));
            facts.put("served", served(chain));
            return Optional.of(Places.problem(TlsCode.TLS_108, located, leaf, facts));
        }
        String reason;
        if (endsInRoot && !anchors.contains(last)) {
            reason = "it ends in the self-signed root " + Certificates.commonName(last) + ", which is not a trust "
                    + "anchor";
        } else if (!consistent) {
            reason = "the served certificates do not form a chain, each issued by the next";
        } else {
            reason = "PKIX validation failed: " + failure;
        }
        facts.put("reason", reason);
        facts.put("served", served(chain));
        return Optional.of(Places.problem(TlsCode.TLS_107, located, leaf, facts));
    }

    /**
     * PKIX validation of {@code path} (leaf first, root left out) against {@code anchors}; null when it validates.
     * Validity is the expiry codes' business: an expired or not-yet-valid chain is validated at a moment when all
     * its certificates were valid, so expiry does not also read as "not trusted".
     */
    static String pkix(List<X509Certificate> path, TrustAnchors anchors, Instant now) {
        try {
            PKIXParameters parameters = new PKIXParameters(anchors.pkix());
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(validationDate(path, now)));
            CertPathValidator.getInstance("PKIX").validate(
                    CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
            return null;
        } catch (CertPathValidatorException e) {
            return e.getMessage();
        } catch (GeneralSecurityException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private static Instant validationDate(Collection<X509Certificate> path, Instant now) {
        Instant latestStart = path.stream().map(c -> c.getNotBefore().toInstant()).max(Comparator.naturalOrder())
                .orElse(now);
        Instant earliestEnd = path.stream().map(c -> c.getNotAfter().toInstant()).min(Comparator.naturalOrder())
                .orElse(now);
        if (!now.isBefore(latestStart) && now.isBefore(earliestEnd)) {
            return now;
        }
        return latestStart.isBefore(earliestEnd) ? latestStart.plusMillis(1) : now;
    }

    /** Each certificate is issued, and signed, by the next one. */
    private static boolean consistent(List<X509Certificate> chain) {
        for (int i = 0; i + 1 < chain.size(); i++) {
            X509Certificate child = chain.get(i);
            X509Certificate parent = chain.get(i + 1);
            if (!child.getIssuerX500Principal().equals(parent.getSubjectX500Principal())
                    || !Certificates.signedBy(child, parent.getPublicKey())) {
                return false;
            }
        }
        return true;
    }

    private static String served(List<X509Certificate> chain) {
        return chain.stream().map(Certificates::commonName).collect(Collectors.joining(" > "));
    }

}
