package ai.smartcloudops.audit.check.tls;

import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Resource;
import java.security.cert.X509Certificate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** One certificate and every place it was found in a run: what the per-certificate codes judge. */
final class CertificateSighting {

    static final String CERTIFICATE = "Certificate";

    final X509Certificate certificate;
    private final String sha256;
    private final List<LocatedChain> places;
    /** Another certificate found in this run has the same common name. */
    private final boolean ambiguous;

    CertificateSighting(X509Certificate certificate, List<LocatedChain> places, boolean ambiguous) {
        this.certificate = certificate;
        this.sha256 = Certificates.sha256(certificate);
        this.places = List.copyOf(places);
        this.ambiguous = ambiguous;
    }

    boolean live() {
        return places.stream().anyMatch(p -> p.location().live());
    }

    /** A trust anchor at some place it was found (then its own properties are the trust store's business). */
    boolean anchor() {
        return places.stream().anyMatch(p -> p.anchors().contains(certificate));
    }

    String commonName() {
        return Certificates.commonName(certificate);
    }

    /**
     * Named by its common name, so a finding keeps its identity from run to run while the same certificate is
     * deployed (a renewed one is judged afresh); the hash tells apart certificates that share a name.
     */
    Resource resource() {
        return new Resource(CERTIFICATE, null, ambiguous ? commonName() + " " + sha256.substring(0, 12)
                : commonName());
    }

    String locations() {
        return places.stream().map(p -> p.location().where()).distinct().collect(Collectors.joining(", "));
    }

    /** Where a finding points first: a place that serves it, else where it is stored, each by name. */
    Location first() {
        return places.stream().map(LocatedChain::location)
                .min(Comparator.comparing((Location l) -> !l.live()).thenComparing(Location::at)).orElseThrow();
    }

    /** The first place, and how many more there are; the Secret to replace: the first place's, else any. */
    Map<String, Object> names() {
        Location first = first();
        long more = places.stream().map(p -> p.location().at()).distinct().count() - 1;
        Location secret = first.secret() != null ? first : places.stream().map(LocatedChain::location)
                .filter(l -> l.secret() != null).findFirst().orElse(first);
        Map<String, Object> names = new LinkedHashMap<>(Places.names(secret));
        names.put("at", first.at() + (more == 0 ? "" : more == 1 ? " and 1 more place" : " and " + more
                + " more places"));
        return names;
    }

    /** subject and SHA-256 first, then where to look: the first endpoint it was served on, else its own name. */
    Map<String, Object> facts() {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("subject", Certificates.commonName(certificate));
        facts.put("sha256", sha256);
        Location.Address address = first().address();
        if (address == null) {
            String name = places.stream().map(p -> p.location().expectedHost()).filter(Objects::nonNull)
                    .findFirst().orElseGet(() -> Certificates.dnsNames(certificate).stream().findFirst()
                            .orElse(Certificates.commonName(certificate)));
            address = new Location.Address(name, 443, name);
        }
        facts.put("host", address.host());
        facts.put("port", address.port());
        facts.put("serverName", address.serverName());
        return facts;
    }

    /**
     * A problem of this certificate, whose title and remediation also name the place in a few words ({@code at})
     * and the Secret to replace.
     */
    Problem problem(TlsCode code, String grade, Map<String, Object> facts) {
        return Problem.graded(code, grade, resource(), facts).withValues(names());
    }
}
