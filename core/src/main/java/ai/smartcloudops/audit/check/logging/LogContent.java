package ai.smartcloudops.audit.check.logging;

import ai.smartcloudops.audit.check.ReadWindow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the logs of a cluster's index pattern say over the window since the previous run read them, counted by one
 * search of filter aggregations (no document is fetched): the guide's greps as Elasticsearch queries. Counts that
 * are missing, negative or not JSON numbers in the answer are zero.
 *
 * @param window        the window since the previous run's read ({@link #READ_UNTIL})
 * @param total         the logs in the window
 * @param authFailures  failed logins and denied authentications
 * @param breach        lines with a BREACH marker
 * @param security      lines with a SECURITY marker
 * @param audit         lines with an AUDIT marker: the audit trail, shown beside the others
 * @param parseFailures logs tagged as failing to parse
 * @param outOfMemory   out-of-memory and memory-leak lines by service (the service field's value)
 */
record LogContent(ReadWindow window, long total, long authFailures, long breach, long security, long audit,
                  long parseFailures, Map<String, Long> outOfMemory) {

    /** The sample that remembers, per cluster, up to when its logs were read (epoch seconds). */
    static final String READ_UNTIL = "es.log-content.read-until";
    /** The services named at most, the busiest first; the rest are one count. */
    static final int SERVICES = 20;
    static final String OTHER_SERVICES = "(other services)";
    static final String NO_SERVICE = "(no service)";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    LogContent {
        Objects.requireNonNull(window, "window");
        outOfMemory = Map.copyOf(outOfMemory);
    }

    /** {@code POST} path of the search. */
    static String path(LoggingProperties.Elasticsearch cluster) {
        return "/" + cluster.indexPattern() + "/_search?ignore_unavailable=true&allow_no_indices=true";
    }

    /** The search: the window's logs, counted by each query of {@code content}. */
    static JsonNode search(LoggingProperties.Elasticsearch cluster, LoggingProperties.LogQueries content,
                           ReadWindow window) {
        ObjectNode body = JSON.createObjectNode();
        body.put("size", 0);
        body.put("track_total_hits", true);
        ObjectNode range = body.putObject("query").putObject("range").putObject(cluster.timestampField());
        range.put("gte", window.start().toString());
        range.put("lt", window.end().toString());
        range.put("format", "strict_date_optional_time");
        ObjectNode aggs = body.putObject("aggs");
        aggs.set("auth", filter(content.authFailures(), content.messageFields()));
        aggs.set("breach", filter("BREACH", content.messageFields()));
        aggs.set("security", filter("SECURITY", content.messageFields()));
        aggs.set("audit", filter("AUDIT", content.messageFields()));
        ObjectNode parse = aggs.putObject("parse");
        parse.putObject("filter").putObject("term").put("tags", content.parseFailureTag());
        ObjectNode oom = filter(content.outOfMemory(), content.messageFields());
        ObjectNode terms = oom.putObject("aggs").putObject("services").putObject("terms");
        terms.put("field", content.serviceField());
        terms.put("size", SERVICES);
        terms.put("missing", NO_SERVICE);
        aggs.set("oom", oom);
        return body;
    }

    private static ObjectNode filter(String query, List<String> fields) {
        ObjectNode filter = JSON.createObjectNode();
        ObjectNode queryString = filter.putObject("filter").putObject("query_string");
        queryString.put("query", query);
        ArrayNode on = queryString.putArray("fields");
        fields.forEach(on::add);
        queryString.put("lenient", true);
        return filter;
    }

    /** The counts of a search's answer. */
    static LogContent of(ReadWindow window, JsonNode answer) {
        JsonNode aggregations = answer.path("aggregations");
        Map<String, Long> services = new LinkedHashMap<>();
        for (JsonNode bucket : aggregations.path("oom").path("services").path("buckets")) {
            long count = count(bucket.path("doc_count"));
            String service = bucket.path("key").isValueNode() ? bucket.path("key").asString() : null;
            if (count > 0 && service != null && !service.isBlank()) {
                services.merge(service, count, Long::sum);
            }
        }
        long other = count(aggregations.path("oom").path("services").path("sum_other_doc_count"));
        if (other > 0) {
            services.merge(OTHER_SERVICES, other, Long::sum);
        }
        return new LogContent(window, count(answer.path("hits").path("total").path("value")),
                count(aggregations.path("auth").path("doc_count")), count(aggregations.path("breach").path("doc_count")),
                count(aggregations.path("security").path("doc_count")),
                count(aggregations.path("audit").path("doc_count")), count(aggregations.path("parse").path("doc_count")),
                services);
    }

    /** A count as the answer gives it: past a long it is the largest long, shown as far too many. */
    private static long count(JsonNode value) {
        double count = value.isNumber() ? value.asDouble() : 0;
        return Double.isFinite(count) && count > 0 ? (long) Math.min(count, Long.MAX_VALUE) : 0;
    }
}
