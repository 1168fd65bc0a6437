package ai.smartcloudops.audit.check.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.RunScope;
import ai.smartcloudops.audit.check.Samples;
import ai.smartcloudops.audit.check.SeverityPolicy;
import ai.smartcloudops.audit.check.Target;
import ai.smartcloudops.audit.demo.aws.AwsDataStubs;
import ai.smartcloudops.audit.demo.aws.NetworkStubs;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Sample;
import ai.smartcloudops.audit.finding.Severity;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * AWS-303, AWS-304 and AWS-305 against the demo's target groups and its load balancer's traffic in CloudWatch's
 * GetMetricData (RPC v2 CBOR), over the window since the previous run's read.
 */
class ElbTrafficCheckTest {

    private static final String API_ARN = NetworkStubs.ACCOUNT_ARN + "targetgroup/smartcloudops-api-tg/73e2d6bc24d8a067";
    private static final String LB = "app/smartcloudops-alb/50dc6c495c0c9188";

    private final AwsFixtures aws = new AwsFixtures();

    @AfterEach
    void stop() {
        aws.close();
    }

    /** The check's findings in a second run with {@code samples} of the first. */
    private List<Finding> run(AwsTargets targets, Samples samples) throws Exception {
        ElbTrafficCheck check = new ElbTrafficCheck(targets);
        return context(check, samples).findings(check);
    }

    /** The check's context in a second run, with {@code samples} of the first. */
    private static CheckContext context(ElbTrafficCheck check, Samples samples) {
        RunScope scope = new RunScope(2L, AwsFixtures.NOW, SeverityPolicy.DEFAULTS, new ConcurrentHashMap<>(),
                f -> Optional.empty(), samples);
        return new CheckContext(scope, check.id(), new Target(AwsFixtures.TARGET, AwsTargets.KIND),
                Set.of(check.id()));
    }

    private static Samples since(Instant previous) {
        return new Samples((target, name) -> AwsFixtures.TARGET.equals(target) && ElbTraffic.READ_UNTIL.equals(name)
                ? Optional.of(new Sample(previous.getEpochSecond(), previous)) : Optional.empty());
    }

    @Test
    void theBalancersOwn5xxTheTargets5xxAndSlowResponsesSinceThePreviousRunAreEachAFinding() throws Exception {
        NetworkStubs.elb(aws.server);
        Samples samples = since(AwsFixtures.NOW.minus(Duration.ofMinutes(47)));

        List<Finding> findings = run(aws.targets(), samples);

        String window = "since the previous run at 2026-05-01T11:13:00Z";
        assertThat(findings).extracting(f -> f.code().code(), Finding::severity, Finding::resource, Finding::title)
                .containsExactly(
                        tuple("AWS-304", Severity.P2, Resource.of("TargetGroup", "smartcloudops-api-tg"),
                                "Target group smartcloudops-api-tg answered 2.4% of its requests with 5xx"),
                        tuple("AWS-305", Severity.P2, Resource.of("TargetGroup", "smartcloudops-api-tg"),
                                "Target group smartcloudops-api-tg answers in 2.61s at p95 and 7.94s at p99"),
                        tuple("AWS-303", Severity.P1, Resource.of("LoadBalancer", "smartcloudops-alb"),
                                "Load balancer smartcloudops-alb failed 1.8% of its requests itself"));
        assertThat(findings.get(0).detail()).isEqualTo("4422 of 184250 requests " + window + ", through " + LB
                + ", got a 5xx from the targets (P2 from 1%, P1 from 5%): the application behind the group fails "
                + "them.");
        assertThat(findings.get(1).detail()).isEqualTo("TargetResponseTime of 184250 requests " + window
                + ", through " + LB + " (thresholds: p95 2s, p99 5s; the guide's symptom is API responses over 2 "
                + "seconds).");
        assertThat(findings.get(2).detail()).startsWith("5180 of 285740 requests " + window + " got a 5xx from the "
                + "load balancer, not from a target (threshold 1%): 502 when");
        assertThat(findings.get(0).remediation()).startsWith("""
                aws cloudwatch get-metric-statistics --namespace AWS/ApplicationELB --region us-east-1 \\
                  --dimensions Name=TargetGroup,Value=targetgroup/smartcloudops-api-tg/73e2d6bc24d8a067 \
                Name=LoadBalancer,Value=%s \\
                  --start-time 2026-05-01T11:13:00Z --end-time 2026-05-01T12:00:00Z --period 300 --statistics Sum \\
                  --metric-name HTTPCode_Target_5XX_Count
                # INGRESS, NAMESPACE: the Ingress behind smartcloudops-api-tg""".formatted(LB))
                .contains("aws elbv2 describe-tags --resource-arns " + API_ARN + " --region us-east-1\n");
        assertThat(findings.get(2).remediation()).contains("aws elbv2 describe-tags --resource-arns "
                + NetworkStubs.ACCOUNT_ARN + "loadbalancer/" + LB + " --region us-east-1\n");

        // one GetMetricData for every metric of every group in use, each one datapoint of the 47 minutes
        List<LoggedRequest> asked = aws.server.findAll(AwsDataStubs.getMetricDataRequested());
        assertThat(asked).hasSize(1);
        byte[] body = asked.get(0).getBody();
        assertThat(count(body, key("MetricStat"))).isEqualTo(3 * 4 + 2);
        // each followed by the unsigned 16-bit 2820 (47 minutes)
        byte[] period = Arrays.copyOf(key("Period"), 10);
        period[7] = 0x19;
        period[8] = 0x0b;
        period[9] = 0x04;
        assertThat(count(body, period)).isEqualTo(3 * 4 + 2);
        assertThat(new String(body, StandardCharsets.ISO_8859_1)).doesNotContain("legacy");
        assertThat(samples.recorded()).containsEntry(new Sample.Key(AwsFixtures.TARGET, ElbTraffic.READ_UNTIL),
                (double) AwsFixtures.NOW.getEpochSecond());
    }

