package ai.smartcloudops.audit.config;

import ai.smartcloudops.audit.finding.Severity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The audit's own settings; each area binds its own record under {@code health-audit.<area>}.
 *
 * @param home              where the embedded store and the demo keep their data
 * @param out               the directory that receives reports/out/&lt;run-id&gt;/ and latest/
 * @param store             the embedded store, used when no {@code spring.datasource.url} is configured
 * @param sweep             how checks are run
 * @param severityOverrides per-code severity, e.g. {@code K8S-103: P3}
 */
@ConfigurationProperties("health-audit")
public record AuditProperties(Path home, Path out, Store store, Sweep sweep,
                              Map<String, Severity> severityOverrides) {

    public AuditProperties {
        home = home == null ? Path.of(System.getProperty("user.home"), ".health-audit") : expand(home);
        out = out == null ? Path.of("reports", "out") : expand(out);
        store = new Store(store == null || store.embeddedDir() == null ? home.resolve("store")
                : expand(store.embeddedDir()));
        sweep = sweep == null ? new Sweep(null, null, null) : sweep;
        severityOverrides = severityOverrides == null ? Map.of() : Map.copyOf(severityOverrides);
    }

    private static Path expand(Path path) {
        String p = path.toString();
        return p.equals("~") || p.startsWith("~/") ? Path.of(System.getProperty("user.home") + p.substring(1)) : path;
    }

    /** @param embeddedDir the data directory of the embedded PostgreSQL (default: home/store) */
    public record Store(Path embeddedDir) {
    }

    /**
     * @param parallelism  (check, target) pairs run at once
     * @param checkTimeout how long one check may take on one target
     * @param timeouts     per-check timeout by check id, e.g. {@code kubernetes.node-allocation: 2m}
     */
    public record Sweep(Integer parallelism, Duration checkTimeout, Map<String, Duration> timeouts) {

        public Sweep {
            parallelism = parallelism == null ? 4 : parallelism;
            checkTimeout = checkTimeout == null ? Duration.ofSeconds(60) : checkTimeout;
            timeouts = timeouts == null ? Map.of() : Map.copyOf(timeouts);
            if (parallelism < 1 || parallelism > 256) {
                throw new IllegalArgumentException("health-audit.sweep.parallelism must be between 1 and 256");
            }
            if (checkTimeout.isNegative() || checkTimeout.isZero()) {
                throw new IllegalArgumentException("health-audit.sweep.check-timeout must be positive");
            }
        }

        public Duration timeoutOf(String checkId) {
            return timeouts.getOrDefault(checkId, checkTimeout);
        }
    }
}
