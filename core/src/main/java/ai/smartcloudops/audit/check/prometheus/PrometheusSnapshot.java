package ai.smartcloudops.audit.check.prometheus;

import ai.smartcloudops.audit.check.CheckSkippedException;
import ai.smartcloudops.audit.check.Part;
import ai.smartcloudops.audit.check.http.JsonApi;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
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
 * @param queries       each configured query's answer, by query name; failed when the server stopped answering them
 * @param volumes       the volumes below 15 % free and those filling up, by the kubelet's volume statistics
 * @param throttled     the throttled fraction of each container's CFS periods above 25 % ({@link ThrottlingCheck#QUERY})
 */
record PrometheusSnapshot(JsonNode runtimeInfo, Part<List<PrometheusApi.ScrapeTarget>> targets,
                          Part<List<PrometheusApi.Alert>> alerts, Part<List<PrometheusApi.Rule>> rules,
                          Part<JsonNode> alertmanagers, Part<JsonNode> tsdb, Part<Map<String, QueryAnswer>> queries,
                          Part<Volumes> volumes, Part<List<PrometheusApi.Sample>> throttled) {

    /** A query's series, or why it has none (an error Prometheus answered, an answer not in the API's shape). */
    record QueryAnswer(List<PrometheusApi.Sample> samples, String failure) {

        QueryAnswer {
            samples = List.copyOf(samples);
        }
    }

    /**
     * @param low     the free fraction of each volume below 15 % ({@link VolumesCheck#LOW})
     * @param filling namespace and claim of each volume full within 4 days at its recent rate
     *                ({@link VolumesCheck#FILLING}), kept apart: a label may hold a slash
     */
    record Volumes(List<PrometheusApi.Sample> low, Set<List<String>> filling) {

        Volumes {
            low = List.copyOf(low);
            filling = Set.copyOf(filling);
        }

        static Volumes read(PrometheusApi api) throws IOException, InterruptedException {
            List<PrometheusApi.Sample> low = api.query(VolumesCheck.LOW);
            Set<List<String>> filling = api.query(VolumesCheck.FILLING).stream()
                    .map(VolumesCheck::claim).filter(Objects::nonNull).collect(Collectors.toSet());
            return new Volumes(low, filling);
        }
    }

    PrometheusSnapshot {
        runtimeInfo = runtimeInfo == null ? MissingNode.getInstance() : runtimeInfo.deepCopy();
        Objects.requireNonNull(targets, "targets");
        Objects.requireNonNull(alerts, "alerts");
        Objects.requireNonNull(rules, "rules");
        alertmanagers = alertmanagers.then(JsonNode::deepCopy);
        tsdb = tsdb.then(JsonNode::deepCopy);
        Objects.requireNonNull(queries, "queries");
        Objects.requireNonNull(volumes, "volumes");
        throttled = throttled.then(List::copyOf);
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
        Part<List<PrometheusApi.ScrapeTarget>> targets = checks.contains(ScrapeTargetsCheck.ID)
                ? parts.read(PrometheusApi::targets) : Part.unread();
        Part<List<PrometheusApi.Alert>> alerts = checks.contains(AlertsCheck.ID)
                ? parts.read(PrometheusApi::alerts) : Part.unread();
        boolean server = checks.contains(ServerStatusCheck.ID);
        Part<JsonNode> alertmanagers = server ? parts.read(PrometheusApi::alertmanagers) : Part.unread();
        // the server check counts alerting rules only when no Alertmanager receives them
        boolean rulesNeeded = checks.contains(RulesCheck.ID) || server && alertmanagers.value() != null
                && alertmanagers.value().path("activeAlertmanagers").isEmpty();
        Part<List<PrometheusApi.Rule>> rules = rulesNeeded ? parts.read(PrometheusApi::rules) : Part.unread();
        Part<JsonNode> tsdb = server ? parts.read(PrometheusApi::tsdb) : Part.unread();
        Part<Map<String, QueryAnswer>> answers = checks.contains(QueriesCheck.ID) ? answers(api, queries, unanswered)
                : Part.unread();
        Part<Volumes> volumes = checks.contains(VolumesCheck.ID) ? parts.read(Volumes::read) : Part.unread();
        Part<List<PrometheusApi.Sample>> throttled = checks.contains(ThrottlingCheck.ID)
                ? parts.read(reader -> reader.query(ThrottlingCheck.QUERY)) : Part.unread();
        return new PrometheusSnapshot(runtimeInfo, targets, alerts, rules, alertmanagers, tsdb, answers, volumes,
                throttled);
    }

    /** Each query's answer; the server's skip when it stopped answering them. */
    private static Part<Map<String, QueryAnswer>> answers(PrometheusApi api, List<PrometheusProperties.Query> queries,
                                                          Function<IOException, CheckSkippedException> unanswered)
            throws InterruptedException {
        Map<String, QueryAnswer> answers = new LinkedHashMap<>();
        for (PrometheusProperties.Query query : queries) {
            try {
                answers.put(query.name(), new QueryAnswer(api.query(query.expression()), null));
            } catch (JsonApi.ApiException e) {
                if (e.status() == 0) {
                    // the server went away or answered beyond a limit: AUDIT-903/906, not a finding about a query
                    return Part.failed(unanswered.apply(e));
                }
                answers.put(query.name(), new QueryAnswer(List.of(), "failed: " + e.getMessage()));
            } catch (IOException e) {
                answers.put(query.name(), new QueryAnswer(List.of(), "failed: " + e.getMessage()));
            }
        }
        return Part.of(answers);
    }

    /** The reads of the parts: one that fails is that part's skip. */
    private static final class Parts {

        private final PrometheusApi api;
        private final Function<IOException, CheckSkippedException> unanswered;

        Parts(PrometheusApi api, Function<IOException, CheckSkippedException> unanswered) {
            this.api = api;
            this.unanswered = unanswered;
        }

        <T> Part<T> read(PrometheusTargets.Read<T> read) throws InterruptedException {
            try {
                return Part.of(read.apply(api));
            } catch (IOException e) {
                return Part.failed(unanswered.apply(e));
            }
        }
    }
}
