package ai.smartcloudops.audit.check.app;

import ai.smartcloudops.audit.net.Deadline;
import ai.smartcloudops.audit.text.Humanize;
import ai.smartcloudops.audit.text.Urls;
import java.io.IOException;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * One GET of a health URL with its connect and read timeouts, and their sum as a deadline for the whole exchange
 * (a server trickling its headers a byte at a time never trips the read timeout alone). Latency is the time from
 * opening the connection (TCP connect and TLS handshake included) to the status line and headers; the body is not
 * read, so no body counts against the {@link ai.smartcloudops.audit.net.HttpLimits}. Redirects are not followed: a
 * health URL that redirects answers an unexpected status.
 *
 * <p>Over HTTPS any certificate chain and host name are accepted, on this connection only (its own socket
 * factory and host name verifier, never a JVM-wide default): the certificate checks report certificate problems,
 * this probe asks whether the service answers.
 */
final class HttpProbe implements AppTargets.Prober {

    private static final SSLSocketFactory TRUST_ANY = trustAny();

    @Override
    public Probe probe(AppTargets.Endpoint endpoint) {
        String shown = display(endpoint.url());
        long started = System.nanoTime();
        boolean connected = false;
        HttpURLConnection connection = null;
        Deadline deadline = null;
        try {
            URI uri = new URI(endpoint.url().trim());
            connection = (HttpURLConnection) new URL(withoutUserInfo(uri)).openConnection();
            if (connection instanceof HttpsURLConnection https) {
                https.setSSLSocketFactory(TRUST_ANY);
                https.setHostnameVerifier((host, session) -> true);
            }
            connection.setConnectTimeout(millis(endpoint.connectTimeout()));
            connection.setReadTimeout(millis(endpoint.readTimeout()));
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            connection.setRequestProperty("User-Agent", "health-audit");
            connection.setRequestProperty("Accept", "*/*");
            connection.setRequestProperty("Connection", "close");
            if (uri.getRawUserInfo() != null) {
                connection.setRequestProperty("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        URLDecoder.decode(uri.getRawUserInfo(), StandardCharsets.UTF_8)
                                .getBytes(StandardCharsets.UTF_8)));
            }
            HttpURLConnection open = connection;
            deadline = Deadline.after(endpoint.connectTimeout().plus(endpoint.readTimeout()), open::disconnect);
            connection.connect();
            connected = true;
            int status = connection.getResponseCode();
            Duration latency = since(started);
            if (status == endpoint.expectedStatus()) {
                return new Probe(endpoint, shown, Probe.Outcome.UP, status, latency, null);
            }
            return new Probe(endpoint, shown, Probe.Outcome.UNEXPECTED_STATUS, status, latency,
                    "HTTP " + status + ", expected " + endpoint.expectedStatus());
        } catch (IOException e) {
            return failed(endpoint, shown, started, connected, deadline != null && deadline.expired(), e);
        } catch (URISyntaxException | IllegalArgumentException e) {
            return failed(endpoint, shown, started, Probe.Outcome.ERROR, "not a valid URL");
        } finally {
            if (deadline != null) {
                deadline.close();
            }
            if (connection != null) {
                connection.disconnect();
            }
        }
    }

    /** What an exchange that failed with {@code e} says of the URL; past the deadline, that it was too slow. */
    private static Probe failed(AppTargets.Endpoint endpoint, String shown, long started, boolean connected,
                                boolean overDeadline, IOException e) {
        if (overDeadline) {
            return failed(endpoint, shown, started, Probe.Outcome.READ_TIMEOUT, "no complete response within "
                    + Humanize.duration(endpoint.connectTimeout().plus(endpoint.readTimeout()))
                    + " (connect and read timeouts together)");
        }
        if (e instanceof SocketTimeoutException) {
            boolean connecting = !connected && String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT)
                    .contains("connect");
            return connecting
                    ? failed(endpoint, shown, started, Probe.Outcome.CONNECT_TIMEOUT,
                            "no connection within " + Humanize.duration(endpoint.connectTimeout())
                                    + " (connect timeout)")
                    : failed(endpoint, shown, started, Probe.Outcome.READ_TIMEOUT,
                            "no response within " + Humanize.duration(endpoint.readTimeout()) + " of connecting"
                                    + (connected ? "" : ", TLS handshake included") + " (read timeout)");
        }
        if (e instanceof ConnectException) {
            return failed(endpoint, shown, started, Probe.Outcome.CONNECT_REFUSED, "connection refused");
        }
        if (e instanceof NoRouteToHostException) {
            return failed(endpoint, shown, started, Probe.Outcome.CONNECT_REFUSED, "no route to host");
        }
        if (e instanceof UnknownHostException) {
            return failed(endpoint, shown, started, Probe.Outcome.UNKNOWN_HOST, "unknown host");
        }
        if (e instanceof SSLException) {
            return failed(endpoint, shown, started, Probe.Outcome.TLS_ERROR, "TLS handshake failed: "
                    + message(e, endpoint.url(), shown));
        }
        return failed(endpoint, shown, started, Probe.Outcome.ERROR, message(e, endpoint.url(), shown));
    }

    private static Probe failed(AppTargets.Endpoint endpoint, String shown, long started, Probe.Outcome outcome,
                                String failure) {
        return new Probe(endpoint, shown, outcome, 0, since(started), failure);
    }

    /** An exception's message on one line, with the URL shown masked wherever it appears. */
    private static String message(Exception e, String url, String shown) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return text.replace(url, shown).replaceAll("\\s+", " ").trim();
    }

    /**
     * The URL as findings show it: no user information, and the values of query parameters that look like
     * secrets (token, key, password, secret, signature, ...) masked.
     */
    static String display(String url) {
        try {
            return Urls.mask(withoutUserInfo(new URI(url.trim())));
        } catch (URISyntaxException e) {
            return "(not a valid URL)";
        }
    }

    /** The URL's raw text without user information, which the probe sends as a header instead. */
    private static String withoutUserInfo(URI uri) {
        StringBuilder out = new StringBuilder();
        out.append(uri.getScheme()).append("://").append(uri.getHost());
        if (uri.getPort() >= 0) {
            out.append(':').append(uri.getPort());
        }
        out.append(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath());
        if (uri.getRawQuery() != null) {
            out.append('?').append(uri.getRawQuery());
        }
        return out.toString();
    }

    private static Duration since(long started) {
        return Duration.ofMillis((System.nanoTime() - started) / 1_000_000);
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
    }

    private static SSLSocketFactory trustAny() {
        TrustManager any = new X509ExtendedTrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, java.net.Socket socket) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, java.net.Socket socket) {
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {any}, null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS in this JVM", e);
        }
    }
}
