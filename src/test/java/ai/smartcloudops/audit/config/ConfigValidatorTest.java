package ai.smartcloudops.audit.config;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.cli.CliRun;
import ai.smartcloudops.audit.run.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigValidatorTest {

    @TempDir
    Path tmp;

    @Test
    void theShippedDefaultsAndTheProductionExampleAreValid() throws Exception {
        assertThat(new ConfigValidator().validate(Path.of("config/health-audit.yml"))).isEmpty();
        assertThat(new ConfigValidator().validate(Path.of("config/examples/smartcloudops-prod.yml"))).isEmpty();
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
                + "allocated-percent-threshold, app-config, clusters, critical-deployments, critical-min-ready, "
                + "memory-limit-percent-threshold, monitoring, namespaces, page-size, pending-grace, "
                + "quota-percent-threshold, restart-threshold, usage-percent-threshold, window");
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
    void aMissingFileIsAUsageError() {
        CliRun run = CliRun.of("config", "validate", tmp.resolve("nope.yml").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("nope.yml does not exist");
    }

    private Path write(String yaml) throws Exception {
        Path file = tmp.resolve("health-audit.yml");
        Files.writeString(file, yaml);
        return file;
    }
}
