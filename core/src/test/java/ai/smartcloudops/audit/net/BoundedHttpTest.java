package ai.smartcloudops.audit.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** Every way a server can make a read endless or huge ends at the cap or the deadline, whichever comes first. */
class BoundedHttpTest {

    private static final HttpLimits ONE_MB = new HttpLimits(DataSize.ofMegabytes(1));
    private static final Duration DEADLINE = Duration.ofMillis(1500);
    /** The deadline plus what a loaded build machine may add. */
    private static final Duration BOUND = Duration.ofMillis(4000);

    private static HostileServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(DEADLINE).build();

    @BeforeAll
    static void start() throws Exception {
        server = new HostileServer();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private HttpResponse<byte[]> get(String path) throws Exception {
        return BoundedHttp.send(client, HttpRequest.newBuilder(URI.create(server.url(path))).timeout(DEADLINE)
                .build(), ONE_MB, DEADLINE);
    }

    @Test
    void anEndlessChunkedBodyStopsAtTheCap() {
        long started = System.nanoTime();
        assertThatThrownBy(() -> get("/endless")).isInstanceOf(LimitExceededException.class)
                .hasMessage("body over the cap of 1MB (health-audit.http.max-body)");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(BOUND);
    }

    @Test
    void aBodyAnnouncedOverTheCapIsRefusedBeforeItIsRead() {
        assertThatThrownBy(() -> get("/huge")).isInstanceOf(LimitExceededException.class)
                .hasMessage("body of 1073741824 bytes (Content-Length) is over the cap of 1MB "
                        + "(health-audit.http.max-body)");
    }

    @Test
    void aBodyWithoutALengthStopsAtTheCap() {
        assertThatThrownBy(() -> get("/unannounced")).isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("over the cap of 1MB");
    }

    @Test
    void aBodyTricklingOneByteEveryTwoSecondsEndsAtTheDeadline() {
        long started = System.nanoTime();
        assertThatThrownBy(() -> get("/slow-body")).isInstanceOf(LimitExceededException.class)
                .hasMessage("answer not complete within 1500ms (body still arriving at the deadline)");
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(took).isGreaterThanOrEqualTo(DEADLINE.minusMillis(50)).isLessThan(BOUND);
    }

    @Test
    void aServerThatNeverAnswersIsNoAnswerWithinTheDeadline() {
        long started = System.nanoTime();
        assertThatThrownBy(() -> get("/silent")).isInstanceOf(HttpTimeoutException.class)
                .isNotInstanceOf(LimitExceededException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(BOUND);
    }

    @Test
    void aGzipBombIsKeptAsSentNotInflated() throws Exception {
        HttpResponse<byte[]> response = get("/gzip-bomb");
        assertThat(response.headers().firstValue("Content-Encoding")).contains("gzip");
        // 256 MB of zeros arrive as their compressed form: a few hundred KB, under the cap
        assertThat(response.body().length).isBetween(100_000, (int) ONE_MB.maxBody().toBytes());
        assertThat(response.body()[0]).isEqualTo((byte) 0x1f);
    }

    @Test
    void malformedUtf8BecomesReplacementCharactersNotAFailure() {
        byte[] body = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'};
        assertThat(BoundedHttp.text(body)).isEqualTo("{\"a\":\"\uFFFD(\uFFFD\"}");
    }

    @Test
    void theCapIsBoundedAndNamesItsKey() {
        assertThat(HttpLimits.DEFAULT.describe()).isEqualTo("4MB (health-audit.http.max-body)");
        assertThat(new HttpLimits(DataSize.ofKilobytes(512)).describe())
                .isEqualTo("512KB (health-audit.http.max-body)");
        assertThatThrownBy(() -> new HttpLimits(DataSize.ofGigabytes(2)))
                .hasMessage("health-audit.http.max-body must be between 1B and 512MB, got 2147483648B");
        assertThatThrownBy(() -> new HttpLimits(DataSize.ofBytes(0)))
                .hasMessageStartingWith("health-audit.http.max-body must be between 1B and 512MB");
    }
}
