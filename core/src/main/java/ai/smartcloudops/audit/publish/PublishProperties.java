package ai.smartcloudops.audit.publish;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where a run's results go besides the store and its directory.
 *
 * @param pushgateway the Prometheus Pushgateway that receives each run's gauges
 */
@ConfigurationProperties("health-audit.publish")
public record PublishProperties(Pushgateway pushgateway) {

    public PublishProperties {
        pushgateway = pushgateway == null ? new Pushgateway(null, null) : pushgateway;
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
