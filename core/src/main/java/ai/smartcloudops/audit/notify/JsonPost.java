package ai.smartcloudops.audit.notify;

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
import java.time.Duration;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * POSTs a JSON body for every channel (and GETs what a channel's API answers), in the style of {@link ai.smartcloudops.audit.check.http.JsonApi}: every way
 * it fails is one {@link PostException} whose message is one line naming the host and what went wrong, never the
 * URL's path (a Slack webhook's path is its secret) nor a header. The answer is read within the {@link HttpLimits}
 * and the dispatch timeout, so a webhook that never stops answering cannot hold up the escalation.
 */
@Component
public final class JsonPost {

    private final HttpClient http;
    private final Duration timeout;
    private final HttpLimits limits;

    public JsonPost(NotifyProperties properties, HttpLimits limits) {
        this.timeout = properties.dispatch().timeout();
        this.limits = limits;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Why a POST was not accepted. */
    public static final class PostException extends IOException {

        private final int status;

        PostException(String message, int status, Throwable cause) {
            super(message, cause);
            this.status = status;
        }

        /** The HTTP status, or 0 when there was no response. */
        public int status() {
            return status;
        }

        /** Worth another try: no answer, a timeout, throttling or a server error; a rejected request is not. */
        public boolean retryable() {
            return status == 0 || status == 408 || status == 429 || status >= 500;
        }
    }

    public void post(String url, Map<String, String> headers, String json) throws PostException,
            InterruptedException {
        exchange(url, headers, "POST", HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    }

    /** GETs a JSON answer (read within the limits), failing as {@link #post} does. */
    public String get(String url, Map<String, String> headers) throws PostException, InterruptedException {
        return BoundedHttp.text(exchange(url, headers, "GET", HttpRequest.BodyPublishers.noBody()).body());
    }

    private HttpResponse<byte[]> exchange(String url, Map<String, String> headers, String method,
                                          HttpRequest.BodyPublisher body) throws PostException, InterruptedException {
        URI uri = URI.create(url);
        String request = method + " " + Urls.mask(uri.getScheme() + "://" + uri.getAuthority());
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json").method(method, body);
        headers.forEach(builder::header);
        HttpRequest sent = builder.build();
        HttpResponse<byte[]> response;
        try {
            response = BoundedHttp.send(http, sent, limits, timeout);
        } catch (HttpConnectTimeoutException e) {
            throw new PostException(request + ": no connection within " + Durations.format(timeout), 0, e);
        } catch (HttpTimeoutException e) {
            throw new PostException(request + ": no answer within " + Durations.format(timeout), 0, e);
        } catch (ConnectException e) {
            throw new PostException(request + ": connection refused", 0, e);
        } catch (IOException e) {
            throw new PostException(request + ": " + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : Urls.mask(e.getMessage(), url)), 0, e);
        }
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            throw new PostException(request + BoundedHttp.refusal(sent, response, true), status, null);
        }
        return response;
    }

}
