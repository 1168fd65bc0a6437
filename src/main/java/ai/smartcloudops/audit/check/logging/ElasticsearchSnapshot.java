package ai.smartcloudops.audit.check.logging;

import ai.smartcloudops.audit.check.CheckSkippedException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
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
 * @param failed     the skip each request that failed left, by path
 */
record ElasticsearchSnapshot(JsonNode health, JsonNode allocation, Answer settings, JsonNode nodes, JsonNode indices,
                             Answer newest, Map<String, CheckSkippedException> failed) {

    /** An optional request's answer, or why there is none. */
    record Answer(JsonNode body, String error) {

        static final Answer UNREAD = new Answer(null, "not read");

        Answer {
            body = body == null ? null : body.deepCopy();
        }
    }

    ElasticsearchSnapshot {
        health = copy(health);
        allocation = copy(allocation);
        nodes = copy(nodes);
        indices = copy(indices);
        failed = Map.copyOf(failed);
    }

    /** Throws the skip the request of {@code path} left when it failed: the check that needs it cannot judge. */
    void require(String path) {
        CheckSkippedException failure = failed.get(path);
        if (failure != null) {
            throw failure;
        }
    }

    /** How the snapshot's requests are made: a required one throws its skip, an optional one answers its error. */
    interface Reader {
        JsonNode get(String path);

        Answer optional(String path);
    }

    /** Reads what the checks of the run ({@code checks}, their ids) need of {@code cluster} at {@code now}. */
    static ElasticsearchSnapshot read(Reader reader, Set<String> checks, LoggingProperties.Elasticsearch cluster,
                                      LoggingProperties.EsThresholds thresholds, Instant now) {
        JsonNode health = reader.get(LoggingTargets.HEALTH);
        Map<String, CheckSkippedException> failed = new LinkedHashMap<>();
        JsonNode allocation = checks.contains(EsDiskCheck.ID) ? part(reader, EsDiskCheck.ALLOCATION, failed) : null;
        // the watermarks and the newest log matter only beside the answer they qualify: the allocation, today's count
        Answer settings = allocation != null && thresholds.clusterWatermarks() ? reader.optional(EsDiskCheck.SETTINGS)
                : Answer.UNREAD;
        JsonNode nodes = checks.contains(EsHeapCheck.ID) ? part(reader, EsHeapCheck.NODES_JVM, failed) : null;
        JsonNode indices = checks.contains(EsIngestionCheck.ID)
                ? part(reader, EsIngestionCheck.indices(cluster), failed) : null;
        boolean counted = indices != null && EsIngestionCheck.row(indices, EsIngestionCheck.index(cluster,
                LocalDate.ofInstant(now, cluster.indexTimeZone()))).flatMap(EsIngestionCheck::docs).isPresent();
        Answer newest = counted ? reader.optional(EsIngestionCheck.newest(cluster)) : Answer.UNREAD;
        return new ElasticsearchSnapshot(health, allocation, settings, nodes, indices, newest, failed);
    }

    private static JsonNode part(Reader reader, String path, Map<String, CheckSkippedException> failed) {
        try {
            return reader.get(path);
        } catch (CheckSkippedException e) {
            failed.put(path, e);
            return null;
        }
    }

    private static JsonNode copy(JsonNode node) {
        return node == null ? MissingNode.getInstance() : node.deepCopy();
    }
}
