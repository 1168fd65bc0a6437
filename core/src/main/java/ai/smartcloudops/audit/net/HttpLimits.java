package ai.smartcloudops.audit.net;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The one cap on what the audit reads from an HTTP answer, for every HTTP client of the product (the JSON APIs of
 * the estate, the health-URL probe, the notification webhooks): a body past it is cut off and the request fails,
 * so no server can make the audit hold more than this in memory per request.
 *
 * @param maxBody the largest response body read (default 4MB)
 */
@ConfigurationProperties("health-audit.http")
public record HttpLimits(DataSize maxBody) {

    private static final DataSize MAX = DataSize.ofMegabytes(512);
    public static final HttpLimits DEFAULT = new HttpLimits(null);

    public HttpLimits {
        maxBody = maxBody == null ? DataSize.ofMegabytes(4) : maxBody;
        if (maxBody.toBytes() < 1 || maxBody.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("health-audit.http.max-body must be between 1B and 512MB, got "
                    + maxBody);
        }
    }

    /** The cap as an operator writes it, e.g. {@code 4MB}, with the key that sets it. */
    public String describe() {
        long bytes = maxBody.toBytes();
        String size = bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + "MB"
                : bytes % 1024 == 0 ? bytes / 1024 + "KB" : bytes + "B";
        return size + " (health-audit.http.max-body)";
    }
}
