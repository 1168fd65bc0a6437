package ai.smartcloudops.audit.check.postgres;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A client of pgbouncer's admin console (the virtual database {@code pgbouncer}) that speaks just enough of the
 * PostgreSQL protocol: startup, cleartext / md5 / SCRAM-SHA-256 authentication, and simple queries. The JDBC
 * driver cannot be used: since 42.7.5 pgjdbc sends {@code SET extra_float_digits = 2} after logging in to a
 * server that reports a version below 12, and the console (which reports pgbouncer's own version) refuses it —
 * "admin access needed" for a stats user, "SET failed" for an admin — whatever {@code ignore_startup_parameters}
 * says. Without TLS: pgbouncer's console is reached inside the cluster network.
 */
final class PgBouncerConsole implements AutoCloseable {

    /** A refusal by pgbouncer (an ErrorResponse), as opposed to a network failure. */
    static final class RefusedException extends IOException {
        RefusedException(String message) {
            super(message);
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;

    private PgBouncerConsole(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        this.out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
    }

    /** Connects and logs in; the timeout bounds the connect and every answer after it. */
    static PgBouncerConsole open(PostgresProperties.PgBouncer pgbouncer) throws IOException {
        int timeout = (int) Math.min(Integer.MAX_VALUE, pgbouncer.connectTimeout().toMillis());
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(pgbouncer.host(), pgbouncer.port()), timeout);
            socket.setSoTimeout(timeout);
            PgBouncerConsole console = new PgBouncerConsole(socket);
            console.login(pgbouncer.username(), pgbouncer.password() == null ? "" : pgbouncer.password());
            return console;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** The rows of a SHOW command, each column by name, as text (null for SQL NULL). */
    List<Map<String, String>> query(String sql) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        cstring(body, sql);
        send('Q', body.toByteArray());
        List<String> columns = new ArrayList<>();
        List<Map<String, String>> rows = new ArrayList<>();
        String error = null;
        while (true) {
            Message m = receive();
            switch (m.type) {
                case 'T' -> {
                    columns.clear();
                    int n = m.data.readUnsignedShort();
                    for (int i = 0; i < n; i++) {
                        columns.add(readCString(m.data));
                        m.data.skipBytes(18);
                    }
                }
                case 'D' -> {
                    int n = m.data.readUnsignedShort();
                    Map<String, String> row = new LinkedHashMap<>();
                    for (int i = 0; i < n; i++) {
                        int length = m.data.readInt();
                        String value = null;
                        if (length >= 0) {
                            byte[] bytes = new byte[length];
                            m.data.readFully(bytes);
                            value = new String(bytes, StandardCharsets.UTF_8);
                        }
                        row.put(i < columns.size() ? columns.get(i) : String.valueOf(i), value);
                    }
                    rows.add(row);
                }
                case 'E' -> error = errorText(m.data);
                case 'Z' -> {
                    if (error != null) {
                        throw new RefusedException(error);
                    }
                    return rows;
                }
                default -> {
                    // CommandComplete, NoticeResponse, ParameterStatus, EmptyQueryResponse: nothing to keep
                }
            }
        }
    }

    @Override
    public void close() {
        try {
            send('X', new byte[0]);
        } catch (IOException ignored) {
            // closing anyway
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }

    private void login(String user, String password) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0, 3, 0, 0});   // protocol 3.0
        cstring(body, "user");
        cstring(body, user);
        cstring(body, "database");
        cstring(body, "pgbouncer");
        cstring(body, "application_name");
        cstring(body, "health-audit");
        body.write(0);
        byte[] bytes = body.toByteArray();
        out.writeInt(bytes.length + 4);
        out.write(bytes);
        out.flush();
        Scram scram = null;
        while (true) {
            Message m = receive();
            switch (m.type) {
                case 'R' -> {
                    int kind = m.data.readInt();
                    switch (kind) {
                        case 0 -> { }   // AuthenticationOk
                        case 3 -> password(password.getBytes(StandardCharsets.UTF_8));
                        case 5 -> {
                            byte[] salt = new byte[4];
                            m.data.readFully(salt);
                            password(md5(user, password, salt));
                        }
                        case 10 -> {
                            List<String> mechanisms = new ArrayList<>();
                            for (String s = readCString(m.data); !s.isEmpty(); s = readCString(m.data)) {
                                mechanisms.add(s);
                            }
                            if (!mechanisms.contains("SCRAM-SHA-256")) {
                                throw new RefusedException("pgbouncer offers only " + mechanisms);
                            }
                            scram = new Scram(password);
                            ByteArrayOutputStream first = new ByteArrayOutputStream();
                            cstring(first, "SCRAM-SHA-256");
                            byte[] message = scram.clientFirst();
                            first.writeBytes(intBytes(message.length));
                            first.writeBytes(message);
                            send('p', first.toByteArray());
                        }
                        case 11 -> send('p', scram(scram).clientFinal(rest(m.data)));
                        case 12 -> scram(scram).verify(rest(m.data));
                        default -> throw new RefusedException("unsupported authentication request " + kind);
                    }
                }
                case 'E' -> throw new RefusedException(errorText(m.data));
                case 'Z' -> {
                    return;
                }
                default -> {
                    // ParameterStatus, BackendKeyData, NoticeResponse
                }
            }
        }
    }

    private static Scram scram(Scram scram) throws RefusedException {
        if (scram == null) {
            throw new RefusedException("SCRAM continuation without a SCRAM start");
        }
        return scram;
    }

    private void password(byte[] password) throws IOException {
        byte[] body = new byte[password.length + 1];
        System.arraycopy(password, 0, body, 0, password.length);
        send('p', body);
    }

    private void send(char type, byte[] body) throws IOException {
        out.writeByte(type);
        out.writeInt(body.length + 4);
        out.write(body);
        out.flush();
    }

    private record Message(char type, DataInputStream data) {
    }

    private Message receive() throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException("pgbouncer closed the connection");
        }
        int length = in.readInt();
        if (length < 4 || length > 64 * 1024 * 1024) {
            throw new IOException("not the PostgreSQL protocol (message length " + length + ")");
        }
        byte[] body = new byte[length - 4];
        in.readFully(body);
        return new Message((char) type, new DataInputStream(new java.io.ByteArrayInputStream(body)));
    }

    /** An ErrorResponse as "SEVERITY: message". */
    private static String errorText(DataInputStream data) throws IOException {
        String severity = "ERROR";
        String message = "";
        for (int field = data.read(); field > 0; field = data.read()) {
            String value = readCString(data);
            if (field == 'S') {
                severity = value;
            } else if (field == 'M') {
                message = value;
            }
        }
        return severity + ": " + message;
    }

    private static String readCString(DataInputStream data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int b = data.read(); b > 0; b = data.read()) {
            bytes.write(b);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static byte[] rest(DataInputStream data) throws IOException {
        return data.readAllBytes();
    }

    private static void cstring(ByteArrayOutputStream out, String value) {
        out.writeBytes(value.getBytes(StandardCharsets.UTF_8));
        out.write(0);
    }

    private static byte[] intBytes(int value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    /** "md5" + md5(md5(password + user) + salt), in hex. */
    private static byte[] md5(String user, String password, byte[] salt) {
        HexFormat hex = HexFormat.of();
        String inner = hex.formatHex(digest("MD5", (password + user).getBytes(StandardCharsets.UTF_8)));
        byte[] salted = new byte[inner.length() + salt.length];
        System.arraycopy(inner.getBytes(StandardCharsets.US_ASCII), 0, salted, 0, inner.length());
        System.arraycopy(salt, 0, salted, inner.length(), salt.length);
        return ("md5" + hex.formatHex(digest("MD5", salted))).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] digest(String algorithm, byte[] input) {
        try {
            return MessageDigest.getInstance(algorithm).digest(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is not available", e);
        }
    }

    /** SCRAM-SHA-256 without channel binding (RFC 5802 / 7677), as PostgreSQL and pgbouncer speak it. */
    private static final class Scram {

        private final String password;
        private final String clientNonce;
        private String clientFirstBare;
        private byte[] serverSignature;

        Scram(String password) {
            this.password = password;
            byte[] nonce = new byte[18];
            new SecureRandom().nextBytes(nonce);
            this.clientNonce = Base64.getEncoder().encodeToString(nonce);
        }

        byte[] clientFirst() {
            clientFirstBare = "n=,r=" + clientNonce;   // the user is the startup message's
            return ("n,," + clientFirstBare).getBytes(StandardCharsets.UTF_8);
        }

        byte[] clientFinal(byte[] serverFirstBytes) throws IOException {
            String serverFirst = new String(serverFirstBytes, StandardCharsets.UTF_8);
            Map<String, String> attributes = attributes(serverFirst);
            String nonce = attributes.get("r");
            if (nonce == null || !nonce.startsWith(clientNonce) || attributes.get("s") == null
                    || attributes.get("i") == null) {
                throw new RefusedException("invalid SCRAM server-first message");
            }
            byte[] salt = Base64.getDecoder().decode(attributes.get("s"));
            int iterations = Integer.parseInt(attributes.get("i"));
            String withoutProof = "c=biws,r=" + nonce;
            String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
            try {
                SecretKeyFactory pbkdf2 = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
                byte[] salted = pbkdf2.generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256))
                        .getEncoded();
                byte[] clientKey = hmac(salted, "Client Key");
                byte[] storedKey = digest("SHA-256", clientKey);
                byte[] clientSignature = hmac(storedKey, authMessage);
                byte[] proof = new byte[clientKey.length];
                for (int i = 0; i < proof.length; i++) {
                    proof[i] = (byte) (clientKey[i] ^ clientSignature[i]);
                }
                serverSignature = hmac(hmac(salted, "Server Key"), authMessage);
                return (withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof))
                        .getBytes(StandardCharsets.UTF_8);
            } catch (GeneralSecurityException e) {
                throw new IOException("SCRAM-SHA-256 is not available: " + e.getMessage(), e);
            }
        }

        void verify(byte[] serverFinalBytes) throws IOException {
            String verifier = attributes(new String(serverFinalBytes, StandardCharsets.UTF_8)).get("v");
            if (verifier == null || serverSignature == null
                    || !MessageDigest.isEqual(Base64.getDecoder().decode(verifier), serverSignature)) {
                throw new RefusedException("pgbouncer's SCRAM signature does not match");
            }
        }

        private static Map<String, String> attributes(String message) {
            Map<String, String> attributes = new LinkedHashMap<>();
            for (String part : message.split(",")) {
                if (part.length() > 1 && part.charAt(1) == '=') {
                    attributes.put(part.substring(0, 1), part.substring(2));
                }
            }
            return attributes;
        }

        private static byte[] hmac(byte[] key, String message) throws GeneralSecurityException {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        }
    }
}
