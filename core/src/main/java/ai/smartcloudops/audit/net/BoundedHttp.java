package ai.smartcloudops.audit.net;

import ai.smartcloudops.audit.text.Secrets;
import ai.smartcloudops.audit.text.Text;
import ai.smartcloudops.audit.text.Urls;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One request over the JDK's {@link HttpClient}, read within the {@link HttpLimits} and one total deadline. The
 * client's own request timeout stops only at the response headers; this deadline also covers the body, so an endless,
 * huge or trickling body costs at most the cap in memory and the deadline in time. Bodies are kept as sent: nothing
 * asks for or inflates a compressed encoding.
 */
public final class BoundedHttp {

    private static final int EXCERPT = 200;
    /** The shortest part of a header, path or user information taken for a secret when an answer repeats it. */
    private static final int SECRET_LENGTH = 6;
    private static final Set<String> NOT_SECRET = Set.of("accept", "content-type");

    private BoundedHttp() {
    }

    /**
     * Sends {@code request} and reads its answer within {@code limits} and {@code deadline}.
     *
     * @throws HttpTimeoutException    no response headers within the deadline
     * @throws LimitExceededException  a body over the cap, or headers but no complete body within the deadline
     * @throws IOException             any other failure, as the client reports it
     */
    public static HttpResponse<byte[]> send(HttpClient client, HttpRequest request, HttpLimits limits,
                                            Duration deadline) throws IOException, InterruptedException {
        AtomicBoolean answered = new AtomicBoolean();
        long cap = limits.maxBody().toBytes();
        HttpResponse.BodyHandler<byte[]> handler = info -> {
            answered.set(true);
            return new Capped(cap, limits, info.headers().firstValueAsLong("Content-Length").orElse(-1));
        };
        CompletableFuture<HttpResponse<byte[]>> pending = client.sendAsync(request, handler);
        try {
            return pending.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            if (answered.get()) {
                throw new LimitExceededException("answer not complete within " + Durations.format(deadline)
                        + " (body still arriving at the deadline)");
            }
            throw new HttpTimeoutException("no answer within " + Durations.format(deadline));
        } catch (InterruptedException e) {
            pending.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause() == null ? "request failed" : e.getCause().toString(), e.getCause());
        }
    }

    /** A body as text: UTF-8, with every malformed byte sequence replaced by U+FFFD rather than refused. */
    public static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * The start of a body for a one-line error message ({@code ": <what the server said>"}, or nothing for an
     * empty body): cleaned, whitespace collapsed, at most 200 characters.
     */
    public static String excerpt(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String line = Text.clean(body).replaceAll("\\s+", " ").trim();
        return ": " + (line.length() <= EXCERPT ? line : line.substring(0, EXCERPT - 1) + "…");
    }

    /**
     * {@code ": HTTP 403: <what the server said>"} for an answer that refused the request, without what the request
     * itself carried: a server that echoes the request would otherwise put a header's token, a URL's credentials or
     * query, or a webhook's path (its secret) into the message, and from there into the log and the store.
     *
     * @param secretPath whether the URL's path is a secret (a webhook's), not only its user information and query
     */
    public static String refusal(HttpRequest request, HttpResponse<byte[]> response, boolean secretPath) {
        return ": HTTP " + response.statusCode() + excerpt(unechoed(text(response.body()), request, secretPath));
    }

    static String unechoed(String body, HttpRequest request, boolean secretPath) {
        List<String> secrets = new ArrayList<>();
        request.headers().map().forEach((name, values) -> {
            if (!NOT_SECRET.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> {
                    words(value, "[\\s=]+", secrets);
                    words(basicCredentials(value), ":", secrets);
                });
            }
        });
        URI uri = request.uri();
        if (secretPath) {
            words(uri.getRawPath(), "/", secrets);
        }
        words(uri.getRawUserInfo(), ":", secrets);
        words(uri.getRawQuery(), "[&=]", secrets);
        String text = body;
        for (String secret : secrets.stream().filter(v -> v.length() >= SECRET_LENGTH).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
            text = text.replace(secret, Urls.MASK);
        }
        return Secrets.redact(text);
    }

    /** The user:password of a Basic authorization, which an answer may repeat decoded; else null. */
    private static String basicCredentials(String value) {
        String[] scheme = value.trim().split("\\s+", 2);
        if (scheme.length < 2 || !"basic".equalsIgnoreCase(scheme[0])) {
            return null;
        }
        try {
            return new String(Base64.getDecoder().decode(scheme[1].trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The value and each of its parts. */
    private static void words(String value, String separators, List<String> into) {
        if (value != null) {
            into.add(value);
            into.addAll(Arrays.asList(value.split(separators)));
        }
    }

    /** Collects a body up to the cap and fails, cancelling the stream, at the first byte past it. */
    private static final class Capped implements HttpResponse.BodySubscriber<byte[]> {

        private final long cap;
        private final HttpLimits limits;
        private final long declared;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        private Capped(long cap, HttpLimits limits, long declared) {
            this.cap = cap;
            this.limits = limits;
            this.declared = declared;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            if (declared > cap) {
                subscription.cancel();
                result.completeExceptionally(new LimitExceededException("body of " + declared
                        + " bytes (Content-Length) is over the cap of " + limits.describe()));
                return;
            }
            subscription.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                if (body.size() + (long) buffer.remaining() > cap) {
                    subscription.cancel();
                    result.completeExceptionally(new LimitExceededException("body over the cap of "
                            + limits.describe()));
                    return;
                }
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                body.writeBytes(bytes);
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable error) {
            result.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            result.complete(body.toByteArray());
        }
    }
}
