package ai.smartcloudops.audit.check.logging;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Grade;
import ai.smartcloudops.audit.finding.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The guide's "Suspicious Authentication Activity" in the logs since the previous run: failed logins past a threshold
 * (LOG-301, P1 past the critical one, a brute force in progress) and BREACH or SECURITY markers (LOG-303). Both go to
 * the security team.
 */
@Component
public class LogSecurityCheck extends ElasticsearchCheck {

    static final String ID = "elasticsearch.log-security";

    public LogSecurityCheck(LoggingTargets targets) {
        super(ID, targets);
    }

    @Override
    List<Problem> inspect(CheckContext context, ElasticsearchSnapshot snapshot,
                          LoggingProperties.Elasticsearch cluster, LoggingProperties.EsThresholds thresholds) {
        LogContent content = snapshot.content().get(context);
        Resource resource = Resource.of(EsIngestionCheck.INDEX_PATTERN, cluster.indexPattern());
        List<Problem> findings = new ArrayList<>();
        if (content.authFailures() >= thresholds.authFailures()) {
            Map<String, Object> facts = facts(cluster, content);
            facts.put("count", content.authFailures());
            facts.put("threshold", thresholds.authFailures());
            facts.put("critical", thresholds.authFailuresCritical());
            facts.put("query", targets.properties().logContent().authFailures());
            findings.add(Problem.graded(LoggingCode.LOG_301, content.authFailures() >= thresholds.authFailuresCritical()
                    ? LoggingCode.BRUTE_FORCE : Grade.DEFAULT, resource, facts));
        }
        if (content.breach() > 0 || content.security() > 0) {
            Map<String, Object> facts = facts(cluster, content);
            facts.put("breach", content.breach());
            facts.put("security", content.security());
            facts.put("audit", content.audit());
            findings.add(Problem.graded(LoggingCode.LOG_303, content.breach() > 0 ? Grade.DEFAULT
                    : LoggingCode.SECURITY_ONLY, resource, facts));
        }
        return findings;
    }

    /** What every log-content finding says: the cluster, the index pattern, the window and its logs. */
    static Map<String, Object> facts(LoggingProperties.Elasticsearch cluster, LogContent content) {
        Map<String, Object> facts = facts(cluster);
        facts.put("pattern", cluster.indexPattern());
        facts.put("field", cluster.timestampField());
        facts.put("window", content.window().description());
        facts.put("start", content.window().start());
        facts.put("end", content.window().end());
        facts.put("logs", content.total());
        return facts;
    }
}
