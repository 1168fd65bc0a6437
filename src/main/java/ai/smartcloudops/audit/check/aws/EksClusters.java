package ai.smartcloudops.audit.check.aws;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.SharedKey;
import java.util.List;
import software.amazon.awssdk.services.eks.EksClient;

/** The EKS clusters of a target: the account's {@code eks-clusters}, or every cluster of ListClusters (all pages). */
final class EksClusters {

    static final String LIST = "eks:ListClusters";

    private EksClusters() {
    }

    static EksClient client(AwsTargets targets, CheckContext context) {
        return targets.client(context, "eks", EksClient::builder);
    }

    /** Listed once per target and run, whichever EKS check asks first. */
    static List<String> names(AwsTargets targets, CheckContext context) {
        List<String> configured = targets.account(context).eksClusters();
        if (!configured.isEmpty()) {
            return configured;
        }
        return context.shared(SharedKey.of("aws.eks.clusters", List.class), () -> targets.call(context, LIST,
                () -> client(targets, context).listClustersPaginator(r -> { }).clusters().stream().toList()));
    }

    /** One health issue, e.g. {@code Ec2SubnetNotFound: The subnet was deleted [subnet-0a1b]}. */
    static String issue(String code, String message, List<String> resourceIds) {
        return code + ": " + message + (resourceIds.isEmpty() ? "" : " " + resourceIds);
    }
}
