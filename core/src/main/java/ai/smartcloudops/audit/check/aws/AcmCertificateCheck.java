package ai.smartcloudops.audit.check.aws;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Grade;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.text.Humanize;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.acm.model.CertificateType;
import software.amazon.awssdk.services.acm.model.DomainStatus;
import software.amazon.awssdk.services.acm.model.DomainValidation;
import software.amazon.awssdk.services.acm.model.RenewalStatus;
import software.amazon.awssdk.services.acm.model.RenewalSummary;

/**
 * The region's ACM certificates, issued or expired, of every key type (ListCertificates on its own lists only RSA
 * 2048 ones), each described once: AWS-601 expired (P0 in use, P1 unused); AWS-602 expiring within
 * {@code thresholds.certificate-expiring} (in use: P3, P2 within half of it, P1 within a quarter — 28/14/7 days by
 * default, as the TLS area; unused: P3); AWS-603 renewal failed (P1 in use, P2 unused); AWS-604 an IMPORTED
 * certificate on an ALB, which ACM never renews (P3, P2 within twice the expiring threshold). A certificate without
 * a validity period (still pending validation) is not judged.
 */
@Component
public class AcmCertificateCheck extends AwsCheck {

    static final String ID = "aws.acm.certificates";
    private static final String ALB = ":loadbalancer/app/";


    public AcmCertificateCheck(AwsTargets targets) {
        super(ID, targets);
    }

    @Override
    List<Problem> inspect(CheckContext context, AwsSnapshot snapshot) {
        List<Problem> findings = new ArrayList<>();
        for (CertificateDetail certificate : snapshot.certificates().in(context).orElse(List.of())) {
            if (certificate.notAfter() != null) {
                judge(context, certificate, findings);
            }
        }
        return findings;
    }

    private void judge(CheckContext context, CertificateDetail certificate, List<Problem> findings) {
        Duration expiring = targets.properties().thresholds().certificateExpiring();
        Duration left = Duration.between(context.now(), certificate.notAfter());
        List<String> inUseBy = certificate.hasInUseBy() ? certificate.inUseBy() : List.of();
        boolean inUse = !inUseBy.isEmpty();
        Resource resource = resource(certificate);
        if (left.isNegative() || left.isZero()) {
            Map<String, Object> facts = facts(context, certificate, inUseBy);
            facts.put("ago", Humanize.duration(left.abs()));
            findings.add(Problem.graded(AwsCode.AWS_601, inUse ? Grade.DEFAULT : AwsCode.NOT_IN_USE, resource, facts));
            return;
        }
        if (left.compareTo(expiring) <= 0) {
            Map<String, Object> facts = facts(context, certificate, inUseBy);
            facts.put("left", Humanize.duration(left));
            facts.put("p3", Humanize.duration(expiring));
            facts.put("p2", Humanize.duration(expiring.dividedBy(2)));
            facts.put("p1", Humanize.duration(expiring.dividedBy(4)));
            String grade = !inUse || left.compareTo(expiring.dividedBy(2)) > 0 ? Grade.DEFAULT
                    : left.compareTo(expiring.dividedBy(4)) > 0 ? AwsCode.IN_USE_HALF : AwsCode.IN_USE_QUARTER;
            findings.add(Problem.graded(AwsCode.AWS_602, grade, resource, facts));
        }
        RenewalSummary renewal = certificate.renewalSummary();
        if (renewal != null && renewal.renewalStatus() == RenewalStatus.FAILED) {
            Map<String, Object> facts = facts(context, certificate, inUseBy);
            facts.put("reason", renewal.renewalStatusReasonAsString() == null ? "no reason given"
                    : renewal.renewalStatusReasonAsString());
            facts.put("updatedAt", renewal.updatedAt() == null ? "unknown" : renewal.updatedAt());
            facts.put("left", Humanize.duration(left));
            facts.put("validation", String.join(", ", (renewal.hasDomainValidationOptions()
                    ? renewal.domainValidationOptions() : List.<DomainValidation>of()).stream().filter(d -> d.validationStatus() != DomainStatus.SUCCESS)
                    .map(d -> d.domainName() + " " + d.validationStatusAsString()).toList()));
            if (facts.get("validation").toString().isEmpty()) {
                facts.put("validation", "none");
            }
            findings.add(Problem.graded(AwsCode.AWS_603, inUse ? AwsCode.IN_USE : Grade.DEFAULT, resource, facts));
        }
        List<String> albs = inUseBy.stream().filter(a -> a.contains(ALB)).map(ElbTargetGroups::loadBalancerName)
                .toList();
        if (certificate.type() == CertificateType.IMPORTED && !albs.isEmpty()) {
            Map<String, Object> facts = facts(context, certificate, inUseBy);
            facts.put("left", Humanize.duration(left));
            facts.put("p2", Humanize.duration(expiring.multipliedBy(2)));
            facts.put("loadBalancers", String.join(", ", albs));
            findings.add(Problem.graded(AwsCode.AWS_604, left.compareTo(expiring.multipliedBy(2)) <= 0 ? AwsCode.WITHIN_TWICE : Grade.DEFAULT, resource, facts));
        }
    }

    /** {@code Certificate/api.smartcloudops.ai 0b3c9e7a-...}: the domain to read, the id to be unique. */
    static Resource resource(CertificateDetail certificate) {
        String arn = certificate.certificateArn();
        return Resource.of("Certificate", certificate.domainName() + " " + arn.substring(arn.lastIndexOf('/') + 1));
    }

    private Map<String, Object> facts(CheckContext context, CertificateDetail certificate, List<String> inUseBy) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("domain", certificate.domainName());
        facts.put("arn", certificate.certificateArn());
        facts.put("region", targets.region(context).id());
        facts.put("host", certificate.domainName().startsWith("*.") ? certificate.domainName().substring(2)
                : certificate.domainName());
        facts.put("type", certificate.typeAsString());
        facts.put("notAfter", certificate.notAfter());
        facts.put("inUseBy", inUseBy.isEmpty() ? "nothing"
                : String.join(", ", inUseBy.stream().map(ElbTargetGroups::loadBalancerName).toList()));
        RenewalSummary renewal = certificate.renewalSummary();
        facts.put("eligibility", certificate.renewalEligibility() == null ? "unknown"
                : certificate.renewalEligibilityAsString());
        facts.put("renewal", renewal == null ? "none" : renewal.renewalStatusAsString() + (renewal.renewalStatusReason() == null ? ""
                : " (" + renewal.renewalStatusReasonAsString() + ")"));
        return facts;
    }
}
