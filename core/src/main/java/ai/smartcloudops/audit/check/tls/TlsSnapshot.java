package ai.smartcloudops.audit.check.tls;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the TLS checks of a run inspect, collected once by {@link TlsCertificates}: every place's chain (or why the
 * place could not be read), and every certificate found with all the places it was found at.
 */
record TlsSnapshot(List<LocatedChain> chains, List<CertificateSighting> certificates) {

    TlsSnapshot {
        chains = List.copyOf(chains);
        certificates = List.copyOf(certificates);
    }

    /** The certificates grouped by SHA-256 over every readable place, each told whether another shares its name. */
    static TlsSnapshot of(List<LocatedChain> chains) {
        Map<String, X509Certificate> bySha = new LinkedHashMap<>();
        Map<String, List<LocatedChain>> places = new LinkedHashMap<>();
        for (LocatedChain located : chains) {
            if (located.readable()) {
                for (X509Certificate certificate : located.chain()) {
                    String sha = Certificates.sha256(certificate);
                    bySha.putIfAbsent(sha, certificate);
                    places.computeIfAbsent(sha, k -> new ArrayList<>()).add(located);
                }
            }
        }
        Map<String, Long> byName = bySha.values().stream()
                .collect(Collectors.groupingBy(Certificates::commonName, Collectors.counting()));
        return new TlsSnapshot(chains, bySha.entrySet().stream().map(e -> new CertificateSighting(e.getValue(),
                places.get(e.getKey()), byName.get(Certificates.commonName(e.getValue())) > 1)).toList());
    }

    /** The places that were read, each with its chain. */
    List<LocatedChain> readable() {
        return chains.stream().filter(LocatedChain::readable).toList();
    }
}
