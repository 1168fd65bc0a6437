package ai.smartcloudops.audit.check.prometheus;

import ai.smartcloudops.audit.check.http.ApiEndpoint;
import ai.smartcloudops.audit.finding.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Prometheus servers to audit, the thresholds of PROM-101 to PROM-107, and the PromQL checks run against every
 * server (PROM-108 to PROM-112). Credentials come from the environment, e.g. {@code bearer-token: ${PROMETHEUS_TOKEN}}.
 *
 * @param servers    one entry per server; empty means no Prometheus audit
 * @param thresholds the thresholds of the server checks
 * @param queries    configured PromQL checks; empty by default (see config/health-audit.yml for the guide's)
 */
@ConfigurationProperties("health-audit.prometheus")
public record PrometheusProperties(List<Server> servers, Thresholds thresholds, List<Query> queries) {

    public PrometheusProperties {
        servers = servers == null ? List.of() : List.copyOf(servers);
        thresholds = thresholds == null ? Thresholds.DEFAULTS : thresholds.withDefaults();
        queries = queries == null ? List.of() : List.copyOf(queries);
        if (servers.stream().map(Server::name).distinct().count() != servers.size()) {
            throw new IllegalArgumentException("health-audit.prometheus.servers: server names must be unique");
        }
        if (queries.stream().map(Query::name).distinct().count() != queries.size()) {
            throw new IllegalArgumentException("health-audit.prometheus.queries: query names must be unique");
        }
        Set<String> names = servers.stream().map(Server::name).collect(Collectors.toSet());
        for (Query query : queries) {
            if (query.server() != null && !names.contains(query.server())) {
                throw new IllegalArgumentException("health-audit.prometheus.queries[" + query.name() + "].server: no "
                        + "server named " + query.server());
            }
        }
    }

    /**
     * One Prometheus, reached over its HTTP API with at most one of a bearer token and basic auth.
     *
     * @param name         the name findings use for this server
     * @param url          base URL, e.g. http://prometheus.smartcloudops-monitoring:9090
     * @param bearerToken  sent as Authorization: Bearer; never logged or reported
     * @param username     basic auth user
     * @param password     basic auth password; never logged or reported
     * @param caBundle     PEM file of extra trust anchors for https
     * @param timeout      connect and answer timeout of each request (10s)
     * @param criticalJobs scrape jobs (job_name) whose every target being down is P0
     */
    public record Server(String name, String url, String bearerToken, String username, String password,
                         String caBundle, Duration timeout, List<String> criticalJobs) {

        public Server {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("health-audit.prometheus.servers[].name is required");
            }
            criticalJobs = criticalJobs == null ? List.of() : List.copyOf(criticalJobs);
            endpoint(name, url, bearerToken, username, password, caBundle, timeout);
            timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        }

        public ApiEndpoint endpoint() {
            return endpoint(name, url, bearerToken, username, password, caBundle, timeout);
        }

        /** The secret this server is reached with, masked in error messages. */
        String secret() {
            return bearerToken != null && !bearerToken.isBlank() ? bearerToken : password;
        }

        private static ApiEndpoint endpoint(String name, String url, String bearerToken, String username,
                                            String password, String caBundle, Duration timeout) {
            try {
                return new ApiEndpoint(url, bearerToken, username, password, null, caBundle, timeout);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("health-audit.prometheus.servers[" + name + "]: "
                        + e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "Server[name=" + name + ", url=" + url + "]";
        }
    }

    /**
     * @param alertFiringFor     an alert firing longer than this is PROM-103 (15m)
     * @param tsdbSeries         head series above this is PROM-107 (2,000,000)
     * @param jobDownPercent     more than this share of a job's targets down makes PROM-101 P1 (10)
     * @param slowScrapePercent  a scrape taking this share of its scrape timeout or more is PROM-102 (80)
     */
    public record Thresholds(Duration alertFiringFor, Long tsdbSeries, Integer jobDownPercent,
                             Integer slowScrapePercent) {

        static final Thresholds DEFAULTS = new Thresholds(Duration.ofMinutes(15), 2_000_000L, 10, 80);

        Thresholds withDefaults() {
            Thresholds t = new Thresholds(alertFiringFor == null ? DEFAULTS.alertFiringFor : alertFiringFor,
                    tsdbSeries == null ? DEFAULTS.tsdbSeries : tsdbSeries,
                    jobDownPercent == null ? DEFAULTS.jobDownPercent : jobDownPercent,
                    slowScrapePercent == null ? DEFAULTS.slowScrapePercent : slowScrapePercent);
            if (t.jobDownPercent < 0 || t.jobDownPercent > 100) {
                throw new IllegalArgumentException("health-audit.prometheus.thresholds.job-down-percent must be 0..100");
            }
            if (t.slowScrapePercent < 1 || t.slowScrapePercent > 100) {
                throw new IllegalArgumentException("health-audit.prometheus.thresholds.slow-scrape-percent must be "
                        + "1..100");
            }
            return t;
        }
    }

    /** Whether a query's value is bad above or below its threshold. */
    public enum Comparison {
        ABOVE, BELOW;

        boolean breached(double value, double threshold) {
            return this == ABOVE ? value > threshold : value < threshold;
        }

        String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * A PromQL check: every series of {@code expression} is compared with {@code threshold}; an expression that
     * fails or returns no series is PROM-108.
     *
     * @param name       the name findings use (Query/name)
     * @param expression the PromQL instant query
     * @param code       PROM-110 (latency SLO), PROM-111 (authentication failures, security team) or PROM-112
     * @param threshold  the limit
     * @param comparison above (default): a value above the threshold is a finding; below: a value below it
     * @param severity   the finding's severity (default: the code's)
     * @param server     only on this server (default: every server)
     */
    public record Query(String name, String expression, String code, Double threshold, Comparison comparison,
                        Severity severity, String server) {

        public Query {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("health-audit.prometheus.queries[].name is required");
            }
            if (expression == null || expression.isBlank()) {
                throw new IllegalArgumentException("health-audit.prometheus.queries[" + name + "].expression is "
                        + "required");
            }
            if (code == null || PrometheusCode.queryCode(code).isEmpty()) {
                throw new IllegalArgumentException("health-audit.prometheus.queries[" + name + "].code must be one of "
                        + PrometheusCode.QUERY_CODES.stream().map(PrometheusCode::code).toList());
            }
            if (threshold == null) {
                throw new IllegalArgumentException("health-audit.prometheus.queries[" + name + "].threshold is "
                        + "required");
            }
            comparison = comparison == null ? Comparison.ABOVE : comparison;
        }

        public PrometheusCode findingCode() {
            return PrometheusCode.queryCode(code).orElseThrow();
        }
    }
}
