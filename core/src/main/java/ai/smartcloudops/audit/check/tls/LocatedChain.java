package ai.smartcloudops.audit.check.tls;

import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A chain as one place serves or holds it (leaf first, exactly as found), with the anchors it must end in — or,
 * when the place could not be read, why: that becomes a finding of {@code failureCode} on the location.
 *
 * @param location    where
 * @param chain       leaf first; empty when the place could not be read
 * @param anchors     the JDK's default roots plus the location's own CA bundle
 * @param failureCode the code of a place that could not be read (TLS-101 for a failed handshake), else null
 * @param failure     why it could not be read, one line, else null
 * @param facts       more facts of the failure's finding (names only, never data read from the place)
 */
public record LocatedChain(Location location, List<X509Certificate> chain, TrustAnchors anchors,
                           TlsCode failureCode, String failure, Map<String, String> facts) {

    public LocatedChain {
        Objects.requireNonNull(location, "location");
        chain = List.copyOf(chain);
        facts = facts == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(facts));
        if (failureCode == null) {
            Objects.requireNonNull(anchors, "anchors");
            if (chain.isEmpty()) {
                throw new IllegalArgumentException(location.where() + ": an empty chain needs a failure");
            }
        } else {
            Objects.requireNonNull(failure, "failure");
        }
    }

    public static LocatedChain found(Location location, List<X509Certificate> chain, TrustAnchors anchors) {
        return new LocatedChain(location, chain, anchors, null, null, null);
    }

    public static LocatedChain failed(Location location, TlsCode code, String reason) {
        return failed(location, code, reason, Map.of());
    }

    /** A place that could not be read, with facts the code's templates need besides where and why. */
    public static LocatedChain failed(Location location, TlsCode code, String reason, Map<String, String> facts) {
        return new LocatedChain(location, List.of(), null, code, reason.replaceAll("\\s+", " ").trim(), facts);
    }

    public boolean readable() {
        return failureCode == null;
    }

    public X509Certificate leaf() {
        return chain.get(0);
    }
}
