package ai.smartcloudops.audit.check.tls;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Name;

/**
 * The TLS endpoints whose certificates are audited, and the thresholds every certificate is judged by, whatever
 * source it came from.
 *
 * @param endpoints        host:port endpoints probed with a TLS handshake; empty means none
 * @param thresholds       expiry, lifetime and key-size thresholds
 * @param connectTimeout   TCP connect to an endpoint
 * @param handshakeTimeout the TLS handshake once connected (also the socket's read timeout: a port that accepts
 *                         and never answers cannot stall the audit)
 * @param concurrency      endpoints probed at once (configured endpoints and Ingress hosts alike): a run takes
 *                         about one connect plus one handshake timeout while at most this many endpoints stall,
 *                         ceil(stalled / concurrency) timeouts beyond. 64 by default: a probe thread blocked on
 *                         a socket costs a little stack and a file descriptor, the handshakes' CPU is bounded by
 *                         the cores whatever the pool, so the pool is sized for dead endpoints, not for work
 * @param resolve          host name to "address:port" to connect to instead, like curl --resolve: an Ingress host
 *                         is reached through the load balancer's address (SNI and the expected name stay the host)
 * @param kubernetes       which certificate sources of the audited clusters are read
 * @param caBundle         optional PEM file of extra trust anchors for every source (an endpoint adds its own)
 */
