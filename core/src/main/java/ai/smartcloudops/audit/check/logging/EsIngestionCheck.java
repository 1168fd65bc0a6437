package ai.smartcloudops.audit.check.logging;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Sample;
import ai.smartcloudops.audit.text.Humanize;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Whether logs arrive: today's daily index ({@code <index-prefix><date>}, as Fluentd's logstash_format names it)
 * missing is LOG-106; present, it is stalled (LOG-107) when its document count did not grow since the previous run
 * of the same day, or when the newest log (sorted by the timestamp field) is older than max-log-age. A count that
 * went down (the index deleted and recreated) is no comparison this run. The resource is the index pattern, so the
 * finding keeps its identity from one day's index to the next.
 */
@Component
public class EsIngestionCheck extends ElasticsearchCheck {

    static final String ID = "elasticsearch.ingestion";
    static final String INDEX_PATTERN = "IndexPattern";
    static final String DAY = "es.daily-index.day";
    static final String DOCS = "es.daily-index.docs";

    public EsIngestionCheck(LoggingTargets targets) {
        super(ID, targets);
    }

    static String indices(LoggingProperties.Elasticsearch cluster) {
        return "/_cat/indices/" + cluster.indexPattern() + "?format=json";
    }

    static String newest(LoggingProperties.Elasticsearch cluster) {
        String field = URLEncoder.encode(cluster.timestampField(), StandardCharsets.UTF_8);
        return "/" + cluster.indexPattern() + "/_search?size=1&sort=" + field + ":desc&_source=" + field
                + "&ignore_unavailable=true";
    }

    @Override
    List<Problem> inspect(CheckContext context, ElasticsearchSnapshot snapshot,
                          LoggingProperties.Elasticsearch cluster, LoggingProperties.EsThresholds thresholds) {
        JsonNode indices = snapshot.indices().get(context);
        LocalDate today = LocalDate.ofInstant(context.now(), cluster.indexTimeZone());
        String index = index(cluster, today);
        Resource resource = Resource.of(INDEX_PATTERN, cluster.indexPattern());
        Optional<JsonNode> row = row(indices, index);
        Map<String, Object> facts = facts(cluster);
        facts.put("index", index);
        if (row.isEmpty()) {
            facts.put("date", today);
            facts.put("zone", cluster.indexTimeZone());
            facts.put("newest", StreamSupport.stream(indices.spliterator(), false)
                    .map(r -> Fields.text(r, "index")).filter(n -> n != null)
                    .max(Comparator.naturalOrder()).orElse("none"));
            return List.of(Problem.of(LoggingCode.LOG_106, resource, facts));
        }
        Optional<Long> count = docs(row.get());
        if (count.isEmpty()) {
            return List.of();   // a closed index: no count to judge
        }
        long docs = count.get();
        Optional<Sample> previousDay = context.previousSample(DAY);
        Optional<Sample> previousDocs = context.previousSample(DOCS);
        context.record(DAY, today.toEpochDay());
        context.record(DOCS, docs);

        ElasticsearchSnapshot.Answer answer = snapshot.newest();
        Instant newest = answer.body() == null ? null : newest(answer.body());
        Duration age = newest == null ? null : Duration.between(newest, context.now());
        String window = null;
        if (age != null && age.compareTo(thresholds.maxLogAge()) > 0) {
            window = "in " + Humanize.duration(age) + " (limit " + Humanize.duration(thresholds.maxLogAge()) + ")";
        } else if (previousDay.isPresent() && previousDocs.isPresent()
                && (long) previousDay.get().value() == today.toEpochDay()
                && (long) previousDocs.get().value() == docs) {
            window = "since the previous run at " + previousDocs.get().at();
        }
        if (window == null) {
            return List.of();
        }
        facts.put("docs", docs);
        facts.put("window", window);
        facts.put("newest", newest != null ? newest.toString()
                : answer.error() != null ? "unknown (" + answer.error() + ")" : "unknown (no document)");
        return List.of(Problem.of(LoggingCode.LOG_107, resource, facts));
    }

    /** The day's index of the cluster, e.g. smartcloudops-logs-2026.12.06. */
    static String index(LoggingProperties.Elasticsearch cluster, LocalDate day) {
        return cluster.indexPrefix() + day.format(DateTimeFormatter.ofPattern(cluster.indexDateFormat()));
    }

    /** The row of {@code index} in a _cat/indices answer. */
    static Optional<JsonNode> row(JsonNode indices, String index) {
        return StreamSupport.stream(indices.spliterator(), false)
                .filter(r -> index.equals(Fields.text(r, "index"))).findFirst();
    }

    /** The document count of an index's row: none when the index is closed, and then nothing is judged by it. */
    static Optional<Long> docs(JsonNode row) {
        return Optional.ofNullable(Fields.number(row, "docs.count")).map(Double::longValue);
    }

    /** The sort value (epoch milliseconds of a date field) of the first hit, or null. */
    private static Instant newest(JsonNode search) {
        JsonNode hits = search.path("hits").path("hits");
        if (!hits.isArray() || hits.isEmpty()) {
            return null;
        }
        JsonNode sort = hits.get(0).path("sort");
        if (!sort.isArray() || sort.isEmpty() || !sort.get(0).isNumber()) {
            return null;
        }
        return Instant.ofEpochMilli(sort.get(0).asLong());
    }
}
