package ai.smartcloudops.audit.weekly;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The weekly health report by email. SMTP itself is Spring Boot's {@code spring.mail.*} (host, port, username,
 * password from the environment).
 *
 * @param recipients who receives it; empty: the email is only written under {@code <out>/weekly-<date>/}
 * @param from       the sender address
 * @param estate     the estate's name, in the subject and the heading
 */
@ConfigurationProperties("health-audit.weekly")
public record WeeklyProperties(List<String> recipients, String from, String estate) {

    public static final String DEFAULT_FROM = "health-audit@smartcloudops.ai";
    public static final String DEFAULT_ESTATE = "SmartCloudOps production";

    public WeeklyProperties {
        recipients = recipients == null ? List.of()
                : recipients.stream().filter(r -> r != null && !r.isBlank()).map(String::trim).toList();
        from = from == null || from.isBlank() ? DEFAULT_FROM : from.trim();
        estate = estate == null || estate.isBlank() ? DEFAULT_ESTATE : estate.trim();
    }
}
