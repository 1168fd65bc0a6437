package ai.smartcloudops.audit.check.logging;

import ai.smartcloudops.audit.finding.Area;
import ai.smartcloudops.audit.finding.FindingCode;
import ai.smartcloudops.audit.finding.Grade;
import ai.smartcloudops.audit.finding.Severity;
import ai.smartcloudops.audit.finding.Team;
import java.util.List;

/** Logging codes: LOG-1xx Elasticsearch (health, disk, heap, ingestion), LOG-2xx Fluentd (retries, buffers). */
public enum LoggingCode implements FindingCode {

    LOG_101("LOG-101", Severity.P0, EsClusterHealthCheck.ID,
            "Elasticsearch {name} cluster health is red",
            "_cluster/health status red: a primary shard is not allocated, so its index can be neither searched nor "
                    + "written and logs sent to it are rejected. {unassigned} shards unassigned, {initializing} "
                    + "initializing, {relocating} relocating; {activePercent} of shards active on {nodes} nodes.",
            """
            curl -s "{url}/_cluster/health" | jq '.'
            curl -s "{url}/_cluster/allocation/explain" | jq '.'
            curl -s "{url}/_cat/shards?v&h=index,shard,prirep,state,unassigned.reason" | grep UNASSIGNED
            """ + LoggingCode.ELASTICSEARCH + """
            kubectl get pods -n smartcloudops-monitoring -l app.kubernetes.io/name=elasticsearch
            kubectl rollout restart statefulset/elasticsearch -n smartcloudops-monitoring
            kubectl wait --for=condition=ready pod -l app.kubernetes.io/name=elasticsearch -n smartcloudops-monitoring --timeout=600s"""),
    LOG_102("LOG-102", Severity.P2, EsClusterHealthCheck.ID,
            "Elasticsearch {name} cluster health is yellow: {unassigned} shards unassigned",
            "_cluster/health status yellow: every primary is allocated but {unassigned} replica shards are not, so "
                    + "a node lost now loses data ({nodes} nodes, {activePercent} of shards active). A one-node "
                    + "cluster is always yellow with replicas: set single-node for it.",
            """
            curl -s "{url}/_cluster/health" | jq '.'
            curl -s "{url}/_cluster/allocation/explain" | jq '.'
            curl -s "{url}/_cat/shards?v&h=index,shard,prirep,state,unassigned.reason" | grep UNASSIGNED
            """ + LoggingCode.ELASTICSEARCH + """
            kubectl get pods -n smartcloudops-monitoring -l app.kubernetes.io/name=elasticsearch"""),
    LOG_103("LOG-103", Severity.P2, EsClusterHealthCheck.ID,
            "Elasticsearch {name} has {pending} pending cluster tasks",
            "number_of_pending_tasks {pending} (threshold {threshold}); the oldest has waited {oldest}. The master "
                    + "cannot keep up: index creation (the daily log index) and mapping updates wait behind them.",
            """
            curl -s "{url}/_cluster/pending_tasks" | jq '.tasks[:10]'
            curl -s "{url}/_cat/master?v"
            curl -s "{url}/_cluster/health" | jq '.'"""),
    LOG_104("LOG-104", Severity.P2, EsDiskCheck.ID,
            "Elasticsearch node {name} of {target} disk is {percent} full, past the {watermark} watermark",
            "{used} used of {total} ({percent}) on {target}; watermarks low {low}, high {high}, flood stage {flood} "
                    + "({source}). {consequence}",
            """
            curl -s "{url}/_cat/allocation?v"
            curl -s "{url}/_cat/indices/{indices}?v&s=index"
            # free space: delete the oldest log indices (or let ILM do it), e.g.
            curl -s -X DELETE "{url}/$OLDEST_INDEX"
            # after the flood stage, once there is room again (8.x lifts the block itself when below high):
            curl -s -X PUT "{url}/{indices}/_settings" -H 'Content-Type: application/json' -d '{"index.blocks.read_only_allow_delete": null}'""",
            new Grade(LoggingCode.LOW_WATERMARK, Severity.P3),
            new Grade(LoggingCode.FLOOD_STAGE, Severity.P1)),
    LOG_105("LOG-105", Severity.P2, EsHeapCheck.ID,
            "Elasticsearch node {name} of {target} JVM heap is {percent} used",
            "heap_used_percent {percent} of {max} (threshold {threshold}) on {target}: long garbage collections and "
                    + "circuit breakers rejecting bulk requests from Fluentd follow.",
            """
            curl -s "{url}/_nodes/{name}/stats/jvm" | jq '.nodes[].jvm.mem'
            curl -s "{url}/_cat/nodes?v&h=name,heap.percent,heap.max,ram.percent"
            """ + LoggingCode.ELASTICSEARCH + """
            kubectl rollout restart statefulset/elasticsearch -n smartcloudops-monitoring
            kubectl wait --for=condition=ready pod -l app.kubernetes.io/name=elasticsearch -n smartcloudops-monitoring --timeout=600s"""),
    LOG_106("LOG-106", Severity.P1, EsIngestionCheck.ID,
            "Today's log index {index} does not exist on Elasticsearch {target}",
            "No index {index} ({date}, {zone}) among {name}: Fluentd has written no log today; the newest index "
                    + "is {newest}.",
            """
            curl -s "{url}/_cat/indices/{name}?v&s=index"
            """ + LoggingCode.FLUENTD + """
            kubectl get pods -n smartcloudops-monitoring -l app.kubernetes.io/name=fluentd
            kubectl logs daemonset/fluentd -n smartcloudops-monitoring --tail=100
            kubectl apply -f monitoring/logging/fluentd-deployment.yaml
            kubectl delete pod -l app.kubernetes.io/name=fluentd -n smartcloudops-monitoring"""),
    LOG_107("LOG-107", Severity.P1, EsIngestionCheck.ID,
            "Log ingestion into {index} on {target} has stalled: no new log {window}",
            "{index} holds {docs} documents, no more {window}; the newest log is from {newest}. Logs are missing in "
                    + "Elasticsearch.",
            """
            curl -s "{url}/_cat/indices/{name}?v&s=index"
            """ + LoggingCode.FLUENTD + """
            kubectl get pods -n smartcloudops-monitoring -l app.kubernetes.io/name=fluentd
            kubectl logs daemonset/fluentd -n smartcloudops-monitoring --tail=100
            kubectl apply -f monitoring/logging/fluentd-deployment.yaml
            kubectl delete pod -l app.kubernetes.io/name=fluentd -n smartcloudops-monitoring"""),
    LOG_201("LOG-201", Severity.P2, FluentdRetryCheck.ID,
            "Fluentd {target} output {name} failed {retries} flushes {window}",
            "{type} output: {retries} failed flushes {window} ({state}); {queued} bytes wait in its buffer and are "
                    + "lost once it is full.",
            """
            curl -s "{url}/api/plugins.json" | jq --arg plugin {name} '.plugins[] | select(.plugin_id == $plugin) | {retry_count, retry}'
            """ + LoggingCode.FLUENTD + """
            kubectl get pods -n smartcloudops-monitoring -l app.kubernetes.io/name=fluentd
            kubectl logs daemonset/fluentd -n smartcloudops-monitoring --tail=100
            kubectl apply -f monitoring/logging/fluentd-deployment.yaml
            kubectl delete pod -l app.kubernetes.io/name=fluentd -n smartcloudops-monitoring"""),
    LOG_202("LOG-202", Severity.P1, FluentdBufferCheck.ID,
            "Fluentd {target} output {name} buffer is {percent} full",
            "{type} output: {percent} of its total_limit_size {limit} is used ({source}; threshold {threshold}). At "
                    + "the limit Fluentd raises BufferOverflowError and blocks or drops new logs (overflow_action).",
            """
            curl -s "{url}/api/plugins.json" | jq --arg plugin {name} '.plugins[] | select(.plugin_id == $plugin)'
            """ + LoggingCode.DESTINATION + LoggingCode.FLUENTD + """
            kubectl logs daemonset/fluentd -n smartcloudops-monitoring --tail=100 | grep -iE 'buffer|retry|error'
            kubectl apply -f monitoring/logging/fluentd-deployment.yaml
            kubectl delete pod -l app.kubernetes.io/name=fluentd -n smartcloudops-monitoring"""),
    LOG_203("LOG-203", Severity.P2, FluentdBufferCheck.ID,
            "Fluentd {target} output {name} has {length} buffer chunks queued",
            "{type} output: buffer_queue_length {length} (threshold {threshold}), {queued} bytes queued: chunks wait "
                    + "to be flushed faster than the output sends them.",
            """
            curl -s "{url}/api/plugins.json" | jq --arg plugin {name} '.plugins[] | select(.plugin_id == $plugin) | {buffer_queue_length, buffer_total_queued_size, retry}'
            """ + LoggingCode.DESTINATION + LoggingCode.FLUENTD + """
            kubectl logs daemonset/fluentd -n smartcloudops-monitoring --tail=100"""),
    LOG_204("LOG-204", Severity.P3, FluentdFlushCheck.ID,
            "Fluentd {target} output {name} had {slow} slow flushes {window}",
            "{type} output: slow_flush_count grew by {slow} over {writes} flushes {window} ({ratio}; at least "
                    + "{minimum} and {threshold} of flushes): flushes take longer than slow_flush_log_threshold, the "
                    + "destination is slow to accept them.",
            """
            curl -s "{url}/api/plugins.json" | jq --arg plugin {name} '.plugins[] | select(.plugin_id == $plugin) | {slow_flush_count, write_count, flush_time_count}'
            """ + LoggingCode.DESTINATION + LoggingCode.FLUENTD + """
            kubectl logs daemonset/fluentd -n smartcloudops-monitoring --tail=100 | grep 'buffer flush took longer'"""),

