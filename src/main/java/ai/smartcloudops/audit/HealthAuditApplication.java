package ai.smartcloudops.audit;

import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class HealthAuditApplication {
}
