package ai.smartcloudops.audit.check.prometheus;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.CheckSkippedException;
import ai.smartcloudops.audit.check.Target;
import ai.smartcloudops.audit.net.HttpLimits;
import ai.smartcloudops.audit.text.Urls;
import java.io.IOException;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The configured Prometheus servers as targets, and their {@link PrometheusSnapshot}, read once per server and run by
 * whichever check asks first: when its runtime information fails (refused, timed out, HTTP 500, not JSON, not the
 * Prometheus API), every Prometheus check of that server is skipped with one AUDIT-903 naming the server and the
 * reason — never a secret.
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

    /** What is read from the API. */
    interface Read<T> {
        T apply(PrometheusApi api) throws IOException, InterruptedException;
    }

    /** The configured PromQL checks of the context's server: those of every server and those of this one. */
    List<PrometheusProperties.Query> queries(CheckContext context) {
        return properties.queries().stream()
                .filter(q -> q.server() == null || q.server().equals(context.target().name())).toList();
    }

    /** Reads the context's server for the checks of the run on it. */
    PrometheusSnapshot read(CheckContext context) {
        PrometheusProperties.Server server = server(context);
        try {
            return PrometheusSnapshot.read(new PrometheusApi(server.endpoint(), limits), context.checksOnTarget(),
                    queries(context), e -> unanswered(server, e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CheckSkippedException.unreachable(server.name(), "GET " + Urls.mask(server.endpoint().url())
                    + ": interrupted", null);
        }
    }

    private static CheckSkippedException unanswered(PrometheusProperties.Server server, IOException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (!message.startsWith("GET ")) {
            message = "GET " + Urls.mask(server.endpoint().url()) + ": " + message;
        }
        return CheckSkippedException.unanswered(server.name(), e, message, server.secret());
    }
}
