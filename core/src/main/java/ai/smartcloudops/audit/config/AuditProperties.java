package ai.smartcloudops.audit.config;

import ai.smartcloudops.audit.finding.Severity;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The audit's own settings; each area binds its own record under {@code health-audit.<area>}.
 *
 * @param home              where the embedded store and the demo keep their data (default: {@link Home#audit()})
 * @param out               the directory that receives reports/out/&lt;run-id&gt;/ and latest/
 * @param store             the embedded store, used when no {@code spring.datasource.url} is configured
 * @param sweep             how checks are run
 * @param severityOverrides per-code severity, e.g. {@code K8S-103: P3}
 * @param waivers           waivers kept in the configuration, beside those the {@code waive} command stores
 */
@ConfigurationProperties("health-audit")
public record AuditProperties(Path home, Path out, Store store, Sweep sweep,
                              Map<String, Severity> severityOverrides, List<Waiver> waivers) {

    public AuditProperties {
        home = home == null ? Home.audit() : expand(home);
        out = out == null ? Path.of("reports", "out") : expand(out);
        store = new Store(store == null || store.embeddedDir() == null ? home.resolve("store")
                : expand(store.embeddedDir()));
        sweep = sweep == null ? new Sweep(null, null, null) : sweep;
        severityOverrides = severityOverrides == null ? Map.of() : Map.copyOf(severityOverrides);
        waivers = waivers == null ? List.of() : List.copyOf(waivers);
    }

    private static Path expand(Path path) {
        return Home.expand(path.toString());
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

    /**
     * One waiver of the configuration; every key is required, a waiver without an expiry is refused.
     *
     * @param code    the finding code waived, or {@code *} for every code
     * @param match   a glob over {@code target/kind/namespace/name} ({@code target/kind/name} when cluster-scoped)
     * @param reason  why the finding is accepted
     * @param owner   who answers for the waiver
     * @param expires a date ({@code 2026-12-31}: waived through that day, UTC) or an instant
     *                ({@code 2026-12-31T18:00:00Z})
     */
    public record Waiver(String code, String match, String reason, String owner, String expires) {

        private static final String KEY = "health-audit.waivers[].";

        public Waiver {
            for (var entry : new String[][] {{"code", code}, {"match", match}, {"reason", reason}, {"owner", owner},
                    {"expires", expires}}) {
                if (entry[1] == null || entry[1].isBlank()) {
                    throw new IllegalArgumentException(KEY + entry[0] + " is required");
                }
            }
            expiresAt(expires);
        }

        public Instant expiresAt() {
            return expiresAt(expires);
        }

        /** A date means the end of that day (UTC); otherwise an ISO-8601 instant. */
        public static Instant expiresAt(String value) {
            try {
                return value.length() == 10 ? LocalDate.parse(value).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()
                        : Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(KEY + "expires must be a date such as 2026-12-31 or an instant "
                        + "such as 2026-12-31T18:00:00Z, got '" + value + "'");
            }
        }
    }
}
