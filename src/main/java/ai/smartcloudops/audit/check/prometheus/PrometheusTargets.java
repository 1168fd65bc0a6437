package ai.smartcloudops.audit.check.prometheus;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.CheckSkippedException;
import ai.smartcloudops.audit.check.SharedKey;
import ai.smartcloudops.audit.check.Target;
import ai.smartcloudops.audit.net.HttpLimits;
import ai.smartcloudops.audit.text.Urls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The configured Prometheus servers as targets, and their API. The first check of a server in a run reads its
 * runtime information once: when that fails (refused, timed out, HTTP 500, not JSON, not the Prometheus API), every
 * Prometheus check of that server is skipped with one AUDIT-903 naming the server and the reason — never a secret.
 */
@Component
@EnableConfigurationProperties(PrometheusProperties.class)
public class PrometheusTargets {

    static final String KIND = "prometheus";

    private final PrometheusProperties properties;
    private final HttpLimits limits;

    public PrometheusTargets(PrometheusProperties properties, HttpLimits limits) {
        this.properties = properties;
        this.limits = limits;
    }

    public PrometheusProperties properties() {
        return properties;
    }

    public List<Target> targets() {
        return properties.servers().stream().map(s -> new Target(s.name(), KIND)).toList();
    }

    public PrometheusProperties.Server server(CheckContext context) {
        return properties.servers().stream().filter(s -> s.name().equals(context.target().name())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no Prometheus server named "
                        + context.target().name()));
    }

    /** What a check reads from the API. */
    interface Read<T> {
        T apply(PrometheusApi api) throws IOException, InterruptedException;
    }

    /** The context's server's API, after the run's one reachability probe of it. */
    PrometheusApi api(CheckContext context) {
        PrometheusProperties.Server server = server(context);
        PrometheusApi api = new PrometheusApi(server.endpoint(), limits);
        runtimeInfo(context, api, server);
        return api;
    }

    /** {@code /api/v1/status/runtimeinfo}, read once per server and run: the probe every check waits for. */
    JsonNode runtimeInfo(CheckContext context) {
        PrometheusProperties.Server server = server(context);
        return runtimeInfo(context, new PrometheusApi(server.endpoint(), limits), server);
    }

    private static JsonNode runtimeInfo(CheckContext context, PrometheusApi api, PrometheusProperties.Server server) {
        return context.shared(SharedKey.of("prometheus.runtimeinfo", JsonNode.class), () -> {
            try {
                return api.runtimeInfo();
            } catch (IOException e) {
                throw unanswered(server, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UncheckedIOException(new IOException("interrupted", e));
            }
        });
    }

    /** Reads what a check needs; a server that fails to answer skips the check with AUDIT-903. */
    <T> T read(CheckContext context, Read<T> read) throws InterruptedException {
        PrometheusApi api = api(context);
        try {
            return read.apply(api);
        } catch (IOException e) {
            throw unanswered(server(context), e);
        }
    }

    /** The AUDIT-903 (or AUDIT-906, for an answer over a limit) of the context's server that failed with {@code e}. */
    CheckSkippedException unanswered(CheckContext context, IOException e) {
        return unanswered(server(context), e);
    }

    private static CheckSkippedException unanswered(PrometheusProperties.Server server, IOException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (!message.startsWith("GET ")) {
            message = "GET " + Urls.mask(server.endpoint().url()) + ": " + message;
        }
        return CheckSkippedException.unanswered(server.name(), e, message, server.secret());
    }
}
