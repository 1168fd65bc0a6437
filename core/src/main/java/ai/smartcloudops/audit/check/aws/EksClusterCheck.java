package ai.smartcloudops.audit.check.aws;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Resource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.eks.model.Cluster;
import software.amazon.awssdk.services.eks.model.ClusterIssue;

/**
 * Every EKS cluster of the target (DescribeCluster): health issues (AWS-201), and a Kubernetes version past the end
 * of its EKS standard support (AWS-204, from {@code thresholds.eks-end-of-standard-support}; a version older than
 * every version configured is past it too).
 */
@Component
public class EksClusterCheck extends AwsCheck {

    public static final String ID = "aws.eks.clusters";


    public EksClusterCheck(AwsTargets targets) {
        super(ID, targets);
    }

    @Override
    List<Problem> inspect(CheckContext context, AwsSnapshot snapshot) {
        LocalDate today = LocalDate.ofInstant(context.now(), ZoneOffset.UTC);
        List<Problem> findings = new ArrayList<>();
        for (Map.Entry<String, Cluster> described : snapshot.eksClusters().in(context).orElse(Map.of()).entrySet()) {
            Cluster cluster = described.getValue();
            Resource resource = Resource.of("Cluster", described.getKey());
            List<ClusterIssue> issues = cluster.health() == null ? List.of() : cluster.health().issues();
            if (!issues.isEmpty()) {
                Map<String, Object> facts = new LinkedHashMap<>();
                facts.put("status", cluster.statusAsString());
                facts.put("count", issues.size());
                facts.put("issues", issues.stream()
                        .map(i -> issue(i.codeAsString(), i.message(), i.resourceIds()))
                        .collect(Collectors.joining("; ")));
                findings.add(Problem.of(AwsCode.AWS_201, resource, facts));
            }
            endOfStandardSupport(cluster.version()).filter(end -> !today.isBefore(end)).ifPresent(end -> {
                Map<String, Object> facts = new LinkedHashMap<>();
                facts.put("version", cluster.version());
                facts.put("endOfStandardSupport", end);
                facts.put("supportType", cluster.upgradePolicy() == null
                        || cluster.upgradePolicy().supportType() == null
                        ? "not reported" : cluster.upgradePolicy().supportTypeAsString());
                facts.put("nextVersion", next(cluster.version()));
                findings.add(Problem.of(AwsCode.AWS_204, resource, facts));
            });
        }
        return findings;
    }

    /**
     * The configured end of standard support of {@code version}; for a version older than every configured one, the
     * earliest configured end (it ended before that); empty for a version newer than or between the configured ones.
     */
    Optional<LocalDate> endOfStandardSupport(String version) {
        Map<String, LocalDate> ends = targets.properties().thresholds().eksEndOfStandardSupport();
        if (version == null || minor(version) < 0) {
            return Optional.empty();
        }
        if (ends.containsKey(version)) {
            return Optional.of(ends.get(version));
        }
        return ends.keySet().stream().min(Comparator.comparingInt(EksClusterCheck::minor))
                .filter(oldest -> minor(version) < minor(oldest)).map(ends::get);
    }

    /** One health issue, e.g. {@code Ec2SubnetNotFound: The subnet was deleted [subnet-0a1b]}. */
    static String issue(String code, String message, List<String> resourceIds) {
        return code + ": " + message + (resourceIds.isEmpty() ? "" : " " + resourceIds);
    }

    /** The minor of {@code 1.NN}, -1 when it is not one. */
    private static int minor(String version) {
        String[] parts = version.split("\\.");
        return parts.length == 2 && parts[0].equals("1") && parts[1].matches("\\d+") ? Integer.parseInt(parts[1]) : -1;
    }

    private static String next(String version) {
        return "1." + (minor(version) + 1);
    }
}
