package ai.smartcloudops.audit.check.logging;

import ai.smartcloudops.audit.check.AreaCheck;
import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.check.SharedKey;
import ai.smartcloudops.audit.text.Urls;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An Elasticsearch check inspects the cluster's {@link ElasticsearchSnapshot}, read once per run for every
 * Elasticsearch check of the cluster, and says what problems it sees; it reads nothing itself.
 */
abstract class ElasticsearchCheck extends AreaCheck {

    static final String CLUSTER = "ElasticsearchCluster";
    static final String NODE = "ElasticsearchNode";

    protected final LoggingTargets targets;

    protected ElasticsearchCheck(String id, LoggingTargets targets) {
        super(id, LoggingCode.class, targets::elasticsearchTargets);
        this.targets = targets;
    }

    /** What the check finds in the cluster's snapshot, by the cluster's settings and thresholds. */
    abstract List<Problem> inspect(CheckContext context, ElasticsearchSnapshot snapshot,
                                   LoggingProperties.Elasticsearch cluster, LoggingProperties.EsThresholds thresholds);

    /** What the check finds in the cluster's snapshot. */
    final List<Problem> inspect(CheckContext context, ElasticsearchSnapshot snapshot) {
        LoggingProperties.Elasticsearch cluster = targets.cluster(context);
        return inspect(context, snapshot, cluster, targets.properties().thresholdsOf(cluster));
    }

    @Override
    public final List<Problem> run(CheckContext context) {
        return inspect(context, context.shared(SharedKey.of("elasticsearch.snapshot", ElasticsearchSnapshot.class),
                () -> targets.readCluster(context)));
    }

    /** Facts start with the cluster's URL: the remediation's commands go to it. */
    static Map<String, Object> facts(LoggingProperties.Elasticsearch cluster) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("url", Urls.mask(cluster.api().url()));
        return facts;
    }
}
