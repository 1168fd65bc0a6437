package ai.smartcloudops.audit.publish;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where a run's results go besides the store and its directory.
 *
 * @param pushgateway the Prometheus Pushgateway that receives each run's gauges
 * @param s3          the S3 bucket that receives each run's report directory
 */
@ConfigurationProperties("health-audit.publish")
public record PublishProperties(Pushgateway pushgateway, S3 s3) {

    public PublishProperties {
        pushgateway = pushgateway == null ? new Pushgateway(null, null) : pushgateway;
        s3 = s3 == null ? new S3(null, null, null, null, null, null) : s3;
    }

    /**
     * @param bucket     the bucket; empty: nothing is uploaded
     * @param prefix     the key prefix of every run's directory: {@code <prefix><run-id>/report.html}
     * @param region     the bucket's region (default: the SDK's region chain)
     * @param encryption server-side encryption: {@code AES256} (default) or {@code aws:kms}
     * @param kmsKeyId   the KMS key of {@code aws:kms} (default: the bucket's or account's)
     * @param endpoint   an S3-compatible endpoint instead of AWS's (path-style addressing)
     */
    public record S3(String bucket, String prefix, String region, String encryption, String kmsKeyId,
                     String endpoint) {
        public S3 {
            bucket = bucket == null || bucket.isBlank() ? null : bucket.trim();
            prefix = prefix == null ? "health-audit/" : prefix.strip().replaceAll("^/+", "");
            if (!prefix.isEmpty() && !prefix.endsWith("/")) {
                prefix = prefix + "/";
            }
            region = region == null || region.isBlank() ? null : region.trim();
            encryption = encryption == null || encryption.isBlank() ? "AES256" : encryption.trim();
            if (!encryption.equals("AES256") && !encryption.equals("aws:kms")) {
                throw new IllegalArgumentException("health-audit.publish.s3.encryption must be AES256 or aws:kms, not '"
                        + encryption + "'");
            }
            kmsKeyId = kmsKeyId == null || kmsKeyId.isBlank() ? null : kmsKeyId.trim();
            endpoint = endpoint == null || endpoint.isBlank() ? null : endpoint.trim();
        }

        /** Where a run's directory goes, as the AWS CLI names it. */
        public String location(long runId) {
            return "s3://" + bucket + "/" + prefix + runId + "/";
        }
    }

    /**
     * @param url     the Pushgateway, e.g. http://pushgateway.monitoring:9091; empty: nothing is pushed
     * @param timeout connecting, sending and reading its answer, together
     */
    public record Pushgateway(String url, Duration timeout) {
        public Pushgateway {
            url = url == null || url.isBlank() ? null : url.trim().replaceAll("/+$", "");
            timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("health-audit.publish.pushgateway.timeout must be positive");
            }
        }
    }
}
