package ai.smartcloudops.audit.check.aws;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Resource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.eks.model.Issue;
import software.amazon.awssdk.services.eks.model.Nodegroup;
import software.amazon.awssdk.services.eks.model.NodegroupScalingConfig;
import software.amazon.awssdk.services.eks.model.NodegroupStatus;

/**
 * Every managed node group of every EKS cluster of the target (ListNodegroups, all pages; DescribeNodegroup): one
 * DEGRADED or with health issues (AWS-202), one whose desired size is its maximum (AWS-203, the guide's Scale Node
 * Groups). A node group is named {@code <cluster>/<node group>}.
 */
@Component
public class EksNodegroupCheck extends AwsCheck {

    public static final String ID = "aws.eks.nodegroups";


    public EksNodegroupCheck(AwsTargets targets) {
        super(ID, targets);
    }

    @Override
    List<Problem> inspect(CheckContext context, AwsSnapshot snapshot) {
        List<Problem> findings = new ArrayList<>();
        for (AwsSnapshot.EksNodegroup described : snapshot.eksNodegroups().in(context).orElse(List.of())) {
            String cluster = described.cluster();
            String name = described.name();
            Nodegroup nodegroup = described.described();
            Resource resource = Resource.of("Nodegroup", cluster + "/" + name);
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("cluster", cluster);
            facts.put("nodegroup", name);
            List<Issue> issues = nodegroup.health() == null ? List.of() : nodegroup.health().issues();
            if (nodegroup.status() == NodegroupStatus.DEGRADED || !issues.isEmpty()) {
                Map<String, Object> health = new LinkedHashMap<>(facts);
                health.put("status", nodegroup.statusAsString());
                health.put("count", issues.size());
                health.put("issues", issues.isEmpty() ? "none reported" : issues.stream()
                        .map(i -> EksClusterCheck.issue(i.codeAsString(), i.message(), i.resourceIds()))
                        .collect(Collectors.joining("; ")));
                findings.add(Problem.of(AwsCode.AWS_202, resource, health));
            }
            NodegroupScalingConfig scaling = nodegroup.scalingConfig();
            if (scaling != null && scaling.desiredSize() != null && scaling.maxSize() != null
                    && scaling.desiredSize() >= scaling.maxSize()) {
                Map<String, Object> size = new LinkedHashMap<>(facts);
                size.put("desiredSize", scaling.desiredSize());
                size.put("maxSize", scaling.maxSize());
                size.put("minSize", scaling.minSize() == null ? 0 : scaling.minSize());
                // in long: a maximum near Integer.MAX_VALUE must not wrap to a negative suggestion
                size.put("newMaxSize", (long) scaling.maxSize() + Math.max(1, scaling.maxSize() / 2));
                findings.add(Problem.of(AwsCode.AWS_203, resource, size));
            }
        }
        return findings;
    }
}
