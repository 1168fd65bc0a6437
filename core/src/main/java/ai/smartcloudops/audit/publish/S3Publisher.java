package ai.smartcloudops.audit.publish;

import ai.smartcloudops.audit.report.ReportLocations;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Uploads a run's report directory to S3, so the reports outlive the CronJob's pod: each regular file of
 * {@code <out>/<run-id>/} (never a link) to {@code <prefix><run-id>/<name>}, encrypted at rest (SSE-S3 or SSE-KMS).
 * Credentials come from the SDK's default chain: on EKS the pod's IRSA role (web identity), on a laptop the profile.
 */
@Component
public class S3Publisher implements ReportLocations {

    /** One file's PutObject, its retries included: a bucket that stalls costs the run this at most per file. */
    static final Duration PUT_TIMEOUT = Duration.ofMinutes(2);

    private final PublishProperties.S3 settings;
    private S3Client client;

    public S3Publisher(PublishProperties properties) {
        this.settings = properties.s3();
    }

    public boolean configured() {
        return settings.bucket() != null;
    }

    /** Where the run's directory goes: {@code s3://bucket/prefix/run-id/}. */
    public String location(long runId) {
        return settings.location(runId);
    }

    @Override
    public Optional<String> of(long runId) {
        return configured() ? Optional.of(location(runId)) : Optional.empty();
    }

    /** Uploads the run's directory; returns how many files went where, or says in one line why it could not. */
    public String upload(long runId, Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            PutObjectRequest.Builder put = PutObjectRequest.builder().bucket(settings.bucket())
                    .key(settings.prefix() + runId + "/" + name).contentType(contentType(name))
                    .serverSideEncryption(ServerSideEncryption.fromValue(settings.encryption()));
            if (settings.kmsKeyId() != null) {
                put.ssekmsKeyId(settings.kmsKeyId());
            }
            try {
                client().putObject(put.build(), RequestBody.fromFile(file));
            } catch (SdkException e) {
                throw new IOException("PUT " + location(runId) + name + ": " + e.getMessage(), e);
            }
        }
        return files.size() + " files to " + location(runId);
    }

    @PreDestroy
    synchronized void close() {
        if (client != null) {
            client.close();
        }
    }

    private static String contentType(String name) {
        if (name.endsWith(".html")) {
            return "text/html; charset=UTF-8";
        }
        if (name.endsWith(".json")) {
            return "application/json";
        }
        if (name.endsWith(".xml")) {
            return "application/xml";
        }
        if (name.endsWith(".xlsx")) {
            return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        }
        return "application/octet-stream";
    }

    private synchronized S3Client client() {
        if (client == null) {
            // a checksum only where S3 requires one: the body goes as it is, not in aws-chunked frames
            S3ClientBuilder builder = S3Client.builder().httpClient(Apache5HttpClient.builder().build())
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .overrideConfiguration(c -> c.apiCallTimeout(PUT_TIMEOUT));
            if (settings.region() != null) {
                builder.region(Region.of(settings.region()));
            }
            if (settings.endpoint() != null) {
                builder.endpointOverride(URI.create(settings.endpoint())).forcePathStyle(true);
            }
            client = builder.build();
        }
        return client;
    }
}
