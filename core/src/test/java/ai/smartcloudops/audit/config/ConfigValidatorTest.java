package ai.smartcloudops.audit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import ai.smartcloudops.audit.cli.CliRun;
import ai.smartcloudops.audit.run.ExitCodes;
import ai.smartcloudops.audit.store.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

class ConfigValidatorTest {

    @TempDir
    Path tmp;

    /** The list the validator reads instead of scanning: every record a scan finds, and nothing else. */
    @Test
    void thePropertiesRecordsListedAreExactlyThoseOnTheClasspath() {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        List<String> scanned = scanner.findCandidateComponents("ai.smartcloudops.audit").stream()
                .map(BeanDefinition::getBeanClassName).toList();

        assertThat(scanned).hasSizeGreaterThan(10);
        assertThat(ConfigValidator.propertiesRecords().values()).extracting(Class::getName)
                .as("the records listed in %s", ConfigValidator.PROPERTIES_RECORDS)
                .containsExactlyInAnyOrderElementsOf(scanned);
    }

    @Test
    void theShippedDefaultsAndTheProductionExampleAreValid() throws Exception {
        assertThat(new ConfigValidator().validate(Path.of("config/health-audit.yml"))).isEmpty();
        // the example takes its secrets from variables; a system property resolves ${VAR} like the environment
        List<String> secrets = List.of("AUDIT_DB_PASSWORD", "REDIS_AUTH_TOKEN", "AUDIT_ES_PASSWORD");
        Path example = Path.of("config/examples/smartcloudops-prod.yml");
        assertThat(new ConfigValidator().validate(example)).extracting(ConfigValidator.Problem::message)
                .containsExactlyElementsOf(secrets.stream().map(v -> "variable " + v + " is not set (the value is ${"
                        + v + "})").toList());
        secrets.forEach(v -> System.setProperty(v, "secret"));
        try {
            assertThat(new ConfigValidator().validate(example)).isEmpty();
        } finally {
            secrets.forEach(System::clearProperty);
        }
    }

    @Test
    void malformedYamlNamesFileLineAndKeyAndExitsTwo() throws Exception {
        Path file = write("""
                health-audit:
                  sweep:
                    parallelism: 4
                   check-timeout: 5s
                """);

        CliRun run = CliRun.of("config", "validate", file.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).startsWith(file + ":4: key 'health-audit.sweep.check-timeout': malformed YAML");
    }

