package ai.smartcloudops.audit.check.http;

import ai.smartcloudops.audit.check.tls.Pem;
import ai.smartcloudops.audit.check.tls.TrustAnchors;
import ai.smartcloudops.audit.net.BoundedHttp;
import ai.smartcloudops.audit.net.Durations;
import ai.smartcloudops.audit.net.HttpLimits;
import ai.smartcloudops.audit.text.Urls;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import javax.net.ssl.SSLException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * GET requests to a JSON API of the estate, answered as a parsed tree. Every way it can fail — refused, timed
 * out, a TLS problem, a status that is not 2xx, a body that is not JSON, a body over the cap or not complete within
 * the endpoint's timeout — is one {@link ApiException} whose message is one line naming the request and what went
 * wrong, never a credential. The body is decoded leniently (a malformed UTF-8 sequence becomes U+FFFD), so one bad
 * byte in a label does not cost the whole answer.
 */
public final class JsonApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ApiEndpoint endpoint;
    private final HttpLimits limits;
    private final HttpClient http;

    public JsonApi(ApiEndpoint endpoint, HttpLimits limits) {
        this.endpoint = endpoint;
        this.limits = limits;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(endpoint.timeout())
                .followRedirects(HttpClient.Redirect.NEVER);
        if (ApiEndpoint.present(endpoint.caBundle())) {
            builder.sslContext(TrustAnchors.jdkDefault().with(Pem.certificates(Path.of(endpoint.caBundle())))
                    .sslContext());
        }
        this.http = builder.build();
    }

    /** Why a request got no usable answer. */
    public static final class ApiException extends IOException {

        private final int status;
        private final transient JsonNode body;

        ApiException(String message, int status, Throwable cause) {
            this(message, status, null, cause);
        }

        ApiException(String message, int status, JsonNode body, Throwable cause) {
            super(message, cause);
            this.status = status;
            this.body = body;
        }

        /** The HTTP status, or 0 when there was no response. */
        public int status() {
            return status;
        }

        /**
         * The body of a non-2xx answer when it is JSON: an API's own account of the error (Prometheus answers
         * {@code {"status":"error","errorType":"bad_data","error":"…"}} with 400, 422 or 503).
         */
        public Optional<JsonNode> body() {
            return Optional.ofNullable(body);
        }
    }

    public ApiEndpoint endpoint() {
        return endpoint;
    }

    /** {@code GET <url><pathAndQuery>} as JSON; the path starts with a slash and is already encoded. */
    public JsonNode get(String pathAndQuery) throws ApiException, InterruptedException {
        return send("GET", pathAndQuery, HttpRequest.BodyPublishers.noBody());
    }

    /** {@code POST <url><pathAndQuery>} of a JSON body (a search), its answer as JSON. */
    public JsonNode post(String pathAndQuery, JsonNode body) throws ApiException, InterruptedException {
        return send("POST", pathAndQuery, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    }

    private JsonNode send(String method, String pathAndQuery, HttpRequest.BodyPublisher content)
            throws ApiException, InterruptedException {
        String request = method + " " + Urls.mask(endpoint.url() + pathAndQuery);
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(endpoint.url() + pathAndQuery))
                .timeout(endpoint.timeout()).header("Accept", "application/json").method(method, content);
        if (!"GET".equals(method)) {
            builder.header("Content-Type", "application/json");
        }
        authorization().ifPresent(value -> builder.header("Authorization", value));
        HttpRequest sent = builder.build();
        HttpResponse<byte[]> response;
        try {
            response = BoundedHttp.send(http, sent, limits, endpoint.timeout());
        } catch (HttpConnectTimeoutException e) {
            throw new ApiException(request + ": no connection within " + timeout(), 0, e);
        } catch (HttpTimeoutException e) {
            throw new ApiException(request + ": no answer within " + timeout(), 0, e);
        } catch (ConnectException e) {
            throw new ApiException(request + ": connection refused", 0, e);
        } catch (SSLException e) {
            throw new ApiException(request + ": TLS failed: " + e.getMessage(), 0, e);
        } catch (IOException e) {
            throw new ApiException(request + ": " + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage()), 0, e);
        }
        int status = response.statusCode();
        String body = BoundedHttp.text(response.body());
        if (status < 200 || status > 299) {
            throw new ApiException(request + BoundedHttp.refusal(sent, response, false), status, jsonOrNull(body),
                    null);
        }
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            String encoding = response.headers().firstValue("Content-Encoding").orElse("identity");
            throw new ApiException(request + ": HTTP " + status + " but not JSON"
                    + (encoding.equalsIgnoreCase("identity") ? "" : " (Content-Encoding " + encoding
                            + ", which the audit does not ask for)") + BoundedHttp.excerpt(body), status, e);
        }
    }

    private static JsonNode jsonOrNull(String body) {
        try {
            return body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }

    private Optional<String> authorization() {
        if (ApiEndpoint.present(endpoint.bearerToken())) {
            return Optional.of("Bearer " + endpoint.bearerToken());
        }
        if (ApiEndpoint.present(endpoint.username())) {
            String pair = endpoint.username() + ":" + (endpoint.password() == null ? "" : endpoint.password());
            return Optional.of("Basic " + Base64.getEncoder().encodeToString(
                    pair.getBytes(StandardCharsets.UTF_8)));
        }
        if (ApiEndpoint.present(endpoint.apiKey())) {
            return Optional.of("ApiKey " + endpoint.apiKey());
        }
        return Optional.empty();
    }

    private String timeout() {
        return Durations.format(endpoint.timeout());
    }

}
