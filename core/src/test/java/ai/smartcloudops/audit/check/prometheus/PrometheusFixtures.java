package ai.smartcloudops.audit.check.prometheus;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import ai.smartcloudops.audit.check.AllChecks;
import ai.smartcloudops.audit.check.Check;
import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.RunScope;
import ai.smartcloudops.audit.check.Samples;
import ai.smartcloudops.audit.check.SeverityPolicy;
import ai.smartcloudops.audit.check.Target;
import ai.smartcloudops.audit.demo.DemoPrometheus;
import ai.smartcloudops.audit.finding.Area;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.net.HttpLimits;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A WireMock Prometheus serving the demo's bodies (the shapes Prometheus 2.42 answers), the server "prom" configured
 * on it, and contexts at a chosen time.
 */
final class PrometheusFixtures implements AutoCloseable {

    static final String SERVER = "prom";
    static final JsonMapper JSON = JsonMapper.builder().build();

    /** The ids of every Prometheus check: each run reads what they all need. */
    static final Set<String> CHECKS = AllChecks.registered().stream().filter(c -> c.area() == Area.PROMETHEUS)
            .map(Check::id).collect(Collectors.toSet());

    final WireMockServer wiremock;

    PrometheusFixtures() {
        wiremock = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        wiremock.start();
    }

    /** Serves every demo body at its path, and an empty vector for every query. */
    PrometheusFixtures demo() {
        for (String path : List.of("targets", "alerts", "rules", "alertmanagers", "status/runtimeinfo",
                "status/tsdb")) {
            serve(path, DemoPrometheus.body(path.replace("status/", "") + ".json"));
        }
        serve("query", "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}");
        return this;
    }

    void serve(String path, String body) {
        wiremock.stubFor(get(urlPathEqualTo("/api/v1/" + path)).willReturn(okJson(body)));
    }

    /** A demo body as a tree to change. */
    static ObjectNode demoBody(String name) {
        return (ObjectNode) JSON.readTree(DemoPrometheus.body(name));
    }

    static ObjectNode data(JsonNode body) {
        return (ObjectNode) body.get("data");
    }

    String url() {
        return wiremock.baseUrl();
    }

    PrometheusTargets targets(String... keyValues) {
        return targetsAt(url(), keyValues);
    }

    /** The server "prom" at {@code url}; keyValues are health-audit.prometheus.* keys and values. */
    static PrometheusTargets targetsAt(String url, String... keyValues) {
        Map<String, String> source = new HashMap<>();
        source.put("health-audit.prometheus.servers[0].name", SERVER);
        source.put("health-audit.prometheus.servers[0].url", url);
        // generous: a loaded build machine must not turn a slow stub into a finding; timeout tests set their own
        source.put("health-audit.prometheus.servers[0].timeout", "10s");
        for (int i = 0; i < keyValues.length; i += 2) {
            source.put("health-audit.prometheus." + keyValues[i], keyValues[i + 1]);
        }
        return new PrometheusTargets(new Binder(new MapConfigurationPropertySource(source))
                .bindOrCreate("health-audit.prometheus", PrometheusProperties.class), HttpLimits.DEFAULT);
    }

    static RunScope scope(Instant now) {
        return new RunScope(1L, now, SeverityPolicy.DEFAULTS, new ConcurrentHashMap<>(), f -> Optional.empty(),
                Samples.none());
    }

    /** The check's context on {@code target}, beside every Prometheus check, as the sweep makes it. */
    static CheckContext context(RunScope scope, Check check, String target) {
        return new CheckContext(scope, check.id(), new Target(target, PrometheusTargets.KIND), CHECKS);
    }

    static List<Finding> run(Check check, Instant now) throws Exception {
        return context(scope(now), check, SERVER).findings(check);
    }

    static List<Finding> run(Check check) throws Exception {
        return run(check, Instant.parse("2026-11-29T00:32:00Z"));
    }

    @Override
    public void close() {
        wiremock.stop();
    }
}
