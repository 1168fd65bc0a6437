package ai.smartcloudops.audit.check.app;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The application's health URLs (the guide's /api/health), grouped by service, and how they are probed.
 * One GET per URL and run, no retries: a retry would multiply the wall time a blackholed endpoint costs, and an
 * endpoint that flaps shows up run after run anyway.
 *
 * @param services       one entry per service; empty means no application audit
 * @param connectTimeout the TCP connect timeout of every probe (a service may override it)
 * @param readTimeout    how long a probe waits for the response headers once connected, TLS handshake included
 * @param concurrency    URLs probed at once, over every service. A run takes about one connect-timeout +
 *                       read-timeout as long as no more than this many URLs stall at once (64 by default: a thread
 *                       waiting on a socket costs little, a second timeout for every stalled URL beyond it costs
 *                       the whole run)
 */
@ConfigurationProperties("health-audit.app")
public record AppProperties(List<Service> services, Duration connectTimeout, Duration readTimeout,
                            Integer concurrency) {

    static final String PREFIX = "health-audit.app";

    public AppProperties {
        services = services == null ? List.of() : List.copyOf(services);
        connectTimeout = positive(connectTimeout, Duration.ofSeconds(3), PREFIX + ".connect-timeout");
        readTimeout = positive(readTimeout, Duration.ofSeconds(5), PREFIX + ".read-timeout");
        concurrency = concurrency == null ? 64 : concurrency;
        if (concurrency < 1) {
            throw new IllegalArgumentException(PREFIX + ".concurrency must be at least 1");
        }
        List<String> names = services.stream().map(Service::name).toList();
        names.stream().filter(n -> names.indexOf(n) != names.lastIndexOf(n)).findFirst().ifPresent(n -> {
            throw new IllegalArgumentException(PREFIX + ".services: service names must be unique (" + n + ")");
        });
    }

    /** The connect timeout of a service's probes: its own, else the default. */
    public Duration connectTimeoutOf(Service service) {
        return service.connectTimeout() != null ? service.connectTimeout() : connectTimeout;
    }

    public Duration readTimeoutOf(Service service) {
        return service.readTimeout() != null ? service.readTimeout() : readTimeout;
    }

    /**
     * @param name           the service (and its Deployment, in remediation commands); findings name it
     * @param namespace      the Kubernetes namespace of the Deployment (smartcloudops)
     * @param urls           the service's health URLs by a name of each (replica-1, ingress, ...): findings name a
     *                       URL as {@code <service>/<url name>}, so its identity survives a changed port or host
     * @param expectedStatus the HTTP status a healthy URL answers (200); redirects are not followed
     * @param latency        time to the response headers above which a URL is slow (the guide's 2 s)
     * @param connectTimeout this service's connect timeout, if not the default
     * @param readTimeout    this service's read timeout, if not the default
     */
    public record Service(String name, String namespace, Map<String, String> urls, Integer expectedStatus,
                          Duration latency, Duration connectTimeout, Duration readTimeout) {

        public Service {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException(PREFIX + ".services[].name is required");
            }
            String key = PREFIX + ".services[" + name + "]";
            namespace = namespace == null || namespace.isBlank() ? "smartcloudops" : namespace;
            if (urls == null || urls.isEmpty()) {
                throw new IllegalArgumentException(key + ".urls must name at least one URL");
            }
            urls.forEach((urlName, url) -> {
                if (!isHttp(url)) {   // the URL itself is not repeated: it may carry a token
                    throw new IllegalArgumentException(key + ".urls[" + urlName + "] must be an http or https URL");
                }
            });
            urls = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(urls));
            expectedStatus = expectedStatus == null ? 200 : expectedStatus;
            if (expectedStatus < 100 || expectedStatus > 599) {
                throw new IllegalArgumentException(key + ".expected-status must be 100..599");
            }
            latency = positive(latency, Duration.ofSeconds(2), key + ".latency");
            connectTimeout = connectTimeout == null ? null : positive(connectTimeout, null, key + ".connect-timeout");
            readTimeout = readTimeout == null ? null : positive(readTimeout, null, key + ".read-timeout");
        }
    }

    static boolean isHttp(String url) {
        if (url == null || url.isBlank()) {
            return false;
        }
        try {
            URI uri = new URI(url.trim());
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static Duration positive(Duration value, Duration fallback, String key) {
        Duration d = value == null ? fallback : value;
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(key + " must be positive");
        }
        return d;
    }
}
