package ai.smartcloudops.audit;

import ai.smartcloudops.audit.cli.HealthAuditCli;
import ai.smartcloudops.audit.run.MemoryGuard;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The audit's Spring application; {@link #main} is the command line. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class HealthAuditApplication {

    public static void main(String[] args) {
        MemoryGuard.install(System.err);
        System.exit(HealthAuditCli.execute(args));
    }
}
