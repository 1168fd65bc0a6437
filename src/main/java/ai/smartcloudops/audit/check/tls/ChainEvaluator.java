package ai.smartcloudops.audit.check.tls;

import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.check.Template;
import ai.smartcloudops.audit.finding.Grade;
import ai.smartcloudops.audit.finding.Resource;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one evaluation of X.509 chains, whatever source found them: located chains in, problems out. Per
 * certificate (grouped by SHA-256 over every location): expired, expiring, short-lived, not yet valid, weak key,
 * weak signature. Per location: handshake failure, hostname mismatch, self-signed leaf on a public endpoint,
 * incomplete chain, untrusted chain — the last three only where the chain is served ({@link Location#live()}).
 */
public final class ChainEvaluator {

    static final String CERTIFICATE = "Certificate";

    private final TlsProperties.Thresholds thresholds;

    public ChainEvaluator(TlsProperties.Thresholds thresholds) {
        this.thresholds = thresholds;
    }

    public List<Problem> evaluate(List<LocatedChain> chains, Instant now) {
        List<Problem> problems = new ArrayList<>();
        Map<String, Sighting> certificates = new LinkedHashMap<>();
        for (LocatedChain located : chains) {
            if (!located.readable()) {
                Map<String, Object> facts = new LinkedHashMap<>();
                facts.put("reason", located.failure());
                facts.putAll(located.facts());
                problems.add(placeProblem(located.failureCode(), located, null, facts));
                continue;
            }
            hostname(located).ifPresent(problems::add);
            if (located.location().live()) {
                // trust is the client's view of a served chain; a stored one (a Secret) is judged for expiry and
                // strength only: what an ingress controller serves from it is seen live through its Ingress host
                trust(located, now).ifPresent(problems::add);
            }
            for (X509Certificate certificate : located.chain()) {
                certificates.computeIfAbsent(Certificates.sha256(certificate), sha -> new Sighting(certificate, sha))
                        .seen(located);
            }
        }
        Map<String, Long> byName = certificates.values().stream()
                .collect(Collectors.groupingBy(Sighting::commonName, Collectors.counting()));
        for (Sighting sighting : certificates.values()) {
            sighting.ambiguous = byName.get(sighting.commonName()) > 1;
            validity(sighting, now).ifPresent(problems::add);
            weakKey(sighting).ifPresent(problems::add);
            weakSignature(sighting).ifPresent(problems::add);
        }
        return problems;
    }

    /** One certificate and every place it was found. */
    private static final class Sighting {
        private final X509Certificate certificate;
        private final String sha256;
        private final List<LocatedChain> places = new ArrayList<>();
        /** Another certificate found in this run has the same common name. */
        private boolean ambiguous;

        private Sighting(X509Certificate certificate, String sha256) {
            this.certificate = certificate;
            this.sha256 = sha256;
        }

        private void seen(LocatedChain located) {
            places.add(located);
        }

        private boolean live() {
            return places.stream().anyMatch(p -> p.location().live());
        }

        /** A trust anchor at some place it was found (then its own properties are the trust store's business). */
        private boolean anchor() {
            return places.stream().anyMatch(p -> p.anchors().contains(certificate));
        }

        private String commonName() {
            return Certificates.commonName(certificate);
        }

        /**
         * Named by its common name, so a finding keeps its identity from run to run while the same certificate is
         * deployed (a renewed one is judged afresh); the hash tells apart certificates that share a name.
         */
        private Resource resource() {
            return new Resource(CERTIFICATE, null, ambiguous ? commonName() + " " + sha256.substring(0, 12)
                    : commonName());
        }

        private String locations() {
            return places.stream().map(p -> p.location().where()).distinct().collect(Collectors.joining(", "));
        }

        /** Where a finding points first: a place that serves it, else where it is stored, each by name. */
        private Location first() {
            return places.stream().map(LocatedChain::location)
                    .min(Comparator.comparing((Location l) -> !l.live()).thenComparing(Location::at)).orElseThrow();
        }

        /** The first place, and how many more there are; the Secret to replace: the first place's, else any. */
        private Map<String, Object> names() {
            Location first = first();
            long more = places.stream().map(p -> p.location().at()).distinct().count() - 1;
            Location secret = first.secret() != null ? first : places.stream().map(LocatedChain::location)
                    .filter(l -> l.secret() != null).findFirst().orElse(first);
            Map<String, Object> names = new LinkedHashMap<>(ChainEvaluator.names(secret));
            names.put("at", first.at() + (more == 0 ? "" : more == 1 ? " and 1 more place" : " and " + more
                    + " more places"));
            return names;
        }
    }

    // ---- per certificate -------------------------------------------------------------------------------------

    private Optional<Problem> validity(Sighting s, Instant now) {
        X509Certificate c = s.certificate;
        if (Certificates.selfSigned(c) && Certificates.isCa(c)) {
            return Optional.empty();    // a root: clients use their own copy
        }
        Instant notBefore = c.getNotBefore().toInstant();
        Instant notAfter = c.getNotAfter().toInstant();
        Map<String, Object> facts = certificateFacts(s);
        facts.put("notAfter", notAfter);
        if (!now.isBefore(notAfter)) {
            facts.put("ago", human(Duration.between(notAfter, now)));
            facts.put("live", s.live() ? "yes" : "no");
            facts.put("locations", s.locations());
            return problem(TlsCode.TLS_102, s.live() ? Grade.DEFAULT : TlsCode.NOT_SERVED, s, facts);
        }
        if (now.isBefore(notBefore)) {
            facts.remove("notAfter");
            facts.put("notBefore", notBefore);
            facts.put("ahead", human(Duration.between(now, notBefore)));
            facts.put("locations", s.locations());
            return problem(TlsCode.TLS_105, Grade.DEFAULT, s, facts);
        }
        Duration left = Duration.between(now, notAfter);
        Duration lifetime = Duration.between(notBefore, notAfter);
        facts.put("left", human(left));
        if (lifetime.compareTo(thresholds.expiringP3()) < 0) {
            // short-lived: the absolute thresholds would fire from birth, so only the share of its lifetime counts
            if (!thresholds.fractionLeft(left, lifetime)) {
                return Optional.empty();
            }
            facts.put("lifetime", human(lifetime));
            facts.put("fraction", thresholds.lifetimeFraction());
            facts.put("p3", human(thresholds.expiringP3()));
            facts.put("locations", s.locations());
            return problem(TlsCode.TLS_104, Grade.DEFAULT, s, facts);
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
        facts.put("p3", human(thresholds.expiringP3()));
        facts.put("p2", human(thresholds.expiringP2()));
        facts.put("p1", human(thresholds.expiringP1()));
        facts.put("locations", s.locations());
        return problem(TlsCode.TLS_103, grade, s, facts);
    }

    private Optional<Problem> weakKey(Sighting s) {
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
        Map<String, Object> facts = certificateFacts(s);
        facts.put("keyType", type);
        facts.put("bits", bits);
        facts.put("minimum", minimum);
        facts.put("locations", s.locations());
        return problem(TlsCode.TLS_110, Grade.DEFAULT, s, facts);
    }

    private Optional<Problem> weakSignature(Sighting s) {
        if (s.anchor() && Certificates.selfSigned(s.certificate)) {
            return Optional.empty();    // nobody verifies a trust anchor's signature on itself
        }
        String algorithm = s.certificate.getSigAlgName();
        String upper = algorithm.toUpperCase(Locale.ROOT);
        if (!upper.startsWith("SHA1") && !upper.startsWith("MD5") && !upper.startsWith("MD2")) {
            return Optional.empty();
        }
        Map<String, Object> facts = certificateFacts(s);
        facts.put("algorithm", algorithm);
        facts.put("issuer", Certificates.commonName(Certificates.issuerName(s.certificate)));
        facts.put("locations", s.locations());
        return problem(TlsCode.TLS_111, Grade.DEFAULT, s, facts);
    }

    /**
     * One finding to raise, whose title and remediation also name the place in a few words ({@code at}) and the
     * Secret to replace.
     */
    private static Optional<Problem> problem(TlsCode code, String grade, Sighting s, Map<String, Object> facts) {
        return Optional.of(Problem.graded(code, grade, s.resource(), facts).withValues(s.names()));
    }

    /**
     * The place as a title names it, and the Secret a remediation replaces: the one the place holds or is served
     * from, else shell variables the operator sets, as the remediation's comment says.
     */
    private static Map<String, Object> names(Location location) {
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

    /** subject and SHA-256 first, then where to look: the first endpoint it was served on, else its own name. */
    private static Map<String, Object> certificateFacts(Sighting s) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("subject", Certificates.commonName(s.certificate));
        facts.put("sha256", s.sha256);
        Location.Address address = s.first().address();
        if (address == null) {
            String name = s.places.stream().map(p -> p.location().expectedHost()).filter(Objects::nonNull)
                    .findFirst().orElseGet(() -> dnsNames(s.certificate).stream().findFirst()
                            .orElse(Certificates.commonName(s.certificate)));
            address = new Location.Address(name, 443, name);
        }
        facts.put("host", address.host());
        facts.put("port", address.port());
        facts.put("serverName", address.serverName());
        return facts;
    }

    // ---- per location ----------------------------------------------------------------------------------------

    private static Optional<Problem> hostname(LocatedChain located) {
        String expected = located.location().expectedHost();
        if (expected == null || matches(located.leaf(), expected)) {
            return Optional.empty();
        }
        List<String> names = dnsNames(located.leaf());
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("expected", expected);
        facts.put("subject", Certificates.commonName(located.leaf()));
        facts.put("names", names.isEmpty() ? "CN " + Certificates.commonName(located.leaf()) : String.join(", ", names));
        return Optional.of(placeProblem(TlsCode.TLS_106, located, located.leaf(), facts));
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
                return Optional.of(placeProblem(TlsCode.TLS_109, located, leaf, facts));
            }
            facts.put("reason", "the certificate " + Certificates.commonName(leaf)
                    + " is self-signed and not a trust anchor");
            facts.put("served", served(chain));
            return Optional.of(placeProblem(TlsCode.TLS_107, located, leaf, facts));
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
            return Optional.of(placeProblem(TlsCode.TLS_108, located, leaf, facts));
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
        return Optional.of(placeProblem(TlsCode.TLS_107, located, leaf, facts));
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

    /** A problem of one place: its facts and names. */
    private static Problem placeProblem(TlsCode code, LocatedChain located, X509Certificate leaf,
                                        Map<String, Object> facts) {
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
                    : dnsNames(leaf).stream().findFirst().orElse(Certificates.commonName(leaf));
            address = new Location.Address(name, 443, name);
        }
        facts.put("host", address.host());
        facts.put("port", address.port());
        facts.put("serverName", address.serverName());
        return facts;
    }

    // ---- hostnames -------------------------------------------------------------------------------------------

    /**
     * Whether {@code leaf} is valid for {@code host}: its subjectAltName DNS names (or IP addresses, for an address),
     * a wildcard standing for exactly one whole left-most label and never for a bare public suffix such as
     * {@code *.com}; the subject's CN only when there is no subjectAltName at all.
     */
    static boolean matches(X509Certificate leaf, String host) {
        String wanted = normalise(host);
        if (isAddress(wanted)) {
            return ipAddresses(leaf).stream().anyMatch(ip -> sameAddress(ip, wanted));
        }
        List<String> names = dnsNames(leaf);
        if (names.isEmpty() && ipAddresses(leaf).isEmpty()) {
            names = List.of(Certificates.commonName(leaf));
        }
        return names.stream().map(ChainEvaluator::normalise).anyMatch(pattern -> matchesName(pattern, wanted));
    }

    static boolean matchesName(String pattern, String host) {
        if (pattern.equals(host)) {
            return true;
        }
        if (!pattern.startsWith("*.")) {
            return false;
        }
        String parent = pattern.substring(2);
        if (!parent.contains(".") || parent.contains("*")) {
            return false;
        }
        int dot = host.indexOf('.');
        return dot > 0 && host.substring(dot + 1).equals(parent);
    }

    private static String normalise(String name) {
        String lower = name.trim().toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    private static boolean isAddress(String host) {
        return host.matches("[0-9.]+") || host.contains(":");
    }

    private static boolean sameAddress(String a, String b) {
        try {
            return InetAddress.getByName(a).equals(InetAddress.getByName(b));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    static List<String> dnsNames(X509Certificate certificate) {
        return altNames(certificate, 2);
    }

    private static List<String> ipAddresses(X509Certificate certificate) {
        return altNames(certificate, 7);
    }

    private static List<String> altNames(X509Certificate certificate, int type) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            if (names == null) {
                return List.of();
            }
            Set<String> values = new LinkedHashSet<>();
            for (List<?> name : names) {
                if (name.size() >= 2 && Integer.valueOf(type).equals(name.get(0)) && name.get(1) instanceof String s) {
                    values.add(s);
                }
            }
            return List.copyOf(values);
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }

    /** "5 days", "12 hours", "40 minutes": the largest whole unit, or days with hours under a week. */
    static String human(Duration duration) {
        long seconds = Math.abs(duration.toSeconds());
        long days = seconds / 86_400;
        long hours = (seconds % 86_400) / 3_600;
        if (days >= 7) {
            return days + " days";
        }
        if (days >= 1) {
            return days + (days == 1 ? " day" : " days") + (hours > 0 ? " " + hours + "h" : "");
        }
        if (hours >= 1) {
            return hours + (hours == 1 ? " hour" : " hours");
        }
        long minutes = Math.max(1, seconds / 60);
        return minutes + (minutes == 1 ? " minute" : " minutes");
    }
}
