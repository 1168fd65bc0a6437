package ai.smartcloudops.audit.check.prometheus;

import ai.smartcloudops.audit.check.CheckSkippedException;
import ai.smartcloudops.audit.check.http.JsonApi;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * What the audit reads of one Prometheus server in a run, once for every Prometheus check of it. The runtime
 * information is read first: a server that does not answer it is unreachable for every check. Every other endpoint
 * is read only when a check of the run needs it (a PromQL query costs the server an evaluation), and one that fails
 * is kept as that part's failure: only the checks that need it are skipped. A query that fails is that query's
 * answer (PROM-108), unless the server stopped answering altogether.
 *
 * @param runtimeInfo   {@code data} of /api/v1/status/runtimeinfo
 * @param targets       the active scrape targets
 * @param alerts        the pending and firing alerts
 * @param rules         the alerting and recording rules
 * @param alertmanagers {@code data} of /api/v1/alertmanagers
 * @param tsdb          {@code data} of /api/v1/status/tsdb
 * @param queries       each configured query's answer, by query name
 * @param failed        the skip each part that failed left, by {@link PrometheusApi} path (or {@link #QUERIES})
 */
record PrometheusSnapshot(JsonNode runtimeInfo, List<PrometheusApi.ScrapeTarget> targets,
                          List<PrometheusApi.Alert> alerts, List<PrometheusApi.Rule> rules, JsonNode alertmanagers,
                          JsonNode tsdb, Map<String, QueryAnswer> queries, Map<String, CheckSkippedException> failed) {

    /** The part of the configured queries, failed when the server stopped answering them. */
    static final String QUERIES = "query";

    /** A query's series, or why it has none (an error Prometheus answered, an answer not in the API's shape). */
    record QueryAnswer(List<PrometheusApi.Sample> samples, String failure) {

        QueryAnswer {
            samples = List.copyOf(samples);
        }
    }

    PrometheusSnapshot {
        runtimeInfo = copy(runtimeInfo);
        targets = List.copyOf(targets);
        alerts = List.copyOf(alerts);
        rules = List.copyOf(rules);
        alertmanagers = copy(alertmanagers);
        tsdb = copy(tsdb);
        queries = Map.copyOf(queries);
        failed = Map.copyOf(failed);
    }

    /** Throws the skip {@code part} left when it failed: the check that needs it cannot judge. */
    void require(String part) {
        CheckSkippedException failure = failed.get(part);
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Reads what the checks of the run on this server need.
     *
     * @param checks     the ids of the checks of the run on this server
     * @param queries    the configured queries of this server
     * @param unanswered the skip a read that failed is
     */
    static PrometheusSnapshot read(PrometheusApi api, Set<String> checks, List<PrometheusProperties.Query> queries,
                                   Function<IOException, CheckSkippedException> unanswered)
            throws InterruptedException {
        JsonNode runtimeInfo;
        try {
            runtimeInfo = api.runtimeInfo();
        } catch (IOException e) {
            throw unanswered.apply(e);
        }
        Parts parts = new Parts(api, unanswered);
        List<PrometheusApi.ScrapeTarget> targets = checks.contains(ScrapeTargetsCheck.ID)
                ? parts.read(PrometheusApi.TARGETS, PrometheusApi::targets, List.of()) : List.of();
        List<PrometheusApi.Alert> alerts = checks.contains(AlertsCheck.ID)
                ? parts.read(PrometheusApi.ALERTS, PrometheusApi::alerts, List.of()) : List.of();
        boolean server = checks.contains(ServerStatusCheck.ID);
        JsonNode alertmanagers = server
                ? parts.read(PrometheusApi.ALERTMANAGERS, PrometheusApi::alertmanagers, null) : null;
        // the server check counts alerting rules only when no Alertmanager receives them
        boolean rulesNeeded = checks.contains(RulesCheck.ID)
                || server && alertmanagers != null && alertmanagers.path("activeAlertmanagers").isEmpty();
        List<PrometheusApi.Rule> rules = rulesNeeded
                ? parts.read(PrometheusApi.RULES, PrometheusApi::rules, List.of()) : List.of();
        JsonNode tsdb = server ? parts.read(PrometheusApi.TSDB, PrometheusApi::tsdb, null) : null;
        Map<String, QueryAnswer> answers = new LinkedHashMap<>();
        if (checks.contains(QueriesCheck.ID)) {
            for (PrometheusProperties.Query query : queries) {
                try {
                    answers.put(query.name(), new QueryAnswer(api.query(query.expression()), null));
                } catch (JsonApi.ApiException e) {
                    if (e.status() == 0) {
                        // the server went away or answered beyond a limit: AUDIT-903/906, not a finding about a query
                        parts.failed.put(QUERIES, unanswered.apply(e));
                        break;
                    }
                    answers.put(query.name(), new QueryAnswer(List.of(), "failed: " + e.getMessage()));
                } catch (IOException e) {
                    answers.put(query.name(), new QueryAnswer(List.of(), "failed: " + e.getMessage()));
                }
            }
        }
        return new PrometheusSnapshot(runtimeInfo, targets, alerts, rules, alertmanagers, tsdb, answers, parts.failed);
    }

    private static JsonNode copy(JsonNode node) {
        return node == null ? MissingNode.getInstance() : node.deepCopy();
    }

    /** The reads of the parts, and the failures they left. */
    private static final class Parts {

        private final PrometheusApi api;
        private final Function<IOException, CheckSkippedException> unanswered;
        private final Map<String, CheckSkippedException> failed = new LinkedHashMap<>();

        Parts(PrometheusApi api, Function<IOException, CheckSkippedException> unanswered) {
            this.api = api;
            this.unanswered = unanswered;
        }

        <T> T read(String part, PrometheusTargets.Read<T> read, T none) throws InterruptedException {
            try {
                return Objects.requireNonNull(read.apply(api));
            } catch (IOException e) {
                failed.put(part, unanswered.apply(e));
                return none;
            }
        }
    }
}
