package ai.smartcloudops.audit.check.logging;

import ai.smartcloudops.audit.check.AreaCheck;
import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.text.Urls;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An Elasticsearch check: one cluster per target, its answers shared by every check of the cluster in a run. */
abstract class ElasticsearchCheck extends AreaCheck {

    static final String CLUSTER = "ElasticsearchCluster";
    static final String NODE = "ElasticsearchNode";

    protected final LoggingTargets targets;

    protected ElasticsearchCheck(String id, LoggingTargets targets) {
        super(id, LoggingCode.class, targets::elasticsearchTargets);
        this.targets = targets;
    }

    abstract List<Problem> inspect(CheckContext context, LoggingProperties.Elasticsearch cluster,
                                   LoggingProperties.EsThresholds thresholds);

    @Override
    public final List<Problem> run(CheckContext context) {
        LoggingProperties.Elasticsearch cluster = targets.cluster(context);
        return inspect(context, cluster, targets.properties().thresholdsOf(cluster));
    }

    /** Facts start with the cluster's URL: the remediation's commands go to it. */
    static Map<String, Object> facts(LoggingProperties.Elasticsearch cluster) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("url", Urls.mask(cluster.api().url()));
        return facts;
    }
}
