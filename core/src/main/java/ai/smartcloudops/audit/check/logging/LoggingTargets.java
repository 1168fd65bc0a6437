package ai.smartcloudops.audit.check.logging;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.CheckSkippedException;
import ai.smartcloudops.audit.check.ReadWindow;
import ai.smartcloudops.audit.check.Target;
import ai.smartcloudops.audit.check.http.ApiEndpoint;
import ai.smartcloudops.audit.check.http.JsonApi;
import ai.smartcloudops.audit.net.HttpLimits;
import ai.smartcloudops.audit.text.Urls;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The configured Elasticsearch clusters and Fluentd monitor_agent endpoints as targets, and the reads of their
 * snapshots ({@link ElasticsearchSnapshot}, {@link FluentdSnapshot}): an endpoint that is down, answers an error
 * status or something that is not JSON skips the checks that need the request with one AUDIT-903 naming the target
 * and the request — never a credential.
 */
@Component
@EnableConfigurationProperties(LoggingProperties.class)
public class LoggingTargets {

    static final String ELASTICSEARCH = "elasticsearch";
    static final String FLUENTD = "fluentd";
    /** What every Elasticsearch check asks first: the cluster either answers it or is unreachable. */
    static final String HEALTH = "/_cluster/health";
    static final String PLUGINS = "/api/plugins.json";

    private final LoggingProperties properties;
    private final HttpLimits limits;

    public LoggingTargets(LoggingProperties properties, HttpLimits limits) {
        this.properties = properties;
        this.limits = limits;
    }

    public LoggingProperties properties() {
        return properties;
    }

    public List<Target> elasticsearchTargets() {
        return properties.elasticsearch().stream().map(e -> new Target(e.name(), ELASTICSEARCH)).toList();
    }

    public List<Target> fluentdTargets() {
        return properties.fluentd().stream().map(f -> new Target(f.name(), FLUENTD)).toList();
    }

    LoggingProperties.Elasticsearch cluster(CheckContext context) {
        return properties.elasticsearch().stream().filter(e -> e.name().equals(context.target().name()))
                .findFirst().orElseThrow(() -> new IllegalArgumentException(
                        "no Elasticsearch cluster named " + context.target().name()));
    }

    LoggingProperties.Fluentd fluentd(CheckContext context) {
        return properties.fluentd().stream().filter(f -> f.name().equals(context.target().name())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no Fluentd named " + context.target().name()));
    }

    /** Reads the context's cluster for the checks of the run on it. */
    ElasticsearchSnapshot readCluster(CheckContext context) {
        LoggingProperties.Elasticsearch cluster = cluster(context);
        ApiEndpoint api = cluster.api();
        ReadWindow window = ReadWindow.of(context, LogContent.READ_UNTIL);
        ElasticsearchSnapshot snapshot = ElasticsearchSnapshot.read(new ElasticsearchSnapshot.Reader() {
            @Override
            public JsonNode get(String path) {
                return LoggingTargets.this.get(context, api, path);
            }

            @Override
            public JsonNode post(String path, JsonNode body) {
                return call(context, api, "POST", path, json -> json.post(path, body));
            }

            @Override
            public ElasticsearchSnapshot.Answer optional(String path) {
                try {
                    return new ElasticsearchSnapshot.Answer(get(path), null);
                } catch (CheckSkippedException e) {
                    return new ElasticsearchSnapshot.Answer(null, e.facts().get("error"));
                }
            }
        }, context.checksOnTarget(), cluster, properties.thresholdsOf(cluster), properties.logContent(), window,
                context.now());
        if (snapshot.content().value() != null) {
            window.remember(context, LogContent.READ_UNTIL);
        }
        return snapshot;
    }

    /** Reads the context's Fluentd's {@code /api/plugins.json}. */
    FluentdSnapshot readFluentd(CheckContext context) {
        return FluentdSnapshot.of(get(context, fluentd(context).api(), PLUGINS));
    }

    /** {@code GET path}; an endpoint that does not answer it is an AUDIT-903 (or 906) of the target. */
    private JsonNode get(CheckContext context, ApiEndpoint api, String path) {
        return call(context, api, "GET", path, json -> json.get(path));
    }

    private JsonNode call(CheckContext context, ApiEndpoint api, String method, String path, Request request) {
        try {
            return request.send(new JsonApi(api, limits));
        } catch (JsonApi.ApiException e) {
            throw CheckSkippedException.unanswered(context.target().name(), e, e.getMessage(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CheckSkippedException.unreachable(context.target().name(), method + " "
                    + Urls.mask(api.url() + path) + ": interrupted", null);
        }
    }

    /** One request of the JSON API. */
    private interface Request {
        JsonNode send(JsonApi api) throws JsonApi.ApiException, InterruptedException;
    }
}
