package ai.smartcloudops.audit.check.aws;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Resource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * The instances of the EKS managed node groups (DescribeInstances filtered on the tag key {@code eks:cluster-name},
 * every page; the node group is the tag {@code eks:nodegroup-name}) of the account's configured clusters, or of
 * every cluster when none is configured: one stopped is AWS-103.
 */
@Component
public class Ec2NodegroupInstancesCheck extends AwsCheck {

    public static final String ID = "aws.ec2.nodegroup-instances";


    public Ec2NodegroupInstancesCheck(AwsTargets targets) {
        super(ID, targets);
    }

    @Override
    List<Problem> inspect(CheckContext context, AwsSnapshot snapshot) {
        List<String> clusters = targets.account(context).eksClusters();
        List<Problem> findings = new ArrayList<>();
        for (Instance instance : snapshot.nodegroupInstances().in(context).orElse(List.of())) {
            Optional<String> cluster = tag(instance, AwsSnapshot.CLUSTER_TAG);
            Optional<String> nodegroup = tag(instance, AwsSnapshot.NODEGROUP_TAG);
            if (cluster.isEmpty() || nodegroup.isEmpty() || !clusters.isEmpty() && !clusters.contains(cluster.get())
                    || instance.state() == null || instance.state().name() != InstanceStateName.STOPPED) {
                continue;
            }
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("cluster", cluster.get());
            facts.put("nodegroup", nodegroup.get());
            facts.put("instanceType", instance.instanceTypeAsString());
            facts.put("zone", instance.placement() == null ? "?" : instance.placement().availabilityZone());
            facts.put("reason", instance.stateReason() != null && instance.stateReason().message() != null
                    ? instance.stateReason().message()
                    : Optional.ofNullable(instance.stateTransitionReason()).filter(r -> !r.isBlank())
                            .orElse("none given"));
            findings.add(Problem.of(AwsCode.AWS_103, Resource.of("Instance", instance.instanceId()), facts));
        }
        return findings;
    }

    private static Optional<String> tag(Instance instance, String key) {
        return instance.tags().stream().filter(t -> key.equals(t.key())).map(Tag::value).findFirst();
    }
}
