package ai.smartcloudops.audit.demo.aws;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import software.amazon.awssdk.thirdparty.jackson.dataformat.cbor.CBORFactory;
import software.amazon.awssdk.thirdparty.jackson.dataformat.cbor.CBORGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Smithy RPC v2 CBOR bodies (CloudWatch's protocol since the SDK's 2.30 line) from readable JSON, for the stubs of
 * the tests and the demo: objects, arrays, strings, numbers and booleans as their CBOR counterparts, and every
 * string that is an ISO-8601 instant (e.g. {@code "2026-05-01T11:00:00Z"}) as a timestamp, CBOR tag 1 over epoch
 * seconds — what the SDK's unmarshaller reads into an {@code Instant}. Encoded with the CBOR generator the SDK
 * itself parses with.
 */
public final class DemoCbor {

    public static final String CONTENT_TYPE = "application/cbor";
    /** The response header a Smithy RPC v2 CBOR service sends. */
    public static final String PROTOCOL_HEADER = "smithy-protocol";
    public static final String PROTOCOL = "rpc-v2-cbor";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final CBORFactory CBOR = new CBORFactory();

    private DemoCbor() {
    }

    /** The CBOR encoding of a JSON document. */
    public static byte[] encode(String json) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator generator = (CBORGenerator) CBOR.createGenerator(out)) {
            write(JSON.readTree(json), generator);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The CBOR encoding of a JSON resource of the classpath, e.g. {@code demo/aws/cloudwatch/rds.json}. */
    public static byte[] resource(String path) {
        try (InputStream in = DemoCbor.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + path);
            }
            return encode(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(JsonNode node, CBORGenerator out) throws IOException {
        if (node.isObject()) {
            out.writeStartObject();
            for (var field : node.properties()) {
                out.writeFieldName(field.getKey());
                write(field.getValue(), out);
            }
            out.writeEndObject();
        } else if (node.isArray()) {
            out.writeStartArray();
            for (JsonNode item : node) {
                write(item, out);
            }
            out.writeEndArray();
        } else if (node.isString()) {
            Instant instant = instant(node.asString());
            if (instant == null) {
                out.writeString(node.asString());
            } else {
                out.writeTag(1);
                out.writeNumber(instant.getEpochSecond() + instant.getNano() / 1e9);
            }
        } else if (node.isIntegralNumber()) {
            out.writeNumber(node.asLong());
        } else if (node.isNumber()) {
            out.writeNumber(new BigDecimal(node.asString()).doubleValue());
        } else if (node.isBoolean()) {
            out.writeBoolean(node.asBoolean());
        } else {
            out.writeNull();
        }
    }

    private static Instant instant(String text) {
        if (text.length() < 20 || !Character.isDigit(text.charAt(0)) || text.charAt(10) != 'T') {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