    // log content: LOG-3xx
    LOG_301("LOG-301", Severity.P2, Team.SECURITY, LogSecurityCheck.ID, LoggingCode.SUSPICIOUS,
            "{count} failed logins in the logs of {pattern} {window}",
            "{count} of {logs} logs {window} match the failed-login query (P2 from {threshold}, P1 from {critical}: "
                    + "a brute force in progress): {query}",
            LoggingCode.matching("{query}") + """
            kubectl logs deployment/$DEPLOYMENT -n $NAMESPACE --since=1h | grep -i "auth\\|login\\|fail"
            curl -s "http://prometheus:9090/api/v1/query?query=rate(authentication_failures_total[5m])"
            kubectl logs deployment/$DEPLOYMENT -n $NAMESPACE --since=24h > security-incident-$(date +%Y%m%d).log""",
            new Grade(LoggingCode.BRUTE_FORCE, Severity.P1)),
    LOG_302("LOG-302", Severity.P2, Team.PLATFORM, LogErrorsCheck.ID, "Memory Leaks / OOMKilled Events",
            "{count} out-of-memory lines from {service} in the logs of {pattern} {window}",
            "Logs whose {serviceField} is {service} match the out-of-memory query {window}: {query}. A leak grows "
                    + "until the kernel kills the container (OOMKilled, exit code 137).",
            """
            kubectl top pods -A --sort-by=memory | head -20
            # NAMESPACE, POD: a pod whose container is {service}
            kubectl logs $POD -n $NAMESPACE -c {service} | grep -i "memory\\|oom\\|leak"
            kubectl describe pod $POD -n $NAMESPACE | grep -A 3 Limits"""),
    LOG_303("LOG-303", Severity.P1, Team.SECURITY, LogSecurityCheck.ID, LoggingCode.SUSPICIOUS,
            "{breach} BREACH and {security} SECURITY markers in the logs of {pattern} {window}",
            "Logs {window} with the guide's markers: BREACH {breach}, SECURITY {security}, and AUDIT {audit} (the "
                    + "audit trail, counted for context). P1 with any BREACH, P2 with SECURITY markers only.",
            LoggingCode.matching("BREACH OR SECURITY") + """
            kubectl logs deployment/$DEPLOYMENT -n $NAMESPACE --since=24h | grep -E "(SECURITY|AUDIT|BREACH)"
            kubectl logs deployment/$DEPLOYMENT -n $NAMESPACE --since=24h > security-incident-$(date +%Y%m%d).log""",
            new Grade(LoggingCode.SECURITY_ONLY, Severity.P2)),
    LOG_304("LOG-304", Severity.P3, Team.PLATFORM, LogErrorsCheck.ID, LoggingCode.SECTION,
            "{count} logs of {pattern} failed to parse {window}",
            "{count} of {logs} logs {window} carry the tag {tag} (threshold {threshold}): their fields are not "
                    + "extracted, so searches and the other log checks miss what they say.",
            """
            curl -s "{url}/{pattern}/_search?q=tags:{tag}&size=5&sort={field}:desc" | jq '.hits.hits[]._source'
            """ + LoggingCode.FLUENTD + """
            kubectl logs daemonset/fluentd -n smartcloudops-monitoring --tail=100 | grep -i "pattern not match\\|parse"
            kubectl get configmap -n smartcloudops-monitoring -o name | grep -i fluentd""");

