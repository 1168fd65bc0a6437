package ai.smartcloudops.audit.check.logging;

import ai.smartcloudops.audit.check.http.ApiEndpoint;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The log pipeline to audit: Elasticsearch clusters and Fluentd monitor_agent endpoints, each its own target, and
 * their thresholds. Credentials come from the environment, e.g. {@code password: ${ELASTIC_PASSWORD}}.
 *
 * @param elasticsearch           one entry per cluster; empty means no Elasticsearch audit
 * @param fluentd                 one entry per monitor_agent endpoint; empty means no Fluentd audit
 * @param elasticsearchThresholds the defaults of every cluster, overridable per cluster
 * @param fluentdThresholds       the defaults of every Fluentd endpoint, overridable per endpoint
 * @param logContent              what the log-content checks count in every cluster's logs
 */
@ConfigurationProperties("health-audit.logging")
public record LoggingProperties(List<Elasticsearch> elasticsearch, List<Fluentd> fluentd,
                                EsThresholds elasticsearchThresholds, FluentdThresholds fluentdThresholds,
                                LogQueries logContent) {

    public LoggingProperties {
        logContent = logContent == null ? new LogQueries(null, null, null, null, null) : logContent;
        elasticsearch = elasticsearch == null ? List.of() : List.copyOf(elasticsearch);
        fluentd = fluentd == null ? List.of() : List.copyOf(fluentd);
        elasticsearchThresholds = EsThresholds.DEFAULTS.with(elasticsearchThresholds);
        fluentdThresholds = FluentdThresholds.DEFAULTS.with(fluentdThresholds);
        unique(elasticsearch, Elasticsearch::name, "health-audit.logging.elasticsearch");
        unique(fluentd, Fluentd::name, "health-audit.logging.fluentd");
        List<String> names = new java.util.ArrayList<>(elasticsearch.stream().map(Elasticsearch::name).toList());
        fluentd.forEach(f -> {
            if (names.contains(f.name())) {
                throw new IllegalArgumentException("health-audit.logging.fluentd[" + f.name()
                        + "].name: already the name of an elasticsearch entry; targets need distinct names");
            }
        });
    }

    private static <T> void unique(List<T> entries, Function<T, String> name, String key) {
        if (entries.stream().map(name).distinct().count() != entries.size()) {
            throw new IllegalArgumentException(key + ": names must be unique");
        }
    }

    public EsThresholds thresholdsOf(Elasticsearch cluster) {
        return elasticsearchThresholds.with(cluster.thresholds());
    }

    public FluentdThresholds thresholdsOf(Fluentd endpoint) {
        return fluentdThresholds.with(endpoint.thresholds());
    }

    static ApiEndpoint endpoint(String key, String url, String bearerToken, String username, String password,
                                String apiKey, String caBundle, Duration timeout) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException(key + ".url is required");
        }
        try {
            return new ApiEndpoint(url, bearerToken, username, password, apiKey, caBundle, timeout);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage());
        }
    }

    /**
     * An Elasticsearch cluster.
     *
     * @param name            the name findings use for this cluster
     * @param url             base URL, e.g. https://elasticsearch.smartcloudops-monitoring:9200
     * @param bearerToken     bearer token, if that is how it authenticates
     * @param username        basic auth user (with {@code password})
     * @param password        basic auth password; never logged or reported
     * @param apiKey          Elasticsearch API key (base64 "id:key")
     * @param caBundle        PEM of extra trust anchors
     * @param timeout         every request's timeout (10s)
     * @param singleNode      a one-node cluster: replicas can never be assigned, so yellow is expected (no LOG-102)
     * @param indexPrefix     Fluentd's logstash_prefix plus its separator: the daily indices are
     *                        {@code <prefix><date>} ({@code smartcloudops-logs-})
     * @param indexDateFormat Fluentd's logstash_dateformat as a java.time pattern ({@code yyyy.MM.dd})
     * @param indexTimeZone   the zone of the index date (Fluentd's utc_index, default true: {@code UTC})
     * @param timestampField  the field holding each log's time (Fluentd's logstash_format: {@code @timestamp})
     * @param thresholds      this cluster's overrides
     */
    public record Elasticsearch(String name, String url, String bearerToken, String username, String password,
                                String apiKey, String caBundle, Duration timeout, Boolean singleNode,
                                String indexPrefix, String indexDateFormat, ZoneId indexTimeZone,
                                String timestampField, EsThresholds thresholds) {

        public Elasticsearch {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("health-audit.logging.elasticsearch[].name is required");
            }
            String key = "health-audit.logging.elasticsearch[" + name + "]";
            endpoint(key, url, bearerToken, username, password, apiKey, caBundle, timeout);
            singleNode = singleNode != null && singleNode;
            indexPrefix = indexPrefix == null ? "smartcloudops-logs-" : indexPrefix;
            if (indexPrefix.isBlank() || !indexPrefix.matches("[a-z0-9._+-]+")) {
                throw new IllegalArgumentException(key + ".index-prefix: '" + indexPrefix
                        + "' is not the start of an index name (lowercase letters, digits, . _ + -)");
            }
            indexDateFormat = indexDateFormat == null ? "yyyy.MM.dd" : indexDateFormat;
            try {
                // a day's index is named by formatting its date: a pattern with hours cannot name one
                if (LocalDate.EPOCH.format(DateTimeFormatter.ofPattern(indexDateFormat)).isEmpty()) {
                    throw new IllegalArgumentException("it formats a date as nothing");
                }
            } catch (IllegalArgumentException | DateTimeException e) {
                throw new IllegalArgumentException(key + ".index-date-format: '" + indexDateFormat
                        + "' is not a date pattern: " + e.getMessage());
            }
            indexTimeZone = indexTimeZone == null ? ZoneId.of("UTC") : indexTimeZone;
            timestampField = timestampField == null || timestampField.isBlank() ? "@timestamp" : timestampField;
        }

        public ApiEndpoint api() {
            return new ApiEndpoint(url, bearerToken, username, password, apiKey, caBundle, timeout);
        }

        /** The index pattern of every daily index, e.g. {@code smartcloudops-logs-*}. */
        public String indexPattern() {
            return indexPrefix + "*";
        }

        @Override
        public String toString() {
            return "Elasticsearch[name=" + name + ", " + api() + "]";
        }
    }

    /**
     * A Fluentd in_monitor_agent endpoint ({@code <source> @type monitor_agent port 24220 </source>}).
     *
     * @param name       the name findings use for this Fluentd
     * @param url        base URL, e.g. http://fluentd.smartcloudops-monitoring:24220 ({@code /api/plugins.json}
     *                   is appended)
     * @param thresholds this endpoint's overrides
     */
    public record Fluentd(String name, String url, String bearerToken, String username, String password,
                          String apiKey, String caBundle, Duration timeout, FluentdThresholds thresholds) {

        public Fluentd {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("health-audit.logging.fluentd[].name is required");
            }
            endpoint("health-audit.logging.fluentd[" + name + "]", url, bearerToken, username, password, apiKey,
                    caBundle, timeout);
        }

        public ApiEndpoint api() {
            return new ApiEndpoint(url, bearerToken, username, password, apiKey, caBundle, timeout);
        }

        @Override
        public String toString() {
            return "Fluentd[name=" + name + ", " + api() + "]";
        }
    }

    /**
     * Every field is optional: a null means "inherit".
     *
     * @param diskLowPercent        disk used on a node at or above this: LOG-104 P3 (ES low watermark) ...
     * @param diskHighPercent       ... P2 (high watermark: shards move away) ...
     * @param diskFloodPercent      ... P1 (flood stage: indices on the node become read-only)
     * @param clusterWatermarks     read the cluster's own percentage watermarks when it has them
     * @param heapPercent           a node's JVM heap_used_percent above this (LOG-105)
     * @param pendingTasks          number_of_pending_tasks at or above this (LOG-103)
     * @param maxLogAge             the newest log older than this: ingestion stalled (LOG-107)
     * @param authFailures          failed logins in the window at or above this: LOG-301 P2 ...
     * @param authFailuresCritical  ... P1
     * @param parseFailures         logs failing to parse in the window at or above this: LOG-304
     */
    public record EsThresholds(Integer diskLowPercent, Integer diskHighPercent, Integer diskFloodPercent,
                               Boolean clusterWatermarks, Integer heapPercent, Integer pendingTasks,
                               Duration maxLogAge, Integer authFailures, Integer authFailuresCritical,
                               Integer parseFailures) {

        static final EsThresholds DEFAULTS = new EsThresholds(85, 90, 95, true, 85, 10, Duration.ofMinutes(15), 20,
                100, 100);

        public EsThresholds with(EsThresholds o) {
            if (o == null) {
                return this;
            }
            return new EsThresholds(pick(o.diskLowPercent, diskLowPercent), pick(o.diskHighPercent, diskHighPercent),
                    pick(o.diskFloodPercent, diskFloodPercent), pick(o.clusterWatermarks, clusterWatermarks),
                    pick(o.heapPercent, heapPercent), pick(o.pendingTasks, pendingTasks),
                    pick(o.maxLogAge, maxLogAge), pick(o.authFailures, authFailures),
                    pick(o.authFailuresCritical, authFailuresCritical), pick(o.parseFailures, parseFailures));
        }
    }

    /**
     * Every field is optional: a null means "inherit".
     *
     * @param bufferPercent   an output's buffer used (queued and staged) over its total_limit_size at or above this
     *                        (LOG-202)
     * @param queueLength     an output's buffer_queue_length at or above this (LOG-203)
     * @param retries         retry_count growth since the previous run at or above this (LOG-201)
     * @param slowFlushes     slow_flush_count growth at or above this ...
     * @param slowFlushRatio  ... being at least this share of the flushes (write_count) in the same window (LOG-204)
     */
    public record FluentdThresholds(Integer bufferPercent, Integer queueLength, Integer retries, Integer slowFlushes,
                                    Double slowFlushRatio) {

        static final FluentdThresholds DEFAULTS = new FluentdThresholds(80, 32, 1, 10, 0.05);

        public FluentdThresholds with(FluentdThresholds o) {
            if (o == null) {
                return this;
            }
            return new FluentdThresholds(pick(o.bufferPercent, bufferPercent), pick(o.queueLength, queueLength),
                    pick(o.retries, retries), pick(o.slowFlushes, slowFlushes),
                    pick(o.slowFlushRatio, slowFlushRatio));
        }
    }

    /**
     * The guide's log greps as Elasticsearch queries (query_string syntax, matched on the message fields).
     *
     * @param messageFields   where a log's text is: Fluentd's {@code log} (Docker's JSON logs) and {@code message}
     * @param serviceField    what names a log's service, for the out-of-memory lines by service (a keyword field:
     *                        {@code kubernetes.container_name}, the kubernetes_metadata filter's)
     * @param authFailures    failed logins and denied authentications (the guide's {@code grep -i "auth\|login\|fail"},
     *                        narrowed to failures)
     * @param outOfMemory     out-of-memory and memory-leak lines (the guide's {@code grep -i "memory\|oom\|leak"})
     * @param parseFailureTag the tag of logs that failed to parse (Logstash's and Fluentd's {@code _grokparsefailure})
     */
    public record LogQueries(List<String> messageFields, String serviceField, String authFailures,
                             String outOfMemory, String parseFailureTag) {

        public LogQueries {
            messageFields = messageFields == null || messageFields.isEmpty() ? List.of("log", "message")
                    : List.copyOf(messageFields);
            serviceField = blank(serviceField) ? "kubernetes.container_name" : serviceField;
            authFailures = blank(authFailures) ? "(login OR auth OR authentication OR password) AND (fail OR failed "
                    + "OR failure OR denied OR invalid OR unauthorized)" : authFailures;
            outOfMemory = blank(outOfMemory) ? "\"out of memory\" OR OOMKilled OR OutOfMemoryError OR MemoryError OR "
                    + "\"memory leak\"" : outOfMemory;
            parseFailureTag = blank(parseFailureTag) ? "_grokparsefailure" : parseFailureTag;
        }

        private static boolean blank(String value) {
            return value == null || value.isBlank();
        }
    }

    private static <T> T pick(T override, T base) {
        return override != null ? override : base;
    }
}
