package ai.smartcloudops.audit.check.logging;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The guide's log greps for failing services, in the logs since the previous run: out-of-memory and memory-leak lines
 * by service (LOG-302, one finding per service, the twenty busiest named) and logs that failed to parse (LOG-304),
 * which the other greps cannot see into.
 */
@Component
public class LogErrorsCheck extends ElasticsearchCheck {

    static final String ID = "elasticsearch.log-errors";
    static final String SERVICE = "Service";

    public LogErrorsCheck(LoggingTargets targets) {
        super(ID, targets);
    }

    @Override
    List<Problem> inspect(CheckContext context, ElasticsearchSnapshot snapshot,
                          LoggingProperties.Elasticsearch cluster, LoggingProperties.EsThresholds thresholds) {
        LogContent content = snapshot.content().get(context);
        LoggingProperties.LogQueries queries = targets.properties().logContent();
        List<Problem> findings = new ArrayList<>();
        content.outOfMemory().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(service -> {
            Map<String, Object> facts = LogSecurityCheck.facts(cluster, content);
            facts.put("service", service.getKey());
            facts.put("serviceField", queries.serviceField());
            facts.put("count", service.getValue());
            facts.put("query", queries.outOfMemory());
            findings.add(Problem.of(LoggingCode.LOG_302, Resource.of(SERVICE, service.getKey()), facts));
        });
        if (content.parseFailures() >= thresholds.parseFailures()) {
            Map<String, Object> facts = LogSecurityCheck.facts(cluster, content);
            facts.put("count", content.parseFailures());
            facts.put("tag", queries.parseFailureTag());
            facts.put("threshold", thresholds.parseFailures());
            findings.add(Problem.of(LoggingCode.LOG_304, Resource.of(EsIngestionCheck.INDEX_PATTERN,
                    cluster.indexPattern()), facts));
        }
        return findings;
    }
}
