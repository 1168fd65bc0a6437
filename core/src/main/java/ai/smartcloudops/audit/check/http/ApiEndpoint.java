package ai.smartcloudops.audit.check.http;

import ai.smartcloudops.audit.text.Urls;
import java.net.URI;
import java.time.Duration;

/**
 * How to reach a JSON HTTP API of the estate (Prometheus, Elasticsearch, Fluentd's monitor_agent): its base URL,
 * at most one way to authenticate, extra trust anchors and a timeout. Secrets come from the environment
 * ({@code bearer-token: ${PROMETHEUS_TOKEN}}) and never appear in {@link #toString()}, findings or logs.
 *
 * @param url         base URL, http or https, e.g. https://elasticsearch.smartcloudops-monitoring:9200
 * @param bearerToken sent as {@code Authorization: Bearer …}
 * @param username    basic auth, with {@code password}
 * @param password    basic auth password
 * @param apiKey      Elasticsearch API key, sent as {@code Authorization: ApiKey …} (the base64 "id:key" form)
 * @param caBundle    optional PEM file of extra trust anchors, besides the JDK's default trust store
 * @param timeout     connect and answer timeout of every request (default 10s)
 */
public record ApiEndpoint(String url, String bearerToken, String username, String password, String apiKey,
                          String caBundle, Duration timeout) {

    public ApiEndpoint {
        if (url == null || !url.matches("https?://[^\\s/]+.*")) {
            throw new IllegalArgumentException("url must be an http or https URL");
        }
        if (URI.create(url).getUserInfo() != null) {
            throw new IllegalArgumentException("url must not carry credentials: use username and password");
        }
        int ways = (present(bearerToken) ? 1 : 0) + (present(username) ? 1 : 0) + (present(apiKey) ? 1 : 0);
        if (ways > 1) {
            throw new IllegalArgumentException("use one of bearer-token, username/password and api-key");
        }
        if (present(password) && !present(username)) {
            throw new IllegalArgumentException("password needs username");
        }
        url = url.replaceAll("/+$", "");
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
    }

    /** An endpoint without credentials. */
    public static ApiEndpoint of(String url) {
        return new ApiEndpoint(url, null, null, null, null, null, null);
    }

    static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    @Override
    public String toString() {
        String auth = present(bearerToken) ? "bearer token" : present(username) ? "basic auth as " + username
                : present(apiKey) ? "API key" : "no auth";
        return "ApiEndpoint[" + Urls.mask(url) + ", " + auth + "]";
    }
}
