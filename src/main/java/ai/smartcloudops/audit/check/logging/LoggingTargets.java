package ai.smartcloudops.audit.check.logging;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.CheckSkippedException;
import ai.smartcloudops.audit.check.SharedKey;
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
 * The configured Elasticsearch clusters and Fluentd monitor_agent endpoints as targets, and their JSON APIs. Every
 * request of a target is made once per run, whichever check asks first, and so is its failure: an endpoint that is
 * down, answers an error status or something that is not JSON skips every check of that target with one AUDIT-903
 * naming it and the request — never a credential.
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

    /** {@code GET path} on the context's cluster, after its health answered. */
    JsonNode elasticsearch(CheckContext context, String path) {
        ApiEndpoint api = cluster(context).api();
        get(context, api, HEALTH);
        return get(context, api, path);
    }

    /** The context's Fluentd's {@code /api/plugins.json}. */
    JsonNode plugins(CheckContext context) {
        return get(context, fluentd(context).api(), PLUGINS);
    }

    /** An answer, or why there is none. */
    record Answer(JsonNode body, String error) {
    }

    /**
     * {@code GET path} on the context's cluster, after its health answered, without making a failure the target's:
     * for a request a check can do without (a sort some indices cannot answer).
     */
    Answer optional(CheckContext context, String path) {
        ApiEndpoint api = cluster(context).api();
        get(context, api, HEALTH);
        return context.shared(SharedKey.of("GET " + path, Answer.class), () -> {
            try {
                return new Answer(new JsonApi(api, limits).get(path), null);
            } catch (JsonApi.ApiException e) {
                return new Answer(null, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Answer(null, "GET " + Urls.mask(api.url() + path) + ": interrupted");
            }
        });
    }

    private JsonNode get(CheckContext context, ApiEndpoint api, String path) {
        return context.shared(SharedKey.of("GET " + path, JsonNode.class), () -> {
            try {
                return new JsonApi(api, limits).get(path);
            } catch (JsonApi.ApiException e) {
                throw CheckSkippedException.unanswered(context.target().name(), e, e.getMessage(), null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw CheckSkippedException.unreachable(context.target().name(), "GET " + Urls.mask(api.url() + path)
                        + ": interrupted", null);
            }
        });
    }
}
