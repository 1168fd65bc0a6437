package ai.smartcloudops.audit.check.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.RunScope;
import ai.smartcloudops.audit.check.Target;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/**
 * The APP checks judged on snapshots of probes as {@link HttpProbe} records them, no server: what a hostile server can
 * put into them (an error text with markup, NUL and line breaks; a URL path with quotes and a command substitution;
 * an answer that took a century) and URL names a configuration may hold.
 */
class AppInspectionTest {

    private static final Instant NOW = Instant.parse("2026-12-06T02:30:00Z");
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final String EVIL_PATH = "https://api.internal/h'$(id)'?t=****";
    private static final String FAILURE = "Invalid Http response <script>alert(1)</script>\u0000\r\n=HYPERLINK(\"x\")";

    /** A service of {@code urls} (names in order) with a latency threshold of 2 s. */
    private static AppProperties.Service service(String... urlNames) {
        Map<String, String> urls = new LinkedHashMap<>();
        for (String name : urlNames) {
            urls.put(name, "https://api.internal/" + urls.size());
        }
        return new AppProperties.Service("api", "shop", urls, 200, Duration.ofSeconds(2), null, null);
    }

    private static Probe probe(AppProperties.Service service, String urlName, String shown, Probe.Outcome outcome,
                               int status, Duration latency, String failure) {
        AppTargets.Endpoint endpoint = new AppTargets.Endpoint(service.name(), urlName, service.urls().get(urlName),
                service.expectedStatus(), service.latency(), TIMEOUT, TIMEOUT);
        return new Probe(endpoint, shown, outcome, status, latency, failure);
    }

    private static List<Finding> inspect(AppCheck check, AppSnapshot snapshot) {
        CheckContext context = new CheckContext(RunScope.first(1L, NOW), check.id(),
                new Target(snapshot.service().name(), AppTargets.KIND), Set.of(check.id()));
        return check.inspect(context, snapshot).stream().map(context::finding).toList();
    }

    private static List<Tuple> described(List<Finding> findings) {
        return findings.stream().map(f -> tuple(f.code().code(), f.severity(), f.resource(), f.title())).toList();
    }

    private static AppTargets targets(AppProperties.Service service) {
        return new AppTargets(new AppProperties(List.of(service), TIMEOUT, TIMEOUT, null));
    }

    @Test
    void aUrlDownWithAHostileErrorAmongUpOnesIsApp101WithTheTextCleanedAndTheUrlOneQuotedWord() {
        AppProperties.Service service = service("replica-1", "<script>", "=HYPERLINK(\"x\")");
        AppSnapshot snapshot = new AppSnapshot(service, List.of(
                probe(service, "replica-1", "https://api.internal/0", Probe.Outcome.UP, 200, Duration.ofMillis(40),
                        null),
                probe(service, "<script>", EVIL_PATH, Probe.Outcome.ERROR, 0, Duration.ofMillis(12), FAILURE),
                probe(service, "=HYPERLINK(\"x\")", "https://api.internal/2", Probe.Outcome.UNEXPECTED_STATUS, 503,
                        Duration.ofMillis(7), "HTTP 503, expected 200")));

        List<Finding> findings = inspect(new AvailabilityCheck(targets(service)), snapshot);

        String cleaned = "Invalid Http response <script>alert(1)</script>\uFFFD\r\n=HYPERLINK(\"x\")";
        assertThat(described(findings)).containsExactly(
                tuple("APP-101", Severity.P1, new Resource("URL", null, "api/<script>"),
                        "api/<script> is down: " + cleaned),
                tuple("APP-101", Severity.P1, new Resource("URL", null, "api/=HYPERLINK(\"x\")"),
                        "api/=HYPERLINK(\"x\") is down: HTTP 503, expected 200"));
        assertThat(findings.get(0).detail()).isEqualTo("GET " + EVIL_PATH + " failed after 12ms: " + cleaned
                + ". 1 of the 3 health URLs of api answer; requests routed to this one fail.");
        assertThat(findings.get(0).remediation()).startsWith("curl -isk --max-time 10 'https://api.internal/h'\\''$(id)"
                + "'\\''?t=****'\n");
    }

    @Test
    void everyUrlDownIsOneApp102OnTheServiceNamingEachFailure() {
        AppProperties.Service service = service("replica-1", "ingress\r\nP3");
        AppSnapshot snapshot = new AppSnapshot(service, List.of(
                probe(service, "replica-1", "https://api.internal/0", Probe.Outcome.CONNECT_REFUSED, 0,
                        Duration.ofMillis(2), "connection refused"),
                probe(service, "ingress\r\nP3", EVIL_PATH, Probe.Outcome.ERROR, 0, Duration.ofMillis(3), FAILURE)));

        List<Finding> findings = inspect(new AvailabilityCheck(targets(service)), snapshot);

        assertThat(described(findings)).containsExactly(tuple("APP-102", Severity.P0,
                new Resource("Service", null, "api"), "Service api is down: none of its 2 health URLs answers"));
        assertThat(findings.get(0).detail()).isEqualTo("Every health URL of api failed: replica-1 "
                + "https://api.internal/0: connection refused; ingress\r\nP3 " + EVIL_PATH + ": Invalid Http response "
                + "<script>alert(1)</script>\uFFFD\r\n=HYPERLINK(\"x\").");
    }

    @Test
    void aUrlThatAnsweredInACenturyIsSlowAndOneThatFailedSlowlyIsNot() {
        AppProperties.Service service = service("replica-1", "replica-2", "replica-3");
        List<Probe> probes = new ArrayList<>(List.of(
                probe(service, "replica-1", "https://api.internal/0", Probe.Outcome.UP, 200,
                        Duration.ofDays(36_500), null),
                probe(service, "replica-2", "https://api.internal/1", Probe.Outcome.READ_TIMEOUT, 0,
                        Duration.ofSeconds(6), "no response within 3s of connecting (read timeout)"),
                probe(service, "replica-3", "https://api.internal/2", Probe.Outcome.UP, 200, Duration.ofSeconds(2),
                        null)));

        List<Finding> findings = inspect(new LatencyCheck(targets(service)), new AppSnapshot(service, probes));

        // exactly the threshold is not slower than it
        assertThat(described(findings)).containsExactly(tuple("APP-103", Severity.P2,
                new Resource("URL", null, "api/replica-1"), "api/replica-1 answered in 36500d, slower than 2s"));
    }
}
