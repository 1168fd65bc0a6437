package ai.smartcloudops.audit.net;

import ai.smartcloudops.audit.text.Text;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
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
