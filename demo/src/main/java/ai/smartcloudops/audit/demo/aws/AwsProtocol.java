package ai.smartcloudops.audit.demo.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the stubs of the AWS services speak: query-protocol actions (EC2, ELBv2, RDS, ElastiCache, STS), awsJson
 * targets (ACM), and the body files under {@code demo/aws/} with their moments filled in from a clock.
 */
public final class AwsProtocol {

    /** {@code {now+3d}}, {@code {now-3d+2h}}: plus or minus days, hours, minutes, as EC2 writes times. */
    private static final Pattern TIME = Pattern.compile("\\{now((?:[+-]\\d+[dhm])*)}");
    /** {@code {epoch+10d}}: plus or minus days, in epoch seconds, as awsJson writes times. */
    private static final Pattern EPOCH = Pattern.compile("\\{epoch([+-]\\d+)d}");
    private static final Pattern OFFSET = Pattern.compile("([+-])(\\d+)([dhm])");
    private static final DateTimeFormatter EC2_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private AwsProtocol() {
    }

    /** A query-protocol action (form parameter Action=...), e.g. EC2's DescribeInstanceStatus. */
    public static MappingBuilder query(String action) {
        return post(urlEqualTo("/")).withRequestBody(containing("Action=" + action + "&"));
    }

    /** An awsJson action (header X-Amz-Target), e.g. {@code CertificateManager.ListCertificates}. */
    public static MappingBuilder json(String target) {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(target));
    }

    public static ResponseDefinitionBuilder xml(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(body);
    }

    /** A body file of {@code demo/aws/}, e.g. {@code ec2/describe-instances-1.xml}, its moments taken from now. */
    public static String body(String path, Instant now) {
        String text;
        try (InputStream in = AwsProtocol.class.getResourceAsStream("/demo/aws/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no demo/aws/" + path);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read demo/aws/" + path, e);
        }
        Matcher times = TIME.matcher(text);
        StringBuilder out = new StringBuilder();
        while (times.find()) {
            Instant at = now;
            Matcher offset = OFFSET.matcher(times.group(1));
            while (offset.find()) {
                Duration d = switch (offset.group(3)) {
                    case "d" -> Duration.ofDays(Long.parseLong(offset.group(2)));
                    case "h" -> Duration.ofHours(Long.parseLong(offset.group(2)));
                    default -> Duration.ofMinutes(Long.parseLong(offset.group(2)));
                };
                at = offset.group(1).equals("+") ? at.plus(d) : at.minus(d);
            }
            times.appendReplacement(out, EC2_TIME.format(at));
        }
        times.appendTail(out);
        Matcher epochs = EPOCH.matcher(out.toString());
        StringBuilder filled = new StringBuilder();
        while (epochs.find()) {
            long days = Long.parseLong(epochs.group(1));
            epochs.appendReplacement(filled, String.valueOf(now.plus(Duration.ofDays(days)).getEpochSecond()));
        }
        epochs.appendTail(filled);
        return filled.toString();
    }
}