    /** A short CBOR text string: its header (major type 3, the length) and its bytes. */
    private static byte[] key(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        byte[] encoded = new byte[bytes.length + 1];
        encoded[0] = (byte) (0x60 + bytes.length);
        System.arraycopy(bytes, 0, encoded, 1, bytes.length);
        return encoded;
    }

    private static int count(byte[] body, byte[] pattern) {
        int found = 0;
        for (int i = 0; i + pattern.length <= body.length; i++) {
            if (Arrays.equals(body, i, i + pattern.length, pattern, 0, pattern.length)) {
                found++;
            }
        }
        return found;
    }

    @Test
    void fewRequestsAreNotJudgedAndTheThresholdsAreConfigured() throws Exception {
        NetworkStubs.elb(aws.server);
        aws.set("thresholds.traffic-min-requests", "200000").set("thresholds.response-time-p99", "8s");

        // the api group's 184,250 requests are too few now; the balancer's 285,740 are not
        assertThat(run(aws.targets(), Samples.none())).extracting(f -> f.code().code())
                .containsExactly("AWS-303");
    }

    @Test
    void theTargetsFailingPastTheCriticalShareAreP1AndBandsThatCannotGradeAreRefused() throws Exception {
        NetworkStubs.elb(aws.server);

        assertThat(run(aws.set("thresholds.target-error-critical", "2").targets(), Samples.none()))
                .filteredOn(f -> f.code().code().equals("AWS-304")).extracting(Finding::severity)
                .containsExactly(Severity.P1);
        assertThatThrownBy(() -> aws.set("thresholds.target-error-critical", "0.5").properties())
                .rootCause().hasMessage("health-audit.aws.thresholds: elb-error-percent (1.0) and "
                        + "target-error-percent (1.0) must be above 0, and target-error-percent below "
                        + "target-error-critical (0.5)");
        assertThatThrownBy(() -> aws.set("thresholds.target-error-critical", "5")
                .set("thresholds.traffic-min-requests", "0").properties())
                .rootCause().hasMessage("health-audit.aws.thresholds.traffic-min-requests must be at least 1, not 0");
    }

    @Test
    void aDeniedGetMetricDataSkipsThisCheckAloneAndNamesTheAction() throws Exception {
        NetworkStubs.elb(aws.server);
        aws.server.stubFor(AwsDataStubs.getMetricData().atPriority(1).withRequestBody(containing("AWS/ApplicationELB"))
                .willReturn(AwsDataStubs.cborError(403, "AccessDenied", "not authorized to perform: "
                        + "cloudwatch:GetMetricData")));
        Samples samples = since(AwsFixtures.NOW.minus(Duration.ofMinutes(47)));
        ElbTrafficCheck check = new ElbTrafficCheck(aws.targets());

        assertThat(AwsFixtures.notPermitted(check, context(check, samples), "AccessDenied",
                "cloudwatch:GetMetricData")).isEmpty();
        // nothing read: the next run's window still covers this one
        assertThat(samples.recorded()).isEmpty();
    }
}
