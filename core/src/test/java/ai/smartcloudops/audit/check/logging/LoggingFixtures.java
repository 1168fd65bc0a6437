package ai.smartcloudops.audit.check.logging;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import ai.smartcloudops.audit.check.Check;
import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.CheckSkippedException;
import ai.smartcloudops.audit.check.RunScope;
import ai.smartcloudops.audit.check.Samples;
import ai.smartcloudops.audit.check.SeverityPolicy;
import ai.smartcloudops.audit.check.Target;
import ai.smartcloudops.audit.demo.DemoLogging;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.net.HttpLimits;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** A WireMock server serving Elasticsearch 8 and Fluentd 1.16 bodies, one cluster "logs" and one Fluentd "fluentd". */
final class LoggingFixtures implements AutoCloseable {

    static final String CLUSTER = "logs";
    static final String FLUENTD = "fluentd";
    static final String HEALTH = "/_cluster/health";
    static final String ALLOCATION = "/_cat/allocation?format=json&bytes=b";
    static final String SETTINGS = "/_cluster/settings?include_defaults=true&flat_settings=true";
    static final String NODES = "/_nodes/stats/jvm";
    static final String INDICES = "/_cat/indices/smartcloudops-logs-*?format=json";
    static final String SEARCH = "/smartcloudops-logs-*/_search?size=1&sort=%40timestamp:desc&_source=%40timestamp"
            + "&ignore_unavailable=true";
    static final String PLUGINS = "/api/plugins.json";
    /** The log-content search (POST, its body the counting aggregations). */
    static final String CONTENT = "/smartcloudops-logs-*/_search?ignore_unavailable=true&allow_no_indices=true";

    final WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    LoggingFixtures() {
        server.start();
    }

    @Override
    public void close() {
        server.stop();
    }

    /** Serves {@code body} at {@code pathAndQuery}. */
    void stub(String pathAndQuery, String body) {
        server.stubFor(get(urlEqualTo(pathAndQuery)).willReturn(okJson(body)));
    }

    /** The log-content search answering {@code body}. */
    void stubContent(String body) {
        server.stubFor(post(urlEqualTo(CONTENT)).willReturn(okJson(body)));
    }

    /** A demo body (src/main/resources/demo/logging) at the moment {@code now}. */
    static String demo(String file, Instant now) {
        return DemoLogging.body(file, now);
    }

    /** A test body (src/test/resources/logging). */
    static String test(String file) {
        try (var in = LoggingFixtures.class.getResourceAsStream("/logging/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The targets, with health-audit.logging.* settings such as {@code elasticsearch[0].single-node=true}. */
    LoggingTargets targets(String... keyValues) {
        return targetsAt(server.baseUrl(), keyValues);
    }

    /** The targets, both at {@code url}. */
    static LoggingTargets targetsAt(String url, String... keyValues) {
        Map<String, String> source = new HashMap<>();
        source.put("health-audit.logging.elasticsearch[0].name", CLUSTER);
        source.put("health-audit.logging.elasticsearch[0].url", url);
        // generous: a loaded build machine must not turn a slow stub into a finding; timeout tests set their own
        source.put("health-audit.logging.elasticsearch[0].timeout", "10s");
        source.put("health-audit.logging.fluentd[0].name", FLUENTD);
        source.put("health-audit.logging.fluentd[0].url", url);
        source.put("health-audit.logging.fluentd[0].timeout", "10s");
        for (int i = 0; i < keyValues.length; i += 2) {
            source.put("health-audit.logging." + keyValues[i], keyValues[i + 1]);
        }
        return new LoggingTargets(new Binder(new MapConfigurationPropertySource(source))
                .bindOrCreate("health-audit.logging", LoggingProperties.class), HttpLimits.DEFAULT);
    }

    static RunScope scope(Instant now, Samples samples) {
        return new RunScope(1L, now, SeverityPolicy.DEFAULTS, new ConcurrentHashMap<>(), f -> Optional.empty(), samples);
    }

    /** Runs every check on its first target in one run scope, as the sweep does: an AUDIT finding per skip. */
    static List<Finding> run(Instant now, Samples samples, Check... checks) {
        RunScope scope = scope(now, samples);
        Set<String> ids = Arrays.stream(checks).map(Check::id).collect(Collectors.toSet());
        List<Finding> findings = new ArrayList<>();
        for (Check check : checks) {
            for (Target target : check.targets()) {
                CheckContext context = new CheckContext(scope, check.id(), target, ids);
                try {
                    findings.addAll(context.findings(check));
                } catch (CheckSkippedException e) {
                    if (findings.stream().noneMatch(f -> f.code().code().equals(e.code().code())
                            && f.target().equals(target.name()))) {
                        findings.add(context.finding(e.code(), e.resource(), e.facts()));
                    }
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
        }
        return findings;
    }

    static List<Finding> run(Check... checks) {
        return run(Instant.now(), Samples.none(), checks);
    }
}
