package ai.smartcloudops.audit.check.tls;

import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.check.Template;
import ai.smartcloudops.audit.finding.Resource;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the per-place codes say about a place: where it is, the endpoint to look at, the Secret to replace. */
final class Places {

    private Places() {
    }

    /** A problem of one place: its facts and names. */
    static Problem problem(TlsCode code, LocatedChain located, X509Certificate leaf, Map<String, Object> facts) {
        return Problem.of(code, located.location().resource(), locationFacts(located.location(), leaf, facts))
                .withValues(names(located.location()));
    }

    private static Map<String, Object> locationFacts(Location location, X509Certificate leaf,
                                                     Map<String, Object> specific) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("where", location.where());
        facts.putAll(specific);
        Location.Address address = location.address();
        if (address == null && location.expectedHost() == null && leaf == null) {
            return facts;   // a place not read (a Secret, a cluster): no endpoint to name
        }
        if (address == null) {
            String name = location.expectedHost() != null ? location.expectedHost()
                    : Certificates.dnsNames(leaf).stream().findFirst().orElse(Certificates.commonName(leaf));
            address = new Location.Address(name, 443, name);
        }
        facts.put("host", address.host());
        facts.put("port", address.port());
        facts.put("serverName", address.serverName());
        return facts;
    }

    /**
     * The place as a title names it, and the Secret a remediation replaces: the one the place holds or is served
     * from, else shell variables the operator sets, as the remediation's comment says.
     */
    static Map<String, Object> names(Location location) {
        Map<String, Object> names = new LinkedHashMap<>();
        names.put("at", location.at());
        Resource secret = location.secret();
        if (secret != null) {
            names.put("secret", secret.name());
            names.put("secretNamespace", secret.namespace());
            names.put("secretNote", "replace Secret " + secret.namespace() + "/" + secret.name() + ", which holds it");
        } else {
            names.put("secret", new Template.Variable("TLS_SECRET"));
            names.put("secretNamespace", new Template.Variable("TLS_NAMESPACE"));
            names.put("secretNote", "TLS_SECRET, TLS_NAMESPACE: the Secret that " + location.at() + " serves it "
                    + "from, if any (the audit read none)");
        }
        return names;
    }
}
