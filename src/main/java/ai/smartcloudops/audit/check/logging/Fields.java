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

    static String percent(double value) {
        return String.format(Locale.ROOT, "%.1f%%", value);
    }

    /** Bytes as the largest binary unit that keeps a number of at least 1, e.g. {@code 45.2 GiB}. */
    static String bytes(double bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
        int unit = 0;
        double value = bytes;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? String.format(Locale.ROOT, "%.0f B", value)
                : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
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

    /** e.g. {@code 2d 3h}, {@code 3h 5m}, {@code 12m}, {@code 40s}. */
    static String duration(java.time.Duration duration) {
        long s = Math.max(0, duration.getSeconds());
        if (s >= 86400) {
            return s / 86400 + "d " + s % 86400 / 3600 + "h";
        }
        if (s >= 3600) {
            return s / 3600 + "h " + s % 3600 / 60 + "m";
        }
        return s >= 60 ? s / 60 + "m" : s + "s";
    }
}
