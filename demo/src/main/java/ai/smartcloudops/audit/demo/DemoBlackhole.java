package ai.smartcloudops.audit.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * An endpoint that accepts connections and never answers: no TLS handshake, no HTTP response. Only a client's
 * read timeout gets away from it.
 */
public final class DemoBlackhole implements AutoCloseable {

    private final ServerSocket socket;
    private final List<Socket> held = new ArrayList<>();
    /** When each connection was accepted ({@link System#nanoTime}), in order. */
    private final List<Long> accepted = new ArrayList<>();
    private final Thread acceptor;

    private DemoBlackhole(ServerSocket socket) {
        this.socket = socket;
        this.acceptor = new Thread(this::accept, "demo-blackhole-" + socket.getLocalPort());
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    public static DemoBlackhole start() {
        try {
            return new DemoBlackhole(new ServerSocket(0, 1000, InetAddress.getLoopbackAddress()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a blackhole socket", e);
        }
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                synchronized (held) {
                    held.add(connection);
                    accepted.add(System.nanoTime());
                }
            } catch (IOException e) {
                return;   // closed
            }
        }
    }

    /** When each connection so far was accepted, as {@link System#nanoTime} values, in order. */
    public List<Long> accepted() {
        synchronized (held) {
            return List.copyOf(accepted);
        }
    }

    public int port() {
        return socket.getLocalPort();
    }

    @Override
    public void close() {
        try {
            socket.close();
            synchronized (held) {
                for (Socket connection : held) {
                    connection.close();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the blackhole on port " + port(), e);
        }
    }
}
