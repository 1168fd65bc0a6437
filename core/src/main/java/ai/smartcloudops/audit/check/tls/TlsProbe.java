package ai.smartcloudops.audit.check.tls;

import ai.smartcloudops.audit.net.Deadline;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * One TLS handshake per endpoint: TCP connect within the connect timeout, then the handshake with SNI set to the
 * server name and a read timeout of the handshake timeout, so a port that accepts and never answers cannot stall
 * the audit. The client trusts everything and records the chain the server sends: an expired, untrusted or weak
 * chain is still seen, and judged afterwards by the TLS checks. The trust manager is an extended one,
 * so the JDK adds no algorithm checks of its own that would refuse a 1024-bit or MD5 chain before we see it.
 */
final class TlsProbe {

    /** The served chain (leaf first), or why there is none. */
    record Result(List<X509Certificate> chain, String failure) {
    }

    private final Duration connectTimeout;
    private final Duration handshakeTimeout;
    /** One client context for every probe of a run: making one per handshake costs more than the handshake. */
    private final SSLContext context;

    TlsProbe(Duration connectTimeout, Duration handshakeTimeout) {
        this.connectTimeout = connectTimeout;
        this.handshakeTimeout = handshakeTimeout;
        try {
            context = SSLContext.getInstance("TLS");
            context.init(null, new javax.net.ssl.TrustManager[] {new Recorder()}, null);
            // every probe a full handshake: a resumed session would not show a certificate changed since
            context.getClientSessionContext().setSessionCacheSize(1);
            context.getClientSessionContext().setSessionTimeout(1);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS client: " + e.getMessage(), e);
        }
    }

    Result probe(String host, int port, String serverName) {
        try (Socket tcp = new Socket()) {
            try {
                tcp.connect(new InetSocketAddress(host, port), Math.toIntExact(connectTimeout.toMillis()));
            } catch (SocketTimeoutException e) {
                return new Result(List.of(), "no TCP connection within " + connectTimeout.toSeconds() + "s");
            } catch (UnknownHostException e) {
                return new Result(List.of(), "unknown host " + host);
            } catch (ConnectException e) {
                return new Result(List.of(), "cannot connect: " + e.getMessage());
            }
            tcp.setSoTimeout(Math.toIntExact(handshakeTimeout.toMillis()));
            // the socket timeout bounds each read; the deadline bounds the handshake, however the peer paces it
            try (Deadline deadline = Deadline.after(handshakeTimeout, () -> close(tcp));
                 SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(tcp, host, port, false)) {
                SSLParameters parameters = tls.getSSLParameters();
                if (!isAddress(serverName)) {
                    parameters.setServerNames(List.of(new SNIHostName(serverName)));
                }
                tls.setSSLParameters(parameters);
                try {
                    tls.startHandshake();
                } catch (IOException e) {
                    if (deadline.expired()) {
                        return noHandshake();
                    }
                    throw e;
                }
                return new Result(Arrays.stream(tls.getSession().getPeerCertificates())
                        .map(X509Certificate.class::cast).toList(), null);
            }
        } catch (SocketTimeoutException e) {
            return noHandshake();
        } catch (IOException | IllegalArgumentException e) {
            return new Result(List.of(), e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** Probes every item on a pool of at most {@code concurrency} threads; results in the items' order. */
    static <I, T> List<T> all(List<I> items, int concurrency, Function<I, T> probe) {
        if (items.isEmpty()) {
            return List.of();
        }
        AtomicInteger count = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, items.size()), r -> {
            Thread thread = new Thread(r, "tls-probe-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (I item : items) {
                futures.add(pool.submit(() -> probe.apply(item)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while probing TLS endpoints", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("probing a TLS endpoint failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private Result noHandshake() {
        return new Result(List.of(), "no TLS handshake within " + handshakeTimeout.toMillis() + "ms");
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing only to fail the blocked handshake; the probe reports the deadline
        }
    }

    private static boolean isAddress(String name) {
        return name.matches("[0-9.]+") || name.contains(":");
    }

    /** Accepts any server chain: the handshake's session keeps it for the evaluation. */
    private static final class Recorder extends X509ExtendedTrustManager {

        private void record(X509Certificate[] served) {
            // nothing refused: what was served is judged afterwards
        }

        @Override
        public void checkServerTrusted(X509Certificate[] served, String authType, Socket socket) {
            record(served);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] served, String authType, SSLEngine engine) {
            record(served);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] served, String authType) {
            record(served);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
