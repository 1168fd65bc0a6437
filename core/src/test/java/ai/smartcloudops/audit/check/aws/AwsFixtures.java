package ai.smartcloudops.audit.check.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.check.Check;
import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.RunScope;
import ai.smartcloudops.audit.check.Target;
import ai.smartcloudops.audit.finding.Finding;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * One WireMock server standing in for every AWS service of account "prod" in us-east-1, reached by the real SDK
 * clients through endpoint overrides, with credentials from the SDK's default chain (system properties here).
 * Stubs answer in each service's own protocol: query XML (EC2, ELBv2, RDS, ElastiCache, STS), restJson1 (EKS),
 * awsJson1_1 (ACM) and whatever CloudWatch's client speaks.
 */
final class AwsFixtures implements AutoCloseable {

    static final String ACCOUNT = "prod";
    static final String REGION = "us-east-1";
    static final String TARGET = ACCOUNT + "/" + REGION;
    static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
    static final List<String> SERVICES = List.of("ec2", "eks", "elasticloadbalancing", "rds", "elasticache", "acm",
            "monitoring", "sts");

    static {
        // the default chain's system-property credentials: fake, only the stubs see them
        System.setProperty("aws.accessKeyId", "AKIAHEALTHAUDITTEST");
        System.setProperty("aws.secretAccessKey", "test-secret-key");
    }

    final WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    private final Map<String, String> settings = new HashMap<>();

    AwsFixtures() {
        server.start();
        settings.put("health-audit.aws.accounts[0].name", ACCOUNT);
        settings.put("health-audit.aws.accounts[0].regions[0]", REGION);
        settings.put("health-audit.aws.retry-delay", "10ms");
        SERVICES.forEach(service -> settings.put("health-audit.aws.endpoints." + service, server.baseUrl()));
    }

    /** A setting under health-audit.aws, e.g. {@code set("accounts[0].role-arn", "arn:...")}. */
    AwsFixtures set(String key, String value) {
        settings.put("health-audit.aws." + key, value);
        return this;
    }

    /** Every service's endpoint at {@code baseUrl}, as a YAML flow mapping for health-audit.aws.endpoints. */
    static String endpoints(String baseUrl) {
        return SERVICES.stream().map(service -> service + ": \"" + baseUrl + "\"")
                .collect(Collectors.joining(", ", "{", "}"));
    }

    /**
     * A configuration file's health-audit.aws for the account {@value #ACCOUNT} in {@value #REGION} with every service
     * at this server, followed by {@code more} (YAML under health-audit, indented by two).
     */
    String config(String more) {
        return """
                health-audit:
                  aws:
                    accounts:
                      - {name: %s, regions: [%s]}
                    retry-delay: 10ms
                    endpoints: %s
                %s""".formatted(ACCOUNT, REGION, endpoints(server.baseUrl()), more);
    }

    AwsProperties properties() {
        return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("health-audit.aws",
                AwsProperties.class);
    }

    AwsTargets targets() {
        return new AwsTargets(properties());
    }

    /** EC2's error document (other query services use ErrorResponse: see {@link #queryError}). */
    static ResponseDefinitionBuilder ec2Error(int status, String code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/xml").withBody("""
                <?xml version="1.0" encoding="UTF-8"?>
                <Response><Errors><Error><Code>%s</Code><Message>%s</Message></Error></Errors>\
                <RequestID>0f5e6f2a-1c2b-4d3e-9f80-5a6b7c8d9e0f</RequestID></Response>""".formatted(code, message));
    }

    /** The awsQuery error document of ELBv2, RDS, ElastiCache and STS. */
    static ResponseDefinitionBuilder queryError(int status, String code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/xml").withBody("""
                <ErrorResponse><Error><Type>Sender</Type><Code>%s</Code><Message>%s</Message></Error>\
                <RequestId>0f5e6f2a-1c2b-4d3e-9f80-5a6b7c8d9e0f</RequestId></ErrorResponse>""".formatted(code, message));
    }

    /** The context of {@code check} in a run whose checks on the target are it and {@code others}. */
    static CheckContext context(Check check, Check... others) {
        Set<String> ids = new HashSet<>();
        ids.add(check.id());
        Arrays.stream(others).map(Check::id).forEach(ids::add);
        return new CheckContext(RunScope.first(1L, NOW), check.id(), new Target(TARGET, AwsTargets.KIND), ids);
    }

    static List<Finding> run(Check check) throws Exception {
        return context(check).findings(check);
    }

    /**
     * The findings of {@code check} alone in a run where the account answered {@code code} to {@code action}: its
     * coverage is partial, with one gap naming the action.
     */
    static List<Finding> notPermitted(Check check, String code, String action) throws Exception {
        return notPermitted(check, context(check), code, action);
    }

    /** {@link #notPermitted(Check, String, String)} in {@code context}. */
    static List<Finding> notPermitted(Check check, CheckContext context, String code, String action) throws Exception {
        List<Finding> findings = context.findings(check);
        assertThat(context.gaps()).singleElement().satisfies(gap -> {
            assertThat(gap.permission()).isEqualTo(action);
            assertThat(gap.hidden()).startsWith("what " + action + " answers in " + TARGET + " (" + code + ": ");
        });
        return findings;
    }

    @Override
    public void close() {
        server.stop();
    }
}
