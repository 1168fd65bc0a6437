package ai.smartcloudops.audit.check.tls;

import ai.smartcloudops.audit.check.Problem;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.psl.PublicSuffixMatcher;
import org.apache.hc.client5.http.psl.PublicSuffixMatcherLoader;
import org.apache.hc.client5.http.ssl.DefaultHostnameVerifier;
import org.apache.hc.core5.net.InetAddressUtils;
import org.springframework.stereotype.Component;

/**
 * TLS-106: the leaf served at a location does not match the name clients use. The match is httpclient5's
 * {@link DefaultHostnameVerifier} with the public suffix list (subjectAltName DNS names, or IP addresses for an
 * address; the CN only without subjectAltName), and a wildcard never stands over a public suffix: {@code *.co.uk}
 * matches no host, as {@code *.com} does not.
 */
@Component
public class TlsHostnameCheck extends TlsCheck {

    static final String ID = "tls.hostname";
    private static final PublicSuffixMatcher SUFFIXES = PublicSuffixMatcherLoader.getDefault();
    private static final DefaultHostnameVerifier VERIFIER = new DefaultHostnameVerifier(SUFFIXES);

    public TlsHostnameCheck(TlsCertificates certificates) {
        super(ID, certificates);
    }

    @Override
    List<Problem> inspect(TlsSnapshot snapshot, Instant now) {
        return snapshot.readable().stream().flatMap(located -> hostname(located).stream()).toList();
    }

    /** Whether {@code leaf} is valid for {@code host}, a name as clients write it (any case, a trailing dot). */
    static boolean matches(X509Certificate leaf, String host) {
        String name = normalise(host);
        try {
            VERIFIER.verify(name, leaf);
        } catch (SSLException e) {
            return false;
        }
        List<String> names = Certificates.dnsNames(leaf);
        List<String> identities = (names.isEmpty() ? List.of(Certificates.commonName(leaf)) : names).stream()
                .map(TlsHostnameCheck::normalise).toList();
        if (InetAddressUtils.isIPv4(name) || InetAddressUtils.isIPv6(name) || identities.contains(name)) {
            return true;
        }
        // httpclient lets a wildcard stand over a bare public suffix (*.co.uk, *.ai), which no browser accepts: the
        // match must rest on a wildcard over a registrable domain
        return identities.stream().filter(n -> n.indexOf('*') >= 0 && n.indexOf('*') < n.indexOf('.'))
                .map(n -> n.substring(n.indexOf('.') + 1))
                .anyMatch(parent -> name.endsWith("." + parent) && SUFFIXES.getDomainRoot(parent) != null);
    }

    private static String normalise(String name) {
        String lower = name.trim().toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    private static Optional<Problem> hostname(LocatedChain located) {
        String expected = located.location().expectedHost();
        if (expected == null || matches(located.leaf(), expected)) {
            return Optional.empty();
        }
        List<String> names = Certificates.dnsNames(located.leaf());
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("expected", expected);
        facts.put("subject", Certificates.commonName(located.leaf()));
        facts.put("names", names.isEmpty() ? "CN " + Certificates.commonName(located.leaf()) : String.join(", ", names));
        return Optional.of(Places.problem(TlsCode.TLS_106, located, located.leaf(), facts));
    }
}