    @Test
    void anUnknownKeyNamesTheValidOnes() throws Exception {
        Path file = write("""
                health-audit:
                  kubernetes:
                    restart-treshold: 4
                """);

        List<ConfigValidator.Problem> problems = new ConfigValidator().validate(file);

        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).toString()).isEqualTo(file + ":3: key 'health-audit.kubernetes.restart-treshold': "
                + "unknown key; valid keys under health-audit.kubernetes: alb-health-check-path, "
                + "allocated-percent-threshold, app-config, clusters, cpu-limit-percent-threshold, "
                + "critical-deployments, critical-min-ready, "
                + "memory-limit-percent-threshold, monitoring, namespaces, page-size, pending-grace, "
                + "quota-percent-threshold, restart-threshold, restart-window, usage-percent-threshold, window");
    }

    @Test
    void anUnknownTopLevelAreaNamesTheValidAreas() throws Exception {
        Path file = write("""
                health-audit:
                  kubernets: {}
                """);

        assertThat(new ConfigValidator().validate(file)).singleElement().asString()
                .contains(":2: key 'health-audit.kubernets': unknown key; valid keys under health-audit: ")
                .contains("kubernetes").contains("sweep").contains("severity-overrides");
    }

    @Test
    void wrongValuesNameTheirKeyAndLine() throws Exception {
        Path file = write("""
                health-audit:
                  kubernetes:
                    restart-threshold: 0
                  sweep:
                    check-timeout: soon
                    parallelism: many
                  severity-overrides:
                    K8S-103: P9
                """);

        List<String> problems = new ConfigValidator().validate(file).stream().map(Object::toString).toList();

        assertThat(problems).anyMatch(p -> p.startsWith(file + ":3: key 'health-audit.kubernetes'")
                && p.contains("restart-threshold must be at least 1"));
        assertThat(problems).contains(
                file + ":5: key 'health-audit.sweep.check-timeout': expected a duration such as 30s or 5m, got 'soon'",
                file + ":6: key 'health-audit.sweep.parallelism': expected a number, got 'many'",
                file + ":8: key 'health-audit.severity-overrides[K8S-103]': expected one of P0, P1, P2, P3, got 'P9'");
    }

    @Test
    void aKeyWithControlCharactersIsPrintedEscapedOnOneLine() throws Exception {
        Path file = write("health-audit:\n  \"sweep\\r\\n\\e[2Jforged\": 1\n");

        CliRun run = CliRun.of("config", "validate", file.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err().lines()).singleElement().asString()
                .startsWith(file + ":2: key 'health-audit.sweep\\r\\n\\u001b[2Jforged': unknown");
    }

    @Test
    void aMissingFileIsAUsageError() {
        CliRun run = CliRun.of("config", "validate", tmp.resolve("nope.yml").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("nope.yml does not exist");
    }

    @Test
    void binaryGarbageIsOneLineNamingTheFileForValidateAndRun() throws Exception {
        Path file = tmp.resolve("garbage.yml");
        Files.write(file, new byte[] {'a', ':', ' ', 1, '\n', (byte) 0xC3, (byte) 0x28, 0, (byte) 0xFF});

        for (CliRun run : List.of(CliRun.of("config", "validate", file.toString()),
                CliRun.of("run", "nightly", "--config", file.toString()))) {
            assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(run.err()).isEqualTo(file + ":2: is not UTF-8 text (byte 0xc3 at offset 5); a configuration "
                    + "file is YAML" + System.lineSeparator());
        }
    }

    @Test
    void aFileThatCannotBeReadIsOneLineNamingIt() {
        Path dir = tmp.resolve("dir.yml");
        assertThat(dir.toFile().mkdir()).isTrue();

        assertThat(new ConfigValidator().validate(dir)).singleElement().asString()
                .isEqualTo(dir + ": cannot be read: Is a directory");
    }

    @Test
    void aFileWithoutReadPermissionIsAUsageErrorNamingIt() throws Exception {
        Path file = write("health-audit: {}\n");
        assertThat(file.toFile().setReadable(false, false)).isTrue();
        assumeFalse(Files.isReadable(file), "the build runs as root, who reads every file");

        CliRun run = CliRun.of("run", "nightly", "--config", file.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).isEqualTo(file + ": cannot be read: permission denied" + System.lineSeparator());
    }

    @Test
    void aFileOverOneMegabyteIsRefusedUnread() throws Exception {
        Path file = write("# " + "x".repeat((int) ConfigValidator.MAX_BYTES) + "\nhealth-audit: {}\n");

        CliRun run = CliRun.of("config", "validate", file.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).isEqualTo(file + ": is larger than 1024 KB, the most a configuration file may be"
                + System.lineSeparator());
    }

    @Test
    void aBillionLaughsStopsAtTheAliasCapWithinASecond() throws Exception {
        StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 10; i++) {
            yaml.append("a").append(i).append(": &a").append(i).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(5, "*a" + (i - 1)))).append("]\n");
        }
        Path file = write(yaml.toString());
        long started = System.nanoTime();

        CliRun run = CliRun.of("config", "validate", file.toString());

        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofSeconds(1));
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).isEqualTo(file + ": its aliases (*name) expand to more than 100000 values; write the "
                + "values out instead" + System.lineSeparator());
    }

    @Test
    void moreAliasesThanSnakeYamlAllowsAreOneLine() throws Exception {
        Path file = write("base: &b {k: v}\nlist: [" + String.join(", ", java.util.Collections.nCopies(60, "*b"))
                + "]\n");

        assertThat(new ConfigValidator().validate(file)).singleElement().asString()
                .startsWith(file + ": malformed YAML: Number of aliases for non-scalar nodes exceeds the specified max");
    }

    @Test
    void anUnsetVariableNamesTheKeyAndTheVariableAnywhereInTheFile() throws Exception {
        Path file = write("""
                spring:
                  mail:
                    password: ${HEALTH_AUDIT_TEST_SMTP_SECRET}
                health-audit:
                  notify:
                    report-url: ${HEALTH_AUDIT_TEST_REPORTS:https://reports.example.com}
                    default-channel: ${health-audit.notify.report-url}
                    slack:
                      webhook-url: ${HEALTH_AUDIT_TEST_SLACK_URL}
                """);

        CliRun run = CliRun.of("config", "validate", file.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err().lines()).containsExactly(
                file + ":3: key 'spring.mail.password': variable HEALTH_AUDIT_TEST_SMTP_SECRET is not set "
                        + "(the value is ${HEALTH_AUDIT_TEST_SMTP_SECRET})",
                file + ":9: key 'health-audit.notify.slack.webhook-url': variable HEALTH_AUDIT_TEST_SLACK_URL is "
                        + "not set (the value is ${HEALTH_AUDIT_TEST_SLACK_URL})");
    }

    @Test
    void everyUrlIsHttpAndNoMessageRepeatsIt() throws Exception {
        Path file = write("""
                health-audit:
                  notify:
                    report-url: https://reports.example.com/audit
                    slack:
                      webhook-url: file:///etc/passwd?token=s3cret
                    webhook:
                      url: gopher://tickets.example.com
                    pagerduty:
                      events-url: https://
                """);

        List<String> problems = new ConfigValidator().validate(file).stream().map(Object::toString).toList();

        assertThat(problems).containsExactly(
                file + ":5: key 'health-audit.notify.slack.webhook-url': must be an http:// or https:// URL, not file:",
                file + ":7: key 'health-audit.notify.webhook.url': must be an http:// or https:// URL, not gopher:",
                file + ":9: key 'health-audit.notify.pagerduty.events-url': must be an http:// or https:// URL "
                        + "(Expected authority at index 8)");
        assertThat(String.join("\n", problems)).doesNotContain("s3cret");
    }

    @Test
    void ratiosAndPercentagesAreInRangeNamingTheirKey() throws Exception {
        Path file = write("""
                health-audit:
                  postgres:
                    thresholds:
                      cache-hit-ratio: 7
                      connections-warn-percent: 180
                      growth-percent-per-day: -1
                      growth-min-bytes: -5
                      index-bloat-percent: 100
                  redis:
                    thresholds:
                      hit-rate: -0.1
                      fragmentation-ratio: 0.5
                  kubernetes:
                    usage-percent-threshold: 101
                  aws:
                    thresholds:
                      rds-cpu-percent: 99.5
                """);

        List<String> problems = new ConfigValidator().validate(file).stream().map(Object::toString).toList();

        assertThat(problems).containsExactly(
                file + ":4: key 'health-audit.postgres.thresholds.cache-hit-ratio': must be a ratio between 0 and 1 "
                        + "(0.99 is 99%), got 7.0",
                file + ":5: key 'health-audit.postgres.thresholds.connections-warn-percent': must be a percentage "
                        + "between 0 and 100, got 180",
                file + ":6: key 'health-audit.postgres.thresholds.growth-percent-per-day': must not be negative, "
                        + "got -1.0",
                file + ":7: key 'health-audit.postgres.thresholds.growth-min-bytes': must not be negative, got -5",
                file + ":11: key 'health-audit.redis.thresholds.hit-rate': must be a ratio between 0 and 1 "
                        + "(0.99 is 99%), got -0.1",
                file + ":12: key 'health-audit.redis.thresholds.fragmentation-ratio': must be at least 1 (memory "
                        + "allocated over used), got 0.5",
                file + ":14: key 'health-audit.kubernetes.usage-percent-threshold': must be a percentage between 0 "
                        + "and 100, got 101");
    }

    @Test
    void aRunRefusesAValueFromTheEnvironmentByTheSameRulesInOneLine() {
        // an environment variable binds like a system property: neither is in the file config validate reads
        System.setProperty("health-audit.notify.slack.webhook-url", "file:/etc/passwd");
        System.setProperty("health-audit.postgres.thresholds.cache-hit-ratio", "99");
        try {
            CliRun run = CliRun.of("run", "nightly", "--store", TestDatabase.newDatabase());

            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.USAGE);
            assertThat(run.err().lines()).singleElement().asString().isIn(
                    "health-audit: health-audit.notify.slack.webhook-url: must be an http:// or https:// URL, "
                            + "not file:",
                    "health-audit: health-audit.postgres.thresholds.cache-hit-ratio: must be a ratio between 0 "
                            + "and 1 (0.99 is 99%), got 99.0");
        } finally {
            System.clearProperty("health-audit.notify.slack.webhook-url");
            System.clearProperty("health-audit.postgres.thresholds.cache-hit-ratio");
        }
    }

    private Path write(String yaml) throws Exception {
        Path file = tmp.resolve("health-audit.yml");
        Files.writeString(file, yaml);
        return file;
    }
}
