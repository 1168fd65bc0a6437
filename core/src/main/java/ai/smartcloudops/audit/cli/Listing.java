package ai.smartcloudops.audit.cli;

import ai.smartcloudops.audit.report.excel.ExcelText;
import ai.smartcloudops.audit.text.Printable;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * How the history commands print rows: a table that fits the terminal (80 columns unless {@code COLUMNS} says
 * more), JSON (every field, instants in ISO-8601 UTC) or CSV (the JSON's fields flattened, one header row).
 */
final class Listing {

    enum Format { table, json, csv }

    /** --format, shared by the history commands. */
    static final class FormatOption {
        @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT",
                description = "table (default), json or csv")
        Format format;
    }

    /**
     * A column of the table. The one column of width 0 takes what the others leave and is cut to it; the others
     * are cut to their width.
     */
    record Column<T>(String header, int width, Function<T, String> value) {
    }

    static final int DEFAULT_WIDTH = 80;
    private static final int NARROWEST = 40;
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private Listing() {
    }

    static <T> void print(PrintWriter out, Format format, List<T> rows, List<Column<T>> columns) {
        switch (format) {
            case json -> json(out, rows);
            case csv -> csv(out, rows);
            case table -> table(out, rows, columns, width());
        }
        out.flush();
    }

    static void json(PrintWriter out, Object value) {
        out.println(JSON.writeValueAsString(value));
        out.flush();
    }

    /** The terminal's width, as {@link #width(String)} reads the environment's {@code COLUMNS}. */
    static int width() {
        return width(System.getenv("COLUMNS"));
    }

    /** The terminal's width from {@code COLUMNS} (at least 40), else 80. */
    static int width(String columns) {
        try {
            return columns == null ? DEFAULT_WIDTH : Math.max(NARROWEST, Integer.parseInt(columns.trim()));
        } catch (NumberFormatException e) {
            return DEFAULT_WIDTH;
        }
    }

    static <T> void table(PrintWriter out, List<T> rows, List<Column<T>> columns, int width) {
        int fixed = columns.stream().mapToInt(c -> c.width() == 0 ? 0 : c.width() + 1).sum();
        int rest = Math.max(10, width - fixed);
        out.println(line(columns, c -> c.header(), rest));
        for (T row : rows) {
            out.println(line(columns, c -> c.value().apply(row), rest));
        }
    }

    private static <T> String line(List<Column<T>> columns, Function<Column<T>, String> text, int rest) {
        StringBuilder line = new StringBuilder();
        for (Column<T> column : columns) {
            int width = column.width() == 0 ? rest : column.width();
            String value = cut(Printable.safe(String.valueOf(text.apply(column))), width);
            line.append(value).append(" ".repeat(width - value.length() + 1));
        }
        return line.toString().stripTrailing();
    }

    /** Cut to {@code width} characters, the cut marked with an ellipsis. */
    static String cut(String value, int width) {
        return value.length() <= width ? value : value.substring(0, width - 1) + "…";
    }

    /**
     * RFC 4180: every field quoted, quotes doubled; a text a spreadsheet would take for a formula is defused as in
     * report.xlsx, since a CSV is most often opened in one.
     */
    private static <T> void csv(PrintWriter out, List<T> rows) {
        List<Map<String, String>> flat = new ArrayList<>();
        for (T row : rows) {
            Map<String, String> fields = new LinkedHashMap<>();
            flatten("", JSON.valueToTree(row), fields);
            flat.add(fields);
        }
        if (flat.isEmpty()) {
            return;
        }
        out.print(String.join(",", flat.get(0).keySet().stream().map(Listing::quoted).toList()) + "\r\n");
        for (Map<String, String> fields : flat) {
            out.print(String.join(",", fields.values().stream().map(v -> quoted(ExcelText.safe(v))).toList())
                    + "\r\n");
        }
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> into) {
        if (node.isObject()) {
            node.properties().forEach(e -> flatten(prefix + e.getKey() + (e.getValue().isObject() ? "." : ""),
                    e.getValue(), into));
        } else {
            into.put(prefix, node.isNull() ? "" : node.asString());
        }
    }

    private static String quoted(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }

    /**
     * How long ago, in the largest unit that fits (kubectl's AGE): 45s, 12m, 5h, 3d. One unit, not Humanize's two:
     * the table gives it five columns.
     */
    static String age(Instant at, Instant now) {
        return at == null ? "-" : span(Duration.between(at, now));
    }

    static String span(Duration duration) {
        long s = Math.abs(duration.toSeconds());
        return s < 60 ? s + "s" : s < 3600 ? s / 60 + "m" : s < 86_400 ? s / 3600 + "h" : s / 86_400 + "d";
    }
}
