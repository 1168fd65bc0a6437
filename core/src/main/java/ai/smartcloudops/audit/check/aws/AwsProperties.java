package ai.smartcloudops.audit.check.aws;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The AWS accounts and regions to audit, how to call them, and the AWS thresholds. Credentials come only from the
 * SDK's default chain (environment, profile, web identity for IRSA), optionally exchanged for an account's role by
 * STS AssumeRole: there are no keys in this configuration.
 *
 * @param accounts    one entry per account; empty means no AWS audit
 * @param retryMode   the SDK's retry mode for throttling and transient errors: standard or adaptive
 * @param maxAttempts attempts of one API call, the first included
 * @param retryDelay  optional base delay of the retry backoff (the SDK's own when absent)
 * @param concurrency API calls in flight at once per account
 * @param apiTimeout  the whole of one API call, retries included
 * @param endpoints   optional endpoint per service id (ec2, eks, elasticloadbalancing, rds, elasticache, acm,
 *                    monitoring, sts): VPC endpoints, or the stubs of the tests and the demo
 * @param thresholds  the AWS checks' thresholds
 */
@ConfigurationProperties("health-audit.aws")
public record AwsProperties(List<Account> accounts, String retryMode, Integer maxAttempts, Duration retryDelay,
                            Integer concurrency, Duration apiTimeout, Map<String, String> endpoints,
                            Thresholds thresholds) {

    static final String PREFIX = "health-audit.aws";
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov)?-[a-z]+-\\d");

    public AwsProperties {
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
        retryMode = retryMode == null ? "adaptive" : retryMode;
        if (!retryMode.equals("standard") && !retryMode.equals("adaptive")) {
            throw new IllegalArgumentException(PREFIX + ".retry-mode must be standard or adaptive, not " + retryMode);
        }
        maxAttempts = maxAttempts == null ? 5 : maxAttempts;
        if (maxAttempts < 1) {
            throw new IllegalArgumentException(PREFIX + ".max-attempts must be at least 1");
        }
        concurrency = concurrency == null ? 4 : concurrency;
        if (concurrency < 1) {
            throw new IllegalArgumentException(PREFIX + ".concurrency must be at least 1");
        }
        apiTimeout = apiTimeout == null ? Duration.ofSeconds(60) : apiTimeout;
        endpoints = endpoints == null ? Map.of() : Map.copyOf(endpoints);
        endpoints.forEach((service, url) -> {
            if (!url.matches("https?://.+")) {
                throw new IllegalArgumentException(PREFIX + ".endpoints." + service + " must be an http(s) URL");
            }
        });
        thresholds = thresholds == null ? Thresholds.DEFAULTS : thresholds;
        long names = accounts.stream().map(Account::name).distinct().count();
        if (names != accounts.size()) {
            throw new IllegalArgumentException(PREFIX + ".accounts: account names must be unique");
        }
    }

    /**
     * One AWS account: every region of it is a target named {@code <name>/<region>}.
     *
     * @param name        the name findings use
     * @param roleArn     optional role to assume (STS AssumeRole) from the default credentials
     * @param externalId  optional external id the role's trust policy requires
     * @param regions     the regions to audit
     * @param eksClusters the EKS clusters of the account (all of them when empty)
     * @param production  a pattern of the resource names that are production (Multi-AZ and backups required)
     */
    public record Account(String name, String roleArn, String externalId, List<String> regions,
                          List<String> eksClusters, String production) {

        public Account {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException(PREFIX + ".accounts[].name is required");
            }
            String key = PREFIX + ".accounts[" + name + "]";
            if (roleArn != null && !roleArn.matches("arn:aws[a-z-]*:iam::\\d{12}:role/.+")) {
                throw new IllegalArgumentException(key + ".role-arn must be arn:aws:iam::<12 digits>:role/<name>");
            }
            regions = regions == null ? List.of() : List.copyOf(regions);
            if (regions.isEmpty()) {
                throw new IllegalArgumentException(key + ".regions needs at least one region, e.g. us-east-1");
            }
            regions.stream().filter(r -> !REGION.matcher(r).matches()).findFirst().ifPresent(r -> {
                throw new IllegalArgumentException(key + ".regions: '" + r + "' is not a region, e.g. us-east-1");
            });
            eksClusters = eksClusters == null ? List.of() : List.copyOf(eksClusters);
            production = production == null ? ".*prod.*" : production;
            Pattern.compile(production);
        }

        /** True when {@code resourceName} is a production resource of this account. */
        public boolean isProduction(String resourceName) {
            return Pattern.compile(production).matcher(resourceName).matches();
        }
    }

    /**
     * @param maintenanceWithin      EC2 scheduled events starting within this are findings
     * @param eksEndOfStandardSupport Kubernetes minor version → end of its EKS standard support
     * @param healthCheckPath        the ALB target groups' expected health-check path (the guide's)
     * @param rdsFreeStorageWarn     RDS free storage below this share of allocated storage: P2 ...
     * @param rdsFreeStorageCritical ... below this: P1
     * @param rdsCpuPercent          RDS CPUUtilization average over the last hour above this
     * @param cacheMemoryPercent     ElastiCache DatabaseMemoryUsagePercentage above this
     * @param certificateExpiring    ACM certificates expiring within this (P3; P2 at half, P1 at a quarter)
     * @param trafficMinRequests     a load balancer or target group with fewer requests in the window is not judged
     * @param elbErrorPercent          the load balancer's own 5xx over its requests, in percent, from which AWS-303
     * @param targetErrorPercent       a target group's 5xx over its requests, in percent: AWS-304 P2 ...
     * @param targetErrorCritical      ... and P1 from this
     * @param responseTimeP95        a target group's p95 TargetResponseTime above this: AWS-305 (the guide's 2 s)
     * @param responseTimeP99        ... or its p99 above this
     */
    public record Thresholds(Duration maintenanceWithin, Map<String, LocalDate> eksEndOfStandardSupport,
                             String healthCheckPath, Double rdsFreeStorageWarn, Double rdsFreeStorageCritical,
                             Double rdsCpuPercent, Double cacheMemoryPercent, Duration certificateExpiring,
                             Long trafficMinRequests, Double elbErrorPercent, Double targetErrorPercent,
                             Double targetErrorCritical, Duration responseTimeP95, Duration responseTimeP99) {

        static final Thresholds DEFAULTS = new Thresholds(null, null, null, null, null, null, null, null, null, null,
                null, null, null, null);

        public Thresholds {
            maintenanceWithin = maintenanceWithin == null ? Duration.ofDays(7) : maintenanceWithin;
            eksEndOfStandardSupport = eksEndOfStandardSupport == null ? Map.of(
                    "1.28", LocalDate.parse("2024-11-26"), "1.29", LocalDate.parse("2025-03-23"),
                    "1.30", LocalDate.parse("2025-07-23"), "1.31", LocalDate.parse("2025-11-26"),
                    "1.32", LocalDate.parse("2026-03-23"), "1.33", LocalDate.parse("2026-07-29"))
                    : Map.copyOf(eksEndOfStandardSupport);
            healthCheckPath = healthCheckPath == null ? "/api/health" : healthCheckPath;
            rdsFreeStorageWarn = rdsFreeStorageWarn == null ? 0.10 : rdsFreeStorageWarn;
            rdsFreeStorageCritical = rdsFreeStorageCritical == null ? 0.05 : rdsFreeStorageCritical;
            // AWS-402's two bands: P2 below the warning share, P1 below the critical one
            if (rdsFreeStorageCritical >= rdsFreeStorageWarn) {
                throw new IllegalArgumentException("health-audit.aws.thresholds: rds-free-storage-critical ("
                        + rdsFreeStorageCritical + ") must be below rds-free-storage-warn (" + rdsFreeStorageWarn + ")");
            }
            rdsCpuPercent = rdsCpuPercent == null ? 80.0 : rdsCpuPercent;
            cacheMemoryPercent = cacheMemoryPercent == null ? 90.0 : cacheMemoryPercent;
            certificateExpiring = certificateExpiring == null ? Duration.ofDays(28) : certificateExpiring;
            trafficMinRequests = trafficMinRequests == null ? 100 : trafficMinRequests;
            elbErrorPercent = elbErrorPercent == null ? 1.0 : elbErrorPercent;
            targetErrorPercent = targetErrorPercent == null ? 1.0 : targetErrorPercent;
            targetErrorCritical = targetErrorCritical == null ? 5.0 : targetErrorCritical;
            responseTimeP95 = responseTimeP95 == null ? Duration.ofSeconds(2) : responseTimeP95;
            responseTimeP99 = responseTimeP99 == null ? Duration.ofSeconds(5) : responseTimeP99;
            if (trafficMinRequests < 1) {
                throw new IllegalArgumentException("health-audit.aws.thresholds.traffic-min-requests must be at "
                        + "least 1, not " + trafficMinRequests);
            }
            // AWS-304's two bands: P2 from the first share, P1 from the second
            if (!(targetErrorPercent > 0 && targetErrorPercent < targetErrorCritical && elbErrorPercent > 0)) {
                throw new IllegalArgumentException("health-audit.aws.thresholds: elb-error-percent (" + elbErrorPercent
                        + ") and target-error-percent (" + targetErrorPercent + ") must be above 0, and "
                        + "target-error-percent below target-error-critical (" + targetErrorCritical + ")");
            }
        }
    }
}
