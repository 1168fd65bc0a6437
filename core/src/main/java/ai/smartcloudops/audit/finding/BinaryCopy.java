package ai.smartcloudops.audit.finding;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Rows written to one table by one {@code COPY ... FROM STDIN} in PostgreSQL's binary format, on the caller's
 * connection (so in its transaction). A value travels as its bytes: nothing is escaped or parsed, so a text keeps
 * every character it holds (CR, LF, tab, quotes, backslashes, a line that reads {@code \.}), and the rows stream
 * through a buffer instead of being held whole. The writer of each row must match the table's column types:
 * {@link Row#int8} for bigint, {@link Row#int4} for integer, {@link Row#float8} for double precision,
 * {@link Row#text} for every character type.
 */
final class BinaryCopy {

    /** The file header: signature, flags (no OIDs), no header extension. */
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
    private static final int BUFFER = 1 << 16;

    private BinaryCopy() {
    }

    /** Writes the fields of one row, in the order of the columns. */
    @FunctionalInterface
    interface Fields<T> {
        void write(T row, Row out) throws IOException;
    }

    /** Copies {@code rows} into {@code columns} of {@code table}; returns how many rows PostgreSQL took. */
    static <T> long into(Connection connection, String table, List<String> columns, Iterable<T> rows,
                         Fields<T> fields) throws SQLException {
        PGCopyOutputStream copy = new PGCopyOutputStream(connection.unwrap(PGConnection.class),
                "COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN (FORMAT binary)", BUFFER);
        try {
            Row out = new Row(new DataOutputStream(new BufferedOutputStream(copy, BUFFER)), columns.size());
            out.data.write(SIGNATURE);
            out.data.writeInt(0);
            out.data.writeInt(0);
            for (T row : rows) {
                out.start();
                fields.write(row, out);
                out.end(table);
            }
            out.data.writeShort(-1);
            out.data.flush();
            return copy.endCopy();
        } catch (IOException e) {
            // the driver reports a refused COPY as an IOException around the server's error
            throw cancel(copy, e.getCause() instanceof SQLException refused ? refused
                    : new SQLException("cannot copy rows into " + table, e));
        } catch (RuntimeException e) {
            throw cancel(copy, e);
        }
    }

    /** Ends a COPY that failed on our side, so the connection is usable again; {@code error} is what is thrown. */
    private static <E extends Exception> E cancel(PGCopyOutputStream copy, E error) {
        if (copy.isActive()) {
            try {
                copy.cancelCopy();
            } catch (SQLException e) {
                error.addSuppressed(e);
            }
        }
        return error;
    }

    /** One tuple being written: its field count first, then each field as a length and its bytes. */
    static final class Row {

        private final DataOutputStream data;
        private final int columns;
        private int written;

        private Row(DataOutputStream data, int columns) {
            this.data = data;
            this.columns = columns;
        }

        private void start() throws IOException {
            data.writeShort(columns);
            written = 0;
        }

        private void end(String table) {
            if (written != columns) {
                throw new IllegalStateException(written + " fields written for " + columns + " columns of " + table);
            }
        }

        Row int8(long value) throws IOException {
            data.writeInt(Long.BYTES);
            data.writeLong(value);
            return field();
        }

        Row int4(int value) throws IOException {
            data.writeInt(Integer.BYTES);
            data.writeInt(value);
            return field();
        }

        Row float8(double value) throws IOException {
            data.writeInt(Double.BYTES);
            data.writeDouble(value);
            return field();
        }

        /** A text in UTF-8, the client encoding pgjdbc always sets; null is SQL NULL. */
        Row text(String value) throws IOException {
            if (value == null) {
                data.writeInt(-1);
            } else {
                byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
                data.writeInt(bytes.length);
                data.write(bytes);
            }
            return field();
        }

        private Row field() {
            written++;
            return this;
        }
    }
}
