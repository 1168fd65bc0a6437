package ai.smartcloudops.audit.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPOutputStream;

/**
 * An HTTP server that answers the way a broken or hostile one does, chosen by the request's path:
 * <ul>
 *   <li>{@code /endless}: 200, chunked, chunks of JSON-looking bytes for ever</li>
 *   <li>{@code /huge}: 200 announcing a 1 GB Content-Length, then zeros until the client leaves</li>
 *   <li>{@code /unannounced}: 200 without a length, bytes until the client leaves</li>
 *   <li>{@code /gzip-bomb}: 200 with Content-Encoding gzip over 256 MB of zeros (256 KB on the wire)</li>
 *   <li>{@code /slow-body}: 200 and its headers at once, then one byte of body every 2 s</li>
 *   <li>{@code /slow-headers}: the status line and headers one byte every 300 ms</li>
 *   <li>{@code /silent}: reads the request and never answers</li>
 * </ul>
 * The first segment of the path chooses, so a client that appends its API's path ({@code /endless/api/v1/…})
 * meets the same behaviour. Any other path is 404.
 * {@link #tlsPort()} is a port that starts a TLS handshake and never finishes it: a record header announcing
 * 16 KB, then one byte every 300 ms, so no read of a client ever waits long enough to time out.
 */
public final class HostileServer implements AutoCloseable {

    private static final byte[] GZIP_BOMB = gzipOfZeros(256 * 1024 * 1024);

    private final ServerSocket http;
    private final ServerSocket tls;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "hostile-server");
        t.setDaemon(true);
        return t;
    });
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    public HostileServer() throws IOException {
        http = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        tls = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.submit(() -> accept(http, this::answer));
        threads.submit(() -> accept(tls, HostileServer::neverFinishHandshake));
    }

    public String url(String path) {
        return "http://127.0.0.1:" + http.getLocalPort() + path;
    }

    public int tlsPort() {
        return tls.getLocalPort();
    }

    private interface Behaviour {
        void serve(Socket socket) throws IOException, InterruptedException;
    }

    private void accept(ServerSocket server, Behaviour behaviour) {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                open.add(socket);
                threads.submit(() -> {
                    try (socket) {
                        behaviour.serve(socket);
                    } catch (IOException | InterruptedException e) {
                        // the client left or the server closed: the end of this behaviour
                    }
                });
            } catch (IOException e) {
                return;
            }
        }
    }

    private void answer(Socket socket) throws IOException, InterruptedException {
        String path = requestPath(socket.getInputStream());
        OutputStream out = socket.getOutputStream();
        switch (path) {
            case "/endless" -> {
                out.write(head("Transfer-Encoding: chunked\r\nContent-Type: application/json"));
                byte[] chunk = "{\"data\":[1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]}"
                        .repeat(200).getBytes(StandardCharsets.US_ASCII);
                byte[] size = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                while (true) {
                    out.write(size);
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
            }
            case "/huge" -> {
                out.write(head("Content-Length: 1073741824\r\nContent-Type: application/json"));
                zerosForEver(out);
            }
            case "/unannounced" -> {
                out.write(head("Connection: close\r\nContent-Type: application/json"));
                zerosForEver(out);
            }
            case "/gzip-bomb" -> {
                out.write(head("Content-Length: " + GZIP_BOMB.length
                        + "\r\nContent-Encoding: gzip\r\nContent-Type: application/json"));
                out.write(GZIP_BOMB);
                out.flush();
                Thread.sleep(60_000);
            }
            case "/slow-body" -> {
                out.write(head("Content-Length: 1000\r\nContent-Type: application/json"));
                out.flush();
                trickle(out, "{".repeat(1000).getBytes(StandardCharsets.US_ASCII), 2000);
            }
            case "/slow-headers" -> trickle(out, head("Content-Length: 0"), 300);
            case "/silent" -> Thread.sleep(120_000);
            default -> out.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
        }
        out.flush();
    }

    private static void neverFinishHandshake(Socket socket) throws IOException, InterruptedException {
        OutputStream out = socket.getOutputStream();
        // a handshake record of 16 KB, its body never done: every read gets a byte before any timeout
        out.write(new byte[] {0x16, 0x03, 0x03, 0x40, 0x00});
        out.flush();
        byte[] body = new byte[16 * 1024];
        Arrays.fill(body, (byte) 0x01);
        trickle(out, body, 300);
    }

    private static byte[] head(String headers) {
        return ("HTTP/1.1 200 OK\r\n" + headers + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static void zerosForEver(OutputStream out) throws IOException {
        byte[] zeros = new byte[64 * 1024];
        while (true) {
            out.write(zeros);
        }
    }

    private static void trickle(OutputStream out, byte[] bytes, long everyMillis)
            throws IOException, InterruptedException {
        for (byte b : bytes) {
            out.write(b);
            out.flush();
            Thread.sleep(everyMillis);
        }
    }

    /** The first segment of the request line's path; the headers are read up to the blank line and dropped. */
    private static String requestPath(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last4 = 0;
        int b;
        while ((b = in.read()) >= 0 && head.size() < 64 * 1024) {
            head.write(b);
            last4 = (last4 << 8) | b;
            if (last4 == 0x0d0a0d0a) {
                break;
            }
        }
        String requestLine = head.toString(StandardCharsets.ISO_8859_1).split("\r\n", 2)[0];
        String[] parts = requestLine.split(" ");
        if (parts.length < 2) {
            return "";
        }
        String path = parts[1].split("[?#]", 2)[0];
        int second = path.indexOf('/', 1);
        return second < 0 ? path : path.substring(0, second);
    }

    private static byte[] gzipOfZeros(int size) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            byte[] zeros = new byte[1024 * 1024];
            for (int written = 0; written < size; written += zeros.length) {
                gzip.write(zeros);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    @Override
    public void close() throws IOException {
        http.close();
        tls.close();
        for (Socket socket : open) {
            socket.close();
        }
        threads.shutdownNow();
    }
}
