package ai.smartcloudops.audit.publish;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A WireMock server standing in for S3, for each test, with the AWS SDK's default credentials (its system
 * properties) set to a test pair while it runs: register it with {@code @RegisterExtension}.
 */
public final class FakeS3 extends WireMockServer implements BeforeEachCallback, AfterEachCallback {

    public static final String ACCESS_KEY = "AKIAHEALTHAUDITTEST";

    public FakeS3() {
        super(WireMockConfiguration.options().dynamicPort());
    }

    /** A publisher to this server's bucket {@code audit-reports} in eu-west-1. */
    public S3Publisher publisher(String prefix, String encryption, String kmsKeyId) {
        return new S3Publisher(new PublishProperties(null, new PublishProperties.S3("audit-reports", prefix,
                "eu-west-1", encryption, kmsKeyId, baseUrl())));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        start();
        System.setProperty("aws.accessKeyId", ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", "health-audit-test-secret");
    }

    @Override
    public void afterEach(ExtensionContext context) {
        stop();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }
}
