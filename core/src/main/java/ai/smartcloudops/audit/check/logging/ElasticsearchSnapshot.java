package ai.smartcloudops.audit.check.logging;

import ai.smartcloudops.audit.check.CheckSkippedException;
import ai.smartcloudops.audit.check.Part;
import ai.smartcloudops.audit.check.ReadWindow;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * What the audit reads of one Elasticsearch cluster in a run, once for every Elasticsearch check of it. The health is
 * read first: a cluster that does not answer it is unreachable for every check. Every other request is made only when
 * a check of the run needs its answer, and one that fails is kept as that part's skip: only the checks that need it
 * are skipped. The cluster's watermark settings and the newest log are optional: their failure is an answer too. The
 * newest log is asked for only when today's index has a count to judge it by.
 *
 * @param health     {@code _cluster/health}
 * @param allocation {@code _cat/allocation}: one row per node
 * @param settings   {@code _cluster/settings} with defaults, optional
 * @param nodes      {@code _nodes/stats/jvm}
 * @param indices    {@code _cat/indices} of the index pattern: one row per index
 * @param newest     the newest document of the index pattern, by the timestamp field, optional
 * @param content    what the logs of the index pattern say since the previous run read them
 */
record ElasticsearchSnapshot(JsonNode health, Part<JsonNode> allocation, Answer settings, Part<JsonNode> nodes,
                             Part<JsonNode> indices, Answer newest, Part<LogContent> content) {

    /** An optional request's answer, or why there is none. */
    record Answer(JsonNode body, String error) {

        static final Answer UNREAD = new Answer(null, "not read");

        Answer {
            body = body == null ? null : body.deepCopy();
        }
    }

    ElasticsearchSnapshot {
        health = health == null ? MissingNode.getInstance() : health.deepCopy();
        allocation = allocation.then(JsonNode::deepCopy);
        nodes = nodes.then(JsonNode::deepCopy);
        indices = indices.then(JsonNode::deepCopy);
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(newest, "newest");
        Objects.requireNonNull(content, "content");
    }

    /** How the snapshot's requests are made: a required one throws its skip, an optional one answers its error. */
    interface Reader {
        JsonNode get(String path);

        JsonNode post(String path, JsonNode body);

        Answer optional(String path);
    }

    /**
     * Reads what the checks of the run ({@code checks}, their ids) need of {@code cluster} at {@code now}; the logs'
     * content over {@code window}.
     */
    static ElasticsearchSnapshot read(Reader reader, Set<String> checks, LoggingProperties.Elasticsearch cluster,
                                      LoggingProperties.EsThresholds thresholds,
                                      LoggingProperties.LogQueries queries, ReadWindow window, Instant now) {
        JsonNode health = reader.get(LoggingTargets.HEALTH);
        Part<JsonNode> allocation = checks.contains(EsDiskCheck.ID) ? part(reader, EsDiskCheck.ALLOCATION)
                : Part.unread();
        // the watermarks and the newest log matter only beside the answer they qualify: the allocation, today's count
        Answer settings = allocation.value() != null && thresholds.clusterWatermarks()
                ? reader.optional(EsDiskCheck.SETTINGS) : Answer.UNREAD;
        Part<JsonNode> nodes = checks.contains(EsHeapCheck.ID) ? part(reader, EsHeapCheck.NODES_JVM) : Part.unread();
        Part<JsonNode> indices = checks.contains(EsIngestionCheck.ID)
                ? part(reader, EsIngestionCheck.indices(cluster)) : Part.unread();
        boolean counted = indices.value() != null && EsIngestionCheck.row(indices.value(), EsIngestionCheck.index(
                cluster, LocalDate.ofInstant(now, cluster.indexTimeZone()))).flatMap(EsIngestionCheck::docs)
                .isPresent();
        Answer newest = counted ? reader.optional(EsIngestionCheck.newest(cluster)) : Answer.UNREAD;
        Part<LogContent> content = checks.contains(LogSecurityCheck.ID) || checks.contains(LogErrorsCheck.ID)
                ? part(() -> LogContent.of(window, reader.post(LogContent.path(cluster),
                        LogContent.search(cluster, queries, window)))) : Part.unread();
        return new ElasticsearchSnapshot(health, allocation, settings, nodes, indices, newest, content);
    }

    /** The answer of {@code path}, or the skip it left: only the checks that need it are skipped. */
    private static Part<JsonNode> part(Reader reader, String path) {
        return part(() -> reader.get(path));
    }

    private static <T> Part<T> part(Supplier<T> read) {
        try {
            return Part.of(read.get());
        } catch (CheckSkippedException e) {
            return Part.failed(e);
        }
    }
}