    static final String SECTION = "Log Ingestion Problems";
    static final String SUSPICIOUS = "Suspicious Authentication Activity";

    /** Grades (see {@link Grade}): what makes a finding of the code more or less severe than its default. */
    static final String LOW_WATERMARK = "past the low watermark only";
    static final String FLOOD_STAGE = "past the flood-stage watermark";
    static final String BRUTE_FORCE = "failed logins at or above auth-failures-critical";
    static final String SECURITY_ONLY = "SECURITY markers, no BREACH";
    /** Before the commands on the cluster's pods: where they run is not known to the audit. */
    private static final String ELASTICSEARCH = "# Elasticsearch as the guide deploys it: statefulset elasticsearch in "
            + "namespace smartcloudops-monitoring\n";
    private static final String FLUENTD = "# Fluentd as the guide deploys it: daemonset fluentd in namespace "
            + "smartcloudops-monitoring, from monitoring/logging/\n";
    /**
     * The newest five logs matching {@code query}, then the application that wrote them: it is in the logs' kubernetes
     * fields, not in what the audit counts.
     */
    private static String matching(String query) {
        return "curl -s -G \"{url}/{pattern}/_search\" --data-urlencode \"q=" + query + "\" -d size=5 "
                + "-d sort={field}:desc | jq '.hits.hits[]._source'\n"
                + "# DEPLOYMENT, NAMESPACE: the application that wrote them (the kubernetes fields of the lines above)\n";
    }
    /** Where an output sends its logs is in Fluentd's configuration, not in what the audit reads. */
    private static final String DESTINATION = """
            # ELASTICSEARCH_URL: where output {name} sends its logs
            curl -s "$ELASTICSEARCH_URL/_cluster/health" | jq '.'
            """;

    private final Definition definition;

    LoggingCode(String code, Severity severity, String owner, String title, String detail, String remediation,
                Grade... grades) {
        this(code, severity, Team.PLATFORM, owner, SECTION, title, detail, remediation, grades);
    }

    LoggingCode(String code, Severity severity, Team team, String owner, String section, String title, String detail,
                String remediation, Grade... grades) {
        this.definition = new Definition(code, severity, Area.LOGGING, team, owner, section, title, detail,
                remediation, List.of(grades));
    }

    @Override
    public Definition definition() {
        return definition;
    }
}
