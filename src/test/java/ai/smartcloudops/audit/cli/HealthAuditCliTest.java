package ai.smartcloudops.audit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.run.ExitCodes;
import org.junit.jupiter.api.Test;

/** Usage errors are caught before anything starts, exit 2 and name what is valid. */
class HealthAuditCliTest {

    @Test
    void anUnknownAreaNamesTheValidAreas() {
        CliRun run = CliRun.of("run", "nightly", "--only", "kubernets");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("unknown area 'kubernets'; valid areas: kubernetes, postgres, redis");
    }

    @Test
    void anUnknownSeverityNamesTheValidOnes() {
        CliRun run = CliRun.of("run", "nightly", "--fail-on", "P7");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("'P7' is not a severity; expected one of P0, P1, P2, P3");
    }

    @Test
    void aMissingJobOrCommandIsAUsageError() {
        assertThat(CliRun.of("run").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(CliRun.of().exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(CliRun.of("config").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(CliRun.of("frobnicate").exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void aMissingConfigFileIsAUsageError() {
        CliRun run = CliRun.of("run", "nightly", "--config", "no/such/file.yml");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("config file no/such/file.yml does not exist");
    }

    @Test
    void checksListsEveryCodeWithItsSeverityCheckAndSchedules() {
        CliRun run = CliRun.of("checks");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).containsPattern(
                "K8S-101 +P1 +kubernetes.node-conditions +hourly,nightly,pre-maintenance +Node \\{name} is NotReady");
        assertThat(run.out()).containsPattern("AUDIT-903 +P1 +audit.sweep");
    }
}
