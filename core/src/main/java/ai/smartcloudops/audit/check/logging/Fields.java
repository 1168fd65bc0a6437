package ai.smartcloudops.audit.check.logging;

import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * Reads fields of Elasticsearch and Fluentd answers: numbers come as JSON numbers from the JSON APIs and as strings
 * from the _cat APIs ({@code "docs.count":"1200"}), and a field may be absent or null (the UNASSIGNED row of
 * _cat/allocation, an output without a buffer).
 */
final class Fields {

    private static final java.util.regex.Pattern SIZE = java.util.regex.Pattern.compile(
            "(\\d+(?:\\.\\d+)?)\\s*([kmgt]?)b?", java.util.regex.Pattern.CASE_INSENSITIVE);

    private Fields() {
    }

    /** The field as text, or null when absent or null. */
    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() || value.isMissingNode() ? null : value.asString();
    }

    /** The field as a number, whether a JSON number or a numeric string; null when absent, null or not a number. */
    static Double number(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isNumber()) {
            return value.asDouble();
        }
        try {
            return Double.parseDouble(value.asString().trim());
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * A Fluentd size ({@code 8GB}, {@code 512m}, {@code 64k}, {@code 1024}): k, m, g, t (with an optional b, any
     * case) are powers of 1024, as Fluentd's config parser reads them. Null when it is not a size.
     */
    static Long size(String text) {
        if (text == null) {
            return null;
        }
        var m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        int power = m.group(2).isEmpty() ? 0 : "kmgt".indexOf(m.group(2).toLowerCase(Locale.ROOT)) + 1;
        return (long) (Double.parseDouble(m.group(1)) * Math.pow(1024, power));
    }
}
