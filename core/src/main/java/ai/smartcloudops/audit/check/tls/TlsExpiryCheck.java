package ai.smartcloudops.audit.check.tls;

import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Grade;
import ai.smartcloudops.audit.text.Humanize;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    @Override
    List<Problem> inspect(TlsSnapshot snapshot, Instant now) {
        TlsProperties.Thresholds thresholds = certificates.thresholds();
        return snapshot.certificates().stream().flatMap(s -> validity(s, now, thresholds).stream()).toList();
    }

    private static Optional<Problem> validity(CertificateSighting s, Instant now, TlsProperties.Thresholds thresholds) {
        X509Certificate c = s.certificate;
        if (Certificates.selfSigned(c) && Certificates.isCa(c)) {
            return Optional.empty();    // a root: clients use their own copy
        }
        Instant notBefore = c.getNotBefore().toInstant();
        Instant notAfter = c.getNotAfter().toInstant();
        Map<String, Object> facts = s.facts();
        facts.put("notAfter", notAfter);
        if (!now.isBefore(notAfter)) {
            facts.put("ago", Humanize.duration(Duration.between(notAfter, now)));
            facts.put("live", s.live() ? "yes" : "no");
            facts.put("locations", s.locations());
            return Optional.of(s.problem(TlsCode.TLS_102, s.live() ? Grade.DEFAULT : TlsCode.NOT_SERVED, facts));
        }
        if (now.isBefore(notBefore)) {
            facts.remove("notAfter");
            facts.put("notBefore", notBefore);
            facts.put("ahead", Humanize.duration(Duration.between(now, notBefore)));
            facts.put("locations", s.locations());
            return Optional.of(s.problem(TlsCode.TLS_105, Grade.DEFAULT, facts));
        }
        Duration left = Duration.between(now, notAfter);
        Duration lifetime = Duration.between(notBefore, notAfter);
        facts.put("left", Humanize.duration(left));
        if (lifetime.compareTo(thresholds.expiringP3()) < 0) {
            // short-lived: the absolute thresholds would fire from birth, so only the share of its lifetime counts
            if (!thresholds.fractionLeft(left, lifetime)) {
                return Optional.empty();
            }
            facts.put("lifetime", Humanize.duration(lifetime));
            facts.put("fraction", thresholds.lifetimeFraction());
            facts.put("p3", Humanize.duration(thresholds.expiringP3()));
            facts.put("locations", s.locations());
            return Optional.of(s.problem(TlsCode.TLS_104, Grade.DEFAULT, facts));
        }
        String grade;
        if (left.compareTo(thresholds.expiringP1()) <= 0) {
            grade = TlsCode.WITHIN_P1;
        } else if (left.compareTo(thresholds.expiringP2()) <= 0) {
            grade = TlsCode.WITHIN_P2;
        } else if (left.compareTo(thresholds.expiringP3()) <= 0) {
            grade = Grade.DEFAULT;
        } else {
            return Optional.empty();
        }
        facts.put("p3", Humanize.duration(thresholds.expiringP3()));
        facts.put("p2", Humanize.duration(thresholds.expiringP2()));
        facts.put("p1", Humanize.duration(thresholds.expiringP1()));
        facts.put("locations", s.locations());
        return Optional.of(s.problem(TlsCode.TLS_103, grade, facts));
    }

}