@ConfigurationProperties("health-audit.tls")
public record TlsProperties(List<Endpoint> endpoints, Thresholds thresholds, Duration connectTimeout,
                            Duration handshakeTimeout, Integer concurrency, Map<String, String> resolve,
                            Kubernetes kubernetes, String caBundle) {

    static final String PREFIX = "health-audit.tls";

    public TlsProperties {
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
        thresholds = thresholds == null ? Thresholds.DEFAULTS : Thresholds.DEFAULTS.with(thresholds);
        connectTimeout = positive(connectTimeout, Duration.ofSeconds(5), "connect-timeout");
        handshakeTimeout = positive(handshakeTimeout, Duration.ofSeconds(10), "handshake-timeout");
        concurrency = concurrency == null ? 64 : concurrency;
        if (concurrency < 1) {
            throw new IllegalArgumentException(PREFIX + ".concurrency must be at least 1");
        }
        resolve = resolve == null ? Map.of() : Map.copyOf(resolve);
        resolve.forEach((host, address) -> {
            if (address == null || !address.matches("\\[?[0-9A-Za-z.:-]+]?:[0-9]{1,5}")
                    || port(address) < 1 || port(address) > 65535) {
                throw new IllegalArgumentException(PREFIX + ".resolve[" + host + "] must be address:port, e.g. "
                        + "10.0.1.5:443; got '" + address + "'");
            }
        });
        kubernetes = kubernetes == null ? new Kubernetes(null, null) : kubernetes;
        caBundle = bundle(caBundle, PREFIX + ".ca-bundle");
        long names = endpoints.stream().map(Endpoint::name).distinct().count();
        if (names != endpoints.size()) {
            throw new IllegalArgumentException(PREFIX + ".endpoints: endpoint names must be unique");
        }
    }

    /** The JDK's default roots plus the {@link #caBundle}. */
    TrustAnchors anchors() {
        return caBundle == null ? TrustAnchors.jdkDefault()
                : TrustAnchors.jdkDefault().with(Pem.certificates(Path.of(caBundle)));
    }

    /** A readable PEM file of at least one certificate, or null for none; {@code key} names it in errors. */
    private static String bundle(String caBundle, String key) {
        if (caBundle == null || caBundle.isBlank()) {
            return null;
        }
        Path path = Path.of(caBundle);
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new IllegalArgumentException(key + ": cannot read " + path);
        }
        try {
            if (Pem.certificates(path).isEmpty()) {
                throw new IllegalArgumentException(key + ": no certificate in " + path);
            }
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
        return caBundle;
    }

    /** Where to connect for {@code host} on {@code port}: its {@link #resolve} entry, else the host itself. */
    Location.Address address(String host, int port) {
        String override = resolve.get(host);
        if (override == null) {
            return new Location.Address(host, port, host);
        }
        int colon = override.lastIndexOf(':');
        String address = override.substring(0, colon).replaceAll("^\\[|]$", "");
        return new Location.Address(address, port(override), host);
    }

    private static int port(String address) {
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }

    /**
     * The certificate sources of every cluster configured under health-audit.kubernetes.clusters.
     *
     * @param ingresses probe the hosts of every Ingress TLS section (default true)
     * @param secrets   read tls.crt of every Secret of type kubernetes.io/tls in the application namespaces
     *                  (default true; needs get/list on secrets there, see k8s/cronjob/tls-secrets.yaml)
     */
    public record Kubernetes(Boolean ingresses, Boolean secrets) {

        public Kubernetes {
            ingresses = ingresses == null || ingresses;
            secrets = secrets == null || secrets;
        }
    }

    private static Duration positive(Duration value, Duration fallback, String key) {
        Duration result = value == null ? fallback : value;
        if (result.isNegative() || result.isZero()) {
            throw new IllegalArgumentException(PREFIX + "." + key + " must be positive");
        }
        return result;
    }

    /**
     * @param name         the name findings use for this endpoint
     * @param host         host name or address to connect to
     * @param port         port (443)
     * @param serverName   SNI name sent and the name the certificate must match (default: host)
     * @param caBundle     optional PEM file of extra trust anchors, besides the JDK's default trust store
     * @param publicFacing reached from the internet (default true): a self-signed certificate there is a finding
     */
    public record Endpoint(String name, String host, Integer port, String serverName, String caBundle,
                           @Name("public") Boolean publicFacing) {

        public Endpoint {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException(PREFIX + ".endpoints[].name is required");
            }
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException(PREFIX + ".endpoints[" + name + "].host is required");
            }
            port = port == null ? 443 : port;
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException(PREFIX + ".endpoints[" + name + "].port must be 1..65535");
            }
            serverName = serverName == null || serverName.isBlank() ? host : serverName;
            publicFacing = publicFacing == null || publicFacing;
            caBundle = bundle(caBundle, PREFIX + ".endpoints[" + name + "].ca-bundle");
        }

        /** host:port, as in openssl s_client -connect. */
        public String address() {
            return host + ":" + port;
        }
    }

    /**
     * Every field is optional: a null means "the default".
     *
     * @param expiringP3       a certificate with this long or less left is P3 ...
     * @param expiringP2       ... P2 ...
     * @param expiringP1       ... P1 (expired is P0 when served live)
     * @param lifetimeFraction a short-lived certificate (whole lifetime shorter than expiring-p3) with this share of
     *                         its lifetime or less left, as "1/3" or "0.25"
     * @param minRsaBits       RSA keys below this are weak
     * @param minEcBits        EC keys below this are weak
     */
    public record Thresholds(Duration expiringP3, Duration expiringP2, Duration expiringP1, String lifetimeFraction,
                             Integer minRsaBits, Integer minEcBits) {

        static final Thresholds DEFAULTS = new Thresholds(Duration.ofDays(28), Duration.ofDays(14),
                Duration.ofDays(7), "1/3", 2048, 256);

        public Thresholds {
            if (lifetimeFraction != null) {
                BigDecimal[] ratio = ratio(lifetimeFraction);
                if (ratio[0].signum() <= 0 || ratio[0].compareTo(ratio[1]) >= 0) {
                    throw new IllegalArgumentException(PREFIX + ".thresholds.lifetime-fraction must be between 0 "
                            + "and 1, e.g. 1/3 or 0.25; got '" + lifetimeFraction + "'");
                }
            }
        }

        Thresholds with(Thresholds override) {
            Thresholds t = new Thresholds(pick(override.expiringP3, expiringP3), pick(override.expiringP2, expiringP2),
                    pick(override.expiringP1, expiringP1), pick(override.lifetimeFraction, lifetimeFraction),
                    pick(override.minRsaBits, minRsaBits), pick(override.minEcBits, minEcBits));
            if (t.expiringP1.compareTo(t.expiringP2) > 0 || t.expiringP2.compareTo(t.expiringP3) > 0) {
                throw new IllegalArgumentException(PREFIX + ".thresholds: expiring-p1 <= expiring-p2 <= expiring-p3 "
                        + "is required");
            }
            return t;
        }

        /** Whether {@code left} of a {@code lifetime} is at most the lifetime fraction. */
        boolean fractionLeft(Duration left, Duration lifetime) {
            BigDecimal[] ratio = ratio(lifetimeFraction);
            return BigDecimal.valueOf(left.toMillis()).multiply(ratio[1])
                    .compareTo(BigDecimal.valueOf(lifetime.toMillis()).multiply(ratio[0])) <= 0;
        }

        /** numerator, denominator. */
        private static BigDecimal[] ratio(String fraction) {
            try {
                String[] parts = fraction.trim().split("/");
                if (parts.length == 2) {
                    return new BigDecimal[] {new BigDecimal(parts[0].trim()), new BigDecimal(parts[1].trim())};
                }
                if (parts.length == 1) {
                    return new BigDecimal[] {new BigDecimal(parts[0]), BigDecimal.ONE};
                }
            } catch (NumberFormatException e) {
                // below
            }
            throw new IllegalArgumentException(PREFIX + ".thresholds.lifetime-fraction must be a fraction such as "
                    + "1/3 or 0.25; got '" + fraction + "'");
        }

        private static <T> T pick(T override, T base) {
            return override != null ? override : base;
        }
    }
}
